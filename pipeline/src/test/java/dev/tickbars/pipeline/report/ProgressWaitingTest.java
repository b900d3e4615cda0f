package dev.tickbars.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that waits for a cluster's task slots says so in its progress, then goes on to 0% scan. */
class ProgressWaitingTest {
  @TempDir Path dir;

  @Test
  void whileTheJobWaitsForTaskSlotsTheProgressSaysSoInsteadOfZeroPercent() throws Exception {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    AtomicReference<String> waiting = new AtomicReference<>("waiting for 2 task slots, 1 free");
    Path jsonl = dir.resolve("progress.jsonl");
    Path work = Files.createDirectories(dir.resolve("work"));
    try (Progress p = Progress.start(jsonl.toString(), work.toString(), 1_000, Progress.Display.LINES, Duration.ofMillis(100),
            new PrintStream(terminal, true, StandardCharsets.UTF_8), false)
        .waitingFor(waiting::get)) {
      p.stage("running");
      Thread.sleep(500);
      waiting.set(null);
      Thread.sleep(500);
    }

    List<String> lines = terminal.toString(StandardCharsets.UTF_8).lines().toList();
    int waited = firstStartingWith(lines, "progress: waiting for 2 task slots, 1 free  elapsed 0:00");
    int scanning = firstStartingWith(lines, "progress:   0% scan");
    assertTrue(waited >= 0 && scanning > waited, String.join("\n", lines));
    JsonNode first = Json.MAPPER.readTree(Files.readAllLines(jsonl).get(1));
    assertEquals("waiting", first.path("stage").asText());
    assertEquals("waiting for 2 task slots, 1 free", first.path("waiting").asText());
  }

  private static int firstStartingWith(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }
}
