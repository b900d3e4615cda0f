package dev.tickbars.pipeline.common;

import java.time.Instant;

/** UTC epoch nanoseconds, the unit of every time column, as a java.time {@link Instant}. */
public final class EpochNanos {
  private static final long PER_SECOND = 1_000_000_000L;

  private EpochNanos() {}

  public static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, PER_SECOND), Math.floorMod(nanos, PER_SECOND));
  }
}
