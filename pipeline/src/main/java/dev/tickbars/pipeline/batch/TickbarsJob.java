package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.JobFailedException;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.InputFiles;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.pipeline.options.FlinkCluster;
import dev.tickbars.pipeline.options.JobSettings;
import dev.tickbars.pipeline.options.TickbarsOptions;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OpenBars;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.OutputListing;
import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.pipeline.output.RunPlan;
import dev.tickbars.pipeline.output.WriteJoinedBars;
import dev.tickbars.pipeline.output.WrittenFiles;
import dev.tickbars.pipeline.report.Manifest;
import dev.tickbars.pipeline.report.Progress;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.QualityReport;
import dev.tickbars.pipeline.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;

/**
 * One batch run: checks the options and inputs (failing at once with {@link UsageException}),
 * builds and runs the pipeline into a staging folder, and publishes it with its manifest (a
 * failed pipeline is a {@link JobFailedException} and publishes nothing; a run over {@code
 * --maxRejectRatio} publishes only its rejects, under a manifest that says it failed, and keeps
 * the earlier bars).
 */
public final class TickbarsJob {
  private TickbarsJob() {}

  /**
   * A bar or slice folder without a row (a run without ticks) gets an empty file, so it reads;
   * returns those files.
   */
  private static List<WrittenFiles.File> writeEmptyFolders(OutputFolder out, JobSettings s, List<WrittenFiles.File> files)
      throws IOException {
    Map<String, Schema> folders = new LinkedHashMap<>();
    s.frames().forEach(frame -> folders.put(OutputLayout.barsFolder(frame), s.layout().bars()));
    folders.put(OutputLayout.slicesFolder(s.sliceFrame()), s.layout().slices());
    List<WrittenFiles.File> written = new ArrayList<>();
    for (Map.Entry<String, Schema> f : folders.entrySet()) {
      if (files.stream().noneMatch(w -> w.folder().equals(f.getKey()))) {
        String name = OutputFolder.EMPTY + ".parquet";
        ParquetFile.create(out.staged(f.getKey() + "/" + name), f.getValue(), s.compression()).close();
        written.add(new WrittenFiles.File(f.getKey(), name, 0));
      }
    }
    return written;
  }

  /**
   * What this run reads: every input file, or with {@code --append} those its output's ledger
   * lacks, with the earlier output linked into the staging folder but for the files this run
   * writes anew (each symbol's last bars, empty folders' placeholders).
   */
  private static RunPlan plan(TickbarsOptions options, JobSettings settings, InputFiles.Found found, OutputFolder out) {
    try {
      Ledger before = options.getAppend() ? Ledger.readFor(out.root(), "--append", settings.shape()) : null;
      RunPlan plan = RunPlan.of(before, found);
      if (before != null && !plan.files().isEmpty()) {
        out.carryOver(settings.layout(), Set.of(WriteJoinedBars.LAST, OutputFolder.EMPTY));
      }
      return plan;
    } catch (IOException e) {
      throw new UsageException("cannot link the earlier output into " + out.staging() + ": " + e.getMessage(), e);
    }
  }

