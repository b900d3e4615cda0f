package dev.tickbars.transforms.parse;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Reads one timestamp field into UTC epoch nanoseconds without allocating.
 *
 * <p>Shapes, told apart by their characters: epoch integers in s, ms, µs or ns (by digit count:
 * up to 11, 14, 17 and 19 digits), epoch seconds with a fraction, {@code yyyyMMdd HH:mm:ss[.f]}
 * (TrueFX), {@code yyyyMMdd HHmmss[fff]} (HistData), {@code dd.MM.yyyy HH:mm:ss[.f]} (Dukascopy
 * JForex), and ISO-8601 {@code yyyy-MM-dd[( |T)HH:mm[:ss[.f]]][Z|±HH[:]MM]} (also with {@code /} or
 * {@code .} between date fields). Fractions keep 0 to 9 digits. A time without an offset is local
 * to the zone given at construction. Not thread-safe: one instance per reader.
 */
public final class Timestamps {
  /** Returned for a field that is not a timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int NO_OFFSET = Integer.MIN_VALUE;

  private final ZoneRules rules;
  private final int fixedOffsetSeconds;
  private long cachedLocalMinute = Long.MIN_VALUE;
  private int cachedOffsetSeconds;

  // Cursor state of the field being read.
  private byte[] buf;
  private int pos;
  private int end;

  public Timestamps(ZoneId zone) {
    this.rules = zone.getRules();
    this.fixedOffsetSeconds =
        rules.isFixedOffset() ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() : NO_OFFSET;
  }

  public static Timestamps utc() {
    return new Timestamps(ZoneOffset.UTC);
  }

  /** Parses {@code b[from, to)}; returns {@link #INVALID} when it is no timestamp. */
  public long parse(byte[] b, int from, int to) {
    buf = b;
    pos = from;
    end = to;
    int digits = countDigits(from);
    if (digits == to - from) {
      return epochInteger(from, digits);
    }
    byte sep = b[from + digits];
    if (sep == '.' && digits <= 11 && digits >= 1 && allDigits(from + digits + 1, to)) {
      long seconds = digitsValue(from, digits);
      pos = from + digits + 1;
      long nanos = readFraction();
      return nanos < 0 ? INVALID : epochNanos(seconds, NANOS_PER_SECOND, nanos);
    }
    if (digits == 8 && (sep == ' ' || sep == 'T')) {
      return compactDateTime();
    }
    if (digits == 4 && (sep == '-' || sep == '/' || sep == '.')) {
      return isoLike(sep);
    }
    if (digits == 2 && sep == '.') {
      return dayFirst();
    }
    return INVALID;
  }

  private long epochInteger(int from, int digits) {
    if (digits == 0 || digits > 19) {
      return INVALID;
    }
    long v = digitsValue(from, digits);
    if (v < 0) {
      return INVALID; // 19 digits beyond Long.MAX_VALUE
    }
    if (digits <= 11) {
      return epochNanos(v, NANOS_PER_SECOND, 0);
    } else if (digits <= 14) {
      return epochNanos(v, 1_000_000L, 0);
    } else if (digits <= 17) {
      return epochNanos(v, 1_000L, 0);
    }
    return v;
  }

  /** The number of the {@code digits} digits at {@code from} (at most 19; negative past Long.MAX_VALUE). */
  private long digitsValue(int from, int digits) {
    long v = 0;
    for (int i = from; i < from + digits; i++) {
      v = v * 10 + (buf[i] - '0');
    }
    return v;
  }

  /**
   * {@code units * nanosPerUnit + nanos}, or {@link #INVALID} beyond what int64 nanoseconds hold
   * (1677-09-21 to 2262-04-11): a time out of that range is no timestamp, never a wrapped one.
   */
  private static long epochNanos(long units, long nanosPerUnit, long nanos) {
    if (units < 0 && nanos > 0) {
      units++; // -2 s + 0.5 s as -1 s - 0.5 s, so that the last representable second does not overflow
      nanos -= nanosPerUnit;
    }
    try {
      long t = Math.addExact(Math.multiplyExact(units, nanosPerUnit), nanos);
      return t == INVALID ? INVALID : t;
    } catch (ArithmeticException e) {
      return INVALID;
    }
  }

  /** {@code yyyyMMdd HH:mm:ss[.f]} or {@code yyyyMMdd HHmmss[f]}. */
  private long compactDateTime() {
    int year = readNumber(4);
    int month = readNumber(2);
    int day = readNumber(2);
    pos++; // ' ' or 'T'
    int hour;
    int minute;
    int second;
    long nanos;
    if (pos + 2 < end && buf[pos + 2] == ':') {
      hour = readNumber(2);
      if (!expect(':')) {
        return INVALID;
      }
      minute = readNumber(2);
      second = 0;
      if (pos < end && buf[pos] == ':') {
        pos++;
        second = readNumber(2);
      }
      nanos = optionalFraction();
    } else {
      hour = readNumber(2);
      minute = readNumber(2);
      second = readNumber(2);
      nanos = readFraction(); // HistData: milliseconds right after the seconds
    }
    return finish(year, month, day, hour, minute, second, nanos);
  }

