package dev.tickbars.pipeline.common;

/**
 * UTC hours since the epoch: the first pass counts each symbol's ticks per hour, and the plan
 * makes chunks of whole hours from those counts (a UTC day, or a part of a day when one symbol has
 * more ticks in it than a task may hold).
 */
public final class Hours {
  static final long NANOS = 3_600_000_000_000L;
  public static final int PER_DAY = 24;

  private Hours() {}

  /** The hour that {@code epochNanos} falls in. */
  public static long of(long epochNanos) {
    return Math.floorDiv(epochNanos, NANOS);
  }

  public static long startNs(long hour) {
    return hour * NANOS;
  }
}
