package dev.tickbars.pipeline.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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

  /** A trade more than this many times the symbol's median size is an outlier. */
  public static final double SIZE_OUTLIER_FACTOR = 50;

  private static final MathContext SIZE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

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
  /** Trades by size, to 3 significant digits. */
  @JsonProperty("trade_sizes") public TreeMap<Double, Long> tradeSizes = new TreeMap<>();
  /** Trades priced below the bid or above the ask of their line's quote. */
  @JsonProperty("outside_quote") public long outsideQuote;
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

  /** Counts a trade of {@code size}, to 3 significant digits (exact below 1,000 for whole sizes). */
  public void tradeSize(double size) {
    double key = size == Math.rint(size) && size < 1000 ? size : BigDecimal.valueOf(size).round(SIZE_DIGITS).doubleValue();
    tradeSizes.merge(key, 1L, Long::sum);
  }

  /** The smallest size that at least {@code q} of the trades do not exceed (nearest rank). */
  double sizeQuantile(double q) {
    return quantile(tradeSizes, q);
  }

  /** The trades over {@link #SIZE_OUTLIER_FACTOR} times the median size. */
  long sizeOutliers() {
    return tradeSizes.tailMap(SIZE_OUTLIER_FACTOR * sizeQuantile(0.5), false).values().stream().mapToLong(Long::longValue).sum();
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
    o.tradeSizes.forEach((k, n) -> tradeSizes.merge(k, n, Long::sum));
    outsideQuote += o.outsideQuote;
    fileEdges.addAll(o.fileEdges);
    chunkEdges.addAll(o.chunkEdges);
  }

  /** The smallest spread, in pips, that at least {@code q} of the ticks do not exceed (nearest rank). */
  double spreadQuantile(double q) {
    return quantile(spreads, q) / 1000.0;
  }

  /** The smallest key that at least {@code q} of the counted do not exceed (nearest rank); NaN for none. */
  private static <K extends Number> double quantile(TreeMap<K, Long> counts, double q) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (var e : counts.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey().doubleValue();
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
