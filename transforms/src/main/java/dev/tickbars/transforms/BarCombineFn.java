package dev.tickbars.transforms;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Merges partial bars of one key into the whole bar. Associative and commutative: the result
 * does not depend on how the runner groups or orders the partials.
 */
public final class BarCombineFn
    extends Combine.CombineFn<BarAccumulator, BarAccumulator, BarAccumulator> {

  @Override
  public BarAccumulator createAccumulator() {
    return new BarAccumulator();
  }

  @Override
  public BarAccumulator addInput(BarAccumulator accumulator, BarAccumulator input) {
    accumulator.merge(input);
    return accumulator;
  }

  @Override
  public BarAccumulator mergeAccumulators(Iterable<BarAccumulator> accumulators) {
    BarAccumulator merged = new BarAccumulator();
    for (BarAccumulator a : accumulators) {
      merged.merge(a);
    }
    return merged;
  }

  @Override
  public BarAccumulator extractOutput(BarAccumulator accumulator) {
    return accumulator;
  }

  @Override
  public Coder<BarAccumulator> getAccumulatorCoder(
      CoderRegistry registry, Coder<BarAccumulator> inputCoder) {
    return BarAccumulatorCoder.of();
  }

  @Override
  public Coder<BarAccumulator> getDefaultOutputCoder(
      CoderRegistry registry, Coder<BarAccumulator> inputCoder) {
    return BarAccumulatorCoder.of();
  }
}
