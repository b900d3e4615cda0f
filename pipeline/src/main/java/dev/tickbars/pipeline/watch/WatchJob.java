package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.WholeFile;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.options.FlinkCluster;
import dev.tickbars.pipeline.options.JobSettings;
import dev.tickbars.pipeline.options.TickbarsOptions;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OpenBars;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.OutputListing;
import dev.tickbars.pipeline.output.OutputLock;
import dev.tickbars.pipeline.output.RunPlan;
import dev.tickbars.pipeline.output.WriteJoinedBars;
import dev.tickbars.pipeline.report.Manifest;
import dev.tickbars.pipeline.report.RunReport;
import dev.tickbars.pipeline.report.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.StreamingOptions;
import org.joda.time.Duration;
import sun.misc.Signal;

/**
 * {@code --watch}: runs {@link WatchPipeline} until SIGTERM or SIGINT, which write the stop file:
 * the watch then stops polling, what was read is numbered and published (each symbol's last
 * window and partial tick bars go to {@code last.parquet}), and the ledger and manifest are
 * written, so that a restart, or an {@code --append} run, goes on from there. Exit code 0.
 */
public final class WatchJob {
  static final String STOP = ".stop";
  private static final Pattern WATCH_FILE = Pattern.compile("(?:late-)?w(\\d+)-.*");
  private static final Pattern REJECTS_FILE = Pattern.compile("rejects-(\\d+)\\.jsonl");

  private WatchJob() {}

  public static int run(TickbarsOptions options, PrintStream out) throws IOException, InterruptedException {
    JobSettings settings = JobSettings.from(options);
    if (!Storage.isLocal(options.getOutput())) {
      throw new UsageException("--watch writes to a local or mounted --output; an s3:// output is for batch runs (and --append)");
    }
    FileSystems.setDefaultPipelineOptions(options);
    FlinkCluster cluster = FlinkCluster.of(options);
    if (cluster != null) {
      cluster.requireFreeSlots();
    }
    Path root = OutputFolder.create(options.getOutput());
    OutputFolder.requireOwn(root);
    try (OutputLock lock = OutputLock.take(root)) {
      OutputFolder.clearLeftovers(root, out);
      return watch(options, settings, root, out);
    }
  }

