package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.SymbolQuality;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.JoinPartialBars;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.bars.Frame;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.OutputRecords;
import dev.tickbars.transforms.values.PartialBar;
import dev.tickbars.transforms.values.TickBlock;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The second pass. A {@link ChunkTask} reads each of its chunks' ranges of the input and keeps its
 * symbols' ticks of the chunk (all of them at most {@code --taskTicks} ticks, or one larger
 * chunk). Then, a symbol at a time and its chunks in time order, it sorts the ticks by (time,
 * input position), numbers them from the plan's first id (SPEC 3), writes the tick slices and
 * cuts every frame's bars, writing the whole ones; only one symbol's files are open at a time, so
 * that a task of many symbols needs no more memory. A task writes one file per output folder and
 * symbol, named after the symbol and its first chunk's UTC day ({@code
 * tick_slices_<frame>/<SYMBOL>-<yyyy-MM-dd>.parquet} in the flat layout, {@code
 * bars_<frame>/symbol=<SYMBOL>/<yyyy-MM-dd>.parquet} in the hive one, {@link OutputLayout}), and
 * hour ({@code yyyy-MM-ddThh}) when the chunk is not a whole day, so a retried task replaces its
 * own files.
 * Only the parts of bars that continue in another chunk leave the task, keyed (frame, symbol) and
 * tagged with their bar, a few per chunk: nothing that grows with the input goes through a
 * shuffle.
 */
