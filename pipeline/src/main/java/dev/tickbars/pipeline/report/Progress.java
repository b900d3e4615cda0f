package dev.tickbars.pipeline.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A batch run's progress, as the client sees it from the workers' {@link WorkProgress} files: the
 * stage (scan, the first pass over the input; build, the second), percent, bytes scanned of the
 * input, ticks, ticks/s, elapsed, ETA and heap in use. It goes to {@code OUT/progress.jsonl} (a
 * JSON object a second and at each stage, appended and flushed, so another process can follow)
 * and to the terminal: a bar rewritten in place four times a second, or in a log (not a terminal)
 * a plain line every {@code --progressInterval}, or nothing with {@code --quiet}.
 */
public final class Progress implements AutoCloseable {
  /** How progress is shown. */
  enum Display {
    BAR,
    LINES,
    NONE
  }

  /** The share of the run's work that the first pass is (JFR: ~1.3 s of ~4.3 s at 3M ticks). */
  private static final double SCAN_SHARE = 0.35;
  private static final long BAR_EVERY_MS = 250;
  private static final long JSON_EVERY_MS = 1_000;
  /** In object storage, progress files are read and {@code progress.jsonl} written whole this seldom: each is a request. */
  private static final long STORED_EVERY_MS = 10_000;
  private static final int BAR_WIDTH = 24;

  private final String jsonl;
  private final String work;
  private final boolean local;
  /** The lines of {@code progress.jsonl} so far, which object storage gets whole each time. */
  private final StringBuilder lines = new StringBuilder();
  private long lastReadMs = Long.MIN_VALUE / 2;
  private long lastStoredMs = Long.MIN_VALUE / 2;
  private final long inputBytes;
  private final Display display;
  private final long lineEveryMs;
  private final PrintStream terminal;
  private final boolean verbose;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private String stage = "planned";
  private long lastJsonMs = Long.MIN_VALUE / 2;
  private long lastLineMs;
  private double rate;
  private String rateStage = "";
  private boolean drawn;
  private String shown = "";
  private long scanned;
  /** The latest numbers of each piece of work, by name, and the pieces that are done. */
  private final Map<String, long[]> pieces = new HashMap<>();
  private final Set<String> finished = new HashSet<>();
  /** The current stage's recent (milliseconds, ticks), for the rate. */
  private final Deque<long[]> recent = new ArrayDeque<>();
  private long scannedBytes;
  /** What the job waits for before its work starts (a cluster's task slots), or null. */
  private Supplier<String> waitingFor = () -> null;
  private String waiting;

