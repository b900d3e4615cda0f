package dev.tickbars.pipeline;

import dev.tickbars.transforms.parse.Layout;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The second pass's unit of work: the ticks of some symbols in one chunk. It names the byte
 * ranges of the input that hold them and, per symbol, how many there are, the id of the first,
 * the time of the tick before it ({@link dev.tickbars.transforms.NumberedTicks#NO_PREVIOUS} for
 * none) and how many ticks the symbol has in all.
 */
record ChunkTask(long chunk, List<Range> ranges, Map<String, SymbolStart> symbols) implements Serializable {

  /** Lines {@code [start, end)} in bytes of {@code source}, the first being line {@code firstLine}. */
  record Range(int rank, String source, Layout layout, long start, long end, long firstLine)
      implements Serializable {}

  /** Where a symbol's ticks of the chunk stand in all of its ticks. */
  record SymbolStart(long firstTickId, long ticks, long previousNs, long symbolTicks) implements Serializable {}
}
