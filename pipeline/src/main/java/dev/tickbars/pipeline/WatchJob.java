package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
final class WatchJob {
  static final String STOP = ".stop";

  private WatchJob() {}

  static int run(TickbarsOptions options, PrintStream out) throws IOException, InterruptedException {
    JobSettings settings = JobSettings.from(options);
    FileSystems.setDefaultPipelineOptions(options);
    Path root = Paths.get(options.getOutput()).toAbsolutePath().normalize();
    Files.createDirectories(root);
    Ledger before = Ledger.readFor(root, "--watch", settings);
    if (before != null) {
      removeLastBars(root);
    }
    int run = before == null ? 1 : before.runs + 1;
    Path work = root.resolve(".watch-" + UUID.randomUUID());
    Path stop = root.resolve(STOP);
    Files.deleteIfExists(stop);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> touch(stop));
    }
    options.as(StreamingOptions.class).setStreaming(true);
    Pipeline p = Pipeline.create(options);
    WatchPipeline.build(
        p,
        settings,
        options.getInput(),
        new WatchPipeline.Folders(root.toString(), work.toString(), stop.toString(), run),
        new WatchPipeline.Settings(
            seconds(options.getPollInterval()),
            seconds(options.getFlushInterval()),
            seconds(options.getMaxOutOfOrder()),
            seconds(options.getAllowedLateness())),
        before,
        before == null ? 0 : before.files.size());
    out.println("tickbars: watching " + options.getInput() + " (stop with Ctrl-C or SIGTERM)");
    Instant started = Instant.now();
    p.run().waitUntilFinish();

    List<Ledger.FileEntry> readEntries = new ArrayList<>();
    List<InputFile> read = new ArrayList<>();
    for (Path f : jsonFiles(work.resolve("files"))) {
      Ledger.FileEntry e = Json.MAPPER.readValue(f.toFile(), Ledger.FileEntry.class);
      readEntries.add(e);
      read.add(new InputFile(e.path(), e.rank(), e.size(), null));
    }
    List<ReadStats> runStats = new ArrayList<>();
    for (Path f : jsonFiles(work.resolve("stats"))) {
      runStats.add(Json.MAPPER.readValue(f.toFile(), ReadStats.class));
    }
    ReadStats thisRun = ReadStats.merge(runStats);
    Ledger after = Ledger.next(before, settings, run, readEntries, thisRun, Ledger.openBars(work.resolve("open")));
    RunReport report =
        new RunReport(
            options.getRunner().getSimpleName(),
            root,
            new RunPlan(before, read, Map.of(), List.of(), Carried.NOTHING, run),
            thisRun,
            OutputListing.of(root),
            java.time.Duration.between(started, Instant.now()),
            settings.maxRejectRatio());
    WatchPipeline.writeJson(root.resolve(Ledger.FILE), after);
    OutputFolder.writeWhole(root.resolve(OutputFolder.MANIFEST), Manifest.of(report, after, options, started, Instant.now()));
    OutputFolder.deleteRecursively(work);
    Files.deleteIfExists(stop);
    Summary.print(report, out);
    out.println("tickbars: watch stopped; a restart goes on from " + root.resolve(Ledger.FILE));
    return 0;
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

  /** The earlier runs' last bars: the watch writes them again, closed or still open. */
  private static void removeLastBars(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(f -> f.getFileName().toString().equals(WriteJoinedBars.LAST + ".parquet")).toList()) {
        Files.delete(f);
      }
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
