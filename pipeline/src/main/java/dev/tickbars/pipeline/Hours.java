package dev.tickbars.pipeline;

/**
 * UTC hours since the epoch: the first pass counts each symbol's ticks per hour, and the plan
 * makes chunks of whole hours from those counts (a UTC day, or a part of a day when one symbol has
 * more ticks in it than a task may hold).
 */
final class Hours {
  static final long NANOS = 3_600_000_000_000L;
  static final int PER_DAY = 24;

  private Hours() {}

  /** The hour that {@code epochNanos} falls in. */
  static long of(long epochNanos) {
    return Math.floorDiv(epochNanos, NANOS);
  }

  static long startNs(long hour) {
    return hour * NANOS;
  }
}
