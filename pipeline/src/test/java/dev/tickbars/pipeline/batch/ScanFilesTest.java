package dev.tickbars.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.TestPipelineExtension;
import dev.tickbars.transforms.bars.WeekendWindow;
import dev.tickbars.transforms.parse.InputFormat;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.parse.LayoutDetector;
import dev.tickbars.transforms.values.PriceBasis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ScanFilesTest {
  private static final Layout TRUEFX =
      new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null).detect("f", "");
  private static final WeekendWindow WEEKEND = WeekendWindow.of("FRI-22:00", "SUN-22:00");

  private final transient TestPipeline pipeline = TestPipeline.create();
  @TempDir Path dir;

  @Test
  void smallFilesGoTogetherUpToAPieceAndLargeOnesAreCut() {
    List<InputFile> files = List.of(
        new InputFile("a.csv", 0, 40, TRUEFX),
        new InputFile("b.csv", 1, 50, TRUEFX),
        new InputFile("c.csv", 2, 30, TRUEFX),
        new InputFile("d.csv", 3, 250, TRUEFX),
        new InputFile("e.csv.gz", 4, 500, TRUEFX),
        new InputFile("f.csv", 5, 10, TRUEFX));
    List<String> groups = ScanFiles.groups(files, 100).stream()
        .map(g -> String.join(" ", g.stream().map(p -> p.file().path() + ":" + p.index() + "@" + p.start()).toList()))
        .toList();
    assertEquals(
        List.of("a.csv:0@0 b.csv:0@0", "c.csv:0@0", "d.csv:0@0", "d.csv:1@100", "d.csv:2@200", "e.csv.gz:0@0", "f.csv:0@0"),
        groups,
        "a and b fill 90 of 100 bytes; d's last piece (50 bytes) and f would fit, but e, compressed, is one piece between");
    assertEquals(Long.MAX_VALUE, ScanFiles.groups(files, 100).get(4).get(0).end(), "a file's last piece runs to its end");
  }

  /**
   * The dead letters of the scan: a file of good lines leaves no reject file and counts none; a
   * file's bad lines are written with their file, line number, reason and raw text, counted by
   * reason in {@link ScanFiles#COUNTS} and by the {@code rejectedLines} counter.
   */
  @Test
  void goodLinesLeaveNoRejectsAndBadLinesAreWrittenWithTheirLineAndCounted() throws IOException {
    InputFile good = file("a.csv", 0,
        "EUR/USD,20250707 10:00:00.000,1.1,1.2\nEUR/USD,20250707 10:00:01.000,1.1,1.2\n");
    InputFile bad = file("b.csv", 1,
        "EUR/USD,20250707 10:00:02.000,1.1,1.2\nEUR/USD,garbage,1.1,1.2\n\nEUR/USD,20250707 10:00:03.000,1.3,1.2\n");
    Path rejects = dir.resolve("rejects");
    Files.createDirectories(rejects);
    ScanFiles.Folders folders =
        new ScanFiles.Folders(rejects.toString(), dir.resolve("inflated").toString(), new WorkProgress(dir.resolve("progress").toString()));
    QualityRules rules = new QualityRules(60_000_000_000L, PriceBasis.MID, 10, null, WEEKEND);

    PCollection<ScanCounts> counts =
        pipeline
            .apply("ScanFiles", ScanFiles.of(List.of(good, bad), 1 << 20, TickFilter.trimming(null), rules, folders, null))
            .get(ScanFiles.COUNTS)
            .apply("MergeScanCounts", Combine.globally(ScanCounts::merge));
    PAssert.thatSingleton(counts).satisfies(c -> {
      assertEquals(Map.of("bad_timestamp", 1L, "crossed_quote", 1L), c.stats.rejectedByReason);
      assertEquals(0, c.stats.files.get(good.path()).rejected);
      assertEquals(2, c.stats.files.get(bad.path()).rejected);
      assertEquals(3, c.stats.accepted());
      return null;
    });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    try (Stream<Path> written = Files.list(rejects)) {
      assertEquals(List.of("1-0.jsonl"), written.map(p -> p.getFileName().toString()).sorted().toList(),
          "a reject file for the bad file's piece only");
    }
    List<String> lines = Files.readAllLines(rejects.resolve("1-0.jsonl"));
    assertEquals(2, lines.size());
    JsonNode first = Json.MAPPER.readTree(lines.get(0));
    assertEquals(bad.path(), first.path("file").asText());
    assertEquals(2, first.path("line").asLong());
    assertEquals("bad_timestamp", first.path("reason").asText());
    assertEquals("EUR/USD,garbage,1.1,1.2", first.path("raw").asText());
    JsonNode second = Json.MAPPER.readTree(lines.get(1));
    assertEquals(4, second.path("line").asLong(), "the blank line counts as a line, as an editor shows it");
    assertEquals("crossed_quote", second.path("reason").asText());
    assertEquals("EUR/USD,20250707 10:00:03.000,1.3,1.2", second.path("raw").asText());

    Iterable<MetricResult<Long>> counters = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.named(ScanFiles.class, ScanFiles.REJECTED_LINES)).build())
        .getCounters();
    assertTrue(counters.iterator().hasNext(), "the rejectedLines counter is reported");
    assertEquals(2L, counters.iterator().next().getAttempted());
  }

  private InputFile file(String name, int rank, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return new InputFile(p.toString(), rank, Files.size(p), TRUEFX);
  }
}
