package dev.tickbars.pipeline;

import dev.tickbars.transforms.Bar;
import dev.tickbars.transforms.BarAccumulator;
import dev.tickbars.transforms.BarCoder;
import dev.tickbars.transforms.BarCutter;
import dev.tickbars.transforms.Chunking;
import dev.tickbars.transforms.Frame;
import dev.tickbars.transforms.JoinPartialBars;
import dev.tickbars.transforms.NumberedTicks;
import dev.tickbars.transforms.OutputRecords;
import dev.tickbars.transforms.TickBlock;
import dev.tickbars.transforms.WeekendWindow;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ListCoder;
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
 * The second pass: each {@link ChunkTask} reads its ranges of the input, keeps its symbols' ticks
 * of its chunk, sorts each symbol's by (time, input position) and numbers them from the plan's
 * first id (SPEC 3). Then, with the ticks in memory once: it writes the symbol's tick slices of
 * the chunk, one file ({@code symbol=<SYMBOL>/<yyyy-MM-dd>.parquet}), and cuts every frame's bars:
 * whole bars go to {@link #BARS} in lists of at most {@link #BARS_PER_LIST}, the parts of bars
 * that continue in another chunk to {@link #PARTIALS}. Nothing that grows with the input leaves a
 * task but bars.
 */
final class BuildChunks extends PTransform<PCollection<ChunkTask>, PCollectionTuple> {
  static final TupleTag<List<Bar>> BARS = new TupleTag<>() {};
  static final TupleTag<KV<KV<String, String>, KV<Long, BarAccumulator>>> PARTIALS = new TupleTag<>() {};
  static final int BARS_PER_LIST = 4096;

  private static final DateTimeFormatter FILE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final Chunking chunking;
  private final WeekendWindow weekend;
  private final List<BarCutter> cutters;
  private final Frame sliceFrame;
  private final String slicesDir;
  private final CompressionCodecName compression;

  private BuildChunks(
      Chunking chunking,
      WeekendWindow weekend,
      List<BarCutter> cutters,
      Frame sliceFrame,
      String slicesDir,
      CompressionCodecName compression) {
    this.chunking = chunking;
    this.weekend = weekend;
    this.cutters = cutters;
    this.sliceFrame = sliceFrame;
    this.slicesDir = slicesDir;
    this.compression = compression;
  }

  /**
   * @param weekend the span the scan dropped, or null
   * @param slicesDir the folder of the slices of {@code sliceFrame}
   */
  static BuildChunks of(
      Chunking chunking,
      WeekendWindow weekend,
      List<BarCutter> cutters,
      Frame sliceFrame,
      String slicesDir,
      CompressionCodecName compression) {
    return new BuildChunks(chunking, weekend, cutters, sliceFrame, slicesDir, compression);
  }

  @Override
  public PCollectionTuple expand(PCollection<ChunkTask> tasks) {
    PCollectionTuple out =
        tasks.apply(
            "BuildChunk",
            ParDo.of(new BuildChunkFn(chunking, weekend, cutters, sliceFrame, slicesDir, compression)).withOutputTags(BARS, TupleTagList.of(PARTIALS)));
    out.get(BARS).setCoder(ListCoder.of(BarCoder.of()));
    out.get(PARTIALS).setCoder(JoinPartialBars.inputCoder());
    return out;
  }

  /** Reads, sorts and numbers one task's ticks, writes their slices and cuts their bars. */
  static final class BuildChunkFn extends DoFn<ChunkTask, List<Bar>> {
    private final Chunking chunking;
    private final WeekendWindow weekend;
    private final List<BarCutter> cutters;
    private final Frame sliceFrame;
    private final String slicesDir;
    private final CompressionCodecName compression;

    BuildChunkFn(
        Chunking chunking,
        WeekendWindow weekend,
        List<BarCutter> cutters,
        Frame sliceFrame,
        String slicesDir,
        CompressionCodecName compression) {
      this.chunking = chunking;
      this.weekend = weekend;
      this.cutters = cutters;
      this.sliceFrame = sliceFrame;
      this.slicesDir = slicesDir;
      this.compression = compression;
    }

    @ProcessElement
    public void process(@Element ChunkTask task, MultiOutputReceiver out) throws IOException {
      Map<String, TickBlock.Builder> ticks = read(task);
      for (Map.Entry<String, ChunkTask.SymbolStart> s : task.symbols().entrySet()) {
        String symbol = s.getKey();
        ChunkTask.SymbolStart start = s.getValue();
        TickBlock block = TickBlock.sortedUnion(List.of(ticks.get(symbol).build()));
        if (block.size() != start.ticks()) {
          throw new IllegalStateException(
              "the input changed during the run: " + symbol + " had " + start.ticks()
                  + " ticks in the first pass and " + block.size() + " in the second");
        }
        NumberedTicks numbered = new NumberedTicks(block, start.firstTickId(), start.previousNs());
        writeSlices(numbered, task.chunk());
        for (BarCutter cutter : cutters) {
          BarOutput bars = new BarOutput(cutter, symbol, out);
          cutter.cut(numbered, start.symbolTicks(), bars);
          bars.flush();
        }
      }
    }

    private Map<String, TickBlock.Builder> read(ChunkTask task) throws IOException {
      Map<String, TickBlock.Builder> ticks = new HashMap<>();
      task.symbols().forEach((symbol, start) -> ticks.put(symbol, new TickBlock.Builder(symbol, (int) start.ticks())));
      for (ChunkTask.Range range : task.ranges()) {
        try (InputStream in = open(range)) {
          new TickStreamParser(range.layout())
              .parse(in, range.firstLine(), range.start(), new Collector(task.chunk(), range.rank(), ticks));
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

    private void writeSlices(NumberedTicks ticks, long chunk) throws IOException {
      String path = slicesDir + "/symbol=" + ticks.ticks().symbol() + "/"
          + FILE_DATE.format(EpochNanos.toInstant(chunking.start(chunk).getMillis() * 1_000_000L))
          + ".parquet";
      long ticksPerBar = sliceFrame.ticksPerBar();
      ParquetFiles.write(
          path, OutputRecords.TICK_SLICE, compression, rows -> OutputRecords.slices(ticks, ticksPerBar, rows));
    }

    /** Passes whole bars on in lists, partials one by one. */
    private static final class BarOutput implements BarCutter.Receiver {
      private final BarCutter cutter;
      private final KV<String, String> key;
      private final MultiOutputReceiver out;
      private List<Bar> bars = new ArrayList<>();

      BarOutput(BarCutter cutter, String symbol, MultiOutputReceiver out) {
        this.cutter = cutter;
        this.key = KV.of(cutter.frame().name(), symbol);
        this.out = out;
      }

      @Override
      public void whole(Bar bar) {
        bars.add(bar);
        if (bars.size() == BARS_PER_LIST) {
          flush();
        }
      }

      @Override
      public void partial(BarAccumulator part) {
        out.get(PARTIALS).output(KV.of(key, KV.of(cutter.barOf(part), part)));
      }

      void flush() {
        if (!bars.isEmpty()) {
          out.get(BARS).output(bars);
          bars = new ArrayList<>();
        }
      }
    }

    /** Keeps the ticks of the task's symbols in its chunk, as the scan counted them. */
    private final class Collector implements TickStreamParser.Handler {
      private final long chunk;
      private final int rank;
      private final Map<String, TickBlock.Builder> ticks;
      private String lastSymbol;
      private TickBlock.Builder last;

      Collector(long chunk, int rank, Map<String, TickBlock.Builder> ticks) {
        this.chunk = chunk;
        this.rank = rank;
        this.ticks = ticks;
      }

      @Override
      public void tick(TickLineParser t, long line, long offset) {
        long time = t.timeNs();
        if (chunking.chunkOf(time) != chunk
            || (weekend != null && weekend.contains(time))) {
          return;
        }
        String symbol = t.symbol();
        if (symbol != lastSymbol) {
          last = ticks.get(symbol);
          lastSymbol = symbol;
        }
        if (last != null) {
          last.add(time, TickBlock.position(rank, line), t.bid(), t.ask(), t.bidVolume(), t.askVolume());
        }
      }

      @Override
      public void reject(long line, long offset, RejectReason reason, String raw) {}
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
