package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.report.SymbolQuality;
import java.util.HashMap;
import java.util.Map;

/**
 * What a piece shows of each symbol's quality in file order: locked quotes, spreads, ticks
 * earlier than the symbol's tick before them, and the piece's first and last tick, which the
 * report compares with the pieces around it.
 */
final class FileOrder {
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

    /** An accepted tick: its quote ({@code bid}, {@code ask}) and trade ({@code price}, {@code size}), each NaN for none. */
    void accepted(long timeNs, double bid, double ask, double price, double size) {
      if (firstNs == Long.MIN_VALUE) {
        firstNs = timeNs;
      } else if (timeNs < lastNs) {
        quality.outOfOrder++;
      }
      lastNs = timeNs;
      if (!Double.isNaN(price)) {
        quality.tradeSize(size);
        if (price < bid || price > ask) {
          quality.outsideQuote++;
        }
      }
      if (Double.isNaN(bid)) {
        return;
      }
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