final class BuildChunks
    extends PTransform<PCollection<ChunkTask>, PCollectionTuple> {
  /** The parts of bars that continue into another chunk. */
  public static final TupleTag<KV<BarKey, PartialBar>> PARTIALS = new TupleTag<>() {};
  /** Each task's quality numbers, in tick order. */
  public static final TupleTag<QualityParts> QUALITY = new TupleTag<>() {};

  /**
   * What the second pass builds and where.
   *
   * @param filter the ticks the scan trimmed and rejected as late
   * @param directory the folder of the output folders
   * @param layout how the files there are named, and their columns
   * @param fileSuffix what an output file's name ends in before ".parquet": "" in a first run,
   *     the run's number in a later one, so that no run overwrites an earlier run's files
   */
  record Settings(
      TickFilter filter,
      List<BarCutter> cutters,
      Frame sliceFrame,
      String directory,
      OutputLayout layout,
      String fileSuffix,
      CompressionCodecName compression,
      WorkProgress progress,
      QualityRules quality)
      implements Serializable {}

  private final Settings settings;

  private BuildChunks(Settings settings) {
    this.settings = settings;
  }

  static BuildChunks of(Settings settings) {
    return new BuildChunks(settings);
  }

  @Override
  public PCollectionTuple expand(PCollection<ChunkTask> tasks) {
    PCollectionTuple built =
        tasks.apply("BuildChunk", ParDo.of(new BuildChunkFn(settings)).withOutputTags(PARTIALS, TupleTagList.of(QUALITY)));
    built.get(PARTIALS).setCoder(JoinPartialBars.inputCoder());
    built.get(QUALITY).setCoder(JsonCoder.of(QualityParts.class));
    return built;
  }

  /** Reads, sorts and numbers one task's ticks, writes their slices and cuts their bars. */
  static final class BuildChunkFn extends DoFn<ChunkTask, KV<BarKey, PartialBar>> {
    private final Settings settings;

    BuildChunkFn(Settings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(
        @Element ChunkTask task, MultiOutputReceiver out)
        throws IOException {
      String name = OutputLayout.chunk(task.chunks().get(0).fromHour()) + settings.fileSuffix();
      // Tasks of one first chunk hold other symbols (their files are the symbols' own).
      String id = name + "-" + Collections.min(task.chunks().get(0).symbols().keySet());
      WorkProgress.Piece progress = settings.progress().piece(WorkProgress.BUILD, id);
      long[] built = {0};
      Map<String, SymbolQuality> quality = new TreeMap<>();
      // All of the task's ticks (at most --taskTicks, or one larger chunk), read a chunk at a time;
      // then a symbol at a time, so that only one symbol's files are open.
      List<Map<String, TickBlock.Builder>> ticks = new ArrayList<>();
      for (ChunkTask.Chunk chunk : task.chunks()) {
        ticks.add(read(chunk));
      }
      for (String symbol : task.chunks().get(0).symbols().keySet()) {
        SymbolQuality q = quality.computeIfAbsent(symbol, k -> new SymbolQuality());
        try (ChunkWriters files = new ChunkWriters(name)) {
          for (int i = 0; i < ticks.size(); i++) {
            long done = build(symbol, task.chunks().get(i), ticks.get(i).remove(symbol).build(), files, out, q);
            progress.update(0, built[0] += done);
          }
        }
      }
      out.get(QUALITY).output(QualityParts.of(quality));
      progress.done(0, built[0]);
    }

    /**
     * Sorts and numbers a symbol's ticks of a chunk, writes their slices and whole bars to {@code
     * files}, outputs the partial bars and adds to {@code quality}; returns the number of ticks.
     */
    private long build(
        String symbol,
        ChunkTask.Chunk chunk,
        TickBlock read,
        ChunkWriters files,
        MultiOutputReceiver out,
        SymbolQuality quality)
        throws IOException {
      ChunkTask.SymbolStart start = chunk.symbols().get(symbol);
      TickBlock block = TickBlock.sortedUnion(List.of(read));
      if (block.size() != start.ticks()) {
        throw new IllegalStateException(
            "the input changed during the run: " + symbol + " had " + start.ticks()
                + " ticks in the first pass and " + block.size() + " in the second");
      }
      NumberedTicks numbered = new NumberedTicks(block, start.firstTickId(), start.previousNs());
      inTickOrder(block, chunk.fromHour(), start.previousNs(), quality);
      Frame slices = settings.sliceFrame();
      OutputLayout layout = settings.layout();
      OutputRecords.slices(
          numbered, slices.ticksPerBar(), layout.slices(), files.get(OutputLayout.slicesFolder(slices), symbol, layout.slices()));
      for (BarCutter cutter : settings.cutters()) {
        BarKey key = new BarKey(cutter.frame().name(), symbol);
        List<Bar> whole = new ArrayList<>();
        cutter.cut(
            numbered,
            chunk.span(),
            start.runFirstId(),
            start.runEndId(),
            new BarCutter.Receiver() {
              @Override
              public void whole(Bar bar) {
                whole.add(bar);
              }

              @Override
              public void partial(BarAccumulator part) {
                out.get(PARTIALS).output(KV.of(key, new PartialBar(cutter.barOf(part), part)));
              }
            });
        if (!whole.isEmpty()) {
          OutputRecords.bars(whole, layout.bars(), files.get(OutputLayout.barsFolder(cutter.frame()), symbol, layout.bars()));
        }
      }
      return block.size();
    }

    /**
     * What a chunk of a symbol's sorted ticks shows: gaps (from the symbol's tick before the chunk
     * too), exact duplicates, price moves and jumps, and the chunk's first and last price.
     */
    private void inTickOrder(TickBlock b, long fromHour, long previousNs, SymbolQuality q) {
      QualityRules rules = settings.quality();
      double pip = rules.pipSize(b.symbol());
      long before = previousNs;
      double price = Double.NaN;
      for (int i = 0; i < b.size(); i++) {
        long t = b.timeNs(i);
        if (before != NumberedTicks.NO_PREVIOUS && t - before > rules.maxGapNs()) {
          q.gap(before, t);
        }
        before = t;
        double p = rules.basis().price(b.bid(i), b.ask(i));
        if (i > 0) {
          q.move(Math.abs(p - price) / pip, t, rules.jumpPips());
        }
        price = p;
        for (int j = i - 1; j >= 0 && b.timeNs(j) == t; j--) {
          if (sameQuote(b, i, j)) {
            q.duplicates++;
            break;
          }
        }
      }
      if (b.size() > 0) {
        q.chunkEdges.add(new SymbolQuality.ChunkEdge(
            fromHour, b.timeNs(0), rules.basis().price(b.bid(0), b.ask(0)), price));
      }
    }

    private static boolean sameQuote(TickBlock b, int i, int j) {
      return b.bid(i) == b.bid(j) && b.ask(i) == b.ask(j)
          && (!b.hasVolumes()
              || (Double.compare(b.bidVolume(i), b.bidVolume(j)) == 0
                  && Double.compare(b.askVolume(i), b.askVolume(j)) == 0));
    }

    private Map<String, TickBlock.Builder> read(ChunkTask.Chunk chunk) throws IOException {
      Map<String, TickBlock.Builder> ticks = new HashMap<>();
      chunk.symbols().forEach((symbol, s) -> ticks.put(symbol, new TickBlock.Builder(symbol, (int) s.ticks())));
      for (ChunkTask.Range range : chunk.ranges()) {
        try (InputStream in = open(range)) {
          new TickStreamParser(range.layout())
              .parse(in, 1, range.start(), Long.MAX_VALUE, new Collector(chunk.span(), range.rank(), ticks));
        } catch (IOException e) {
          throw new InputFileException(range.source(), e);
        }
      }
      return ticks;
    }

    private static InputStream open(ChunkTask.Range range) throws IOException {
      ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(range.source(), false));
      InputStream in = Channels.newInputStream(channel);
      if (channel instanceof SeekableByteChannel seekable) {
        seekable.position(range.start());
      } else {
        in.skipNBytes(range.start());
      }
      return new LimitedInputStream(in, range.end() - range.start());
    }

    /** Output files of a task, one per folder and symbol, named after the task's first chunk (and the run). */
    private final class ChunkWriters implements AutoCloseable {
      private final String name;
      private final Map<String, ParquetFile> open = new HashMap<>();

      ChunkWriters(String name) {
        this.name = name;
      }

      ParquetFile get(String folder, String symbol, Schema schema) throws IOException {
        String path = settings.layout().file(settings.directory(), folder, symbol, name);
        ParquetFile f = open.get(path);
        if (f == null) {
          f = ParquetFile.create(path, schema, settings.compression());
          open.put(path, f);
        }
        return f;
      }

      @Override
      public void close() throws IOException {
        for (ParquetFile f : open.values()) {
          f.close();
        }
      }
    }

    /** Keeps the ticks of the task's symbols in its chunk, as the scan counted them. */
    private final class Collector implements TickStreamParser.Handler {
      private final BarCutter.Span chunk;
      private final int rank;
      private final Map<String, TickBlock.Builder> ticks;
      private String lastSymbol;
      private TickBlock.Builder last;

      Collector(BarCutter.Span chunk, int rank, Map<String, TickBlock.Builder> ticks) {
        this.chunk = chunk;
        this.rank = rank;
        this.ticks = ticks;
      }

      @Override
      public RejectReason tick(TickLineParser t, long line, long offset) {
        long time = t.timeNs();
        if (time < chunk.startNs() || time >= chunk.endNs()) {
          return null;
        }
        String symbol = t.symbol();
        TickFilter.Verdict verdict = settings.filter().verdict(symbol, time);
        if (verdict != TickFilter.Verdict.KEEP) {
          return verdict == TickFilter.Verdict.LATE ? RejectReason.LATE : null;
        }
        if (symbol != lastSymbol) {
          last = ticks.get(symbol);
          lastSymbol = symbol;
        }
        if (last != null) {
          last.add(time, TickBlock.position(rank, offset), t.bid(), t.ask(), t.bidVolume(), t.askVolume());
        }
        return null;
      }

      /** The scan has written the rejects. */
      @Override
      public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {}
    }
  }

  /** Ends after {@code limit} bytes. */
  private static final class LimitedInputStream extends FilterInputStream {
    private long left;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
