package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.WholeFile;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.Fingerprint;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.JobSettings;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.pipeline.output.WriteJoinedBars;
import dev.tickbars.transforms.NumberInEventTime;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.coders.BarCoder;
import dev.tickbars.transforms.coders.BarKeyCoder;
import dev.tickbars.transforms.coders.TickBlockCoder;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.OutputRecords;
import dev.tickbars.transforms.values.TickBlock;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The unbounded job of {@code --watch}: new complete files of {@code --input} as they land
 * ({@link NewFilesSource}, whose timestamps and watermark follow the ticks: each file stamped with
 * its first tick's time, the watermark at the latest file's last tick, both less {@code
 * --maxOutOfOrder}), each file read into per-symbol blocks of ticks, numbered and cut
 * into bars in event time ({@link NumberInEventTime}), and the slices and closed bars written at
 * least every {@code --flushInterval} into files of their own, each complete when it appears. The
 * watch ends when the stop file appears; the open bars then go to {@code last.parquet} and, with
 * each file's counts, to the work folder for the ledger.
 */
final class WatchPipeline {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final int BLOCK_TICKS = 16_384;
  private static final Duration STEP = Duration.standardMinutes(1);

  /**
   * Where the job writes: the output folder and its layout, its work folder (files, stats, open
   * bars), the stop file.
   */
  record Folders(String output, OutputLayout layout, String work, String stop, int run) implements Serializable {
    /** The path of {@code symbol}'s file of {@code what} in the output's {@code folder}. */
    String file(String folder, String symbol, String what) {
      return layout.file(output, folder, symbol, what);
    }
  }

  /** What the watch is told. */
  record Settings(Duration poll, Duration flush, Duration maxOutOfOrder, Duration allowedLateness) implements Serializable {}

  private WatchPipeline() {}

