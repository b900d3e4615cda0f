package dev.tickbars.transforms;

import java.io.Serializable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Cuts a symbol's ticks into chunks of event time aligned to the epoch: the unit that is counted
 * by the first pass, and sorted, numbered and cut into bars in memory by the second.
 */
public final class Chunking implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long nanos;

  private Chunking(long nanos) {
    this.nanos = nanos;
  }

  public static Chunking of(Duration length) {
    return new Chunking(length.getMillis() * 1_000_000L);
  }

  public long chunkOf(long epochNanos) {
    return Math.floorDiv(epochNanos, nanos);
  }

  public Instant start(long chunk) {
    return new Instant(chunk * (nanos / 1_000_000L));
  }
}
