package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.SymbolQuality;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The first pass over the input: every file is parsed once, in pieces of {@code --scanPieceBytes}
 * (the lines that start in a byte range; a compressed file is one piece) spread over the workers,
 * small files' pieces together up to that size, and what comes out is small, whatever the input's
 * size: a {@link FileScan} per piece (its segments and hourly tick counts), a list of them per
 * group of pieces, so that many small files make few elements (a runner may copy a side input's
 * elements once per element added: the DirectRunner does) ({@link #SCANS}); each piece's {@link
 * ScanCounts} ({@link #COUNTS}) and {@link QualityParts} in file order ({@link #QUALITY}). The scan
 * of a piece also writes its rejected lines as JSON lines, {@code {"file", "line", "reason",
 * "raw"}}, line numbers counted from the piece's start (see {@link RejectFiles}), to {@code
 * <rank>-<piece>.jsonl} in the rejects folder (when it has any): however many they are, they never
 * wait in memory, and the file is named after the piece, so a retried scan replaces its own. A compressed file is
 * also decompressed into the inflated folder, so the second pass can start reading anywhere in
 * it. Ticks in the weekend window, when one is given, are counted and passed over.
 */
public final class ScanFiles extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<List<FileScan>> SCANS = new TupleTag<>() {};
  public static final TupleTag<ScanCounts> COUNTS = new TupleTag<>() {};
  public static final TupleTag<QualityParts> QUALITY = new TupleTag<>() {};

  /** Segments are cut at the first tick line past this many bytes: the second pass's unit. */
  static final long PIECE_BYTES = 256 << 10;

  /** The lines of {@code file} that start in bytes {@code [start, end)}, its piece {@code index}. */
  record FilePiece(InputFile file, int index, long start, long end) implements Serializable {}

  /** Where a scan writes besides its output. */
  record Folders(String rejects, String inflated, WorkProgress progress)
      implements Serializable {}

  private final List<InputFile> files;
  private final long pieceBytes;
  private final TickFilter filter;
  private final QualityRules rules;
  private final Folders folders;

  private ScanFiles(List<InputFile> files, long pieceBytes, TickFilter filter, QualityRules rules, Folders folders) {
    this.files = List.copyOf(files);
    this.pieceBytes = pieceBytes;
    this.filter = filter;
    this.rules = rules;
    this.folders = folders;
  }

  /**
   * @param files the input files, in rank order
   * @param pieceBytes the bytes of an uncompressed file one worker scans
   * @param filter the ticks to trim and to reject as late
   * @param rules what the quality report counts (the scan counts what file order shows)
   */
  static ScanFiles of(List<InputFile> files, long pieceBytes, TickFilter filter, QualityRules rules, Folders folders) {
    return new ScanFiles(files, pieceBytes, filter, rules, folders);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple scanned = begin
        .apply("ListPieces", Create.of(groups(files, pieceBytes)).withCoder(ListCoder.of(SerializableCoder.of(FilePiece.class))))
        .apply("SpreadPieces", Reshuffle.viaRandomKey())
        .apply("ScanPieces", ParDo.of(new ScanFileFn(filter, rules, folders)).withOutputTags(SCANS, TupleTagList.of(COUNTS).and(QUALITY)));
    scanned.get(SCANS).setCoder(ListCoder.of(SerializableCoder.of(FileScan.class)));
    scanned.get(COUNTS).setCoder(JsonCoder.of(ScanCounts.class));
    scanned.get(QUALITY).setCoder(JsonCoder.of(QualityParts.class));
    return scanned;
  }

  /**
   * The files' pieces, in groups: an uncompressed file is cut into pieces of {@code pieceBytes}, a
   * compressed one is one piece, and consecutive pieces go together while they hold at most {@code
   * pieceBytes} in all.
   */
  static List<List<FilePiece>> groups(List<InputFile> files, long pieceBytes) {
    List<List<FilePiece>> groups = new ArrayList<>();
    List<FilePiece> group = new ArrayList<>();
    long groupBytes = 0;
    for (InputFile file : files) {
      long pieces =
          Compression.detect(file.path()) != Compression.UNCOMPRESSED
              ? 1
              : Math.max(1, (file.size() + pieceBytes - 1) / pieceBytes);
      for (int i = 0; i < pieces; i++) {
        long end = i == pieces - 1 ? Long.MAX_VALUE : (i + 1) * pieceBytes;
        long bytes = Math.min(end, file.size()) - i * pieceBytes;
        if (!group.isEmpty() && groupBytes + bytes > pieceBytes) {
          groups.add(group);
          group = new ArrayList<>();
          groupBytes = 0;
        }
        group.add(new FilePiece(file, i, i * pieceBytes, end));
        groupBytes += bytes;
      }
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /** Parses each piece of a group into its scan, counts and quality parts, and writes its rejects. */
  static final class ScanFileFn extends DoFn<List<FilePiece>, List<FileScan>> {
    private final TickFilter filter;
    private final QualityRules rules;
    private final Folders folders;

    ScanFileFn(TickFilter filter, QualityRules rules, Folders folders) {
      this.filter = filter;
      this.rules = rules;
      this.folders = folders;
    }

    @ProcessElement
    public void process(@Element List<FilePiece> pieces, MultiOutputReceiver out) throws IOException {
      List<FileScan> scans = new ArrayList<>();
      for (FilePiece piece : pieces) {
        scans.add(scan(piece, out));
      }
      out.get(SCANS).output(scans);
    }

    private FileScan scan(FilePiece piece, MultiOutputReceiver out) throws IOException {
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
      out.get(COUNTS).output(ScanCounts.ofPiece(file.rank(), piece.index(), stats, stats.file(file.path()).lines));
      out.get(QUALITY).output(QualityParts.of(quality));
      return scan;
    }

    static OutputStream create(String path) throws IOException {
      return new BufferedOutputStream(
          Channels.newOutputStream(FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT)),
          1 << 16);
    }

    /** Counts a file's ticks per symbol and hour, cuts its segments, passes rejects on. */
    private final class Scanner implements TickStreamParser.Handler {
      final FileScan scan;
      private final InputFile file;
      private final ReadStats stats;
      private final ReadStats.FileCounts fileCounts;
      private final RejectWriter rejects;
      private final Map<String, Map<Long, long[]>> hourCounts = new HashMap<>();
      private String lastSymbol;
      private long lastHour;
      private long[] lastCount;
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
        if (pieceStart < 0) {
          pieceStart = offset;
        } else if (offset >= pieceStart + PIECE_BYTES) {
          closePiece(offset);
          pieceStart = offset;
        }
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
        lastOrder.accepted(time, t.bid(), t.ask());
        long hour = Hours.of(time);
        pieceMinHour = Math.min(pieceMinHour, hour);
        pieceMaxHour = Math.max(pieceMaxHour, hour);
        if (symbol != lastSymbol || hour != lastHour) {
          lastCount =
              hourCounts
                  .computeIfAbsent(symbol, s -> new HashMap<>())
                  .computeIfAbsent(hour, h -> new long[] {0, Long.MIN_VALUE});
          lastSymbolCounts = symbol == lastSymbol ? lastSymbolCounts : stats.symbol(symbol);
          lastSymbol = symbol;
          lastHour = hour;
        }
        lastCount[0]++;
        lastCount[1] = Math.max(lastCount[1], time);
        lastSymbolCounts.add(time);
        fileCounts.accepted++;
        return null;
      }

      @Override
      public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
        stats.reject(file.path(), reason.label());
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
        hourCounts.forEach(
            (symbol, hours) ->
                hours.forEach((hour, c) -> scan.counts().add(new FileScan.HourCount(symbol, hour, c[0], c[1]))));
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

  /** Writes JSON lines to a file created at the first line. */
  private static final class RejectWriter implements AutoCloseable {
    private final String path;
    private OutputStream out;

    RejectWriter(String path) {
      this.path = path;
    }

    void write(String file, long line, String reason, String raw, long bytes) {
      try {
        if (out == null) {
          out = ScanFileFn.create(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      RejectFiles.write(out, file, line, reason, raw, bytes);
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
      }
    }
  }

  /**
   * What a piece shows of each symbol's quality in file order: locked quotes, spreads, ticks
   * earlier than the symbol's tick before them, and the piece's first and last tick, which the
   * report compares with the pieces around it.
   */
  static final class FileOrder {
    private final int rank;
    private final int piece;
    private final QualityRules rules;
    private final Map<String, SymbolQuality> quality;
    private final Map<String, Symbol> symbols = new HashMap<>();

    FileOrder(int rank, int piece, QualityRules rules, Map<String, SymbolQuality> quality) {
      this.rank = rank;
      this.piece = piece;
      this.rules = rules;
      this.quality = quality;
    }

    Symbol symbol(String name) {
      return symbols.computeIfAbsent(
          name, n -> new Symbol(n, quality.computeIfAbsent(n, k -> new SymbolQuality()), 1000 / rules.pipSize(n)));
    }

    void finish() {
      symbols.values().forEach(s -> {
        s.flushSpread();
        if (s.firstNs != Long.MIN_VALUE) {
          s.quality.fileEdges.add(new SymbolQuality.FileEdge(rank, piece, s.firstNs, s.lastNs));
        }
      });
    }

    /** One symbol's numbers in the piece. */
    static final class Symbol {
      final String name;
      final SymbolQuality quality;
      /** Thousandths of a pip per price unit. */
      private final double milliPips;
      private long firstNs = Long.MIN_VALUE;
      private long lastNs;
      private long spreadKey = Long.MIN_VALUE;
      private long spreadCount;

      Symbol(String name, SymbolQuality quality, double milliPips) {
        this.name = name;
        this.quality = quality;
        this.milliPips = milliPips;
      }

      void accepted(long timeNs, double bid, double ask) {
        if (firstNs == Long.MIN_VALUE) {
          firstNs = timeNs;
        } else if (timeNs < lastNs) {
          quality.outOfOrder++;
        }
        lastNs = timeNs;
        if (bid == ask) {
          quality.locked++;
        }
        long key = Math.round((ask - bid) * milliPips);
        if (key != spreadKey) {
          flushSpread();
          spreadKey = key;
        }
        spreadCount++;
      }

      private void flushSpread() {
        if (spreadCount > 0) {
          quality.spreads.merge(spreadKey, spreadCount, Long::sum);
        }
        spreadCount = 0;
      }
    }
  }

  /**
   * A piece's bytes from the start of its first line: a piece that starts inside a line leaves
   * that line to the piece before. A compressed file's bytes are decompressed, and written to a
   * copy as they are read.
   */
  private static final class PieceStream extends FilterInputStream {
    private final OutputStream copy;
    final long lineStart;

    private PieceStream(InputStream in, OutputStream copy, long lineStart) {
      super(in);
      this.copy = copy;
      this.lineStart = lineStart;
    }

    /** What the file's stream passed over (a zip's entries of no ticks). */
    List<String> passedOver() {
      return in instanceof InputFile.PassesOver p ? p.passedOver() : List.of();
    }

    static PieceStream open(FilePiece piece, OutputStream copy) throws IOException {
      if (piece.start() == 0) {
        return new PieceStream(piece.file().open(), copy, 0);
      }
      SeekableByteChannel channel =
          (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(piece.file().path(), false));
      channel.position(piece.start() - 1);
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
      long position = piece.start() - 1;
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        position++;
      }
      return new PieceStream(in, copy, position + 1);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        copy.write(b, off, n);
      }
      return n;
    }
  }
}
