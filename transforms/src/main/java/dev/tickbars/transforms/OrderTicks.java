package dev.tickbars.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gathers the blocks of each (symbol, chunk) and puts their ticks in (time, position) order:
 * one sorted block per symbol and chunk, keyed by symbol, with the chunk's start as timestamp: the
 * blocks' own, which the grouping keeps (Beam's default would stamp the end of the window).
 */
public final class OrderTicks
    extends PTransform<PCollection<KV<KV<String, Long>, TickBlock>>, PCollection<KV<String, TickBlock>>> {

  public static OrderTicks create() {
    return new OrderTicks();
  }

  private OrderTicks() {}

  @Override
  public PCollection<KV<String, TickBlock>> expand(PCollection<KV<KV<String, Long>, TickBlock>> blocks) {
    return blocks
        .apply(
            "KeepChunkStarts",
            Window.<KV<KV<String, Long>, TickBlock>>configure()
                .withTimestampCombiner(TimestampCombiner.EARLIEST))
        .apply("GroupChunks", GroupByKey.create())
        .apply("SortChunks", ParDo.of(new SortChunkFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), TickBlockCoder.of()));
  }

  /** Merges one chunk's blocks into one sorted block. */
  static final class SortChunkFn
      extends DoFn<KV<KV<String, Long>, Iterable<TickBlock>>, KV<String, TickBlock>> {
    @ProcessElement
    public void process(
        @Element KV<KV<String, Long>, Iterable<TickBlock>> chunk,
        OutputReceiver<KV<String, TickBlock>> out) {
      List<TickBlock> parts = new ArrayList<>();
      chunk.getValue().forEach(parts::add);
      out.output(KV.of(chunk.getKey().getKey(), TickBlock.sortedUnion(parts)));
    }
  }
}
