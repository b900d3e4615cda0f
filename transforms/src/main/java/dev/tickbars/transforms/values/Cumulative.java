package dev.tickbars.transforms.values;

import java.io.Serializable;
import java.math.BigInteger;

/**
 * A symbol's volume and traded value summed over its ticks in tick order, exactly: each tick's
 * volume and value (basis price x volume) counts as a whole number of {@link #UNIT}s, rounded, so
 * the sums are integers, the same in any order and on any runner. Volume and dollar-value bars
 * (SPEC 4) are cut by these sums.
 */
public record Cumulative(BigInteger volume, BigInteger value) implements Serializable {
  public static final Cumulative ZERO = new Cumulative(BigInteger.ZERO, BigInteger.ZERO);

  /** The units in one of volume or value: 10^-8 is the smallest lot crypto venues trade (a satoshi). */
  public static final long UNITS_PER_ONE = 100_000_000L;

  /** The largest volume or value of one tick, and the largest volume or dollar-value frame, in units (2^62). */
  public static final long MAX_UNITS = 1L << 62;

  /**
   * {@code amount} in units, rounded to the nearest; none for NaN (a tick without the basis
   * price has no value); an amount over {@link #MAX_UNITS} units is an error.
   */
  private static long units(double amount) {
    if (Double.isNaN(amount)) {
      return 0;
    }
    double scaled = amount * UNITS_PER_ONE;
    if (!(Math.abs(scaled) < MAX_UNITS)) {
      throw new ArithmeticException("a tick's volume or value of " + amount + " is over "
          + MAX_UNITS / UNITS_PER_ONE + ", the most one tick may count");
    }
    return Math.round(scaled);
  }

  /** The volume of tick {@code i} of {@code t} in units: what it adds to {@code v_sum}. */
  public static long volumeUnits(TickBlock t, int i) {
    return units(t.volumeWeight(i));
  }

  /** The value of tick {@code i} of {@code t} in units: its basis price times its volume. */
  public static long valueUnits(TickBlock t, int i, PriceBasis basis) {
    return valueUnits(basis.price(t, i), t.volumeWeight(i));
  }

  /** The value of a tick of {@code volume} at {@code price} in units. */
  private static long valueUnits(double price, double volume) {
    return units(price * volume);
  }

  /** These sums and then all ticks of {@code t}. */
  public Cumulative plus(TickBlock t, PriceBasis basis) {
    Sums all = new Sums();
    for (int i = 0; i < t.size(); i++) {
      all.add(basis.price(t, i), t.volumeWeight(i));
    }
    return plus(all.total());
  }

  public Cumulative plus(Cumulative o) {
    return new Cumulative(volume.add(o.volume), value.add(o.value));
  }

  public Cumulative negate() {
    return new Cumulative(volume.negate(), value.negate());
  }

  /** Volume and value summed a tick at a time. */
  public static final class Sums {
    private final Sum volume = new Sum();
    private final Sum value = new Sum();

    /** Adds a tick of {@code volume} at the basis price {@code price} (NaN: no value). */
    public void add(double price, double volume) {
      this.volume.add(units(volume));
      this.value.add(valueUnits(price, volume));
    }

    public void add(Cumulative c) {
      volume.add(c.volume);
      value.add(c.value);
    }

    public Cumulative total() {
      return new Cumulative(volume.total(), value.total());
    }
  }

  /** An exact sum of units, in a long while it fits. */
  private static final class Sum {
    private long small;
    private BigInteger spilled = BigInteger.ZERO;

    void add(long units) {
      long s = small + units;
      if (((small ^ s) & (units ^ s)) < 0) {
        spilled = spilled.add(BigInteger.valueOf(small));
        s = units;
      }
      small = s;
    }

    void add(BigInteger units) {
      spilled = spilled.add(units);
    }

    BigInteger total() {
      return spilled.add(BigInteger.valueOf(small));
    }
  }
}
