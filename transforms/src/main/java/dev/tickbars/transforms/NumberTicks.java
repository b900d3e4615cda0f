package dev.tickbars.transforms;

import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gives every tick its id (SPEC 3): a stateful counter per symbol that sees the symbol's sorted
 * chunks in time order and numbers each chunk's ticks on from the previous one. Its input must be
 * {@link OrderTicks}'s: one sorted block per symbol and chunk, timestamped with the chunk's start,
 * so that Beam's time-sorted input puts the chunks, and so every tick, in (time, position) order.
 * It touches no state per tick, only per chunk.
 */
public final class NumberTicks
    extends PTransform<PCollection<KV<String, TickBlock>>, PCollection<NumberedTicks>> {

  public static NumberTicks create() {
    return new NumberTicks();
  }

  private NumberTicks() {}

  @Override
  public PCollection<NumberedTicks> expand(PCollection<KV<String, TickBlock>> chunks) {
    return chunks
        .apply("AssignTickIds", ParDo.of(new AssignTickIdsFn()))
        .setCoder(NumberedTicksCoder.of());
  }

  /** Numbers one symbol's chunks in time order. */
  static final class AssignTickIdsFn extends DoFn<KV<String, TickBlock>, NumberedTicks> {
    static final String NEXT_TICK_ID = "nextTickId";
    static final String LAST_TICK_NS = "lastTickNs";

    @StateId(NEXT_TICK_ID)
    private final StateSpec<ValueState<Long>> nextTickId = StateSpecs.value(VarLongCoder.of());

    @StateId(LAST_TICK_NS)
    private final StateSpec<ValueState<Long>> lastTickNs = StateSpecs.value(BigEndianLongCoder.of());

    @RequiresTimeSortedInput
    @ProcessElement
    public void process(
        @Element KV<String, TickBlock> chunk,
        @StateId(NEXT_TICK_ID) ValueState<Long> nextTickId,
        @StateId(LAST_TICK_NS) ValueState<Long> lastTickNs,
        OutputReceiver<NumberedTicks> out) {
      TickBlock ticks = chunk.getValue();
      Long next = nextTickId.read();
      Long last = lastTickNs.read();
      long first = next == null ? 0 : next;
      out.output(new NumberedTicks(ticks, first, last == null ? NumberedTicks.NO_PREVIOUS : last));
      nextTickId.write(first + ticks.size());
      lastTickNs.write(ticks.timeNs(ticks.size() - 1));
    }
  }
}
