package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.pipeline.common.WholeFile;
import dev.tickbars.pipeline.input.Fingerprint;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.transforms.NumberInEventTime;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import dev.tickbars.transforms.values.FileTicks;
import dev.tickbars.transforms.values.TickBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reads a file into blocks of one symbol's ticks with their lines, and writes its rejects, counts
 * and ledger entry; turns the stop into each symbol's end mark.
 */
final class ReadBlocksFn extends DoFn<Arrival, KV<String, FileTicks>> {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final int BLOCK_TICKS = 16_384;

  private final TickFilter filter;
  private final WatchPipeline.Folders folders;

  ReadBlocksFn(TickFilter filter, WatchPipeline.Folders folders) {
    this.filter = filter;
    this.folders = folders;
  }

  @ProcessElement
  public void process(@Element Arrival arrival, OutputReceiver<KV<String, FileTicks>> out) throws IOException {
    if (arrival.isStop()) {
      arrival.symbols().forEach(symbol -> out.output(NumberInEventTime.endMark(symbol)));
    } else {
      read(arrival.file(), out);
    }
  }

  private void read(InputFile file, OutputReceiver<KV<String, FileTicks>> out) throws IOException {
    ReadStats stats = new ReadStats();
    ReadStats.FileCounts counts = stats.file(file.path());
    Map<String, FileTicks.Builder> blocks = new HashMap<>();
    Path rejects = Paths.get(folders.output(), OutputFolder.REJECTS, String.format("rejects-%05d.jsonl", file.rank()));
    WholeFile.write(rejects, tmp -> {
      try (OutputStream rejectOut = Files.newOutputStream(tmp); InputStream in = file.open()) {
        boolean[] rejected = {false};
        TickStreamParser parser = new TickStreamParser(file.layout());
        counts.dataLines = parser.parse(in, new TickStreamParser.Handler() {
          @Override
          public RejectReason tick(TickLineParser t, long line, long offset) {
            long time = t.timeNs();
            if (filter.verdict(t.symbol(), time) == TickFilter.Verdict.TRIMMED) {
              counts.trimmed++;
              return null;
            }
            FileTicks.Builder b = blocks.computeIfAbsent(t.symbol(), symbol -> new FileTicks.Builder(file.path(), symbol));
            b.add(time, TickBlock.position(file.rank(), offset), t.bid(), t.ask(), t.bidVolume(), t.askVolume(),
                line, t.lineText(TickStreamParser.RAW_LIMIT), t.lineBytes());
            stats.symbol(t.symbol()).add(time);
            counts.accepted++;
            if (b.size() >= BLOCK_TICKS) {
              emit(blocks.remove(t.symbol()).build(), out);
            }
            return null;
          }

          @Override
          public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
            stats.reject(file.path(), reason.label());
            rejected[0] = true;
            RejectFiles.write(rejectOut, file.path(), line, reason.label(), raw, bytes);
          }
        });
        counts.lines = parser.lines();
        return rejected[0];
      } catch (IOException | UncheckedIOException e) {
        throw new InputFileException(file.path(), e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
      }
    });
    for (FileTicks.Builder b : blocks.values()) {
      emit(b.build(), out);
    }
    WholeFile.writeJson(Paths.get(folders.work(), "stats", file.rank() + ".json"), stats);
    WholeFile.writeJson(
        Paths.get(folders.work(), "files", file.rank() + ".json"),
        new Ledger.FileEntry(file.path(), file.rank(), file.size(), Fingerprint.of(file.path(), file.size()),
            file.layout().format(), folders.run()));
  }

  private static void emit(FileTicks read, OutputReceiver<KV<String, FileTicks>> out) {
    TickBlock block = read.ticks;
    long first = Long.MAX_VALUE;
    for (int i = 0; i < block.size(); i++) {
      first = Math.min(first, block.timeNs(i));
    }
    out.outputWithTimestamp(KV.of(block.symbol(), read), new Instant(first / NANOS_PER_MILLI));
  }

  @Override
  public Duration getAllowedTimestampSkew() {
    return Duration.millis(Long.MAX_VALUE);
  }
}
