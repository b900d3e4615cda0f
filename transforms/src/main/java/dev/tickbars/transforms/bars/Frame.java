package dev.tickbars.transforms.bars;

import dev.tickbars.transforms.parse.Printable;
import dev.tickbars.transforms.values.Cumulative;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar frame (SPEC 4): a time frame ({@code 30s}, {@code 1m}, {@code 1h}, {@code 1d}), a tick
 * frame ({@code 100t}), a volume frame ({@code 50000v}) or a dollar-value frame ({@code
 * 1000000dv}).
 */
public final class Frame implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,10})(s|m|h|d|t|v|dv)");

  /** What a frame's bars are cut by. */
  public enum Kind {
    /** Fixed windows of event time. */
    TIME,
    /** Every N ticks. */
    TICKS,
    /** Every N of cumulative volume. */
    VOLUME,
    /** Every N of cumulative traded value, price x volume. */
    VALUE
  }

  private final String name;
  private final long size;
  private final Kind kind;
  private final char timeUnit;

  private Frame(long size, String unit) {
    this.size = size;
    this.name = size + unit;
    this.kind = switch (unit) {
      case "t" -> Kind.TICKS;
      case "v" -> Kind.VOLUME;
      case "dv" -> Kind.VALUE;
      default -> Kind.TIME;
    };
    this.timeUnit = kind == Kind.TIME ? unit.charAt(0) : 0;
  }

  /** The longest time frame, a week: longer fixed windows are no bars research uses. */
  public static final long MAX_MILLIS = 7 * 86_400_000L;

  /** The largest tick frame. */
  public static final long MAX_TICKS = 999_999_999L;

  /** The largest volume or dollar-value frame: what {@link Cumulative} counts exactly per tick. */
  public static final long MAX_AMOUNT = Cumulative.MAX_UNITS / Cumulative.UNITS_PER_ONE;

  /**
   * Parses a frame name: a time frame of 1 s to 7 d, a tick frame of 1 to 999,999,999 ticks, or a
   * volume or dollar-value frame of 1 to {@link #MAX_AMOUNT}; the exception's message says what a
   * valid one looks like.
   */
  public static Frame parse(String text) {
    Matcher m = SYNTAX.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad frame name " + Printable.quote(text)
              + " (a number and s, m, h, d, t, v or dv: 30s, 1m, 1h, 1d, 100t, 50000v, 1000000dv)");
    }
    Frame frame = new Frame(Long.parseLong(m.group(1)), m.group(2));
    switch (frame.kind) {
      case TIME -> {
        if (frame.millis() > MAX_MILLIS) {
          throw new IllegalArgumentException("frame " + frame.name + " is longer than a week, the longest time frame (7d)");
        }
      }
      case TICKS -> {
        if (frame.size > MAX_TICKS) {
          throw new IllegalArgumentException(
              "bad frame name " + Printable.quote(text) + ": a tick frame has at most " + MAX_TICKS + " ticks");
        }
      }
      default -> {
        if (frame.size > MAX_AMOUNT) {
          throw new IllegalArgumentException(
              "bad frame name " + Printable.quote(text) + ": a volume or value frame is at most " + MAX_AMOUNT);
        }
      }
    }
    return frame;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isTimeFrame() {
    return kind == Kind.TIME;
  }

  public boolean isTickFrame() {
    return kind == Kind.TICKS;
  }

  /** Whether bars are cut by a cumulative amount: a volume or dollar-value frame. */
  public boolean isAmountFrame() {
    return kind == Kind.VOLUME || kind == Kind.VALUE;
  }

  /** Ticks per bar of a tick frame. */
  public long ticksPerBar() {
    if (kind != Kind.TICKS) {
      throw new IllegalStateException(name + " is no tick frame");
    }
    return size;
  }

  /** Volume or value per bar of an amount frame, in {@link Cumulative} units. */
  public long unitsPerBar() {
    if (!isAmountFrame()) {
      throw new IllegalStateException(name + " is no volume or value frame");
    }
    return size * Cumulative.UNITS_PER_ONE;
  }

  /** Length of a time frame's window in milliseconds. */
  public long millis() {
    if (kind != Kind.TIME) {
      throw new IllegalStateException(name + " is no time frame");
    }
    long unitMillis = timeUnit == 's' ? 1_000L : timeUnit == 'm' ? 60_000L : timeUnit == 'h' ? 3_600_000L : 86_400_000L;
    return size * unitMillis;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame && ((Frame) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
