package dev.tickbars.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

  /**
   * Writes a {@code running} line every {@code period} until the returned handle is closed, so a
   * follower sees the job alive while it runs.
   */
  AutoCloseable heartbeat(Duration period) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tickbars-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> stage("running", -1, -1), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }

  /** Records a stage; {@code percent} and {@code ticks} are -1 where they are not known. */
  synchronized void stage(String stage, double percent, long ticks) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("time", Instant.now().toString());
    o.put("stage", stage);
    if (percent >= 0) {
      o.put("percent", percent);
    }
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
