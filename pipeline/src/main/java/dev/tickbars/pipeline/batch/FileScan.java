package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.values.Cumulative;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the first pass learned of one piece of an input file (the whole file, or a byte range of
 * a large uncompressed one), for the second to read it by chunk: where the bytes to read are
 * ({@code source}: the file itself, or its decompressed copy), the piece's segments (runs of whole
 * lines, each with the range of {@link Hours} its ticks fall in), and each symbol's accepted ticks
 * per hour with the last tick time.
 */
record FileScan(
    int rank, int piece, String source, Layout layout, List<Segment> segments, List<HourCount> counts)
    implements Serializable {

  /**
   * The lines that start in bytes {@code [start, end)}, whose ticks fall in the hours {@code
   * [minHour, maxHour]}.
   */
  record Segment(long start, long end, long minHour, long maxHour) implements Serializable {
    /** Whether some of its ticks may fall in the hours {@code [fromHour, toHour)}. */
    boolean overlaps(long fromHour, long toHour) {
      return minHour < toHour && fromHour <= maxHour;
    }
  }

  /**
   * A symbol's accepted ticks in one hour of one file: how many, the last one's time, and their
   * volume and value ({@link Cumulative} units; zero where no frame is cut by them).
   */
  record HourCount(String symbol, long hour, long ticks, long lastNs, BigInteger volume, BigInteger value)
      implements Serializable {}

  /** A piece's scan, to be filled. */
  FileScan(int rank, int piece, String source, Layout layout) {
    this(rank, piece, source, layout, new ArrayList<>(), new ArrayList<>());
  }

  /** Adds a segment, joined to the last one when it follows it and covers the same hours. */
  void addSegment(long start, long end, long minHour, long maxHour) {
    if (!segments.isEmpty()) {
      Segment last = segments.get(segments.size() - 1);
      if (last.end() == start && last.minHour() == minHour && last.maxHour() == maxHour) {
        segments.set(segments.size() - 1, new Segment(last.start(), end, minHour, maxHour));
        return;
      }
    }
    segments.add(new Segment(start, end, minHour, maxHour));
  }
}
