package dev.tickbars.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What a finished run did: for the manifest, the summary and the exit code; {@code stats} are this run's. */
record RunReport(
    String runner,
    Path output,
    RunPlan plan,
    ReadStats stats,
    List<OutputListing.Folder> folders,
    Duration wallTime,
    double maxRejectRatio,
    QualityReport quality) {

  double rejectRatio() {
    long lines = stats.dataLines();
    return lines == 0 ? 0 : (double) stats.rejected() / lines;
  }

  boolean rejectRatioExceeded() {
    return rejectRatio() > maxRejectRatio;
  }

  double ticksPerSecond() {
    double s = wallTime.toNanos() / 1e9;
    return s <= 0 ? 0 : stats.dataLines() / s;
  }
}
