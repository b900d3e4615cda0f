package dev.tickbars.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.transforms.bars.WeekendWindow;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickFilterTest {
  private static final WeekendWindow FX_WEEKEND = WeekendWindow.of("FRI-22:00", "SUN-22:00");
  private static final long SATURDAY = nanos("2025-07-05T12:00:00Z");
  private static final long MONDAY = nanos("2025-07-07T12:00:00Z");

  @Test
  void aWeekendTickIsTrimmedBeforeItCouldBeLate() {
    TickFilter f = new TickFilter(FX_WEEKEND, new LateTicks(Map.of("EURUSD", MONDAY)));
    assertEquals(TickFilter.Verdict.TRIMMED, f.verdict("EURUSD", SATURDAY));
    assertEquals(TickFilter.Verdict.LATE, f.verdict("EURUSD", MONDAY - 1));
    assertEquals(TickFilter.Verdict.KEEP, f.verdict("EURUSD", MONDAY));
    assertEquals(TickFilter.Verdict.KEEP, f.verdict("USDJPY", MONDAY - 1));
  }

  @Test
  void withoutTrimmingAWeekendTickIsKept() {
    assertEquals(TickFilter.Verdict.KEEP, new TickFilter(null, LateTicks.NONE).verdict("EURUSD", SATURDAY));
    assertEquals(TickFilter.Verdict.TRIMMED, TickFilter.trimming(FX_WEEKEND).verdict("EURUSD", SATURDAY));
    assertEquals(TickFilter.Verdict.KEEP, TickFilter.trimming(FX_WEEKEND).verdict("EURUSD", 0));
  }

  private static long nanos(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000_000L;
  }
}
