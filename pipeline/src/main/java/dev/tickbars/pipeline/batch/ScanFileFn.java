package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.SymbolQuality;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.PriceBasis;
import dev.tickbars.transforms.values.TickBlock;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;

/** Parses each piece of a group into its scan, counts and quality parts, and writes its rejects. */
final class ScanFileFn extends DoFn<List<ScanFiles.FilePiece>, List<FileScan>> {
  private final Counter rejectedLines = Metrics.counter(ScanFiles.class, ScanFiles.REJECTED_LINES);
  private final TickFilter filter;
  private final QualityRules rules;
  private final ScanFiles.Folders folders;
  private final PriceBasis amountBasis;

  /** @param amountBasis the basis of the ticks' value where a frame is cut by volume or value, else null */
  ScanFileFn(TickFilter filter, QualityRules rules, ScanFiles.Folders folders, PriceBasis amountBasis) {
    this.filter = filter;
    this.rules = rules;
    this.folders = folders;
    this.amountBasis = amountBasis;
  }

  @ProcessElement
  public void process(@Element List<ScanFiles.FilePiece> pieces, MultiOutputReceiver out) throws IOException {
    List<FileScan> scans = new ArrayList<>();
    for (ScanFiles.FilePiece piece : pieces) {
      scans.add(scan(piece, out));
    }
    out.get(ScanFiles.SCANS).output(scans);
  }

  private FileScan scan(ScanFiles.FilePiece piece, MultiOutputReceiver out) throws IOException {
    InputFile file = piece.file();
    boolean compressed = Compression.detect(file.path()) != Compression.UNCOMPRESSED;
    String source = compressed ? folders.inflated() + "/" + file.rank() + ".csv" : file.path();
    String name = ScanCounts.piece(file.rank(), piece.index());
    ReadStats stats = new ReadStats();
    Map<String, SymbolQuality> quality = new TreeMap<>();
    WorkProgress.Piece progress = folders.progress().piece(WorkProgress.SCAN, name);
    FileScan scan = new FileScan(file.rank(), piece.index(), source, file.layout());
    try (RejectWriter rejectWriter = new RejectWriter(folders.rejects() + "/" + name + ".jsonl")) {
      // A compressed file's offsets are in its decompressed bytes: its progress is told at the end.
      Scanner scanner =
          new Scanner(
              file, scan, stats, rejectWriter,
              compressed ? null : progress, piece.start(), new FileOrder(file.rank(), piece.index(), rules, quality));
      TickStreamParser parser = new TickStreamParser(file.layout());
      try (OutputStream copy = compressed ? create(source) : OutputStream.nullOutputStream();
          PieceStream in = PieceStream.open(piece, copy)) {
        ReadStats.FileCounts counts = stats.file(file.path());
        counts.dataLines = parser.parse(in, 1, in.lineStart, piece.end(), scanner);
        counts.lines = parser.lines();
        counts.passedOver.addAll(in.passedOver());
        scanner.finish(parser.end());
        progress.done(Math.min(piece.end(), file.size()) - piece.start(), counts.accepted);
      } catch (IOException | UncheckedIOException e) {
        throw new InputFileException(
            file.path(), e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
      }
    }
    out.get(ScanFiles.COUNTS).output(ScanCounts.ofPiece(file.rank(), piece.index(), stats, stats.file(file.path()).lines));
    out.get(ScanFiles.QUALITY).output(QualityParts.of(quality));
    return scan;
  }

  static OutputStream create(String path) throws IOException {
    return new BufferedOutputStream(
        Channels.newOutputStream(FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT)),
        1 << 16);
  }

  /** A symbol's accepted ticks of one hour in a piece. */
  private static final class Hour {
    long ticks;
    long lastNs = Long.MIN_VALUE;
    final Cumulative.Sums sums = new Cumulative.Sums();
  }

  /** Counts a file's ticks per symbol and hour, cuts its segments, passes rejects on. */
  private final class Scanner implements TickStreamParser.Handler {
    final FileScan scan;
    private final InputFile file;
    private final ReadStats stats;
    private final ReadStats.FileCounts fileCounts;
    private final RejectWriter rejects;
    private final Map<String, Map<Long, Hour>> hours = new HashMap<>();
    private String lastSymbol;
    private long lastHour;
    private Hour lastCount;
    private ReadStats.SymbolCounts lastSymbolCounts;
    private long pieceStart = -1;
    private long pieceMinHour = Long.MAX_VALUE;
    private long pieceMaxHour = Long.MIN_VALUE;
    private final WorkProgress.Piece progress;
    private final long start;
    private long lines;

