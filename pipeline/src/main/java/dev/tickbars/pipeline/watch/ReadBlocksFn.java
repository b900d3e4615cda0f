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
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.FileTicks;
import dev.tickbars.transforms.values.PriceBasis;
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
  private final PriceBasis amountBasis;

  /** @param amountBasis the basis of the ticks' value where a frame is cut by volume or value (their sums are counted), else null */
  ReadBlocksFn(TickFilter filter, WatchPipeline.Folders folders, PriceBasis amountBasis) {
    this.filter = filter;
    this.folders = folders;
    this.amountBasis = amountBasis;
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
    Path rejects = Paths.get(folders.output(), OutputFolder.REJECTS, String.format("rejects-%05d.jsonl", file.rank()));
    WholeFile.write(rejects, tmp -> {
      try (OutputStream rejectOut = Files.newOutputStream(tmp); InputStream in = file.open()) {
        Collector collector = new Collector(file, stats, rejectOut, out);
        TickStreamParser parser = new TickStreamParser(file.layout());
        collector.counts.dataLines = parser.parse(in, collector);
        collector.counts.lines = parser.lines();
        collector.emitRest();
        return collector.rejected;
      } catch (IOException | UncheckedIOException e) {
        throw new InputFileException(file.path(), e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
      }
    });
    WholeFile.writeJson(Paths.get(folders.work(), "stats", file.rank() + ".json"), stats);
    WholeFile.writeJson(
        Paths.get(folders.work(), "files", file.rank() + ".json"),
        new Ledger.FileEntry(file.path(), file.rank(), file.size(), Fingerprint.of(file.path(), file.size()),
            file.layout().format(), folders.run()));
  }

  /** Gathers a file's ticks into blocks per symbol, emitting each once full, and writes its rejects. */
  private final class Collector implements TickStreamParser.Handler {
    private final InputFile file;
    private final ReadStats stats;
    private final ReadStats.FileCounts counts;
    private final OutputStream rejects;
    private final OutputReceiver<KV<String, FileTicks>> out;
    private final Map<String, FileTicks.Builder> blocks = new HashMap<>();
    /** Each symbol's volume and value, where they are counted. */
    private final Map<String, Cumulative.Sums> sums = new HashMap<>();
    private boolean rejected;

    Collector(InputFile file, ReadStats stats, OutputStream rejects, OutputReceiver<KV<String, FileTicks>> out) {
      this.file = file;
      this.stats = stats;
      this.counts = stats.file(file.path());
      this.rejects = rejects;
      this.out = out;
    }

    @Override
    public RejectReason tick(TickLineParser t, long line, long offset) {
      long time = t.timeNs();
      if (filter.verdict(t.symbol(), time) == TickFilter.Verdict.TRIMMED) {
        counts.trimmed++;
        return null;
      }
      FileTicks.Builder b = blocks.computeIfAbsent(t.symbol(), symbol -> new FileTicks.Builder(file.path(), symbol));
      b.ticks().add(time, TickBlock.position(file.rank(), offset), t.bid(), t.ask(), t.bidVolume(), t.askVolume(),
          t.price(), t.size(), t.side());
      b.line(line, t.lineText(TickStreamParser.RAW_LIMIT), t.lineBytes());
      stats.symbol(t.symbol()).add(time);
      if (amountBasis != null) {
        sums.computeIfAbsent(t.symbol(), k -> new Cumulative.Sums())
            .add(amountBasis.price(t.bid(), t.ask(), t.price()), TickBlock.volumeWeight(t.size(), t.bidVolume(), t.askVolume()));
      }
      counts.accepted++;
      if (b.size() >= BLOCK_TICKS) {
        emit(blocks.remove(t.symbol()).build(), out);
      }
      return null;
    }

    @Override
    public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
      stats.reject(file.path(), reason.label());
      rejected = true;
      RejectFiles.write(rejects, file.path(), line, reason.label(), raw, bytes);
    }

    void emitRest() {
      sums.forEach((symbol, s) -> stats.symbol(symbol).addSums(s.total()));
      for (FileTicks.Builder b : blocks.values()) {
        emit(b.build(), out);
      }
    }
  }

  private static void emit(FileTicks read, OutputReceiver<KV<String, FileTicks>> out) {
    out.outputWithTimestamp(KV.of(read.ticks.symbol(), read), new Instant(read.ticks.earliestNs() / NANOS_PER_MILLI));
  }

  @Override
  public Duration getAllowedTimestampSkew() {
    return Duration.millis(Long.MAX_VALUE);
  }
}
