package dev.tickbars.transforms;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Time bars of one frame (SPEC 4): Beam {@link FixedWindows} of the frame's length, aligned to the
 * epoch, one bar per symbol and window with ticks. Each block is first reduced to one partial bar
 * per window it touches, timestamped inside that window; the partials are then combined per
 * symbol and window. Open and close times are the window's bounds in nanoseconds.
 */
public final class TimeBars extends PTransform<PCollection<NumberedTicks>, PCollection<Bar>> {
  private final Frame frame;
  private final PriceBasis basis;
  private final long maxGapNs;

  private TimeBars(Frame frame, PriceBasis basis, long maxGapNs) {
    this.frame = frame;
    this.basis = basis;
    this.maxGapNs = maxGapNs;
  }

  public static TimeBars of(Frame frame, PriceBasis basis, long maxGapNs) {
    if (frame.isTickFrame()) {
      throw new IllegalArgumentException(frame + " is not a time frame");
    }
    return new TimeBars(frame, basis, maxGapNs);
  }

  @Override
  public PCollection<Bar> expand(PCollection<NumberedTicks> ticks) {
    return ticks
        .apply("AggregateWindows", ParDo.of(new AggregateWindowsFn(frame.millis(), basis, maxGapNs)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), BarAccumulatorCoder.of()))
        .apply(
            "WindowBars",
            Window.<KV<String, BarAccumulator>>into(FixedWindows.of(Duration.millis(frame.millis())))
                .withAllowedLateness(Duration.ZERO))
        .apply("CombineBars", Combine.perKey(new BarCombineFn()))
        .apply("FinishBars", ParDo.of(new FinishTimeBarFn(frame.name(), basis)))
        .setCoder(BarCoder.of());
  }

  /** One partial bar per window a block touches, timestamped at its first tick's millisecond. */
  static final class AggregateWindowsFn extends DoFn<NumberedTicks, KV<String, BarAccumulator>> {
    private final long windowMillis;
    private final PriceBasis basis;
    private final long maxGapNs;

    AggregateWindowsFn(long windowMillis, PriceBasis basis, long maxGapNs) {
      this.windowMillis = windowMillis;
      this.basis = basis;
      this.maxGapNs = maxGapNs;
    }

    @ProcessElement
    public void process(@Element NumberedTicks block, OutputReceiver<KV<String, BarAccumulator>> out) {
      TickBlock t = block.ticks();
      int from = 0;
      while (from < t.size()) {
        long window = Math.floorDiv(millis(t.timeNs(from)), windowMillis);
        int to = from + 1;
        while (to < t.size() && Math.floorDiv(millis(t.timeNs(to)), windowMillis) == window) {
          to++;
        }
        out.outputWithTimestamp(
            KV.of(t.symbol(), BarAccumulator.ofTicks(block, from, to, basis, maxGapNs)),
            new Instant(millis(t.timeNs(from))));
        from = to;
      }
    }

    private static long millis(long nanos) {
      return Math.floorDiv(nanos, 1_000_000L);
    }
  }

  /** Turns a combined partial into the bar of its window. */
  static final class FinishTimeBarFn extends DoFn<KV<String, BarAccumulator>, Bar> {
    private final String frame;
    private final PriceBasis basis;

    FinishTimeBarFn(String frame, PriceBasis basis) {
      this.frame = frame;
      this.basis = basis;
    }

    @ProcessElement
    public void process(
        @Element KV<String, BarAccumulator> bar, IntervalWindow window, OutputReceiver<Bar> out) {
      out.output(
          bar.getValue()
              .toBar(
                  bar.getKey(),
                  frame,
                  window.start().getMillis() * 1_000_000L,
                  window.end().getMillis() * 1_000_000L,
                  basis));
    }
  }
}
