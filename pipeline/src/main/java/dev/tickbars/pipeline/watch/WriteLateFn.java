package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.WholeFile;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.values.TickBlock;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Writes ticks that came after their place was numbered to the rejects, as late, with their lines. */
final class WriteLateFn extends DoFn<KV<String, TickBlock>, Void> {
  private final WatchPipeline.Folders folders;

  WriteLateFn(WatchPipeline.Folders folders) {
    this.folders = folders;
  }

  @ProcessElement
  @RequiresStableInput
  public void process(@Element KV<String, TickBlock> late) throws IOException {
    TickBlock t = late.getValue();
    long[] positions = new long[t.size()];
    for (int i = 0; i < t.size(); i++) {
      positions[i] = t.position(i);
    }
    Arrays.sort(positions);
    // Named after the run, the symbol and its first tick's input position: a replay writes the same file.
    String id = String.format("w%d-%s-%016x", folders.run(), late.getKey(), positions[0]);
    ReadStats delta = new ReadStats();
    Path rejects = Paths.get(folders.output(), OutputFolder.REJECTS, "late-" + id + ".jsonl");
    WholeFile.write(rejects, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        int i = 0;
        while (i < positions.length) {
          int rank = (int) (positions[i] >>> 40);
          Ledger.FileEntry f =
              Json.MAPPER.readValue(Paths.get(folders.work(), "files", rank + ".json").toFile(), Ledger.FileEntry.class);
          // One pass over the file (decompressed) for all of its late ticks, in offset order.
          try (InputStream in = new BufferedInputStream(InputFile.open(f.path()), 1 << 16)) {
            long at = 0;
            long line = 1;
            for (; i < positions.length && (int) (positions[i] >>> 40) == rank; i++) {
              long offset = positions[i] & ((1L << 40) - 1);
              for (; at < offset; at++) {
                if (in.read() == '\n') {
                  line++;
                }
              }
              ByteArrayOutputStream raw = new ByteArrayOutputStream();
              int b;
              while ((b = in.read()) >= 0 && b != '\n') {
                at++;
                if (b != '\r') {
                  raw.write(b);
                }
              }
              at++;
              RejectFiles.write(out, f.path(), line, RejectReason.LATE.label(), raw.toString(StandardCharsets.UTF_8), raw.size());
              line++;
              ReadStats.FileCounts c = delta.file(f.path());
              c.accepted--;
              c.rejected++;
              delta.rejectedByReason.merge(RejectReason.LATE.label(), 1L, Long::sum);
              delta.symbol(late.getKey()).ticks--;
            }
          }
        }
      }
      return true;
    });
    WholeFile.writeJson(Paths.get(folders.work(), "stats", "late-" + id + ".json"), delta);
  }
}
