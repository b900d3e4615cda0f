package dev.tickbars.transforms;

import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.coders.BarAccumulatorCoder;
import dev.tickbars.transforms.coders.BarKeyCoder;
import dev.tickbars.transforms.coders.JoinedBarsCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.JoinedBars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Joins the partials of bars that span chunks into whole bars. Input: each partial keyed by its
 * frame and symbol, its bar being {@link BarAccumulator#bar}; all of a frame and symbol's
 * partials are combined under one key, a map from bar to its merged partials, so the runner does
 * one keyed step per frame and symbol, not per bar, and can merge partials before the shuffle.
 * Output: each frame and symbol's joined bars, in bar order, with the partials of the last.
 */
public final class JoinPartialBars
    extends PTransform<PCollection<KV<BarKey, BarAccumulator>>, PCollection<JoinedBars>> {
  private final Map<String, BarCutter> cutters;

  private JoinPartialBars(Map<String, BarCutter> cutters) {
    this.cutters = cutters;
  }

  /** @param cutters the cutter of each frame, by frame name */
  public static JoinPartialBars with(Map<String, BarCutter> cutters) {
    return new JoinPartialBars(cutters);
  }

  /** The coder of the input elements. */
  public static Coder<KV<BarKey, BarAccumulator>> inputCoder() {
    return KvCoder.of(BarKeyCoder.of(), BarAccumulatorCoder.of());
  }

  @Override
  public PCollection<JoinedBars> expand(PCollection<KV<BarKey, BarAccumulator>> parts) {
    return parts
        .apply("MergePartials", Combine.perKey(new MergeByBarFn()))
        .apply("FinishBars", ParDo.of(new FinishBarsFn(cutters)))
        .setCoder(JoinedBarsCoder.of());
  }

  /** Merges partials by bar; associative and commutative, like {@link BarAccumulator#merge}. */
  static final class MergeByBarFn
      extends Combine.CombineFn<BarAccumulator, SortedMap<Long, BarAccumulator>, SortedMap<Long, BarAccumulator>> {
    @Override
    public SortedMap<Long, BarAccumulator> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public SortedMap<Long, BarAccumulator> addInput(
        SortedMap<Long, BarAccumulator> bars, BarAccumulator part) {
      bars.computeIfAbsent(part.bar, k -> new BarAccumulator()).merge(part);
      return bars;
    }

    @Override
    public SortedMap<Long, BarAccumulator> mergeAccumulators(
        Iterable<SortedMap<Long, BarAccumulator>> accumulators) {
      SortedMap<Long, BarAccumulator> merged = new TreeMap<>();
      for (SortedMap<Long, BarAccumulator> bars : accumulators) {
        bars.forEach((bar, part) -> merged.computeIfAbsent(bar, k -> new BarAccumulator()).merge(part));
      }
      return merged;
    }

    @Override
    public SortedMap<Long, BarAccumulator> extractOutput(SortedMap<Long, BarAccumulator> bars) {
      return bars;
    }

    @Override
    public Coder<SortedMap<Long, BarAccumulator>> getAccumulatorCoder(
        CoderRegistry registry, Coder<BarAccumulator> inputCoder) {
      return SortedMapCoder.of(VarLongCoder.of(), BarAccumulatorCoder.of());
    }

    @Override
    public Coder<SortedMap<Long, BarAccumulator>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<BarAccumulator> inputCoder) {
      return SortedMapCoder.of(VarLongCoder.of(), BarAccumulatorCoder.of());
    }
  }

  /** Turns a frame and symbol's merged partials into its bars. */
  static final class FinishBarsFn extends DoFn<KV<BarKey, SortedMap<Long, BarAccumulator>>, JoinedBars> {
    private final Map<String, BarCutter> cutters;

    FinishBarsFn(Map<String, BarCutter> cutters) {
      this.cutters = cutters;
    }

    @ProcessElement
    public void process(
        @Element KV<BarKey, SortedMap<Long, BarAccumulator>> merged,
        OutputReceiver<JoinedBars> out) {
      BarCutter cutter = cutters.get(merged.getKey().frame());
      String symbol = merged.getKey().symbol();
      SortedMap<Long, BarAccumulator> parts = merged.getValue();
      List<Bar> bars = new ArrayList<>(parts.size());
      parts.values().forEach(part -> bars.add(cutter.finish(symbol, part)));
      out.output(new JoinedBars(bars, parts.get(parts.lastKey())));
    }
  }
}
