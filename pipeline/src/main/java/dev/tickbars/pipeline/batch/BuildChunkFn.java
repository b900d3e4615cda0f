package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.pipeline.output.WrittenFiles;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.SymbolQuality;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.OutputRecords;
import dev.tickbars.transforms.values.TickBlock;
import java.io.IOException;
import java.io.InputStream;
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
import org.apache.beam.sdk.values.KV;

/** Reads, sorts and numbers one task's ticks, writes their slices and cuts their bars. */
final class BuildChunkFn extends DoFn<ChunkTask, KV<BarKey, BarAccumulator>> {
  private final BuildChunks.Settings settings;

  BuildChunkFn(BuildChunks.Settings settings) {
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
    List<WrittenFiles.File> written = new ArrayList<>();
    // All of the task's ticks (at most --taskTicks, or one larger chunk), read a chunk at a time;
    // then a symbol at a time, so that only one symbol's files are open.
    List<Map<String, TickBlock.Builder>> ticks = new ArrayList<>();
    for (ChunkTask.Chunk chunk : task.chunks()) {
      ticks.add(read(chunk));
    }
    for (String symbol : task.chunks().get(0).symbols().keySet()) {
      SymbolQuality q = quality.computeIfAbsent(symbol, k -> new SymbolQuality());
      try (ChunkWriters files = new ChunkWriters(name, written)) {
        for (int i = 0; i < ticks.size(); i++) {
          long done = build(symbol, task.chunks().get(i), ticks.get(i).remove(symbol).build(), files, out, q);
          progress.update(0, built[0] += done);
        }
      }
    }
    out.get(BuildChunks.QUALITY).output(QualityParts.of(quality));
    out.get(BuildChunks.WRITTEN).output(new WrittenFiles(written));
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
    NumberedTicks numbered = new NumberedTicks(block, start.firstTickId(), start.previousNs(), start.before());
    TickOrderQuality.add(block, chunk.fromHour(), start.previousNs(), settings.quality(), quality);
    BarCutter slices = settings.sliceCutter();
    OutputLayout layout = settings.layout();
    OutputRecords.slices(
        numbered,
        slices.barIndexes(numbered),
        layout.slices(),
        files.get(OutputLayout.slicesFolder(slices.frame()), symbol, layout.slices()));
    for (BarCutter cutter : settings.cutters()) {
      cut(cutter, symbol, numbered, chunk, start, files, out);
    }
    return block.size();
  }

  /** Cuts a frame's bars of a chunk's numbered ticks: writes the whole ones, outputs the parts. */
  private void cut(
      BarCutter cutter,
      String symbol,
      NumberedTicks numbered,
      ChunkTask.Chunk chunk,
      ChunkTask.SymbolStart start,
      ChunkWriters files,
      MultiOutputReceiver out)
      throws IOException {
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
            out.get(BuildChunks.PARTIALS).output(KV.of(key, part));
          }
        });
    if (!whole.isEmpty()) {
      Schema schema = settings.layout().bars();
      OutputRecords.bars(whole, schema, files.get(OutputLayout.barsFolder(cutter.frame()), symbol, schema));
    }
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

  /**
   * Output files of a task, one per folder and symbol, named after the task's first chunk (and the
   * run), each added to {@code written} once it is closed.
   */
  private final class ChunkWriters implements AutoCloseable {
    private final String name;
    private final List<WrittenFiles.File> written;
    private final Map<String, ParquetFile> open = new HashMap<>();

    ChunkWriters(String name, List<WrittenFiles.File> written) {
      this.name = name;
      this.written = written;
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
      for (Map.Entry<String, ParquetFile> f : open.entrySet()) {
        f.getValue().close();
        written.add(WrittenFiles.of(settings.directory(), f.getKey(), f.getValue().rows()));
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
        last.add(time, TickBlock.position(rank, offset), t.bid(), t.ask(), t.bidVolume(), t.askVolume(),
            t.price(), t.size(), t.side());
      }
      return null;
    }

    /** The scan has written the rejects. */
    @Override
    public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {}
  }
}
