package dev.tickbars.pipeline.input;

import dev.tickbars.transforms.bars.WeekendWindow;
import java.io.Serializable;

/**
 * Which parsed ticks a run keeps, the one rule of the scan, the build and the watch reader: a tick
 * in the weekend that {@code --trimWeekend} drops is trimmed (counted, no tick id); one before its
 * symbol's last tick of an earlier run ({@code --append}) is late (a reject); every other tick is
 * kept.
 */
public final class TickFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What becomes of a tick. */
  public enum Verdict {
    KEEP,
    TRIMMED,
    LATE
  }

  private final WeekendWindow weekend;
  private final LateTicks late;

  /**
   * @param weekend the span to drop, or null to keep every tick
   * @param late the ticks earlier runs have passed by
   */
  public TickFilter(WeekendWindow weekend, LateTicks late) {
    this.weekend = weekend;
    this.late = late;
  }

  /** Only the weekend, for a reader whose late ticks are told in event time. */
  public static TickFilter trimming(WeekendWindow weekend) {
    return new TickFilter(weekend, LateTicks.NONE);
  }

  public Verdict verdict(String symbol, long timeNs) {
    if (weekend != null && weekend.contains(timeNs)) {
      return Verdict.TRIMMED;
    }
    return late.isLate(symbol, timeNs) ? Verdict.LATE : Verdict.KEEP;
  }
}
