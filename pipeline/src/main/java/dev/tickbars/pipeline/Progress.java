package dev.tickbars.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * {@code OUT/progress.jsonl}: one JSON object a line (time, stage, percent, ticks, ticks/s),
 * appended and flushed as the run goes, so another process can follow it. Started anew by each
 * run.
 */
final class Progress {
  private final Path file;
  private final long startNanos = System.nanoTime();

  private Progress(Path file) {
    this.file = file;
  }

  static Progress start(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Progress(file);
  }

  /** Records a stage; {@code ticks} is -1 where it is not known yet. */
  synchronized void stage(String stage, double percent, long ticks) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("time", Instant.now().toString());
    o.put("stage", stage);
    o.put("percent", percent);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    o.put("elapsed_s", Math.round(seconds * 1000) / 1000.0);
    if (ticks >= 0) {
      o.put("ticks", ticks);
      o.put("ticks_per_s", seconds > 0 ? Math.round(ticks / seconds) : 0);
    }
    try {
      Files.write(
          file,
          (Json.MAPPER.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
