package dev.tickbars.transforms;

/**
 * A run of consecutive ticks, in (time, position) order, of one symbol's chunk: its block, the
 * chunk, the index of its first tick within the chunk, the time of the chunk's tick before it
 * ({@link NumberedTicks#NO_PREVIOUS} for the chunk's first piece), and whether it ends the chunk.
 */
public record TickPiece(TickBlock ticks, long chunk, long offset, long previousNs, boolean endsChunk) {}
