package dev.tickbars.transforms.values;

/**
 * Part of one bar of a frame and symbol: the bar's index in its frame (the cutter's {@code barOf})
 * and what the ticks of one chunk add to it.
 */
public record PartialBar(long bar, BarAccumulator partial) {}