    private final FileOrder order;
    private FileOrder.Symbol lastOrder;
    private long weekendMinute = Long.MIN_VALUE;
    private boolean weekendNow;

    /**
     * @param progress told the bytes from {@code start} and the ticks now and then, or null
     * @param order the quality numbers of the piece's symbols
     */
    Scanner(
        InputFile file, FileScan scan, ReadStats stats, RejectWriter rejects, WorkProgress.Piece progress, long start,
        FileOrder order) {
      this.file = file;
      this.scan = scan;
      this.stats = stats;
      this.fileCounts = stats.file(file.path());
      this.rejects = rejects;
      this.progress = progress;
      this.start = start;
      this.order = order;
    }

    @Override
    public RejectReason tick(TickLineParser t, long line, long offset) {
      if ((++lines & 0xFFFF) == 0 && progress != null) {
        progress.update(offset - start, fileCounts.accepted);
      }
      notePiece(offset);
      long time = t.timeNs();
      String symbol = t.symbol();
      if (lastOrder == null || symbol != lastOrder.name) {
        lastOrder = order.symbol(symbol);
      }
      if (inWeekend(time)) {
        lastOrder.quality.weekendTicks++;
      }
      TickFilter.Verdict verdict = filter.verdict(symbol, time);
      if (verdict == TickFilter.Verdict.TRIMMED) {
        fileCounts.trimmed++;
        return null;
      }
      if (verdict == TickFilter.Verdict.LATE) {
        return RejectReason.LATE;
      }
      lastOrder.accepted(time, t.bid(), t.ask(), t.price(), t.size());
      count(symbol, time);
      if (amountBasis != null) {
        lastCount.sums.add(
            amountBasis.price(t.bid(), t.ask(), t.price()), TickBlock.volumeWeight(t.size(), t.bidVolume(), t.askVolume()));
      }
      return null;
    }

    /** Closes the segment at a tick's line once it has {@link ScanFiles#PIECE_BYTES}, and starts the next. */
    private void notePiece(long offset) {
      if (pieceStart < 0) {
        pieceStart = offset;
      } else if (offset >= pieceStart + ScanFiles.PIECE_BYTES) {
        closePiece(offset);
        pieceStart = offset;
      }
    }

    /** Counts an accepted tick in its symbol's hour, its segment's hours and the read counts. */
    private void count(String symbol, long time) {
      long hour = Hours.of(time);
      pieceMinHour = Math.min(pieceMinHour, hour);
      pieceMaxHour = Math.max(pieceMaxHour, hour);
      if (symbol != lastSymbol || hour != lastHour) {
        lastCount = hours.computeIfAbsent(symbol, s -> new HashMap<>()).computeIfAbsent(hour, h -> new Hour());
        lastSymbolCounts = symbol == lastSymbol ? lastSymbolCounts : stats.symbol(symbol);
        lastSymbol = symbol;
        lastHour = hour;
      }
      lastCount.ticks++;
      lastCount.lastNs = Math.max(lastCount.lastNs, time);
      lastSymbolCounts.add(time);
      fileCounts.accepted++;
    }

    @Override
    public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
      stats.reject(file.path(), reason.label());
      rejectedLines.inc();
      rejects.write(file.path(), line, reason.label(), raw, bytes);
    }

    /** Whether a time is in the weekend window; the same for a whole minute (its bounds are minutes). */
    private boolean inWeekend(long timeNs) {
      long minute = Math.floorDiv(timeNs, 60_000_000_000L);
      if (minute != weekendMinute) {
        weekendMinute = minute;
        weekendNow = rules.weekend().contains(timeNs);
      }
      return weekendNow;
    }

    @Override
    public void crossed(TickLineParser quote) {
      order.symbol(quote.symbol()).quality.crossedRejected++;
    }

    void finish(long end) {
      closePiece(end);
      order.finish();
      hours.forEach(
          (symbol, byHour) -> {
            Cumulative.Sums all = new Cumulative.Sums();
            byHour.forEach(
                (hour, c) -> {
                  Cumulative sums = c.sums.total();
                  scan.counts().add(new FileScan.HourCount(symbol, hour, c.ticks, c.lastNs, sums.volume(), sums.value()));
                  all.add(sums);
                });
            if (amountBasis != null) {
              stats.symbol(symbol).addSums(all.total());
            }
          });
    }

    private void closePiece(long end) {
      if (pieceMinHour <= pieceMaxHour) {
        scan.addSegment(pieceStart, end, pieceMinHour, pieceMaxHour);
      }
      pieceMinHour = Long.MAX_VALUE;
      pieceMaxHour = Long.MIN_VALUE;
    }
  }
}
