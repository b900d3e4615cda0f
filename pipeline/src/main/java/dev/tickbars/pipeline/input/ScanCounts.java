package dev.tickbars.pipeline.input;

import dev.tickbars.pipeline.common.Storage;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tickbars.pipeline.common.Json;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the scan of the batch graph counted: the read counts of every file, and the lines of each
 * piece of a file (by {@code "<rank>-<piece>"}), which number the pieces' rejects from the file's
 * first line. One per scanned piece, merged into one for the run.
 */
public final class ScanCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty("stats") public ReadStats stats = new ReadStats();
  @JsonProperty("piece_lines") public TreeMap<String, Long> pieceLines = new TreeMap<>();

  /** The merged counts a pipeline left in {@code file}. */
  public static ScanCounts read(String file) throws IOException {
    return Json.MAPPER.readValue(Storage.read(file), ScanCounts.class);
  }

  /** A piece's counts. */
  public static ScanCounts ofPiece(int rank, int piece, ReadStats stats, long lines) {
    ScanCounts c = new ScanCounts();
    c.stats = stats;
    c.pieceLines.put(piece(rank, piece), lines);
    return c;
  }

  /** The name of piece {@code piece} of the file ranked {@code rank}. */
  public static String piece(int rank, int piece) {
    return rank + "-" + piece;
  }

  /** The sum of {@code all}: in any order, the same counts. */
  public static ScanCounts merge(Iterable<ScanCounts> all) {
    ScanCounts m = new ScanCounts();
    List<ReadStats> stats = new ArrayList<>();
    for (ScanCounts c : all) {
      stats.add(c.stats);
      m.pieceLines.putAll(c.pieceLines);
    }
    m.stats = ReadStats.merge(stats);
    return m;
  }

  /** The lines of the file ranked {@code rank} before its piece {@code piece}. */
  public long linesBefore(int rank, int piece) {
    long before = 0;
    for (int p = 0; p < piece; p++) {
      before += pieceLines.getOrDefault(piece(rank, p), 0L);
    }
    return before;
  }
}
