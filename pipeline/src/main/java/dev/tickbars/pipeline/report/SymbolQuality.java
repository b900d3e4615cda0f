package dev.tickbars.pipeline.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The data-quality numbers of one symbol: what one piece of work saw (a scanned piece of a file
 * in file order, a built chunk in tick order), and, merged, the whole run's ({@link QualityReport}).
 * The edges of each piece and chunk let the merge count what crosses them: a piece's first tick
 * before the previous piece's last, a price jump from one chunk's last tick to the next chunk's
 * first.
 */
public final class SymbolQuality implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int LONGEST_GAPS = 5;

  /** A gap between two consecutive ticks. */
  record Gap(@JsonProperty("start_ns") long startNs, @JsonProperty("end_ns") long endNs) implements Serializable {
    long ns() {
      return endNs - startNs;
    }
  }

  /** A scanned piece's first and last accepted tick of the symbol, in file order. */
  public record FileEdge(
      @JsonProperty("rank") int rank,
      @JsonProperty("piece") int piece,
      @JsonProperty("first_ns") long firstNs,
      @JsonProperty("last_ns") long lastNs) implements Serializable {}

  /** A built chunk's (by its first hour) first and last tick of the symbol, in tick order, with their prices. */
  public record ChunkEdge(
      @JsonProperty("chunk") long chunk,
      @JsonProperty("first_ns") long firstNs,
      @JsonProperty("first_price") double firstPrice,
      @JsonProperty("last_price") double lastPrice) implements Serializable {}

  @JsonProperty("crossed_rejected") public long crossedRejected;
  @JsonProperty("locked") public long locked;
  @JsonProperty("weekend_ticks") public long weekendTicks;
  @JsonProperty("out_of_order") public long outOfOrder;
  @JsonProperty("duplicates") public long duplicates;
  @JsonProperty("gaps") long gaps;
  @JsonProperty("longest_gaps") List<Gap> longestGaps = new ArrayList<>();
  @JsonProperty("jumps") long jumps;
  @JsonProperty("largest_move_pips") double largestMovePips;
  @JsonProperty("largest_move_at_ns") long largestMoveAtNs;
  /** Ticks by spread in thousandths of a pip. */
  @JsonProperty("spreads") public TreeMap<Long, Long> spreads = new TreeMap<>();
  @JsonProperty("file_edges") public List<FileEdge> fileEdges = new ArrayList<>();
  @JsonProperty("chunk_edges") public List<ChunkEdge> chunkEdges = new ArrayList<>();

  /** A gap from the tick at {@code startNs} to the next, at {@code endNs}. */
  public void gap(long startNs, long endNs) {
    gaps++;
    longestGaps.add(new Gap(startNs, endNs));
    keepLongest();
  }

  /** A move of {@code pips} to the tick at {@code atNs}; a jump when it is over {@code jumpPips}. */
  public void move(double pips, long atNs, double jumpPips) {
    if (pips > jumpPips) {
      jumps++;
    }
    if (pips > largestMovePips) {
      largestMovePips = pips;
      largestMoveAtNs = atNs;
    }
  }

  void merge(SymbolQuality o) {
    crossedRejected += o.crossedRejected;
    locked += o.locked;
    weekendTicks += o.weekendTicks;
    outOfOrder += o.outOfOrder;
    duplicates += o.duplicates;
    gaps += o.gaps;
    longestGaps.addAll(o.longestGaps);
    keepLongest();
    jumps += o.jumps;
    // The largest move, and of equal ones the first: the same in any order of merging.
    if (o.largestMovePips > largestMovePips
        || (o.largestMovePips == largestMovePips && o.largestMovePips > 0 && o.largestMoveAtNs < largestMoveAtNs)) {
      largestMovePips = o.largestMovePips;
      largestMoveAtNs = o.largestMoveAtNs;
    }
    o.spreads.forEach((k, n) -> spreads.merge(k, n, Long::sum));
    fileEdges.addAll(o.fileEdges);
    chunkEdges.addAll(o.chunkEdges);
  }

  /** The smallest spread, in pips, that at least {@code q} of the ticks do not exceed (nearest rank). */
  double spreadQuantile(double q) {
    long total = spreads.values().stream().mapToLong(Long::longValue).sum();
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (var e : spreads.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey() / 1000.0;
      }
    }
    return Double.NaN;
  }

  private void keepLongest() {
    longestGaps.sort(Comparator.comparingLong(Gap::ns).reversed().thenComparingLong(Gap::startNs));
    if (longestGaps.size() > LONGEST_GAPS) {
      longestGaps = new ArrayList<>(longestGaps.subList(0, LONGEST_GAPS));
    }
  }
}