  /** @param cluster the Flink cluster the job waits on, or null */
  private static Progress progress(
      TickbarsOptions options, OutputFolder out, RunPlan plan, FlinkCluster cluster, PrintStream terminal) {
    try {
      Progress progress = Progress.start(
          out.at(OutputFolder.PROGRESS),
          out.staged(OutputFolder.WORK_PROGRESS),
          plan.files().stream().mapToLong(InputFile::size).sum(),
          Progress.display(options.getProgress(), options.getQuiet()),
          Duration.ofMillis(Math.round(options.getProgressInterval() * 1000)),
          terminal,
          options.getVerbose());
      return cluster == null ? progress : progress.waitingFor(cluster::waiting);
    } catch (IOException e) {
      throw new UsageException("cannot write output " + out.root() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The folders {@code out} holds once a failed run has published its rejects: the earlier run's,
   * but for the rejects, which are this run's.
   */
  private static List<OutputListing.Folder> keptWithRejects(OutputFolder out, RunReport report) throws IOException {
    List<OutputListing.Folder> kept = new ArrayList<>();
    for (OutputListing.Folder f : OutputListing.of(out.root())) {
      if (!f.name().equals(OutputFolder.REJECTS)) {
        kept.add(f);
      }
    }
    report.folders().stream().filter(f -> f.name().equals(OutputFolder.REJECTS)).forEach(kept::add);
    kept.sort(Comparator.comparing(OutputListing.Folder::name));
    return kept;
  }

  /** Runs the job, showing its progress on {@code terminal}. */
  public static RunReport run(TickbarsOptions options, PrintStream terminal) {
    JobSettings checked = JobSettings.from(options);
    FileSystems.setDefaultPipelineOptions(options);
    InputFiles.Found found = InputFiles.plan(options.getInput(), checked.anyDetector(), options.getWatch());
    JobSettings settings = JobSettings.from(options, found.layouts());
    FlinkCluster cluster = FlinkCluster.of(options);
    if (cluster != null) {
      cluster.requireFreeSlots();
    }
    try (OutputFolder out = OutputFolder.prepare(options.getOutput(), terminal)) {
      Instant started = Instant.now();
      RunPlan plan = plan(options, settings, found, out);
      if (plan.files().isEmpty()) {
        return new RunReport(
            options.getRunner().getSimpleName(), out.root(), plan, new ReadStats(), List.of(),
            Duration.between(started, Instant.now()), settings.maxRejectRatio(), null);
      }
      return runAndPublish(options, settings, plan, out, cluster, started, terminal);
    }
  }

  /** Runs the pipeline of {@code plan} into the staging folder of {@code out} and publishes it. */
  private static RunReport runAndPublish(
      TickbarsOptions options, JobSettings settings, RunPlan plan, OutputFolder out, FlinkCluster cluster, Instant started,
      PrintStream terminal) {
    Pipeline pipeline = Pipeline.create(options);
    TickbarsPipeline.build(pipeline, settings, plan.files(), out, plan.carried(), plan.fileSuffix());
    Progress progress = progress(options, out, plan, cluster, terminal);
    try (progress) {
      progress.stage("running");
      PipelineResult.State state = pipeline.run().waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state);
      }
      plan.checkUnchanged();
      RunReport report = gather(options, settings, plan, out, started);
      progress.stage("publishing");
      Ledger ledger = plan.after(settings.shape(), report.stats(), OpenBars.read(out.staged(OutputFolder.OPEN_BARS)).bars());
      publish(out, report, ledger, options, started);
      progress.stage("done");
      return report;
    } catch (Exception e) {
      progress.stage("failed");
      throw new JobFailedException(JobFailedException.rootCause(e), e);
    }
  }

  /**
   * What the finished pipeline left in the staging folder, gathered: the empty folders' files, the
   * rejects joined per file, the read counts, and the quality report written; the files listed as
   * the graph's writers returned them, with the earlier runs' files carried over and those written
   * here; the run's report.
   */
  private static RunReport gather(TickbarsOptions options, JobSettings settings, RunPlan plan, OutputFolder out, Instant started)
      throws IOException {
    List<WrittenFiles.File> files = new ArrayList<>(WrittenFiles.read(out.staged(OutputFolder.WRITTEN_FILES)).files());
    files.addAll(out.carried());
    files.addAll(writeEmptyFolders(out, settings, files));
    ScanCounts counts = ScanCounts.read(out.staged(OutputFolder.SCAN_COUNTS));
    RejectFiles.join(out.staged(OutputFolder.PIECE_REJECTS), counts, out.staged(OutputFolder.REJECTS));
    files.removeIf(f -> f.folder().equals(OutputFolder.REJECTS) && !out.carried().contains(f));
    OutputListing.readBack(out.staging(), OutputFolder.REJECTS).stream().filter(f -> !files.contains(f)).forEach(files::add);
    ReadStats stats = counts.stats;
    QualityParts parts = QualityParts.read(out.staged(OutputFolder.QUALITY_PARTS));
    QualityReport quality = QualityReport.of(parts, settings.quality(), settings.weekend() != null, stats);
    Storage.writeWhole(out.staged(OutputFolder.QUALITY), quality.toJson());
    return new RunReport(
        options.getRunner().getSimpleName(),
        out.root(),
        plan,
        stats,
        out.listing(files),
        Duration.between(started, Instant.now()),
        settings.maxRejectRatio(),
        quality);
  }

  /** Publishes a run whole, or, over {@code --maxRejectRatio}, only its rejects under a failed manifest. */
  private static void publish(OutputFolder out, RunReport report, Ledger ledger, TickbarsOptions options, Instant started)
      throws IOException {
    if (report.failure() == null) {
      out.publish(ledger.toJson(), Manifest.of(report, ledger, options, started, Instant.now()));
    } else {
      out.publishRejects(Manifest.failed(report, keptWithRejects(out, report), ledger, options, started, Instant.now()));
    }
  }
}
