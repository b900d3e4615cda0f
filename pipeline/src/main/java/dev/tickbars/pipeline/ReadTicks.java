package dev.tickbars.pipeline;

import dev.tickbars.transforms.Chunking;
import dev.tickbars.transforms.TickBlock;
import dev.tickbars.transforms.TickBlockCoder;
import dev.tickbars.transforms.WeekendWindow;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads input files into blocks of ticks. Files are spread over the workers; each is parsed by
 * its layout into blocks of one symbol and one chunk, keyed by (symbol, chunk) and timestamped
 * with the chunk's start, each tick carrying its input position (file rank, line). Lines that
 * are not ticks go to {@link #REJECTS}; ticks in the weekend window, when one is given, are
 * counted and dropped; {@link #STATS} has one {@link ReadStats} per file.
 */
public final class ReadTicks extends PTransform<PCollection<InputFile>, PCollectionTuple> {
  public static final TupleTag<KV<KV<String, Long>, TickBlock>> BLOCKS = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  public static final TupleTag<ReadStats> STATS = new TupleTag<>() {};

  /** Ticks per block: large enough to make per-element costs vanish, small enough to stay cheap. */
  static final int BLOCK_TICKS = 16_384;

  private final Chunking chunking;
  private final WeekendWindow weekend;

  private ReadTicks(Chunking chunking, WeekendWindow weekend) {
    this.chunking = chunking;
    this.weekend = weekend;
  }

  /** @param weekend the span to drop, or null to keep every tick */
  public static ReadTicks with(Chunking chunking, WeekendWindow weekend) {
    return new ReadTicks(chunking, weekend);
  }

  @Override
  public PCollectionTuple expand(PCollection<InputFile> files) {
    PCollectionTuple out =
        files
            .apply("SpreadFiles", Reshuffle.viaRandomKey())
            .apply(
                "ParseFiles",
                ParDo.of(new ParseFileFn(chunking, weekend))
                    .withOutputTags(BLOCKS, TupleTagList.of(REJECTS).and(STATS)));
    out.get(BLOCKS)
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), TickBlockCoder.of()));
    out.get(REJECTS).setCoder(RejectCoder.of());
    out.get(STATS).setCoder(ReadStatsCoder.of());
    return out;
  }

  /** Parses one file into blocks, rejects and its stats. */
  static final class ParseFileFn extends DoFn<InputFile, KV<KV<String, Long>, TickBlock>> {
    private final Counter ticksRead = Metrics.counter(ReadTicks.class, "ticks");
    private final Counter rejected = Metrics.counter(ReadTicks.class, "rejected");
    private final Counter bytesRead = Metrics.counter(ReadTicks.class, "bytes");
    private final Chunking chunking;
    private final WeekendWindow weekend;

    ParseFileFn(Chunking chunking, WeekendWindow weekend) {
      this.chunking = chunking;
      this.weekend = weekend;
    }

    @ProcessElement
    public void process(@Element InputFile file, MultiOutputReceiver out) throws IOException {
      ReadStats stats = new ReadStats();
      BlockCutter cutter = new BlockCutter(file, stats, out);
      try (InputStream in = file.open()) {
        stats.file(file.path()).dataLines = new TickStreamParser(file.layout()).parse(in, cutter);
      } catch (IOException e) {
        throw new InputFileException(file.path(), e);
      }
      cutter.flushAll();
      bytesRead.inc(file.size());
      out.get(STATS).output(stats);
    }

    /** Cuts one file's ticks into blocks of one symbol and chunk, and passes rejects on. */
    private final class BlockCutter implements TickStreamParser.Handler {
      private final InputFile file;
      private final ReadStats stats;
      private final ReadStats.FileCounts counts;
      private final MultiOutputReceiver out;
      private final Map<String, Pending> pending = new HashMap<>();
      private String lastSymbol;
      private Pending last;

      BlockCutter(InputFile file, ReadStats stats, MultiOutputReceiver out) {
        this.file = file;
        this.stats = stats;
        this.counts = stats.file(file.path());
        this.out = out;
      }

      @Override
      public void tick(TickLineParser t, long line) {
        long time = t.timeNs();
        if (weekend != null && weekend.contains(time)) {
          counts.trimmed++;
          return;
        }
        String symbol = t.symbol();
        Pending p = symbol == lastSymbol ? last : pending.get(symbol);
        long chunk = chunking.chunkOf(time);
        if (p == null || p.chunk != chunk || p.ticks.size() >= BLOCK_TICKS) {
          if (p != null) {
            emit(p);
          }
          p = new Pending(symbol, chunk);
          pending.put(symbol, p);
        }
        lastSymbol = symbol;
        last = p;
        p.ticks.add(
            time,
            TickBlock.position(file.rank(), line),
            t.bid(),
            t.ask(),
            t.bidVolume(),
            t.askVolume());
        p.symbolCounts.add(time);
        counts.accepted++;
      }

      @Override
      public void reject(long line, RejectReason reason, String raw) {
        stats.reject(file.path(), reason.label());
        rejected.inc();
        out.get(REJECTS).output(new Reject(file.path(), line, reason.label(), raw));
      }

      void flushAll() {
        pending.values().forEach(this::emit);
        pending.clear();
      }

      private void emit(Pending p) {
        ticksRead.inc(p.ticks.size());
        out.get(BLOCKS)
            .outputWithTimestamp(
                KV.of(KV.of(p.symbol, p.chunk), p.ticks.build()), chunking.start(p.chunk));
      }

      private final class Pending {
        final String symbol;
        final long chunk;
        final TickBlock.Builder ticks;
        final ReadStats.SymbolCounts symbolCounts;

        Pending(String symbol, long chunk) {
          this.symbol = symbol;
          this.chunk = chunk;
          this.ticks = new TickBlock.Builder(symbol, 1024);
          this.symbolCounts = stats.symbol(symbol);
        }
      }
    }
  }
}
