package dev.tickbars.transforms;

import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Gives every tick its id (SPEC 3). A stateful counter per symbol sees one summary per chunk
 * (its tick count and last tick time) in time order, through Beam's time-sorted input (chunk
 * timestamps are distinct per symbol), and gives each chunk its first id and the time of the
 * symbol's tick before it. The pieces from {@link OrderTicks} then take their ids from that, as a
 * side input. The stateful step touches state once per chunk, never per tick, and what it sorts
 * is a few bytes per chunk, however large the chunk.
 */
public final class NumberTicks extends PTransform<PCollection<TickPiece>, PCollection<NumberedTicks>> {

  public static NumberTicks create() {
    return new NumberTicks();
  }

  private NumberTicks() {}

  @Override
  public PCollection<NumberedTicks> expand(PCollection<TickPiece> pieces) {
    PCollectionView<Map<KV<String, Long>, KV<Long, Long>>> starts =
        pieces
            .apply("SummarizeChunks", ParDo.of(new SummarizeChunkFn()))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(),
                    KvCoder.of(VarLongCoder.of(), KvCoder.of(VarLongCoder.of(), BigEndianLongCoder.of()))))
            .apply("AssignChunkStarts", ParDo.of(new AssignChunkStartsFn()))
            .setCoder(
                KvCoder.of(
                    KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()),
                    KvCoder.of(VarLongCoder.of(), BigEndianLongCoder.of())))
            .apply("ViewChunkStarts", View.asMap());
    return pieces
        .apply("AttachTickIds", ParDo.of(new AttachTickIdsFn(starts)).withSideInputs(starts))
        .setCoder(NumberedTicksCoder.of());
  }

  /** For the last piece of a chunk: symbol to (chunk, (ticks in the chunk, last tick time)). */
  static final class SummarizeChunkFn
      extends DoFn<TickPiece, KV<String, KV<Long, KV<Long, Long>>>> {
    @ProcessElement
    public void process(
        @Element TickPiece p, OutputReceiver<KV<String, KV<Long, KV<Long, Long>>>> out) {
      if (p.endsChunk()) {
        TickBlock t = p.ticks();
        out.output(
            KV.of(t.symbol(), KV.of(p.chunk(), KV.of(p.offset() + t.size(), t.timeNs(t.size() - 1)))));
      }
    }
  }

  /** Numbers one symbol's chunks in time order: (symbol, chunk) to (first id, previous tick time). */
  static final class AssignChunkStartsFn
      extends DoFn<KV<String, KV<Long, KV<Long, Long>>>, KV<KV<String, Long>, KV<Long, Long>>> {
    static final String NEXT_TICK_ID = "nextTickId";
    static final String LAST_TICK_NS = "lastTickNs";

    @StateId(NEXT_TICK_ID)
    private final StateSpec<ValueState<Long>> nextTickId = StateSpecs.value(VarLongCoder.of());

    @StateId(LAST_TICK_NS)
    private final StateSpec<ValueState<Long>> lastTickNs = StateSpecs.value(BigEndianLongCoder.of());

    @RequiresTimeSortedInput
    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, KV<Long, Long>>> chunk,
        @StateId(NEXT_TICK_ID) ValueState<Long> nextTickId,
        @StateId(LAST_TICK_NS) ValueState<Long> lastTickNs,
        OutputReceiver<KV<KV<String, Long>, KV<Long, Long>>> out) {
      Long next = nextTickId.read();
      Long last = lastTickNs.read();
      long first = next == null ? 0 : next;
      KV<Long, Long> countAndLast = chunk.getValue().getValue();
      out.output(
          KV.of(
              KV.of(chunk.getKey(), chunk.getValue().getKey()),
              KV.of(first, last == null ? NumberedTicks.NO_PREVIOUS : last)));
      nextTickId.write(first + countAndLast.getKey());
      lastTickNs.write(countAndLast.getValue());
    }
  }

  /** Gives a piece its ids from its chunk's start. */
  static final class AttachTickIdsFn extends DoFn<TickPiece, NumberedTicks> {
    private final PCollectionView<Map<KV<String, Long>, KV<Long, Long>>> starts;

    AttachTickIdsFn(PCollectionView<Map<KV<String, Long>, KV<Long, Long>>> starts) {
      this.starts = starts;
    }

    @ProcessElement
    public void process(@Element TickPiece p, ProcessContext c) {
      KV<Long, Long> start = c.sideInput(starts).get(KV.of(p.ticks().symbol(), p.chunk()));
      long previous = p.offset() == 0 ? start.getValue() : p.previousNs();
      c.output(
          new NumberedTicks(p.ticks(), start.getKey() + p.offset(), previous, p.offset() == 0, p.endsChunk()));
    }
  }
}
