package dev.tickbars.transforms;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Time bars of one frame (SPEC 4): Beam {@link FixedWindows} of the frame's length, aligned to the
 * epoch, one bar per symbol and window with ticks; open and close are the window's bounds in
 * nanoseconds. Each numbered block is a piece of a symbol's sorted chunk, so a window that lies
 * inside the chunk and does not reach past the piece's ends is finished right there; the partial
 * bars of the others (at most two per piece, plus those of a frame that does not divide the chunk)
 * are windowed and combined per symbol and window. Only those few go through a keyed combine.
 */
public final class TimeBars extends PTransform<PCollection<NumberedTicks>, PCollection<Bar>> {
  static final TupleTag<Bar> WHOLE = new TupleTag<>() {};
  static final TupleTag<KV<String, BarAccumulator>> SPANNING = new TupleTag<>() {};

  private final Frame frame;
  private final PriceBasis basis;
  private final long maxGapNs;
  private final Chunking chunking;

  private TimeBars(Frame frame, PriceBasis basis, long maxGapNs, Chunking chunking) {
    this.frame = frame;
    this.basis = basis;
    this.maxGapNs = maxGapNs;
    this.chunking = chunking;
  }

  /** Bars of {@code frame} from blocks numbered by {@link NumberTicks} over {@code chunking}. */
  public static TimeBars of(Frame frame, PriceBasis basis, long maxGapNs, Chunking chunking) {
    if (frame.isTickFrame()) {
      throw new IllegalArgumentException(frame + " is not a time frame");
    }
    return new TimeBars(frame, basis, maxGapNs, chunking);
  }

  @Override
  public PCollection<Bar> expand(PCollection<NumberedTicks> ticks) {
    FixedWindows windows = FixedWindows.of(Duration.millis(frame.millis()));
    PCollectionTuple cut =
        ticks.apply(
            "CutWindows",
            ParDo.of(new CutWindowsFn(windows, frame.name(), basis, maxGapNs, chunking))
                .withOutputTags(WHOLE, TupleTagList.of(SPANNING)));
    PCollection<Bar> joined =
        cut.get(SPANNING)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), BarAccumulatorCoder.of()))
            .apply(
                "WindowSpanning",
                Window.<KV<String, BarAccumulator>>into(windows).withAllowedLateness(Duration.ZERO))
            .apply("CombineSpanning", Combine.perKey(new BarCombineFn()))
            .apply("FinishSpanning", ParDo.of(new FinishTimeBarFn(frame.name(), basis)))
            .setCoder(BarCoder.of())
            .apply("UnwindowSpanning", Window.into(new GlobalWindows()));
    return PCollectionList.of(cut.get(WHOLE).setCoder(BarCoder.of()))
        .and(joined)
        .apply("AllBars", Flatten.pCollections());
  }

  /**
   * Cuts a block into its windows: the bar of a window wholly inside the block, or a partial
   * timestamped at its first tick's millisecond (inside its window) for one that may continue in
   * another piece or chunk.
   */
  static final class CutWindowsFn extends DoFn<NumberedTicks, Bar> {
    private final FixedWindows windows;
    private final String frame;
    private final PriceBasis basis;
    private final long maxGapNs;
    private final Chunking chunking;

    CutWindowsFn(FixedWindows windows, String frame, PriceBasis basis, long maxGapNs, Chunking chunking) {
      this.windows = windows;
      this.frame = frame;
      this.basis = basis;
      this.maxGapNs = maxGapNs;
      this.chunking = chunking;
    }

    @ProcessElement
    public void process(@Element NumberedTicks block, MultiOutputReceiver out) {
      TickBlock t = block.ticks();
      long chunk = chunking.chunkOf(t.timeNs(0));
      int from = 0;
      while (from < t.size()) {
        IntervalWindow window = windows.assignWindow(millis(t.timeNs(from)));
        long endMillis = window.end().getMillis();
        int to = from + 1;
        while (to < t.size() && millis(t.timeNs(to)).getMillis() < endMillis) {
          to++;
        }
        BarAccumulator bar = BarAccumulator.ofTicks(block, from, to, basis, maxGapNs);
        long startNs = window.start().getMillis() * 1_000_000L;
        long endNs = endMillis * 1_000_000L;
        boolean inChunk = chunking.chunkOf(startNs) == chunk && chunking.chunkOf(endNs - 1) == chunk;
        boolean open = (from == 0 && !block.startsChunk()) || (to == t.size() && !block.endsChunk());
        if (inChunk && !open) {
          out.get(WHOLE).output(bar.toBar(t.symbol(), frame, startNs, endNs, basis));
        } else {
          out.get(SPANNING).outputWithTimestamp(KV.of(t.symbol(), bar), millis(t.timeNs(from)));
        }
        from = to;
      }
    }

    private static Instant millis(long nanos) {
      return new Instant(Math.floorDiv(nanos, 1_000_000L));
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
