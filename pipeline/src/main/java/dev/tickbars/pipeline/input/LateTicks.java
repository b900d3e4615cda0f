package dev.tickbars.pipeline.input;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Ticks earlier than their symbol's last tick of an earlier run ({@code --append}): their place
 * among the symbol's ids has been given out, so they are rejected as {@code late}. A tick at the
 * same time comes after it (a later file) and is not late.
 */
public final class LateTicks implements Serializable {
  private static final long serialVersionUID = 1L;
  /** No tick is late: a first run's. */
  public static final LateTicks NONE = new LateTicks(Map.of());

  private final HashMap<String, Long> lastTickNs;

  LateTicks(Map<String, Long> lastTickNs) {
    this.lastTickNs = new HashMap<>(lastTickNs);
  }

  public boolean isLate(String symbol, long timeNs) {
    if (lastTickNs.isEmpty()) {
      return false;
    }
    Long last = lastTickNs.get(symbol);
    return last != null && timeNs < last;
  }
}
