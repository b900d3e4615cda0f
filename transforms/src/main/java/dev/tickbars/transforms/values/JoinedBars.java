package dev.tickbars.transforms.values;

import java.util.List;

/**
 * A frame and symbol's bars joined from partials, in bar order. The last of them is the symbol's
 * last bar of the run, which a later run may continue: {@code last} is its merged partials, what
 * that run joins its own partials of the bar with.
 */
public record JoinedBars(List<Bar> bars, BarAccumulator last) {
  public Bar lastBar() {
    return bars.get(bars.size() - 1);
  }

  /** The bars before the last. */
  public List<Bar> closed() {
    return bars.subList(0, bars.size() - 1);
  }
}