  static void build(
      Pipeline p, JobSettings s, String input, Folders folders, Settings watch, Ledger before, int firstRank) {
    Map<String, BarCutter> cutters = s.cutters();
    List<BarCutter> list = List.copyOf(cutters.values());
    Set<String> known = new TreeSet<>();
    Map<String, NumberInEventTime.Resumed> carried = new HashMap<>();
    if (before != null) {
      before.files.forEach(f -> known.add(f.path()));
      try {
        Carried c = before.carried();
        Map<String, Map<String, BarAccumulator>> open = new HashMap<>();
        c.openBars().forEach(b -> open.computeIfAbsent(b.symbol(), k -> new HashMap<>()).put(b.frame(), b.partials()));
        c.symbols().forEach((symbol, st) -> carried.put(symbol,
            new NumberInEventTime.Resumed(st.nextTickId(), st.lastTickNs(), open.getOrDefault(symbol, Map.of()))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    PCollection<InputFile> files =
        p.apply(
            "WatchNewFiles",
            Read.from(new NewFilesSource(input, s.detector(), known, firstRank, watch.poll(), watch.maxOutOfOrder(), folders.stop())));
    PCollectionTuple numbered =
        files
            .apply("ReadTickBlocks", ParDo.of(new ReadBlocksFn(TickFilter.trimming(s.weekend()), folders)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), TickBlockCoder.of()))
            .apply(
                "NumberInEventTime",
                NumberInEventTime.of(list, STEP, watch.allowedLateness(), carried, new StopFileDrain(folders.stop())));
    // A batch waits at most half the flush interval; on Flink its file is written once the next
    // checkpoint completes (stable input), every half flush interval (Cli.withWatchDefaults).
    Duration batchWait = watch.flush().dividedBy(2);
    String slices = OutputLayout.slicesFolder(s.sliceFrame());
    numbered
        .get(NumberInEventTime.SLICES)
        .apply("BatchSlices", GroupIntoBatches.<String, NumberedTicks>ofSize(1_000).withMaxBufferingDuration(batchWait))
        .apply("WriteSliceFiles", ParDo.of(new WriteSlicesFn(folders, slices, s.sliceFrame().ticksPerBar(), s.compression())));
    numbered
        .get(NumberInEventTime.BARS)
        .apply("KeyBars", MapElements.into(TypeDescriptors.kvs(TypeDescriptor.of(BarKey.class), TypeDescriptor.of(Bar.class)))
            .via(b -> KV.of(new BarKey(b.frame(), b.symbol()), b)))
        .setCoder(KvCoder.of(BarKeyCoder.of(), BarCoder.of()))
        .apply("BatchBars", GroupIntoBatches.<BarKey, Bar>ofSize(100_000).withMaxBufferingDuration(batchWait))
        .apply("WriteBarFiles", ParDo.of(new WriteBarsFn(folders, s.compression())));
    numbered.get(NumberInEventTime.LATE).apply("WriteLateTicks", ParDo.of(new WriteLateFn(folders)));
    numbered.get(NumberInEventTime.OPEN).apply("WriteOpenBars", ParDo.of(new WriteOpenFn(folders, cutters, s.compression())));
  }

  /** The input is being drained once the stop file exists. */
  static final class StopFileDrain implements NumberInEventTime.Draining {
    private final String stop;

    StopFileDrain(String stop) {
      this.stop = stop;
    }

    @Override
    public boolean at(Instant frontier) {
      return Files.exists(Paths.get(stop));
    }
  }

  /** Reads a file into blocks of one symbol's ticks; writes its rejects, counts and ledger entry. */
  static final class ReadBlocksFn extends DoFn<InputFile, KV<String, TickBlock>> {
    private final TickFilter filter;
    private final Folders folders;

    ReadBlocksFn(TickFilter filter, Folders folders) {
      this.filter = filter;
      this.folders = folders;
    }

    @ProcessElement
    public void process(@Element InputFile file, OutputReceiver<KV<String, TickBlock>> out) throws IOException {
      ReadStats stats = new ReadStats();
      ReadStats.FileCounts counts = stats.file(file.path());
      Map<String, TickBlock.Builder> blocks = new HashMap<>();
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
              TickBlock.Builder b = blocks.computeIfAbsent(t.symbol(), TickBlock.Builder::new);
              b.add(time, TickBlock.position(file.rank(), offset), t.bid(), t.ask(), t.bidVolume(), t.askVolume());
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
      for (TickBlock.Builder b : blocks.values()) {
        emit(b.build(), out);
      }
      WholeFile.writeJson(Paths.get(folders.work(), "stats", file.rank() + ".json"), stats);
      WholeFile.writeJson(
          Paths.get(folders.work(), "files", file.rank() + ".json"),
          new Ledger.FileEntry(file.path(), file.rank(), file.size(), Fingerprint.of(file.path(), file.size()),
              file.layout().format(), folders.run()));
    }

    private static void emit(TickBlock block, OutputReceiver<KV<String, TickBlock>> out) {
      long first = Long.MAX_VALUE;
      for (int i = 0; i < block.size(); i++) {
        first = Math.min(first, block.timeNs(i));
      }
      out.outputWithTimestamp(KV.of(block.symbol(), block), new Instant(first / NANOS_PER_MILLI));
    }

    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }

  /** A Parquet file written whole ({@link WholeFile}). */
  static void writeParquet(String target, Schema schema, CompressionCodecName compression, Consumer<Consumer<GenericRecord>> rows)
      throws IOException {
    WholeFile.write(Paths.get(target), tmp -> {
      try (ParquetFile file = ParquetFile.create(tmp.toString(), schema, compression)) {
        rows.accept(file);
      }
      return true;
    });
  }

  /** Writes a batch of one symbol's numbered ticks as one slice file, named after its first id. */
  static final class WriteSlicesFn extends DoFn<KV<String, Iterable<NumberedTicks>>, Void> {
    private final Folders folders;
    private final String folder;
    private final long ticksPerBar;
    private final CompressionCodecName compression;

    WriteSlicesFn(Folders folders, String folder, long ticksPerBar, CompressionCodecName compression) {
      this.folders = folders;
      this.folder = folder;
      this.ticksPerBar = ticksPerBar;
      this.compression = compression;
    }

    @ProcessElement
    @RequiresStableInput
    public void process(@Element KV<String, Iterable<NumberedTicks>> batch) throws IOException {
      List<NumberedTicks> blocks = new ArrayList<>();
      batch.getValue().forEach(blocks::add);
      blocks.sort(Comparator.comparingLong(NumberedTicks::firstTickId));
      String symbol = batch.getKey();
      Schema schema = folders.layout().slices();
      writeParquet(
          folders.file(folder, symbol, String.format("w%d-%012d", folders.run(), blocks.get(0).firstTickId())),
          schema,
          compression,
          rows -> blocks.forEach(b -> OutputRecords.slices(b, ticksPerBar, schema, rows)));
    }
  }

  /** Writes a batch of one frame and symbol's closed bars as one file, named after its first bar. */
  static final class WriteBarsFn extends DoFn<KV<BarKey, Iterable<Bar>>, Void> {
    private final Folders folders;
    private final CompressionCodecName compression;

    WriteBarsFn(Folders folders, CompressionCodecName compression) {
      this.folders = folders;
      this.compression = compression;
    }

    @ProcessElement
    @RequiresStableInput
    public void process(@Element KV<BarKey, Iterable<Bar>> batch) throws IOException {
      List<Bar> bars = new ArrayList<>();
      batch.getValue().forEach(bars::add);
      bars.sort(Comparator.comparingLong(Bar::tOpenNs).thenComparingLong(Bar::tickFirstId));
      Bar first = bars.get(0);
      Schema schema = folders.layout().bars();
      writeParquet(
          folders.file(OutputLayout.barsFolder(first.frame()), first.symbol(), String.format("w%d-%012d", folders.run(), first.tickFirstId())),
          schema,
          compression,
          rows -> OutputRecords.bars(bars, schema, rows));
    }
  }

  /** Writes ticks that came after their place was numbered to the rejects, as late, with their lines. */
  static final class WriteLateFn extends DoFn<KV<String, TickBlock>, Void> {
    private final Folders folders;

    WriteLateFn(Folders folders) {
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

  /** Writes each frame and symbol's open bar at the end: to last.parquet, and its partials for the ledger. */
  static final class WriteOpenFn extends DoFn<KV<BarKey, BarAccumulator>, Void> {
    private final Folders folders;
    private final Map<String, BarCutter> cutters;
    private final CompressionCodecName compression;

    WriteOpenFn(Folders folders, Map<String, BarCutter> cutters, CompressionCodecName compression) {
      this.folders = folders;
      this.cutters = cutters;
      this.compression = compression;
    }

    @ProcessElement
    @RequiresStableInput
    public void process(@Element KV<BarKey, BarAccumulator> open) throws IOException {
      String frame = open.getKey().frame();
      String symbol = open.getKey().symbol();
      Bar bar = cutters.get(frame).finish(symbol, open.getValue());
      Schema schema = folders.layout().bars();
      writeParquet(
          folders.file(OutputLayout.barsFolder(frame), symbol, WriteJoinedBars.LAST), schema, compression,
          rows -> OutputRecords.bars(List.of(bar), schema, rows));
      Ledger.writeOpenBar(Paths.get(folders.work(), "open").toString(), frame, symbol, open.getValue());
    }
  }
}
