package dev.tickbars.transforms;

import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.coders.BarAccumulatorCoder;
import dev.tickbars.transforms.coders.BarCoder;
import dev.tickbars.transforms.coders.BarKeyCoder;
import dev.tickbars.transforms.coders.NumberedTicksCoder;
import dev.tickbars.transforms.coders.FileTicksCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.FileTicks;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * Numbers each symbol's ticks as event time passes them, and cuts their bars, for an unbounded
 * input ({@code --watch}). Input: one file's ticks of one symbol with their lines ({@link
 * FileTicks}), keyed by symbol, stamped with their earliest tick's time (the watermark follows the
 * ticks). A symbol's ticks wait until the watermark has passed the end of their {@code step} (a
 * minute) by the allowed lateness: then they are final, sorted by (time, position) and numbered
 * after the symbol's earlier ticks, so ids are those of one batch run. Outputs: the numbered ticks
 * ({@link #SLICES}); each bar once it is closed ({@link #BARS}): a time bar when its window lies
 * before the numbered frontier, a tick, volume or value bar when the ticks numbered pass its end; the dead letters, ticks that
 * come after their place was numbered, with their lines ({@link #LATE}, counted by the {@code
 * lateTicks} counter); and when the input ends, each frame's open bar per symbol ({@link #OPEN}),
 * for the next run to go on from. The input tells each symbol that it ends with an {@link
 * #endMark}, stamped with the last watermark the data moved: a frontier that moves past that time
 * moves because the input ended (a drain), and then the window of the symbol's last tick stays
 * open, as a restart may still add to it. The mark travels with the data, so a replay after a
 * restore decides the same.
 *
 * <p>The time bars are cut here, in {@code FixedWindows} windows, and not by {@code
 * Window.into}: the frontier is per symbol, while the watermark is one for all, and a symbol whose
 * file comes after another's has moved it would be late for every window.
 */
public final class NumberInEventTime extends PTransform<PCollection<KV<String, FileTicks>>, PCollectionTuple> {
  public static final TupleTag<KV<String, NumberedTicks>> SLICES = new TupleTag<>() {};
  public static final TupleTag<Bar> BARS = new TupleTag<>() {};
  public static final TupleTag<KV<String, FileTicks>> LATE = new TupleTag<>() {};
  public static final TupleTag<KV<BarKey, BarAccumulator>> OPEN = new TupleTag<>() {};

  /**
   * Where a symbol stands after earlier runs: the next id, the last tick's time, the volume and
   * value of its ticks, its open bars by frame.
   */
  public record Resumed(long nextTickId, long lastTickNs, Cumulative sums, Map<String, BarAccumulator> openBars)
      implements Serializable {}

  private final List<BarCutter> cutters;
  private final Duration step;
  private final Duration allowedLateness;
  private final Map<String, Resumed> carried;

  private NumberInEventTime(
      List<BarCutter> cutters, Duration step, Duration allowedLateness, Map<String, Resumed> carried) {
    this.cutters = cutters;
    this.step = step;
    this.allowedLateness = allowedLateness;
    this.carried = carried;
  }

  /**
   * @param step how much event time a frontier moves at once; frames should be multiples of it
   * @param carried each symbol's state after earlier runs (none for a first run)
   */
  public static NumberInEventTime of(
      List<BarCutter> cutters, Duration step, Duration allowedLateness, Map<String, Resumed> carried) {
    return new NumberInEventTime(List.copyOf(cutters), step, allowedLateness, Map.copyOf(carried));
  }

  /**
   * The mark that {@code symbol}'s input ends: a block without ticks. Stamp it with the last
   * watermark that the data moved, before the watermark runs to the end.
   */
  public static KV<String, FileTicks> endMark(String symbol) {
    return KV.of(symbol, new FileTicks.Builder("", symbol).build());
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, FileTicks>> blocks) {
    PCollectionTuple out =
        blocks.apply(
            "NumberTicks",
            ParDo.of(new NumberTicksFn(cutters, step, allowedLateness, carried))
                .withOutputTags(SLICES, TupleTagList.of(BARS).and(LATE).and(OPEN)));
    out.get(SLICES).setCoder(KvCoder.of(StringUtf8Coder.of(), NumberedTicksCoder.of()));
    out.get(BARS).setCoder(BarCoder.of());
    out.get(LATE).setCoder(KvCoder.of(StringUtf8Coder.of(), FileTicksCoder.of()));
    out.get(OPEN).setCoder(
        KvCoder.of(BarKeyCoder.of(), BarAccumulatorCoder.of()));
    return out;
  }
}
