package dev.tickbars.transforms;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Tick bars of N ticks (SPEC 4): bar k of a symbol holds the ticks with {@code k*N <= tick_id <
 * (k+1)*N}, so the last bar of a run may hold fewer. The ids come from {@link NumberTicks}; each
 * block is reduced to one partial per bar it touches, and partials of a bar that spans blocks are
 * combined. Open and close times are the first and last tick's.
 */
public final class TickBars extends PTransform<PCollection<NumberedTicks>, PCollection<Bar>> {
  private final Frame frame;
  private final PriceBasis basis;
  private final long maxGapNs;

  private TickBars(Frame frame, PriceBasis basis, long maxGapNs) {
    this.frame = frame;
    this.basis = basis;
    this.maxGapNs = maxGapNs;
  }

  public static TickBars of(Frame frame, PriceBasis basis, long maxGapNs) {
    if (!frame.isTickFrame()) {
      throw new IllegalArgumentException(frame + " is not a tick frame");
    }
    return new TickBars(frame, basis, maxGapNs);
  }

  @Override
  public PCollection<Bar> expand(PCollection<NumberedTicks> ticks) {
    return ticks
        .apply("AggregateBarRuns", ParDo.of(new AggregateBarRunsFn(frame.ticksPerBar(), basis, maxGapNs)))
        .setCoder(
            KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), BarAccumulatorCoder.of()))
        .apply("CombineBars", Combine.perKey(new BarCombineFn()))
        .apply("FinishBars", ParDo.of(new FinishTickBarFn(frame.name(), basis)))
        .setCoder(BarCoder.of());
  }

  /** One partial bar, keyed by (symbol, bar index), per bar a block touches. */
  static final class AggregateBarRunsFn
      extends DoFn<NumberedTicks, KV<KV<String, Long>, BarAccumulator>> {
    private final long ticksPerBar;
    private final PriceBasis basis;
    private final long maxGapNs;

    AggregateBarRunsFn(long ticksPerBar, PriceBasis basis, long maxGapNs) {
      this.ticksPerBar = ticksPerBar;
      this.basis = basis;
      this.maxGapNs = maxGapNs;
    }

    @ProcessElement
    public void process(
        @Element NumberedTicks block, OutputReceiver<KV<KV<String, Long>, BarAccumulator>> out) {
      int size = block.ticks().size();
      int from = 0;
      while (from < size) {
        long bar = block.tickId(from) / ticksPerBar;
        int to = (int) Math.min(size, (bar + 1) * ticksPerBar - block.firstTickId());
        out.output(
            KV.of(
                KV.of(block.ticks().symbol(), bar),
                BarAccumulator.ofTicks(block, from, to, basis, maxGapNs)));
        from = to;
      }
    }
  }

  /** Turns a combined partial into its bar. */
  static final class FinishTickBarFn extends DoFn<KV<KV<String, Long>, BarAccumulator>, Bar> {
    private final String frame;
    private final PriceBasis basis;

    FinishTickBarFn(String frame, PriceBasis basis) {
      this.frame = frame;
      this.basis = basis;
    }

    @ProcessElement
    public void process(@Element KV<KV<String, Long>, BarAccumulator> bar, OutputReceiver<Bar> out) {
      BarAccumulator a = bar.getValue();
      out.output(a.toBar(bar.getKey().getKey(), frame, a.firstNs, a.lastNs, basis));
    }
  }
}
