package dev.tickbars.pipeline.input;

import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.Cumulative;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code --append} run carries over from the runs before it: per symbol the id its next
 * tick gets, its last tick's time and the volume and value so far, and each frame's last bar per symbol as its merged partials,
 * which this run's partials of the bar join. A first run carries {@link #NOTHING}.
 */
public record Carried(Map<String, SymbolState> symbols, List<OpenBar> openBars) {
  public static final Carried NOTHING = new Carried(Map.of(), List.of());

  /** A frame and symbol's last bar, as its merged partials. */
  public record OpenBar(String frame, String symbol, BarAccumulator partials) {}

  /** A symbol's place after the earlier runs: its next tick's id, its last tick's time, the volume and value of its ticks. */
  public record SymbolState(long nextTickId, long lastTickNs, Cumulative sums) implements Serializable {}

  /** The ticks an earlier run has passed by. */
  public LateTicks lateTicks() {
    Map<String, Long> last = new HashMap<>();
    symbols.forEach((symbol, s) -> last.put(symbol, s.lastTickNs()));
    return new LateTicks(last);
  }
}
