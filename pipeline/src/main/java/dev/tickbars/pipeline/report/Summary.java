package dev.tickbars.pipeline.report;

import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputListing;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The one-screen summary that closes every run (SPEC 9). */
public final class Summary {
  private Summary() {}

  public static void print(RunReport r, PrintStream out) {
    ReadStats s = r.stats();
    out.println();
    out.printf(Locale.ROOT, "tickbars %s: %s%n", Manifest.VERSION,
        r.failure() != null ? "FAILED: reject ratio exceeded; only its rejects were published, the earlier bars are kept" : "done");
    r.plan().skipped().forEach(note -> out.println("  " + note));
    if (r.plan().files().isEmpty()) {
      row(out, "nothing to do", "no input file is new to " + r.output());
      return;
    }
    row(out, "runner", r.runner());
    if (r.plan().run() > 1) {
      row(out, "appended", r.plan().files().size() + " files, run " + r.plan().run());
    }
    row(out, "wall time", String.format(Locale.ROOT, "%.1f s", r.wallTime().toMillis() / 1000.0));
    row(out, "ticks/s", count((long) r.ticksPerSecond()));
    row(out, "peak heap (this JVM)", count(HeapPeak.peak() >> 20) + " MB");
    row(out, "ticks read", count(s.dataLines()));
    row(out, "accepted", count(s.accepted()));
    row(out, "rejected", count(s.rejected())
        + String.format(Locale.ROOT, "  (%.4f%% of lines, limit %.4f%%)", 100 * r.rejectRatio(), 100 * r.maxRejectRatio()));
    for (Map.Entry<String, Long> e : s.rejectedByReason.entrySet()) {
      row(out, "  " + e.getKey(), count(e.getValue()));
    }
    row(out, "trimmed", count(s.trimmed()));
    for (OutputListing.Folder f : r.folders()) {
      if (!f.name().equals(OutputFolder.REJECTS)) {
        row(out, f.name(), count(f.rows()) + " rows in " + f.files().size() + " files");
      }
    }
    if (r.quality() != null) {
      r.quality().print(out);
    }
    row(out, "output", r.output().toString());
  }

  private static void row(PrintStream out, String label, String value) {
    out.printf(Locale.ROOT, "  %-34s %s%n", label, value);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
