package dev.tickbars.transforms.values;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The partial aggregate of a bar: built from a run of consecutive ticks of one sorted block, and
 * merged with others in any order. First and last are chosen by tick id, never by arrival. The
 * floating sums (spread, volume) are kept per run and added in tick-id order only when the bar is
 * finished, so a bar's value does not depend on the order its runs were merged in.
 */
public final class BarAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long EMPTY = -1;

  public long firstId = EMPTY;
  public long lastId;
  public long firstNs;
  public long lastNs;
  public double firstBid;
  public double firstAsk;
  public double lastBid;
  public double lastAsk;
  public double high = Double.NEGATIVE_INFINITY;
  public double low = Double.POSITIVE_INFINITY;
  public int count;
  public boolean gap;
  // Per run: its first tick id, spread sum and volume sum, sorted by first tick id.
  public int runs;
  public long[] runFirstIds = new long[1];
  public double[] runSpreads = new double[1];
  public double[] runVolumes = new double[1];

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
    a.count = to - from;
    long previous = block.previousTimeNs(from);
    a.gap = previous != NumberedTicks.NO_PREVIOUS && a.firstNs - previous > maxGapNs;
    double spread = 0;
    double volume = 0;
    for (int i = from; i < to; i++) {
      double p = basis.price(t.bid(i), t.ask(i));
      if (p > a.high) {
        a.high = p;
      }
      if (p < a.low) {
        a.low = p;
      }
      spread += t.ask(i) - t.bid(i);
      volume += t.volumeWeight(i);
    }
    a.runs = 1;
    a.runFirstIds[0] = a.firstId;
    a.runSpreads[0] = spread;
    a.runVolumes[0] = volume;
    return a;
  }

  /** Adds {@code o} into this one; {@code o} is not changed. */
  public void merge(BarAccumulator o) {
    if (o.isEmpty()) {
      return;
    }
    boolean empty = isEmpty();
    if (empty || o.firstId < firstId) {
      firstId = o.firstId;
      firstNs = o.firstNs;
      firstBid = o.firstBid;
      firstAsk = o.firstAsk;
      gap = o.gap;
    }
    if (empty || o.lastId > lastId) {
      lastId = o.lastId;
      lastNs = o.lastNs;
      lastBid = o.lastBid;
      lastAsk = o.lastAsk;
    }
    high = Math.max(high, o.high);
    low = Math.min(low, o.low);
    count += o.count;
    for (int r = 0; r < o.runs; r++) {
      insertRun(o.runFirstIds[r], o.runSpreads[r], o.runVolumes[r]);
    }
  }

  private void insertRun(long id, double spread, double volume) {
    if (runs == runFirstIds.length) {
      runFirstIds = Arrays.copyOf(runFirstIds, runs * 2);
      runSpreads = Arrays.copyOf(runSpreads, runs * 2);
      runVolumes = Arrays.copyOf(runVolumes, runs * 2);
    }
    int at = runs;
    while (at > 0 && runFirstIds[at - 1] > id) {
      runFirstIds[at] = runFirstIds[at - 1];
      runSpreads[at] = runSpreads[at - 1];
      runVolumes[at] = runVolumes[at - 1];
      at--;
    }
    runFirstIds[at] = id;
    runSpreads[at] = spread;
    runVolumes[at] = volume;
    runs++;
  }

  /** The finished bar; {@code openNs}/{@code closeNs} are the window's or the ticks' times. */
  public Bar toBar(String symbol, String frame, long openNs, long closeNs, PriceBasis basis) {
    double spread = 0;
    double volume = 0;
    for (int r = 0; r < runs; r++) {
      spread += runSpreads[r];
      volume += runVolumes[r];
    }
    return new Bar(
        symbol,
        frame,
        openNs,
        closeNs,
        basis.price(firstBid, firstAsk),
        high,
        low,
        basis.price(lastBid, lastAsk),
        firstBid,
        firstAsk,
        lastBid,
        lastAsk,
        spread / count,
        count,
        volume,
        firstId,
        lastId,
        gap ? 1 : 0);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BarAccumulator)) {
      return false;
    }
    BarAccumulator a = (BarAccumulator) o;
    return firstId == a.firstId && lastId == a.lastId && firstNs == a.firstNs && lastNs == a.lastNs
        && Double.compare(firstBid, a.firstBid) == 0 && Double.compare(firstAsk, a.firstAsk) == 0
        && Double.compare(lastBid, a.lastBid) == 0 && Double.compare(lastAsk, a.lastAsk) == 0
        && Double.compare(high, a.high) == 0 && Double.compare(low, a.low) == 0
        && count == a.count && gap == a.gap && runs == a.runs
        && Arrays.equals(runFirstIds, 0, runs, a.runFirstIds, 0, runs)
        && Arrays.equals(runSpreads, 0, runs, a.runSpreads, 0, runs)
        && Arrays.equals(runVolumes, 0, runs, a.runVolumes, 0, runs);
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
