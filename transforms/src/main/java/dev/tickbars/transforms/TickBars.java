package dev.tickbars.transforms;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Tick bars of N ticks (SPEC 4): bar k of a symbol holds the ticks with {@code k*N <= tick_id <
 * (k+1)*N}, so a symbol's last bar may hold fewer; open and close are its first and last tick's
 * times. The ids come from {@link NumberTicks}. A bar whose ids all lie in one numbered block is
 * finished right there; the partials of a bar that spans blocks, and of each symbol's last bar,
 * are combined per (symbol, bar index): at most two per block, never one per bar.
 */
public final class TickBars extends PTransform<PCollection<NumberedTicks>, PCollection<Bar>> {
  static final TupleTag<Bar> WHOLE = new TupleTag<>() {};
  static final TupleTag<KV<KV<String, Long>, BarAccumulator>> SPANNING = new TupleTag<>() {};

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
    PCollectionTuple cut =
        ticks.apply(
            "CutBars",
            ParDo.of(new CutBarsFn(frame.ticksPerBar(), frame.name(), basis, maxGapNs))
                .withOutputTags(WHOLE, TupleTagList.of(SPANNING)));
    PCollection<Bar> joined =
        cut.get(SPANNING)
            .setCoder(
                KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), BarAccumulatorCoder.of()))
            .apply("CombineSpanning", Combine.perKey(new BarCombineFn()))
            .apply("FinishSpanning", ParDo.of(new FinishTickBarFn(frame.name(), basis)))
            .setCoder(BarCoder.of());
    return PCollectionList.of(cut.get(WHOLE).setCoder(BarCoder.of()))
        .and(joined)
        .apply("AllBars", Flatten.pCollections());
  }

  /** Cuts a block into its bars: whole ones finished, the ones at its edges as partials. */
  static final class CutBarsFn extends DoFn<NumberedTicks, Bar> {
    private final long ticksPerBar;
    private final String frame;
    private final PriceBasis basis;
    private final long maxGapNs;

    CutBarsFn(long ticksPerBar, String frame, PriceBasis basis, long maxGapNs) {
      this.ticksPerBar = ticksPerBar;
      this.frame = frame;
      this.basis = basis;
      this.maxGapNs = maxGapNs;
    }

    @ProcessElement
    public void process(@Element NumberedTicks block, MultiOutputReceiver out) {
      int size = block.ticks().size();
      long firstId = block.firstTickId();
      int from = 0;
      while (from < size) {
        long bar = block.tickId(from) / ticksPerBar;
        long barFirstId = bar * ticksPerBar;
        long barEndId = barFirstId + ticksPerBar;
        int to = (int) Math.min(size, barEndId - firstId);
        BarAccumulator a = BarAccumulator.ofTicks(block, from, to, basis, maxGapNs);
        if (barFirstId >= firstId && barEndId <= firstId + size) {
          out.get(WHOLE).output(a.toBar(block.ticks().symbol(), frame, a.firstNs, a.lastNs, basis));
        } else {
          out.get(SPANNING).output(KV.of(KV.of(block.ticks().symbol(), bar), a));
        }
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