  /** {@code yyyy-MM-dd[( |T)HH:mm[:ss[.f]]][Z|±HH[:]MM]}, with '-', '/' or '.' in the date. */
  private long isoLike(byte sep) {
    int year = readNumber(4);
    pos++;
    int month = readNumber(2);
    if (!expect(sep)) {
      return INVALID;
    }
    int day = readNumber(2);
    return timeOfDay(year, month, day);
  }

  /** {@code dd.MM.yyyy[ HH:mm[:ss[.f]]]}. */
  private long dayFirst() {
    int day = readNumber(2);
    pos++;
    int month = readNumber(2);
    if (!expect('.')) {
      return INVALID;
    }
    int year = readNumber(4);
    return timeOfDay(year, month, day);
  }

  private long timeOfDay(int year, int month, int day) {
    int hour = 0;
    int minute = 0;
    int second = 0;
    long nanos = 0;
    if (pos < end && (buf[pos] == ' ' || buf[pos] == 'T')) {
      pos++;
      hour = readNumber(2);
      if (!expect(':')) {
        return INVALID;
      }
      minute = readNumber(2);
      if (pos < end && buf[pos] == ':') {
        pos++;
        second = readNumber(2);
        nanos = optionalFraction();
      }
    }
    return finish(year, month, day, hour, minute, second, nanos);
  }

  private long optionalFraction() {
    if (pos < end && (buf[pos] == '.' || buf[pos] == ',')) {
      pos++;
      return readFraction();
    }
    return 0;
  }

  /** Reads 0 to 9 fraction digits as nanoseconds; -1 for more than 9. */
  private long readFraction() {
    long nanos = 0;
    int n = 0;
    while (pos < end && isDigit(buf[pos])) {
      if (++n > 9) {
        return -1;
      }
      nanos = nanos * 10 + (buf[pos++] - '0');
    }
    for (int i = n; i < 9; i++) {
      nanos *= 10;
    }
    return nanos;
  }

  private long finish(int year, int month, int day, int hour, int minute, int second, long nanos) {
    if (year < 0 || nanos < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour > 23 || hour < 0 || minute > 59 || minute < 0 || second > 59 || second < 0) {
      return INVALID;
    }
    int offset = readOffset();
    if (offset == INVALID_OFFSET || pos != end) {
      return INVALID;
    }
    long localSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    if (offset == NO_OFFSET) {
      offset = zoneOffset(localSeconds);
    }
    return epochNanos(localSeconds - offset, NANOS_PER_SECOND, nanos);
  }

  private static final int INVALID_OFFSET = Integer.MAX_VALUE;

  /** An optional {@code Z} or {@code ±HH[:]MM} / {@code ±HH}; NO_OFFSET when absent. */
  private int readOffset() {
    if (pos == end) {
      return NO_OFFSET;
    }
    byte c = buf[pos];
    if (c == 'Z' || c == 'z') {
      pos++;
      return 0;
    }
    if (c != '+' && c != '-') {
      return INVALID_OFFSET;
    }
    pos++;
    int hours = readNumber(2);
    int minutes = 0;
    if (pos < end) {
      if (buf[pos] == ':') {
        pos++;
      }
      minutes = readNumber(2);
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return INVALID_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    return c == '-' ? -seconds : seconds;
  }

  private int zoneOffset(long localSeconds) {
    if (fixedOffsetSeconds != NO_OFFSET) {
      return fixedOffsetSeconds;
    }
    long minute = Math.floorDiv(localSeconds, 60);
    if (minute != cachedLocalMinute) {
      LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
      cachedOffsetSeconds = rules.getOffset(local).getTotalSeconds();
      cachedLocalMinute = minute;
    }
    return cachedOffsetSeconds;
  }

  /** Reads exactly {@code n} digits; -1 (which every caller rejects) when they are not there. */
  private int readNumber(int n) {
    if (pos + n > end) {
      pos = end;
      return -1;
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      byte c = buf[pos++];
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private boolean expect(byte c) {
    if (pos < end && buf[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean expect(char c) {
    return expect((byte) c);
  }

  private int countDigits(int from) {
    int i = from;
    while (i < end && isDigit(buf[i])) {
      i++;
    }
    return i - from;
  }

  private boolean allDigits(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(buf[i])) {
        return false;
      }
    }
    return to > from;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
