package dev.tickbars.transforms.bars;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly span whose ticks {@code --trimWeekend} drops (SPEC 7): from a start to an end given
 * as a UTC day and time, {@code FRI-22:00} to {@code SUN-22:00} by default; start inclusive, end
 * exclusive.
 */
public final class WeekendWindow implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern SYNTAX =
      Pattern.compile("(MON|TUE|WED|THU|FRI|SAT|SUN)[A-Z]*[- ]?([0-9]{1,2}):([0-9]{2})");
  private static final long WEEK_SECONDS = 7 * 86_400L;

  private final long startSecond;
  private final long endSecond;

  private WeekendWindow(long startSecond, long endSecond) {
    this.startSecond = startSecond;
    this.endSecond = endSecond;
  }

  public static WeekendWindow of(String start, String end) {
    return new WeekendWindow(secondOfWeek(start), secondOfWeek(end));
  }

  /** Seconds since Monday 00:00 UTC of {@code DAY-HH:MM} (e.g. {@code FRI-22:00}). */
  static long secondOfWeek(String text) {
    Matcher m = SYNTAX.matcher(text.strip().toUpperCase(Locale.ROOT));
    int hour;
    int minute;
    if (!m.matches() || (hour = Integer.parseInt(m.group(2))) > 23
        || (minute = Integer.parseInt(m.group(3))) > 59) {
      throw new IllegalArgumentException(
          "bad weekend bound '" + text + "' (a UTC day and time such as FRI-22:00)");
    }
    int day = 0;
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(m.group(1))) {
        day = d.ordinal();
      }
    }
    return day * 86_400L + hour * 3_600L + minute * 60L;
  }

  /** {@code FRI-22:00..SUN-22:00}. */
  @Override
  public String toString() {
    return bound(startSecond) + ".." + bound(endSecond);
  }

  private static String bound(long secondOfWeek) {
    return String.format(
        Locale.ROOT, "%s-%02d:%02d", DayOfWeek.values()[(int) (secondOfWeek / 86_400L)].name().substring(0, 3),
        secondOfWeek % 86_400L / 3_600L, secondOfWeek % 3_600L / 60L);
  }

  public boolean contains(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    // 1970-01-01 was a Thursday: shift so that 0 is a Monday 00:00.
    long s = Math.floorMod(seconds + 3 * 86_400L, WEEK_SECONDS);
    return startSecond <= endSecond
        ? s >= startSecond && s < endSecond
        : s >= startSecond || s < endSecond;
  }
}
