package dev.tickbars.transforms.values;

import java.util.Objects;

/**
 * A sorted {@link TickBlock} whose ticks carry tick ids: tick {@code i} has id {@code
 * firstTickId + i}. {@code previousTickNs} is the time of the symbol's tick just before the
 * block's first, or {@link #NO_PREVIOUS} for the symbol's first block; {@code before} the
 * symbol's volume and value summed over its ticks before the block's first.
 */
public final class NumberedTicks {
  public static final long NO_PREVIOUS = Long.MIN_VALUE;

  private final TickBlock ticks;
  private final long firstTickId;
  private final long previousTickNs;
  private final Cumulative before;

  public NumberedTicks(TickBlock ticks, long firstTickId, long previousTickNs, Cumulative before) {
    this.ticks = ticks;
    this.firstTickId = firstTickId;
    this.previousTickNs = previousTickNs;
    this.before = before;
  }

  public TickBlock ticks() {
    return ticks;
  }

  public long firstTickId() {
    return firstTickId;
  }

  public long previousTickNs() {
    return previousTickNs;
  }

  public Cumulative before() {
    return before;
  }

  public long tickId(int i) {
    return firstTickId + i;
  }

  /** The time of the symbol's tick before tick {@code i}, or {@link #NO_PREVIOUS}. */
  public long previousTimeNs(int i) {
    return i == 0 ? previousTickNs : ticks.timeNs(i - 1);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NumberedTicks)) {
      return false;
    }
    NumberedTicks n = (NumberedTicks) o;
    return firstTickId == n.firstTickId && previousTickNs == n.previousTickNs && before.equals(n.before)
        && ticks.equals(n.ticks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ticks, firstTickId, previousTickNs);
  }

  @Override
  public String toString() {
    return "NumberedTicks{" + ticks + " from id " + firstTickId + "}";
  }
}
