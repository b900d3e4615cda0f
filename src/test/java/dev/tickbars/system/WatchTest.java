package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --watch} as a user runs it: the jar watches a folder into which files are moved one by
 * one (written as {@code .part} first); each file's ticks start to appear in published files
 * within the flush interval of its landing (all but those the watermark has not passed yet);
 * the manifest lists what is published while the watch runs; SIGTERM drains and ends the watch
 * with exit 0; a restart goes on, also after a SIGKILL; the end result equals one batch run.
 */
class WatchTest {
  private static final Duration LANDING_LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  /** The watches a test started, ended after it whatever happened. */
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void endWatches() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** In each layout (on one runner each): a batch run of the default layout holds the same rows. */
  @ParameterizedTest
  @CsvSource({"FlinkRunner, flat", "DirectRunner, hive"})
  void filesMovedInArePublishedUntilSigtermAndARestartGoesOn(String runner, String layout) throws Exception {
    List<Path> files = AppendTest.appendableTicks(dir.resolve("in"), 24_000, 4);
    Path feed = dir.resolve("feed");
    Path out = dir.resolve("out");
    Files.createDirectories(feed);
    Files.writeString(feed.resolve("ticks-999.csv.part"), "EUR/USD,20990101 00:00:00.000,1,2\n");

    Process watch = watch(feed, out, runner, layout);
    List<Duration> latencies = new ArrayList<>();
    for (Path f : files.subList(0, 2)) {
      latencies.add(land(f, feed, out, watch));
      AppendTest.assertNoBarTwice(out);
      OutputLayoutTest.assertLayout(out, layout);
    }
    awaitLiveManifest(out, watch);
    watch.destroy(); // SIGTERM
    assertTrue(watch.waitFor(2, TimeUnit.MINUTES), "the watch ends on SIGTERM");
    assertEquals(0, watch.exitValue(), log());
    assertTrue(manifest(out).path("complete").asBoolean(), "a stopped watch's manifest is complete");

    Process killed = watch(feed, out, runner, layout);
    for (Path f : files.subList(2, 4)) {
      latencies.add(land(f, feed, out, killed));
    }
    // SIGKILL: no ledger of files 2 and 3. The restart reads both at once and cuts their ticks
    // into other files than the two landings did, so what the killed watch published must go.
    killed.destroyForcibly();
    assertTrue(killed.waitFor(1, TimeUnit.MINUTES));

    Process again = watch(feed, out, runner, layout);
    awaitLog("tickbars: watching", 3, again);
    again.destroy();
    assertTrue(again.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, again.exitValue(), log());

    Path batch = dir.resolve("batch");
    assertEquals(0, Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + batch, AppendTest.FRAMES)).code());
    AppendTest.assertSameOutput(batch, out);
    OutputLayoutTest.assertLayout(out, layout);
    System.out.println("WatchTest " + runner + ": from a file landing to its bars published: " + latencies);
  }

  /** Trades: volume and dollar-value bars, and slices by volume, as one batch run cuts them. */
  @Test
  void watchedTradesGiveWhatOneBatchRunGives() throws Exception {
    List<Path> files = TradeFiles.write(dir.resolve("in"), 9_000, 3, 7, false);
    List<String> options = List.of("--frames=1m,100t,500v,3000000dv", "--sliceFrame=500v", "--priceBasis=trade");
    Path feed = dir.resolve("feed");
    Path out = dir.resolve("out");
    Files.createDirectories(feed);

    Process watch = watch(feed, out, "DirectRunner", options);
    for (Path f : files) {
      land(f, feed, out, watch);
    }
    watch.destroy(); // SIGTERM
    assertTrue(watch.waitFor(2, TimeUnit.MINUTES), "the watch ends on SIGTERM");
    assertEquals(0, watch.exitValue(), log());

    Path batch = dir.resolve("batch");
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("--input=" + dir.resolve("in"), "--output=" + batch, "--maxRejectRatio=0.05"));
    assertEquals(0, Jar.inProcess(args).code());
    AppendTest.assertSameOutput(batch, out, List.of("bars_1m", "bars_100t", "bars_500v", "bars_3000000dv"), "tick_slices_500v");
  }

  @Test
  void aTickBehindTheNumberedFrontierIsRejectedAsLateWithItsLine() throws Exception {
    Path feed = dir.resolve("feed");
    Path out = dir.resolve("out");
    Files.createDirectories(feed);
    Process watch = watch(feed, out, "FlinkRunner", "flat");
    // The watermark goes to 12:04:55 (the last tick less 5 s): 12:00 and 12:03 are numbered.
    Files.writeString(
        feed.resolve("a.csv"),
        "EUR/USD,20250707 12:00:10.000,1.1,1.2\nEUR/USD,20250707 12:03:00.000,1.1,1.2\nEUR/USD,20250707 12:05:00.000,1.1,1.2\n");
    awaitBars(out, watch, 2);
    Files.writeString(
        feed.resolve("b.csv"),
        "EUR/USD,20250707 12:02:00.000,1.0,1.5\r\nEUR/USD,20250707 12:06:00.000,1.0,1.5\r\nEUR/USD,20250707 12:01:00.000,1.0,1.5\r\n");
    long started = System.nanoTime();
    while (!lateRejected(out) && System.nanoTime() - started < LANDING_LIMIT.toNanos()) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + log());
      Thread.sleep(100);
    }
    watch.destroy();
    assertTrue(watch.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, watch.exitValue(), log());

    assertEquals(List.of("b.csv:1:late", "b.csv:3:late"), RejectLines.of(out));
    StringBuilder rejects = new StringBuilder();
    try (java.util.stream.Stream<Path> files = Files.list(out.resolve("rejects"))) {
      for (Path f : files.toList()) {
        rejects.append(Files.readString(f));
      }
    }
    assertTrue(rejects.toString().contains("\"raw\":\"EUR/USD,20250707 12:01:00.000,1.0,1.5\""), "the raw line, no CR");
    List<String> bars = new ArrayList<>();
    for (var row : ParquetRows.readFolder(out.resolve("bars_1m"))) {
      bars.add(row.get("t_open_ns") + ":" + row.get("tick_first_id") + "-" + row.get("tick_last_id"));
    }
    bars.sort(null);
    long noon = java.time.Instant.parse("2025-07-07T12:00:00Z").getEpochSecond() * 1_000_000_000L;
    long minute = 60_000_000_000L;
    assertEquals(
        List.of(noon + ":0-0", (noon + 3 * minute) + ":1-1", (noon + 5 * minute) + ":2-2", (noon + 6 * minute) + ":3-3"),
        bars);
  }

  private static boolean lateRejected(Path out) throws Exception {
    try {
      return Files.isDirectory(out.resolve("rejects")) && !RejectLines.of(out).isEmpty();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false; // a file in it is being replaced
    }
  }

  /** Waits until the manifest lists what is published while the watch runs: not complete. */
  private void awaitLiveManifest(Path out, Process watch) throws Exception {
    long started = System.nanoTime();
    while (System.nanoTime() - started < LANDING_LIMIT.toNanos()) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + log());
      JsonNode m = manifest(out);
      if (m != null && !m.path("complete").asBoolean(true)
          && m.path("outputs").path("tick_slices_1000t").path("rows").asLong() == slices(out)) {
        assertTrue(m.has("updated"), m.toString());
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no manifest of what the watch published: " + manifest(out));
  }

  /** Waits until the log holds {@code line} {@code n} times. */
  private void awaitLog(String line, int n, Process watch) throws Exception {
    long started = System.nanoTime();
    while (log().lines().filter(l -> l.startsWith(line)).count() < n) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + log());
      assertTrue(System.nanoTime() - started < LANDING_LIMIT.toNanos(), () -> "no '" + line + "': " + log());
      Thread.sleep(100);
    }
  }

  /** The manifest, or null while there is none. */
  private static JsonNode manifest(Path out) throws java.io.IOException {
    Path m = out.resolve("manifest.json");
    return Files.exists(m) ? new ObjectMapper().readTree(m.toFile()) : null;
  }

  /** Waits until {@code bars_1m} holds at least {@code n} rows. */
  private void awaitBars(Path out, Process watch, int n) throws Exception {
    long started = System.nanoTime();
    while (System.nanoTime() - started < LANDING_LIMIT.toNanos()) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + log());
      if (rows(out.resolve("bars_1m")) >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + n + " bars within " + LANDING_LIMIT + ": " + log());
  }

  private Process watch(Path feed, Path out, String runner, String layout) throws Exception {
    return watch(feed, out, runner, List.of(AppendTest.FRAMES, "--layout=" + layout));
  }

  private Process watch(Path feed, Path out, String runner, List<String> options) throws Exception {
    List<String> args = new ArrayList<>(
        List.of("--runner=" + runner, "--input=" + feed, "--output=" + out, "--watch", "--pollInterval=0.5", "--flushInterval=1"));
    args.addAll(options);
    Process p = Jar.command(args.toArray(new String[0]))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("watch.log").toFile()))
        .start();
    started.add(p);
    return p;
  }

  /**
   * Moves {@code file} into {@code feed} as a writer does, and waits until a tick of it is in a
   * published slice file.
   */
  private Duration land(Path file, Path feed, Path out, Process watch) throws Exception {
    long before = slices(out);
    Path part = feed.resolve(file.getFileName() + ".part");
    Files.copy(file, part);
    long landed = System.nanoTime();
    Files.move(part, feed.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    while (System.nanoTime() - landed < LANDING_LIMIT.toNanos()) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + log());
      if (slices(out) > before) {
        return Duration.ofNanos(System.nanoTime() - landed);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(file.getFileName() + " was not published within " + LANDING_LIMIT + ": " + log());
  }

  /** The published slice rows. */
  private static long slices(Path out) throws Exception {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    long rows = 0;
    try (var folders = Files.list(out)) {
      for (Path f : folders.filter(f -> f.getFileName().toString().startsWith("tick_slices_")).toList()) {
        rows += rows(f);
      }
    }
    return rows;
  }

  /** The rows of a published folder; 0 while it is absent or a file in it is being replaced. */
  private static long rows(Path folder) throws Exception {
    try {
      return Files.isDirectory(folder) ? ParquetRows.readFolder(folder).size() : 0;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("watch.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
