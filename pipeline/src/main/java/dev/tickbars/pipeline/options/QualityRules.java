package dev.tickbars.pipeline.options;

import dev.tickbars.transforms.bars.WeekendWindow;
import dev.tickbars.transforms.values.PriceBasis;
import java.io.Serializable;

/**
 * What the data-quality report looks for: gaps longer than {@code maxGapNs} between a symbol's
 * consecutive ticks, price jumps (on the bars' price basis) of more than {@code jumpPips} pips,
 * ticks in the {@code weekend} window (counted whether or not they are trimmed).
 *
 * @param pipSize the pip of every symbol, or null for each symbol's own ({@link #pipSize(String)})
 */
public record QualityRules(long maxGapNs, PriceBasis basis, double jumpPips, Double pipSize, WeekendWindow weekend)
    implements Serializable {

  /** The pip: {@code --pipSize}, else 0.01 for JPY pairs and 0.0001 for the rest. */
  public double pipSize(String symbol) {
    if (pipSize != null) {
      return pipSize;
    }
    return symbol.endsWith("JPY") ? 0.01 : 0.0001;
  }
}
