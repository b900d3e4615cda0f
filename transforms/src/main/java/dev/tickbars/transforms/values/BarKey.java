package dev.tickbars.transforms.values;

/**
 * A frame and a symbol: the key by which bars are joined, batched for writing, and carried from
 * one run to the next.
 */
public record BarKey(String frame, String symbol) {}
