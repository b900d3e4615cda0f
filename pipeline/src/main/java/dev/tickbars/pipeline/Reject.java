package dev.tickbars.pipeline;

/** A line that is not a tick: where it is, why, and the line itself (SPEC 2). */
public record Reject(String file, long line, String reason, String raw) {}
