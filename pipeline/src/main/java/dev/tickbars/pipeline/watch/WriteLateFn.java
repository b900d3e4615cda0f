package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.common.WholeFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.FileTicks;
import dev.tickbars.transforms.values.PriceBasis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Writes ticks that came after their place was numbered to the rejects, as late, with the lines
 * they carry, and their counts to the work folder.
 */
final class WriteLateFn extends DoFn<KV<String, FileTicks>, Void> {
  private final WatchPipeline.Folders folders;
  private final PriceBasis amountBasis;

  /** @param amountBasis the basis of the ticks' value where volume and value are counted, else null */
  WriteLateFn(WatchPipeline.Folders folders, PriceBasis amountBasis) {
    this.folders = folders;
    this.amountBasis = amountBasis;
  }

  @ProcessElement
  @RequiresStableInput
  public void process(@Element KV<String, FileTicks> element) throws IOException {
    FileTicks late = element.getValue();
    long first = Long.MAX_VALUE;
    for (int i = 0; i < late.size(); i++) {
      first = Math.min(first, late.ticks.position(i));
    }
    // Named after the run, the symbol and its first tick's input position: a replay writes the same file.
    String id = String.format("w%d-%s-%016x", folders.run(), element.getKey(), first);
    ReadStats delta = new ReadStats();
    ReadStats.FileCounts counts = delta.file(late.file);
    Path rejects = Paths.get(folders.output(), OutputFolder.REJECTS, "late-" + id + ".jsonl");
    WholeFile.write(rejects, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        for (int i = 0; i < late.size(); i++) {
          RejectFiles.write(out, late.file, late.line(i), RejectReason.LATE.label(), late.text(i), late.bytes(i));
        }
      }
      return true;
    });
    counts.accepted -= late.size();
    counts.rejected += late.size();
    delta.rejectedByReason.merge(RejectReason.LATE.label(), (long) late.size(), Long::sum);
    delta.symbol(element.getKey()).ticks -= late.size();
    if (amountBasis != null) {
      delta.symbol(element.getKey()).addSums(Cumulative.ZERO.plus(late.ticks, amountBasis).negate());
    }
    WholeFile.writeJson(Paths.get(folders.work(), "stats", "late-" + id + ".json"), delta);
  }
}
