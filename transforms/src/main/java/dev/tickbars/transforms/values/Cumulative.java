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
  public static long units(double amount) {
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
  public static long valueUnits(double price, double volume) {
    return units(price * volume);
  }

  /** These sums and then all ticks of {@code t}. */
  public Cumulative plus(TickBlock t, PriceBasis basis) {
    Sum v = new Sum();
    Sum d = new Sum();
    for (int i = 0; i < t.size(); i++) {
      v.add(volumeUnits(t, i));
      d.add(valueUnits(t, i, basis));
    }
    return new Cumulative(volume.add(v.total()), value.add(d.total()));
  }

  public Cumulative plus(Cumulative o) {
    return new Cumulative(volume.add(o.volume), value.add(o.value));
  }

  public Cumulative negate() {
    return new Cumulative(volume.negate(), value.negate());
  }

  /** An exact sum of units, in a long while it fits. */
  public static final class Sum {
    private long small;
    private BigInteger spilled = BigInteger.ZERO;

    public void add(long units) {
      long s = small + units;
      if (((small ^ s) & (units ^ s)) < 0) {
        spilled = spilled.add(BigInteger.valueOf(small));
        s = units;
      }
      small = s;
    }

    public void add(BigInteger units) {
      spilled = spilled.add(units);
    }

    public BigInteger total() {
      return spilled.add(BigInteger.valueOf(small));
    }
  }
}
