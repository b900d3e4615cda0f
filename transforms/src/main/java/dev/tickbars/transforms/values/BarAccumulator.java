package dev.tickbars.transforms.values;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The partial aggregate of a bar: built from a run of consecutive ticks of one sorted block, and
 * merged with others in any order. First and last are chosen by tick id, never by arrival. The
 * floating sums (spread, volume, traded value) are kept per run and added in tick-id order only when
 * the bar is finished, so a bar's value does not depend on the order its runs were merged in.
 */
public final class BarAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long EMPTY = -1;

  /**
   * The bar's index in its frame, which the cutter sets: a time bar's window start in
   * milliseconds, else the bar's number k (SPEC 4).
   */
  public long bar;
  public long firstId = EMPTY;
  public long lastId;
  public long firstNs;
  public long lastNs;
  public double firstBid;
  public double firstAsk;
  public double lastBid;
  public double lastAsk;
  public double firstPrice;
  public double lastPrice;
  public double high = Double.NEGATIVE_INFINITY;
  public double low = Double.POSITIVE_INFINITY;
  public int count;
  public boolean gap;
  /** Whether a tick of the bar is a trade: only then has it a VWAP and a traded value. */
  public boolean trades;
  // Per run: its first tick id, spread sum, volume sum and traded value (price x size), sorted by first tick id.
  public int runs;
  public long[] runFirstIds = new long[1];
  public double[] runSpreads = new double[1];
  public double[] runVolumes = new double[1];
  public double[] runValues = new double[1];

  public boolean isEmpty() {
    return firstId == EMPTY;
  }

  /**
   * The aggregate of ticks {@code [from, to)} of {@code block}: the basis price gives high and low;
   * the gap flag is the first tick's (more than {@code maxGapNs} after the symbol's previous).
   */
  public static BarAccumulator ofTicks(
      NumberedTicks block, int from, int to, PriceBasis basis, long maxGapNs) {
    TickBlock t = block.ticks();
    BarAccumulator a = new BarAccumulator();
    a.firstId = block.tickId(from);
    a.lastId = block.tickId(to - 1);
    a.firstNs = t.timeNs(from);
    a.lastNs = t.timeNs(to - 1);
    a.firstBid = t.bid(from);
    a.firstAsk = t.ask(from);
    a.lastBid = t.bid(to - 1);
    a.lastAsk = t.ask(to - 1);
    a.firstPrice = basis.price(t, from);
    a.lastPrice = basis.price(t, to - 1);
    a.count = to - from;
    long previous = block.previousTimeNs(from);
    a.gap = previous != NumberedTicks.NO_PREVIOUS && a.firstNs - previous > maxGapNs;
    double spread = 0;
    double volume = 0;
    double value = 0;
    for (int i = from; i < to; i++) {
      double p = basis.price(t, i);
      if (p > a.high) {
        a.high = p;
      }
      if (p < a.low) {
        a.low = p;
      }
      spread += t.ask(i) - t.bid(i);
      volume += t.volumeWeight(i);
      double traded = t.tradePrice(i) * t.tradeSize(i);
      if (!Double.isNaN(traded)) {
        value += traded;
        a.trades = true;
      }
    }
    a.runs = 1;
    a.runFirstIds[0] = a.firstId;
    a.runSpreads[0] = spread;
    a.runVolumes[0] = volume;
    a.runValues[0] = value;
    return a;
  }

  /** Adds {@code o} into this one; {@code o} is not changed. */
  public void merge(BarAccumulator o) {
    if (o.isEmpty()) {
      return;
    }
    boolean empty = isEmpty();
    if (empty) {
      bar = o.bar;
    }
    if (empty || o.firstId < firstId) {
      firstId = o.firstId;
      firstNs = o.firstNs;
      firstBid = o.firstBid;
      firstAsk = o.firstAsk;
      firstPrice = o.firstPrice;
      gap = o.gap;
    }
    if (empty || o.lastId > lastId) {
      lastId = o.lastId;
      lastNs = o.lastNs;
      lastBid = o.lastBid;
      lastAsk = o.lastAsk;
      lastPrice = o.lastPrice;
    }
    high = Math.max(high, o.high);
    low = Math.min(low, o.low);
    count += o.count;
    trades |= o.trades;
    for (int r = 0; r < o.runs; r++) {
      insertRun(o.runFirstIds[r], o.runSpreads[r], o.runVolumes[r], o.runValues[r]);
    }
  }

  private void insertRun(long id, double spread, double volume, double value) {
    if (runs == runFirstIds.length) {
      runFirstIds = Arrays.copyOf(runFirstIds, runs * 2);
      runSpreads = Arrays.copyOf(runSpreads, runs * 2);
      runVolumes = Arrays.copyOf(runVolumes, runs * 2);
      runValues = Arrays.copyOf(runValues, runs * 2);
    }
    int at = runs;
    while (at > 0 && runFirstIds[at - 1] > id) {
      runFirstIds[at] = runFirstIds[at - 1];
      runSpreads[at] = runSpreads[at - 1];
      runVolumes[at] = runVolumes[at - 1];
      runValues[at] = runValues[at - 1];
      at--;
    }
    runFirstIds[at] = id;
    runSpreads[at] = spread;
    runVolumes[at] = volume;
    runValues[at] = value;
    runs++;
  }

  /**
   * The finished bar; {@code openNs}/{@code closeNs} are the window's or the ticks' times. Columns
   * a bar's ticks have no data for (quotes of trades alone, VWAP and value of quotes) are NaN.
   */
  public Bar toBar(String symbol, String frame, long openNs, long closeNs) {
    double spread = 0;
    double volume = 0;
    double value = 0;
    for (int r = 0; r < runs; r++) {
      spread += runSpreads[r];
      volume += runVolumes[r];
      value += runValues[r];
    }
    return new Bar(
        symbol,
        frame,
        openNs,
        closeNs,
        firstPrice,
        high,
        low,
        lastPrice,
        firstBid,
        firstAsk,
        lastBid,
        lastAsk,
        spread / count,
        count,
        volume,
        firstId,
        lastId,
        trades ? value / volume : Double.NaN,
        trades ? value : Double.NaN,
        gap ? 1 : 0);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BarAccumulator)) {
      return false;
    }
    BarAccumulator a = (BarAccumulator) o;
    return bar == a.bar && firstId == a.firstId && lastId == a.lastId && firstNs == a.firstNs && lastNs == a.lastNs
        && Double.compare(firstBid, a.firstBid) == 0 && Double.compare(firstAsk, a.firstAsk) == 0
        && Double.compare(lastBid, a.lastBid) == 0 && Double.compare(lastAsk, a.lastAsk) == 0
        && Double.compare(firstPrice, a.firstPrice) == 0 && Double.compare(lastPrice, a.lastPrice) == 0
        && Double.compare(high, a.high) == 0 && Double.compare(low, a.low) == 0
        && count == a.count && gap == a.gap && trades == a.trades && runs == a.runs
        && Arrays.equals(runFirstIds, 0, runs, a.runFirstIds, 0, runs)
        && Arrays.equals(runSpreads, 0, runs, a.runSpreads, 0, runs)
        && Arrays.equals(runVolumes, 0, runs, a.runVolumes, 0, runs)
        && Arrays.equals(runValues, 0, runs, a.runValues, 0, runs);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(firstId) * 31 + count;
  }

  @Override
  public String toString() {
    return "BarAccumulator{ids " + firstId + ".." + lastId + ", n=" + count + ", runs=" + runs + "}";
  }
}
