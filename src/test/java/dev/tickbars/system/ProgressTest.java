package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Progress as a CI job and a terminal see it: plain lines (no control characters) every
 * {@code --progressInterval} when the output is a log, a bar rewritten in place with {@code
 * --progress=bar}, nothing but the summary with {@code --quiet}, and {@code OUT/progress.jsonl}
 * following the run to its last tick on both local runners.
 */
class ProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path ticks() throws Exception {
    Path in = dir.resolve("in");
    SampleTicks.write(in, 400_000, 2, 5, false);
    return in;
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void inALogProgressIsPlainLinesAndProgressJsonlFollowsTheRun(String runner) throws Exception {
    Path out = dir.resolve("out");
    Jar.Result r =
        Jar.run("--runner=" + runner, "--input=" + ticks(), "--output=" + out, "--progressInterval=0.1", "--verbose");

    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("\r") || r.err().contains("\u001b"), "no control characters in a log: " + r.err());
    assertFalse(r.out().contains("\r") || r.out().contains("\u001b"));
    List<String> progress = r.err().lines().filter(l -> l.startsWith("progress: ")).toList();
    assertFalse(progress.isEmpty(), r.err());
    assertTrue(progress.stream().allMatch(l -> l.matches("progress: +\\d+% (scan|build) .* ticks/s .* MB +elapsed .* heap .* MB")), progress.toString());
    assertTrue(r.err().contains("stage: scan at "), r.err());
    assertTrue(r.err().contains("stage: build at "), r.err());

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("progress.jsonl"))) {
      lines.add(JSON.readTree(line));
    }
    List<String> stages = new ArrayList<>();
    double percent = 0;
    for (JsonNode l : lines) {
      for (String field : List.of("time", "stage", "percent", "ticks", "ticks_per_s", "elapsed_s", "heap_mb")) {
        assertTrue(l.has(field), field + " in " + l);
      }
      assertTrue(l.get("percent").asDouble() >= percent, "percent never goes back: " + lines);
      percent = l.get("percent").asDouble();
      if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(l.get("stage").asText())) {
        stages.add(l.get("stage").asText());
      }
    }
    assertEquals("planned", stages.get(0));
    assertEquals(List.of("publishing", "done"), stages.subList(stages.size() - 2, stages.size()), stages.toString());
    JsonNode done = lines.get(lines.size() - 1);
    long accepted = JSON.readTree(out.resolve("manifest.json").toFile()).path("ticks").path("accepted").asLong();
    assertEquals(accepted, done.get("ticks").asLong(), "the last line counts every accepted tick");
    assertEquals(100.0, done.get("percent").asDouble());
    assertEquals(Files.size(dir.resolve("in/ticks-000.csv")) + Files.size(dir.resolve("in/ticks-001.csv")),
        done.get("bytes_scanned").asLong());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void quietPrintsOnlyTheSummary(String runner) throws Exception {
    Jar.Result r =
        Jar.run("--runner=" + runner, "--input=" + ticks(), "--output=" + dir.resolve("out"), "--quiet", "--progressInterval=0.1");

    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().contains("ticks read"), r.out());
  }

  @Test
  void onATerminalTheBarIsRewrittenInPlace() throws Exception {
    Jar.Result r = Jar.run("--input=" + ticks(), "--output=" + dir.resolve("out"), "--progress=bar");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("\r["), r.err());
    assertTrue(r.err().matches("(?s).*\\[#*-*\\] +\\d+% (scan|build) .*\u001b\\[K.*"), r.err());
    assertFalse(r.err().lines().anyMatch(l -> l.startsWith("progress: ")));
  }
}