  /** Runs the watch into {@code root}, whose lock this run holds, until it is told to stop. */
  private static int watch(TickbarsOptions options, JobSettings settings, Path root, PrintStream out)
      throws IOException, InterruptedException {
    Ledger before = Ledger.readFor(root.toString(), "--watch", settings.shape());
    removeUnrecorded(root, settings.layout(), before);
    int run = before == null ? 1 : before.runs + 1;
    Path work = root.resolve(OutputFolder.WATCH_PREFIX + UUID.randomUUID());
    Path stop = root.resolve(STOP);
    Files.deleteIfExists(stop);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> touch(stop));
    }
    Pipeline p = pipeline(options, settings, root, work, stop, run, before);
    out.println("tickbars: watching " + options.getInput() + " (stop with Ctrl-C or SIGTERM)");
    Published published = new Published(options, settings, root, work, before, run, Instant.now());
    runWithLiveManifest(p, published, seconds(options.getFlushInterval()));
    Ledger after = published.ledger(OpenBars.read(work.resolve(WatchPipeline.OPEN_BARS).toString()).bars());
    RunReport report = published.report(after);
    WholeFile.writeJson(root.resolve(Ledger.FILE), after);
    WholeFile.write(root.resolve(OutputFolder.MANIFEST), Manifest.of(report, after, options, published.started(), Instant.now()));
    OutputFolder.deleteRecursively(work);
    Files.deleteIfExists(stop);
    Summary.print(report, out);
    out.println("tickbars: watch stopped; a restart goes on from " + root.resolve(Ledger.FILE));
    return 0;
  }

  /** The streaming pipeline of the watch, reading into {@code work} and the output in {@code root}. */
  private static Pipeline pipeline(
      TickbarsOptions options, JobSettings settings, Path root, Path work, Path stop, int run, Ledger before) {
    options.as(StreamingOptions.class).setStreaming(true);
    Pipeline p = Pipeline.create(options);
    WatchPipeline.build(
        p,
        settings,
        options.getInput(),
        new WatchPipeline.Folders(root.toString(), settings.layout(), work.toString(), stop.toString(), run),
        new WatchPipeline.Settings(
            seconds(options.getPollInterval()),
            seconds(options.getFlushInterval()),
            seconds(options.getMaxOutOfOrder()),
            seconds(options.getAllowedLateness())),
        before,
        before == null ? 0 : before.files.size());
    return p;
  }

  /** Runs the watch until it drains, writing the live manifest every {@code flush}. */
  private static void runWithLiveManifest(Pipeline p, Published published, Duration flush) throws InterruptedException {
    ScheduledExecutorService manifests = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tickbars-manifest");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, flush.getMillis());
    manifests.scheduleWithFixedDelay(published::writeLiveManifest, every, every, TimeUnit.MILLISECONDS);
    try {
      p.run().waitUntilFinish();
    } finally {
      manifests.shutdownNow();
      manifests.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** What the watch has read and published so far, from its work folder and the output. */
  private record Published(
      TickbarsOptions options, JobSettings settings, Path root, Path work, Ledger before, int run, Instant started) {

    /** The ledger after the files read so far, with {@code open} bars. */
    Ledger ledger(List<Ledger.OpenBarEntry> open) throws IOException {
      List<Ledger.FileEntry> read = new ArrayList<>();
      for (Path f : jsonFiles(work.resolve("files"))) {
        read.add(Json.MAPPER.readValue(f.toFile(), Ledger.FileEntry.class));
      }
      return Ledger.next(before, settings.shape(), run, read, thisRun(), open);
    }

    /** This run's report: its files and counts (the ledger's less the earlier runs'), the output. */
    RunReport report(Ledger after) throws IOException {
      List<InputFile> read = new ArrayList<>();
      after.files.stream().filter(f -> f.run() == run).forEach(e -> read.add(new InputFile(e.path(), e.rank(), e.size(), null)));
      return new RunReport(
          options.getRunner().getSimpleName(),
          root.toString(),
          new RunPlan(before, read, Map.of(), List.of(), Carried.NOTHING, run),
          thisRun(),
          OutputListing.of(root.toString()),
          java.time.Duration.between(started, Instant.now()),
          settings.maxRejectRatio(),
          null);
    }

    private ReadStats thisRun() throws IOException {
      List<ReadStats> stats = new ArrayList<>();
      for (Path f : jsonFiles(work.resolve("stats"))) {
        stats.add(Json.MAPPER.readValue(f.toFile(), ReadStats.class));
      }
      return ReadStats.merge(stats);
    }

    /** The manifest of what is published now, not complete; a failure waits for the next try. */
    void writeLiveManifest() {
      try {
        Ledger now = ledger(List.of());
        WholeFile.write(
            root.resolve(OutputFolder.MANIFEST), Manifest.of(report(now), now, options, started, Instant.now(), false));
      } catch (IOException | UncheckedIOException e) {
        // a file of the work folder or the output being replaced: the next update has it
      }
    }
  }

  private static Duration seconds(double s) {
    return Duration.millis(Math.round(s * 1000));
  }

  private static void touch(Path stop) {
    try {
      Files.createFile(stop);
    } catch (IOException e) {
      // already there: a second signal
    }
  }

  /**
   * What the ledger does not record: the earlier runs' last bars (the watch writes them again,
   * closed or still open), and what a killed watch left: its files (what {@code w<run>-...}) and
   * rejects of runs or input ranks after the ledger's, files it was writing, its work folder and
   * checkpoints. The
   * watch does that work again.
   */
  private static void removeUnrecorded(Path root, OutputLayout layout, Ledger before) throws IOException {
    int runs = before == null ? 0 : before.runs;
    int files = before == null ? 0 : before.files.size();
    List<Path> gone = new ArrayList<>();
    try (Stream<Path> top = Files.list(root)) {
      top.filter(f -> f.getFileName().toString().startsWith(OutputFolder.WATCH_PREFIX)
              || f.getFileName().toString().equals(OutputFolder.CHECKPOINTS))
          .forEach(gone::add);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        String what = layout.whatOf(f.getFileName());
        Matcher watchFile = WATCH_FILE.matcher(what);
        Matcher rejects = REJECTS_FILE.matcher(name);
        if (what.equals(WriteJoinedBars.LAST)
            || (name.startsWith(".") && name.endsWith(".tmp"))
            || (watchFile.matches() && Integer.parseInt(watchFile.group(1)) > runs)
            || (rejects.matches() && Integer.parseInt(rejects.group(1)) >= files)) {
          gone.add(f);
        }
      }
    }
    for (Path f : gone) {
      OutputFolder.deleteRecursively(f);
    }
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }
}
