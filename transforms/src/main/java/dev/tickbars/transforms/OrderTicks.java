package dev.tickbars.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gathers the blocks of each (symbol, chunk), puts their ticks in (time, position) order and cuts
 * them into {@link TickPiece}s of at most {@link #PIECE_TICKS} ticks, timestamped with the chunk's
 * start (the blocks' own, which the grouping keeps; Beam's default would stamp the end of the
 * window). Pieces keep every element that later steps shuffle or sort small, however busy a day.
 */
public final class OrderTicks
    extends PTransform<PCollection<KV<KV<String, Long>, TickBlock>>, PCollection<TickPiece>> {
  public static final int PIECE_TICKS = 16_384;

  private final int pieceTicks;

  private OrderTicks(int pieceTicks) {
    this.pieceTicks = pieceTicks;
  }

  public static OrderTicks create() {
    return new OrderTicks(PIECE_TICKS);
  }

  /** With pieces of at most {@code pieceTicks} ticks (small ones let tests cross piece edges). */
  public static OrderTicks withPieces(int pieceTicks) {
    return new OrderTicks(pieceTicks);
  }

  @Override
  public PCollection<TickPiece> expand(PCollection<KV<KV<String, Long>, TickBlock>> blocks) {
    return blocks
        .apply(
            "KeepChunkStarts",
            Window.<KV<KV<String, Long>, TickBlock>>configure()
                .withTimestampCombiner(TimestampCombiner.EARLIEST))
        .apply("GroupChunks", GroupByKey.create())
        .apply("SortChunks", ParDo.of(new SortChunkFn(pieceTicks)))
        .setCoder(TickPieceCoder.of());
  }

  /** Merges one chunk's blocks into sorted pieces. */
  static final class SortChunkFn extends DoFn<KV<KV<String, Long>, Iterable<TickBlock>>, TickPiece> {
    private final int pieceTicks;

    SortChunkFn(int pieceTicks) {
      this.pieceTicks = pieceTicks;
    }

    @ProcessElement
    public void process(
        @Element KV<KV<String, Long>, Iterable<TickBlock>> chunk, OutputReceiver<TickPiece> out) {
      List<TickBlock> parts = new ArrayList<>();
      chunk.getValue().forEach(parts::add);
      TickBlock sorted = TickBlock.sortedUnion(parts);
      long c = chunk.getKey().getValue();
      for (int from = 0; from < sorted.size(); from += pieceTicks) {
        int to = Math.min(sorted.size(), from + pieceTicks);
        long previous = from == 0 ? NumberedTicks.NO_PREVIOUS : sorted.timeNs(from - 1);
        TickBlock ticks = from == 0 && to == sorted.size() ? sorted : sorted.slice(from, to);
        out.output(new TickPiece(ticks, c, from, previous, to == sorted.size()));
      }
    }
  }
}
