package dev.tickbars.pipeline.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.transforms.parse.InputFormat;
import dev.tickbars.transforms.parse.LayoutDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewFilesSourceTest {
  private static final LayoutDetector TRUEFX = new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null);

  @TempDir Path dir;

  private NewFilesSource source() {
    return new NewFilesSource(
        dir.resolve("in").toString(), TRUEFX, Set.of(), 0, Duration.ZERO, Duration.standardSeconds(5),
        dir.resolve("stop").toString());
  }

  @Test
  void aCheckpointHoldsTheFilesEmittedNotThoseListedAndWaiting() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.csv"), "EUR/USD,20250707 12:00:10.000,1.1,1.2\nEUR/USD,20250707 12:01:00.000,1.1,1.2\n");
    Files.writeString(in.resolve("b.csv"), "EUR/USD,20250707 12:02:00.000,1.1,1.2\n");
    NewFilesSource source = source();

    UnboundedSource.UnboundedReader<Arrival> reader = source.createReader(PipelineOptionsFactory.create(), null);
    assertTrue(reader.start(), "both files are listed, a is emitted");
    assertEquals(in.resolve("a.csv").toString(), reader.getCurrent().file().path());
    assertEquals(new Instant(java.time.Instant.parse("2025-07-07T12:00:05Z").toEpochMilli()), reader.getCurrentTimestamp());
    assertEquals(new Instant(java.time.Instant.parse("2025-07-07T12:00:55Z").toEpochMilli()), reader.getWatermark());
    NewFilesSource.Mark mark = (NewFilesSource.Mark) reader.getCheckpointMark();

    UnboundedSource.UnboundedReader<Arrival> restored = source.createReader(PipelineOptionsFactory.create(), mark);
    assertEquals(reader.getWatermark(), restored.getWatermark());
    assertTrue(restored.start(), "b, listed but not emitted at the checkpoint, is emitted after the restore");
    assertEquals(in.resolve("b.csv").toString(), restored.getCurrent().file().path());
    assertEquals(1, restored.getCurrent().file().rank());
    assertFalse(restored.advance(), "a is not emitted again");
  }

  @Test
  void aFileOfRejectsOnlyIsEmittedAtTheWatermarkAndTheStopNamesTheSymbolsAndEndsTheWatermark() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.csv"), "EUR/USD,20250707 12:00:10.000,1.1,1.2\n");
    Files.writeString(in.resolve("b.csv"), "EUR/USD,not a time,1.1,1.2\n");
    UnboundedSource.UnboundedReader<Arrival> reader = source().createReader(PipelineOptionsFactory.create(), null);
    assertTrue(reader.start());
    Instant watermark = reader.getWatermark();

    assertTrue(reader.advance(), "a file without ticks is read too: its rejects are written");
    assertEquals(in.resolve("b.csv").toString(), reader.getCurrent().file().path());
    assertEquals(watermark, reader.getCurrentTimestamp());
    assertEquals(watermark, reader.getWatermark());

    Files.createFile(dir.resolve("stop"));
    assertTrue(reader.advance(), "the stop comes after the last file");
    assertTrue(reader.getCurrent().isStop());
    assertEquals(Set.of("EURUSD"), reader.getCurrent().symbols());
    assertEquals(watermark, reader.getCurrentTimestamp(), "stamped with the last watermark the data moved");
    NewFilesSource.Mark mark = (NewFilesSource.Mark) reader.getCheckpointMark();
    assertFalse(reader.advance());
    assertEquals(BoundedWindow.TIMESTAMP_MAX_VALUE, reader.getWatermark());

    UnboundedSource.UnboundedReader<Arrival> restored = source().createReader(PipelineOptionsFactory.create(), mark);
    assertFalse(restored.start(), "a restore after the stop emits nothing again");
    assertEquals(BoundedWindow.TIMESTAMP_MAX_VALUE, restored.getWatermark());
  }
}
