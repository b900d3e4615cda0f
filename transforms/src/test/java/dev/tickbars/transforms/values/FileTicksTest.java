package dev.tickbars.transforms.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.transforms.NumberInEventTime;
import dev.tickbars.transforms.coders.FileTicksCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class FileTicksTest {
  private static FileTicks twoTicks() {
    FileTicks.Builder b = new FileTicks.Builder("in/a.csv", "EURUSD");
    b.ticks().add(10, TickBlock.position(0, 0), 1.1, 1.2, Double.NaN, Double.NaN, Double.NaN, Double.NaN, (byte) 0);
    b.line(1, "EUR/USD,20250707 12:00:00.000,1.1,1.2", 37);
    b.ticks().add(20, TickBlock.position(0, 39), 1.1, 1.3, 5, 6, Double.NaN, Double.NaN, (byte) 0);
    b.line(3, "EURUSD,20250707 12:00:00.0,1.1,1.3,5,6", 38);
    return b.build();
  }

  @Test
  void aTickTakenFromAnotherKeepsItsLine() {
    FileTicks read = twoTicks();
    FileTicks second = new FileTicks.Builder(read.file, "EURUSD").add(read, 1).build();
    assertEquals(1, second.size());
    assertEquals(3, second.line(0));
    assertEquals("EURUSD,20250707 12:00:00.0,1.1,1.3,5,6", second.text(0));
    assertEquals(38, second.bytes(0));
    assertEquals(20, second.ticks.timeNs(0));
    assertEquals(6, second.ticks.askVolume(0));
  }

  @Test
  void theCoderRoundTripsTicksTheirLinesAndTheEndMark() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(FileTicksCoder.of(), twoTicks());
    CoderProperties.coderDecodeEncodeEqual(FileTicksCoder.of(), NumberInEventTime.endMark("EURUSD").getValue());
    CoderProperties.coderDeterministic(FileTicksCoder.of(), twoTicks(), twoTicks());
  }
}
