package dev.tickbars.transforms.bars;

import dev.tickbars.transforms.parse.Printable;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar frame (SPEC 4): a time frame ({@code 30s}, {@code 1m}, {@code 1h}, {@code 1d}) or a tick
 * frame ({@code 100t}).
 */
public final class Frame implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,8})([smhdt])");

  private final String name;
  private final long size;
  private final boolean ticks;

  private Frame(long size, char unit) {
    this.size = size;
    this.ticks = unit == 't';
    this.name = size + String.valueOf(unit);
  }

  /** The longest time frame, a week: longer fixed windows are no bars research uses. */
  public static final long MAX_MILLIS = 7 * 86_400_000L;

  /**
   * Parses a frame name: a time frame of 1 s to 7 d, or a tick frame of 1 to 999,999,999 ticks;
   * the exception's message says what a valid one looks like.
   */
  public static Frame parse(String text) {
    Matcher m = SYNTAX.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad frame name " + Printable.quote(text) + " (a number and s, m, h, d or t: 30s, 1m, 1h, 1d, 100t)");
    }
    Frame frame = new Frame(Long.parseLong(m.group(1)), m.group(2).charAt(0));
    if (!frame.ticks && frame.millis() > MAX_MILLIS) {
      throw new IllegalArgumentException("frame " + frame.name + " is longer than a week, the longest time frame (7d)");
    }
    return frame;
  }

  public String name() {
    return name;
  }

  public boolean isTickFrame() {
    return ticks;
  }

  /** Ticks per bar of a tick frame. */
  public long ticksPerBar() {
    if (!ticks) {
      throw new IllegalStateException(name + " is a time frame");
    }
    return size;
  }

  /** Length of a time frame's window in milliseconds. */
  public long millis() {
    if (ticks) {
      throw new IllegalStateException(name + " is a tick frame");
    }
    char unit = name.charAt(name.length() - 1);
    long unitMillis = unit == 's' ? 1_000L : unit == 'm' ? 60_000L : unit == 'h' ? 3_600_000L : 86_400_000L;
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
