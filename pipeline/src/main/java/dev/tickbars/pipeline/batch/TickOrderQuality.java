package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.report.SymbolQuality;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.TickBlock;

/** The quality numbers that need a symbol's ticks in tick order, a chunk at a time. */
final class TickOrderQuality {
  private TickOrderQuality() {}

  /**
   * What a chunk of a symbol's sorted ticks shows: gaps (from the symbol's tick before the chunk
   * too), exact duplicates, price moves and jumps, and the chunk's first and last price.
   */
  static void add(TickBlock b, long fromHour, long previousNs, QualityRules rules, SymbolQuality q) {
    double pip = rules.pipSize(b.symbol());
    long before = previousNs;
    double price = Double.NaN;
    for (int i = 0; i < b.size(); i++) {
      long t = b.timeNs(i);
      if (before != NumberedTicks.NO_PREVIOUS && t - before > rules.maxGapNs()) {
        q.gap(before, t);
      }
      before = t;
      double p = rules.basis().price(b, i);
      if (i > 0) {
        q.move(Math.abs(p - price) / pip, t, rules.jumpPips());
      }
      price = p;
      for (int j = i - 1; j >= 0 && b.timeNs(j) == t; j--) {
        if (sameTick(b, i, j)) {
          q.duplicates++;
          break;
        }
      }
    }
    if (b.size() > 0) {
      q.chunkEdges.add(new SymbolQuality.ChunkEdge(
          fromHour, b.timeNs(0), rules.basis().price(b, 0), price));
    }
  }

  /** Whether ticks {@code i} and {@code j} carry the same quote, volumes and trade. */
  private static boolean sameTick(TickBlock b, int i, int j) {
    return same(b.bid(i), b.bid(j)) && same(b.ask(i), b.ask(j))
        && same(b.bidVolume(i), b.bidVolume(j)) && same(b.askVolume(i), b.askVolume(j))
        && same(b.tradePrice(i), b.tradePrice(j)) && same(b.tradeSize(i), b.tradeSize(j))
        && b.tradeSide(i) == b.tradeSide(j);
  }

  private static boolean same(double x, double y) {
    return Double.compare(x, y) == 0;
  }
}
