package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.values.Cumulative;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The second pass's unit of work: the ticks of some symbols in one or more consecutive chunks,
 * done one chunk at a time into one output file per symbol and output folder.
 */
record ChunkTask(List<Chunk> chunks) implements Serializable {

  /**
   * The ticks of some symbols in one chunk, the UTC hours {@code [fromHour, toHour)} (a day, or a
   * part of one): the byte ranges of the input that hold them and, per symbol, where they stand in
   * all of its ticks.
   */
  record Chunk(long fromHour, long toHour, List<Range> ranges, Map<String, SymbolStart> symbols)
      implements Serializable {
    long ticks() {
      return symbols.values().stream().mapToLong(SymbolStart::ticks).sum();
    }

    BarCutter.Span span() {
      return new BarCutter.Span(Hours.startNs(fromHour), Hours.startNs(toHour));
    }
  }

  /** The lines in bytes {@code [start, end)} of {@code source}, of the file ranked {@code rank}. */
  record Range(int rank, String source, Layout layout, long start, long end) implements Serializable {}

  /**
   * A symbol's ticks in a chunk: the id of the first, how many, the time of the tick before it
   * ({@link dev.tickbars.transforms.values.NumberedTicks#NO_PREVIOUS} for none), the volume and
   * value of the ticks before it, and the ids of the symbol's ticks of the run, {@code
   * [runFirstId, runEndId)}.
   */
  record SymbolStart(long firstTickId, long ticks, long previousNs, Cumulative before, long runFirstId, long runEndId)
      implements Serializable {}
}
