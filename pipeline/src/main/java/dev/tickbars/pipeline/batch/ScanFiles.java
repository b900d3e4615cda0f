package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.output.RejectFiles;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.values.PriceBasis;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
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
  /** The counter of the lines the scan rejected, besides {@link #COUNTS}' reasons. */
  public static final String REJECTED_LINES = "rejectedLines";

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
  private final PriceBasis amountBasis;

  private ScanFiles(
      List<InputFile> files, long pieceBytes, TickFilter filter, QualityRules rules, Folders folders, PriceBasis amountBasis) {
    this.files = List.copyOf(files);
    this.pieceBytes = pieceBytes;
    this.filter = filter;
    this.rules = rules;
    this.folders = folders;
    this.amountBasis = amountBasis;
  }

  /**
   * @param files the input files, in rank order
   * @param pieceBytes the bytes of an uncompressed file one worker scans
   * @param filter the ticks to trim and to reject as late
   * @param rules what the quality report counts (the scan counts what file order shows)
   * @param amountBasis the basis of the ticks' value where a frame is cut by volume or value (the
   *     scan sums both), else null
   */
  static ScanFiles of(
      List<InputFile> files, long pieceBytes, TickFilter filter, QualityRules rules, Folders folders, PriceBasis amountBasis) {
    return new ScanFiles(files, pieceBytes, filter, rules, folders, amountBasis);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple scanned = begin
        .apply("ListPieces", Create.of(groups(files, pieceBytes)).withCoder(ListCoder.of(SerializableCoder.of(FilePiece.class))))
        .apply("SpreadPieces", Reshuffle.viaRandomKey())
        .apply("ScanPieces", ParDo.of(new ScanFileFn(filter, rules, folders, amountBasis)).withOutputTags(SCANS, TupleTagList.of(COUNTS).and(QUALITY)));
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
}
