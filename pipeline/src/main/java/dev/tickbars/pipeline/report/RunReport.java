package dev.tickbars.pipeline.report;

import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.output.OutputListing;
import dev.tickbars.pipeline.output.RunPlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What a finished run did: for the manifest, the summary and the exit code; {@code stats} are this run's. */
public record RunReport(
    String runner,
    String output,
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

  /** Why the run failed although its pipeline ran, in one line; null when it did not. */
  public String failure() {
    return rejectRatioExceeded()
        ? String.format(Locale.ROOT, "reject ratio %.4f%% is above --maxRejectRatio=%s (%,d of %,d lines rejected)",
            100 * rejectRatio(), BigDecimal.valueOf(maxRejectRatio).stripTrailingZeros().toPlainString(), stats.rejected(),
            stats.dataLines())
        : null;
  }

  double ticksPerSecond() {
    double s = wallTime.toNanos() / 1e9;
    return s <= 0 ? 0 : stats.dataLines() / s;
  }
}