  private Progress(
      String jsonl, String work, long inputBytes, Display display, Duration lineEvery, PrintStream terminal, boolean verbose) {
    this.jsonl = jsonl;
    this.work = work;
    this.local = Storage.isLocal(jsonl);
    this.inputBytes = Math.max(1, inputBytes);
    this.display = display;
    this.lineEveryMs = lineEvery.toMillis();
    this.terminal = terminal;
    this.verbose = verbose;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tickbars-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts following a run: {@code work} is its workers' progress folder, {@code inputBytes} the
   * size of its input files; {@code verbose} adds a line at each stage. {@code progress.jsonl}
   * is started anew.
   */
  public static Progress start(
      String jsonl, String work, long inputBytes, Display display, Duration lineEvery, PrintStream terminal, boolean verbose)
      throws IOException {
    Storage.delete(List.of(jsonl));
    Progress p = new Progress(jsonl, work, inputBytes, display, lineEvery, terminal, verbose);
    p.update(true);
    long every = display == Display.BAR ? BAR_EVERY_MS : Math.min(JSON_EVERY_MS, Math.max(100, p.lineEveryMs));
    p.timer.scheduleAtFixedRate(() -> p.update(false), every, every, TimeUnit.MILLISECONDS);
    return p;
  }

  /** The display for a run: none when quiet, else {@code choice} (auto: a bar on a terminal). */
  public static Display display(String choice, boolean quiet) {
    if (quiet) {
      return Display.NONE;
    }
    return switch (choice.toLowerCase(Locale.ROOT)) {
      case "bar" -> Display.BAR;
      case "lines" -> Display.LINES;
      case "none" -> Display.NONE;
      case "auto" -> System.console() != null && !"dumb".equals(System.getenv("TERM")) ? Display.BAR : Display.LINES;
      default -> throw new UsageException("--progress must be auto, bar, lines or none, not '" + choice + "'");
    };
  }

  /**
   * Asks {@code waitingFor} while no work has started: what it tells (such as "waiting for 2 task
   * slots, 1 free") is then the stage {@code waiting}, shown instead of 0%.
   */
  public synchronized Progress waitingFor(Supplier<String> waitingFor) {
    this.waitingFor = waitingFor;
    return this;
  }

  /** Enters a stage the client knows of (running, publishing, done, failed). */
  public synchronized void stage(String name) {
    stage = name;
    update(true);
  }

  /** Stops updating and clears the bar. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    clearBar();
  }

  private void clearBar() {
    if (drawn) {
      terminal.print("\r\033[K");
      terminal.flush();
      drawn = false;
    }
  }

  private synchronized void update(boolean stageChanged) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    if (local || ms - lastReadMs >= STORED_EVERY_MS) {
      lastReadMs = ms;
      WorkProgress.read(work, pieces, finished);
    }
    long[] scan = sum(WorkProgress.SCAN);
    long[] build = sum(WorkProgress.BUILD);
    String now = stage;
    double percent;
    long ticks;
    waiting = stage.equals("running") && scan[0] == 0 && build[1] == 0 ? waitingFor.get() : null;
    if (waiting != null) {
      now = "waiting";
      percent = 0;
      ticks = 0;
    } else if (stage.equals("running")) {
      boolean building = build[1] > 0 || scan[0] >= inputBytes;
      now = building ? "build" : "scan";
      ticks = building ? build[1] : scan[1];
      double scanShare = Math.min(1, (double) scan[0] / inputBytes);
      double built = scan[1] == 0 ? 0 : Math.min(1, (double) build[1] / scan[1]);
      percent = 100 * (building ? SCAN_SHARE + (1 - SCAN_SHARE) * built : SCAN_SHARE * scanShare);
    } else {
      percent = stage.equals("publishing") || stage.equals("done") ? 100 : 0;
      ticks = scanned;
    }
    scanned = Math.max(scanned, scan[1]);
    scannedBytes = Math.max(scannedBytes, Math.min(scan[0], inputBytes));
    if (verbose && display != Display.NONE && !now.equals(shown) && !now.equals("planned")) {
      shown = now;
      clearBar();
      terminal.printf(
          Locale.ROOT, "stage: %s at %s: %,d ticks scanned in %s of %s MB, %,d built%n",
          now, clock(ms), scanned, mb(scannedBytes), mb(inputBytes), build[1]);
    }
    rate(now, ticks, ms);
    long heap = HeapPeak.used();
    if (stageChanged || ms - lastJsonMs >= JSON_EVERY_MS) {
      lastJsonMs = ms;
      json(now, percent, ticks, heap, ms, stageChanged);
    }
    draw(now, percent, ticks, heap, ms);
  }

  /** The bar, redrawn in place, or a line every so often, while the job runs. */
  private void draw(String now, double percent, long ticks, long heap, long ms) {
    if (display == Display.BAR && stage.equals("running")) {
      terminal.print("\r" + bar(percent) + " " + text(now, percent, ticks, heap, ms) + "\033[K");
      terminal.flush();
      drawn = true;
    } else if (display == Display.LINES && stage.equals("running") && ms - lastLineMs >= lineEveryMs) {
      lastLineMs = ms;
      terminal.println("progress: " + text(now, percent, ticks, heap, ms));
      terminal.flush();
    }
  }

  /** The bytes and ticks of a stage's pieces. */
  private long[] sum(String stage) {
    long[] total = {0, 0};
    pieces.forEach((name, n) -> {
      if (name.startsWith(stage + "-")) {
        total[0] += n[0];
        total[1] += n[1];
      }
    });
    return total;
  }

  /** Ticks per second over the last two seconds or so of the stage's count. */
  private void rate(String now, long ticks, long ms) {
    if (!now.equals(rateStage)) {
      rateStage = now;
      recent.clear();
    }
    recent.addLast(new long[] {ms, ticks});
    while (recent.size() > 2 && ms - recent.peekFirst()[0] > 2_000) {
      recent.removeFirst();
    }
    long[] first = recent.peekFirst();
    rate = ms > first[0] ? (ticks - first[1]) * 1000.0 / (ms - first[0]) : 0;
  }

  private String text(String now, double percent, long ticks, long heap, long ms) {
    if (waiting != null) {
      return String.format(Locale.ROOT, "%s  elapsed %s  heap %,d MB", waiting, clock(ms), heap >> 20);
    }
    String eta = percent > 0 && percent < 100 ? clock((long) (ms * (100 - percent) / percent)) : "-";
    return String.format(
        Locale.ROOT,
        "%3.0f%% %-5s %,d ticks  %,.0f ticks/s  %s/%s MB  elapsed %s  ETA %s  heap %,d MB",
        percent, now, ticks, rate, mb(scannedBytes), mb(inputBytes), clock(ms), eta, heap >> 20);
  }

  private static String bar(double percent) {
    int full = (int) Math.round(BAR_WIDTH * percent / 100);
    return "[" + "#".repeat(full) + "-".repeat(BAR_WIDTH - full) + "]";
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
  }

  private static String clock(long ms) {
    long s = ms / 1000;
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private void json(String now, double percent, long ticks, long heap, long ms, boolean stageChanged) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("time", Instant.now().toString());
    o.put("stage", now);
    if (waiting != null) {
      o.put("waiting", waiting);
    }
    o.put("percent", Math.round(percent * 10) / 10.0);
    o.put("ticks", ticks);
    o.put("ticks_per_s", Math.round(rate));
    o.put("bytes_scanned", scannedBytes);
    o.put("input_bytes", inputBytes);
    o.put("elapsed_s", ms / 1000.0);
    o.put("heap_mb", heap >> 20);
    try {
      String line = Json.MAPPER.writeValueAsString(o) + "\n";
      if (local) {
        Files.write(
            Storage.path(jsonl), line.getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
      } else {
        lines.append(line);
        if (stageChanged || ms - lastStoredMs >= STORED_EVERY_MS) {
          lastStoredMs = ms;
          Storage.writeWhole(jsonl, lines.toString().getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      // advice only: the next update tries again
    }
  }
}
