package dev.tickbars.pipeline.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickbars.pipeline.common.EpochNanos;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.output.OutputFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code OUT/quality.json} and the summary's quality section: per symbol, the numbers of {@link
 * SymbolQuality} that the scan and the build wrote for each piece of work, merged, with what
 * crosses their edges counted, and the symbol's ticks, first and last tick from the read counts.
 */
public final class QualityReport {
  private static final TypeReference<TreeMap<String, SymbolQuality>> PARTS = new TypeReference<>() {};

  private final QualityRules rules;
  private final boolean trimmed;
  private final ReadStats stats;
  private final TreeMap<String, SymbolQuality> symbols = new TreeMap<>();

  private QualityReport(QualityRules rules, boolean trimmed, ReadStats stats) {
    this.rules = rules;
    this.trimmed = trimmed;
    this.stats = stats;
  }

  /** The report of the run's merged {@code parts}; {@code trimmed}: whether the weekend was dropped. */
  public static QualityReport of(QualityParts parts, QualityRules rules, boolean trimmed, ReadStats stats) {
    QualityReport r = new QualityReport(rules, trimmed, stats);
    parts.symbols.forEach((symbol, q) -> r.symbols.computeIfAbsent(symbol, s -> new SymbolQuality()).merge(q));
    r.symbols.forEach(r::acrossEdges);
    return r;
  }

  /** Counts what crosses the pieces' and chunks' edges: out-of-order ticks, jumps. */
  private void acrossEdges(String symbol, SymbolQuality q) {
    q.fileEdges.sort(Comparator.comparingInt(SymbolQuality.FileEdge::rank).thenComparingInt(SymbolQuality.FileEdge::piece));
    for (int i = 1; i < q.fileEdges.size(); i++) {
      SymbolQuality.FileEdge before = q.fileEdges.get(i - 1);
      SymbolQuality.FileEdge e = q.fileEdges.get(i);
      if (e.rank() == before.rank() && e.firstNs() < before.lastNs()) {
        q.outOfOrder++;
      }
    }
    q.chunkEdges.sort(Comparator.comparingLong(SymbolQuality.ChunkEdge::chunk));
    double pip = rules.pipSize(symbol);
    for (int i = 1; i < q.chunkEdges.size(); i++) {
      SymbolQuality.ChunkEdge e = q.chunkEdges.get(i);
      q.move(Math.abs(e.firstPrice() - q.chunkEdges.get(i - 1).lastPrice()) / pip, e.firstNs(), rules.jumpPips());
    }
  }

  public byte[] toJson() throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("max_gap_seconds", rules.maxGapNs() / 1e9);
    root.put("jump_threshold_pips", rules.jumpPips());
    root.put("weekend", rules.weekend().toString());
    root.put("weekend_trimmed", trimmed);
    ObjectNode all = root.putObject("symbols");
    symbols.forEach((symbol, q) -> putSymbol(all.putObject(symbol), symbol, q));
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /** One symbol's part of quality.json. */
  private void putSymbol(ObjectNode o, String symbol, SymbolQuality q) {
    ReadStats.SymbolCounts c = stats.symbols.get(symbol);
    o.put("ticks", c == null ? 0 : c.ticks);
    o.put("first_tick", c == null || c.ticks == 0 ? null : EpochNanos.toInstant(c.firstNs).toString());
    o.put("last_tick", c == null || c.ticks == 0 ? null : EpochNanos.toInstant(c.lastNs).toString());
    ObjectNode gaps = o.putObject("gaps");
    gaps.put("count", q.gaps);
    gaps.put("longest_seconds", q.longestGaps.isEmpty() ? 0 : q.longestGaps.get(0).ns() / 1e9);
    ArrayNode longest = gaps.putArray("longest");
    for (SymbolQuality.Gap g : q.longestGaps) {
      longest.addObject()
          .put("start", EpochNanos.toInstant(g.startNs()).toString())
          .put("end", EpochNanos.toInstant(g.endNs()).toString())
          .put("seconds", g.ns() / 1e9);
    }
    o.put("crossed_quotes_rejected", q.crossedRejected);
    o.put("locked_quotes", q.locked);
    o.put("out_of_order", q.outOfOrder);
    o.put("duplicates", q.duplicates);
    o.put("weekend_ticks", q.weekendTicks);
    o.put("pip_size", rules.pipSize(symbol));
    ObjectNode spread = o.putObject("spread_pips");
    if (!q.spreads.isEmpty()) {
      spread.put("min", q.spreads.firstKey() / 1000.0);
      spread.put("median", q.spreadQuantile(0.5));
      spread.put("p99", q.spreadQuantile(0.99));
      spread.put("max", q.spreads.lastKey() / 1000.0);
    }
    if (!q.tradeSizes.isEmpty()) {
      ObjectNode trades = o.putObject("trades");
      trades.put("outside_quote", q.outsideQuote);
      trades.put("size_median", q.sizeQuantile(0.5));
      trades.put("size_p99", q.sizeQuantile(0.99));
      trades.put("size_max", q.tradeSizes.lastKey());
      trades.put("size_outliers", q.sizeOutliers());
      trades.put("size_outlier_above", SymbolQuality.SIZE_OUTLIER_FACTOR * q.sizeQuantile(0.5));
    }
    ObjectNode jumps = o.putObject("jumps");
    jumps.put("count", q.jumps);
    jumps.put("largest_move_pips", Math.round(q.largestMovePips * 1000) / 1000.0);
    jumps.put("largest_move_at", q.largestMovePips > 0 ? EpochNanos.toInstant(q.largestMoveAtNs).toString() : null);
  }

  /** The summary's section: a line per symbol. */
  void print(PrintStream out) {
    if (symbols.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "  quality (%s): gaps > %.0f s, jumps > %.1f pips%n", OutputFolder.QUALITY, rules.maxGapNs() / 1e9, rules.jumpPips());
    out.printf(Locale.ROOT, "    %-10s %6s %10s %8s %7s %7s %7s %8s %9s %9s %6s%n",
        "symbol", "gaps", "longest s", "crossed", "locked", "order", "dups", "weekend", "spr p50", "spr p99", "jumps");
    symbols.forEach((symbol, q) -> out.printf(Locale.ROOT, "    %-10s %,6d %,10.0f %,8d %,7d %,7d %,7d %,8d %9.1f %9.1f %,6d%n",
        symbol, q.gaps, q.longestGaps.isEmpty() ? 0.0 : q.longestGaps.get(0).ns() / 1e9, q.crossedRejected, q.locked,
        q.outOfOrder, q.duplicates, q.weekendTicks, q.spreadQuantile(0.5), q.spreadQuantile(0.99), q.jumps));
  }

  List<String> symbols() {
    return List.copyOf(symbols.keySet());
  }
}
