package dev.tickbars.pipeline;

import dev.tickbars.transforms.parse.Layout;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the first pass learned of one piece of an input file (the whole file, or a byte range of
 * a large uncompressed one), for the second to read it by chunk: where the bytes to read are
 * ({@code source}: the file itself, or its decompressed copy), the piece's segments (runs of whole
 * lines, each with the range of chunks its ticks fall in), and each symbol's accepted ticks per
 * chunk with the last tick time.
 */
record FileScan(
    int rank, int piece, String source, Layout layout, List<Segment> segments, List<ChunkCount> counts)
    implements Serializable {

  /** The lines that start in bytes {@code [start, end)}. */
  record Segment(long start, long end, long minChunk, long maxChunk) implements Serializable {
    boolean covers(long chunk) {
      return minChunk <= chunk && chunk <= maxChunk;
    }
  }

  /** A symbol's accepted ticks in one chunk of one file. */
  record ChunkCount(String symbol, long chunk, long ticks, long lastNs) implements Serializable {}

  /** A piece's scan, to be filled. */
  FileScan(int rank, int piece, String source, Layout layout) {
    this(rank, piece, source, layout, new ArrayList<>(), new ArrayList<>());
  }

  /** Adds a segment, joined to the last one when it follows it and covers the same chunks. */
  void addSegment(long start, long end, long minChunk, long maxChunk) {
    if (!segments.isEmpty()) {
      Segment last = segments.get(segments.size() - 1);
      if (last.end() == start && last.minChunk() == minChunk && last.maxChunk() == maxChunk) {
        segments.set(segments.size() - 1, new Segment(last.start(), end, minChunk, maxChunk));
        return;
      }
    }
    segments.add(new Segment(start, end, minChunk, maxChunk));
  }
}
