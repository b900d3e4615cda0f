package dev.tickbars.transforms.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  private static long nanos(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static long parse(Timestamps t, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return t.parse(b, 0, b.length);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "20250701 00:00:00.332       | 2025-07-01T00:00:00.332Z",
        "20250701 23:59:59           | 2025-07-01T23:59:59Z",
        "2025-07-01T12:34:56.123456789Z | 2025-07-01T12:34:56.123456789Z",
        "2025-07-01 12:34:56.1       | 2025-07-01T12:34:56.100Z",
        "2025-07-01T12:34:56+02:00   | 2025-07-01T10:34:56Z",
        "2025-07-01T12:34:56.5-0530  | 2025-07-01T18:04:56.500Z",
        "2025-07-01T12:34            | 2025-07-01T12:34:00Z",
        "2025-07-01                  | 2025-07-01T00:00:00Z",
        "01.07.2025 00:00:00.332     | 2025-07-01T00:00:00.332Z",
        "1751328000                  | 2025-07-01T00:00:00Z",
        "1751328000332               | 2025-07-01T00:00:00.332Z",
        "1751328000332123            | 2025-07-01T00:00:00.332123Z",
        "1751328000332123456         | 2025-07-01T00:00:00.332123456Z",
        "1751328000.25               | 2025-07-01T00:00:00.250Z",
        "2024-02-29T00:00:00Z        | 2024-02-29T00:00:00Z",
        "1969-12-31T23:59:59.999Z    | 1969-12-31T23:59:59.999Z",
        "2262-04-11T23:47:16.854775807Z | 2262-04-11T23:47:16.854775807Z",
        "1677-09-21T00:12:43.145224193Z | 1677-09-21T00:12:43.145224193Z",
      })
  void readsEveryShapeToUtcNanos(String text, String expected) {
    assertEquals(nanos(expected), parse(Timestamps.utc(), text.strip()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "", "garbage", "2025-13-01", "2025-02-29", "2025-07-01T24:00:00", "2025-07-01T12:60",
        "20250701 00:00:00.1234567890", "2025-07-01T12:00:00+25:00", "2025-07-01X", "12345678901234567890",
        "01.07.25 00:00", "2025/07-01"
      })
  void rejectsWhatIsNoTimestamp(String text) {
    assertEquals(Timestamps.INVALID, parse(Timestamps.utc(), text));
  }

  /** Times that int64 nanoseconds cannot hold were once stored wrapped (2300-01-01 as 1715-06-13). */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "23000101 00:00:00.000", "99991231 23:59:59.999", "2262-04-11T23:47:16.854775808Z", "1677-09-21T00:12:43.145224192Z",
        "1600-01-01", "9999999999.5", "99999999999", "99999999999999", "99999999999999999"
      })
  void rejectsTimesBeyondInt64Nanoseconds(String text) {
    assertEquals(Timestamps.INVALID, parse(Timestamps.utc(), text));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "20120201 000003660, 2012-02-01T05:00:03.660Z",
    "20120201 235959000, 2012-02-02T04:59:59Z",
  })
  void histDataIsEasternStandardTimeAllYear(String text, String expected) {
    assertEquals(nanos(expected), parse(new Timestamps(LayoutDetector.HISTDATA_ZONE), text));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "2025-01-15 09:30:00, 2025-01-15T14:30:00Z",
    "2025-07-15 09:30:00, 2025-07-15T13:30:00Z",
    "2025-07-15 09:30:00Z, 2025-07-15T09:30:00Z",
  })
  void aRegionZoneFollowsDaylightSavingUnlessTheTextHasAnOffset(String text, String expected) {
    assertEquals(nanos(expected), parse(new Timestamps(ZoneId.of("America/New_York")), text));
  }
}
