package dev.tickbars.transforms.values;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A columnar block of one symbol's ticks: the element that carries thousands of ticks through the
 * pipeline. Columns are parallel arrays of which the first {@link #size()} entries are used. A
 * tick's position orders ticks of equal time: {@link #position(int, long)} of its file's rank in
 * sorted path order and its line's byte offset. A tick is a quote (bid, ask), a trade (price, size,
 * side) or both (SPEC 1): a column is NaN (a side 0) where the tick has none, and its array null
 * when no tick of the block has one; the quote's arrays are always there. Volumes are the quote's.
 * Blocks are not modified once built.
 */
public final class TickBlock {
  public final String symbol;
  public final int size;
  public final long[] timeNs;
  public final long[] position;
  public final double[] bid;
  public final double[] ask;
  public final double[] bidVolume;
  public final double[] askVolume;
  public final double[] tradePrice;
  public final double[] tradeSize;
  public final byte[] tradeSide;

  public TickBlock(
      String symbol,
      int size,
      long[] timeNs,
      long[] position,
      double[] bid,
      double[] ask,
      double[] bidVolume,
      double[] askVolume,
      double[] tradePrice,
      double[] tradeSize,
      byte[] tradeSide) {
    this.symbol = symbol;
    this.size = size;
    this.timeNs = timeNs;
    this.position = position;
    this.bid = bid;
    this.ask = ask;
    this.bidVolume = bidVolume;
    this.askVolume = askVolume;
    this.tradePrice = tradePrice;
    this.tradeSize = tradeSize;
    this.tradeSide = tradeSide;
  }

  /**
   * The input position of the line at byte {@code offset} of the file ranked {@code fileRank}:
   * byte offsets order a file's lines as their numbers do (files up to 1 TB).
   */
  public static long position(int fileRank, long offset) {
    return ((long) fileRank << 40) | offset;
  }

  public String symbol() {
    return symbol;
  }

  public int size() {
    return size;
  }

  public long timeNs(int i) {
    return timeNs[i];
  }

  /** The earliest tick time, or Long.MAX_VALUE for a block without ticks. */
  public long earliestNs() {
    long first = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      first = Math.min(first, timeNs[i]);
    }
    return first;
  }

  public long position(int i) {
    return position[i];
  }

  public double bid(int i) {
    return bid[i];
  }

  public double ask(int i) {
    return ask[i];
  }

  public boolean hasVolumes() {
    return bidVolume != null;
  }

  /** NaN when the tick has none. */
  public double bidVolume(int i) {
    return bidVolume == null ? Double.NaN : bidVolume[i];
  }

  /** NaN when the tick has none. */
  public double askVolume(int i) {
    return askVolume == null ? Double.NaN : askVolume[i];
  }

  public boolean hasTrades() {
    return tradePrice != null;
  }

  /** NaN when the tick is no trade. */
  public double tradePrice(int i) {
    return tradePrice == null ? Double.NaN : tradePrice[i];
  }

  /** NaN when the tick is no trade. */
  public double tradeSize(int i) {
    return tradeSize == null ? Double.NaN : tradeSize[i];
  }

  public boolean hasSides() {
    return tradeSide != null;
  }

  /** The trade's aggressor side as a letter, {@code B}, {@code S} or {@code N}; 0 when the input gives no side. */
  public byte tradeSide(int i) {
    return tradeSide == null ? 0 : tradeSide[i];
  }

  /**
   * What a tick adds to {@code v_sum}: a trade's size; else bid + ask volume, the one it has, or 1
   * without any.
   */
  public double volumeWeight(int i) {
    return volumeWeight(tradeSize(i), bidVolume(i), askVolume(i));
  }

  /** What a tick of trade size {@code s} and quote volumes {@code b} and {@code a} (each NaN for none) adds to {@code v_sum}. */
  public static double volumeWeight(double s, double b, double a) {
    if (!Double.isNaN(s)) {
      return s;
    }
    if (Double.isNaN(b)) {
      return Double.isNaN(a) ? 1.0 : a;
    }
    return Double.isNaN(a) ? b : b + a;
  }

  /** Whether ticks are in (time, position) order. */
  public boolean isSorted() {
    for (int i = 1; i < size; i++) {
      if (compare(i - 1, i) > 0) {
        return false;
      }
    }
    return true;
  }

  private int compare(int i, int j) {
    int c = Long.compare(timeNs[i], timeNs[j]);
    return c != 0 ? c : Long.compare(position[i], position[j]);
  }

  /** One block of all ticks of {@code parts} (blocks of one symbol) in (time, position) order. */
  public static TickBlock sortedUnion(List<TickBlock> parts) {
    if (parts.size() == 1 && parts.get(0).isSorted()) {
      return parts.get(0);
    }
    Builder all = new Builder(parts.get(0).symbol);
    for (TickBlock p : parts) {
      all.addAll(p);
    }
    TickBlock union = all.build();
    return union.isSorted() ? union : union.permuted(union.sortOrder());
  }

  /** Ticks {@code [from, to)} as a block of their own. */
  public TickBlock slice(int from, int to) {
    Builder b = new Builder(symbol, to - from);
    for (int i = from; i < to; i++) {
      b.add(this, i);
    }
    return b.build();
  }

  /** Indexes of the ticks in (time, position) order, by a stable merge sort. */
  private int[] sortOrder() {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    int[] scratch = new int[size];
    for (int width = 1; width < size; width *= 2) {
      for (int lo = 0; lo < size - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, size);
        int a = lo;
        int b = mid;
        int k = lo;
        while (a < mid && b < hi) {
          scratch[k++] = compare(order[a], order[b]) <= 0 ? order[a++] : order[b++];
        }
        while (a < mid) {
          scratch[k++] = order[a++];
        }
        while (b < hi) {
          scratch[k++] = order[b++];
        }
        System.arraycopy(scratch, lo, order, lo, hi - lo);
      }
    }
    return order;
  }

  private TickBlock permuted(int[] order) {
    Builder b = new Builder(symbol);
    for (int i : order) {
      b.add(this, i);
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TickBlock)) {
      return false;
    }
    TickBlock t = (TickBlock) o;
    return symbol.equals(t.symbol) && size == t.size
        && Arrays.equals(timeNs, 0, size, t.timeNs, 0, size)
        && Arrays.equals(position, 0, size, t.position, 0, size)
        && Arrays.equals(bid, 0, size, t.bid, 0, size)
        && Arrays.equals(ask, 0, size, t.ask, 0, size)
        && hasVolumes() == t.hasVolumes()
        && (!hasVolumes()
            || (Arrays.equals(bidVolume, 0, size, t.bidVolume, 0, size)
                && Arrays.equals(askVolume, 0, size, t.askVolume, 0, size)))
        && hasTrades() == t.hasTrades()
        && (!hasTrades()
            || (Arrays.equals(tradePrice, 0, size, t.tradePrice, 0, size)
                && Arrays.equals(tradeSize, 0, size, t.tradeSize, 0, size)))
        && hasSides() == t.hasSides()
        && (!hasSides() || Arrays.equals(tradeSide, 0, size, t.tradeSide, 0, size));
  }

  @Override
  public int hashCode() {
    return Objects.hash(symbol, size, size > 0 ? timeNs[0] : 0, size > 0 ? position[0] : 0);
  }

  @Override
  public String toString() {
    return "TickBlock{" + symbol + " x" + size + "}";
  }

  /** Appends ticks of one symbol into growing columns. */
  public static final class Builder {
    private final String symbol;
    private int n;
    private long[] timeNs;
    private long[] position;
    private double[] bid;
    private double[] ask;
    private double[] bidVolume;
    private double[] askVolume;
    private double[] price;
    private double[] size;
    private byte[] side;

    public Builder(String symbol) {
      this(symbol, 256);
    }

    public Builder(String symbol, int capacity) {
      this.symbol = symbol;
      int c = Math.max(capacity, 1);
      timeNs = new long[c];
      position = new long[c];
      bid = new double[c];
      ask = new double[c];
    }

    public int size() {
      return n;
    }

    /**
     * Adds a tick: its quote ({@code bidPrice}, {@code askPrice}, NaN for a trade alone, and its
     * volumes or NaN) and its trade ({@code tradePrice}, {@code tradeSize}, NaN for a quote alone,
     * and {@code tradeSide}, 0 for none).
     */
    public Builder add(
        long t, long pos, double bidPrice, double askPrice, double bidVol, double askVol,
        double tradePrice, double tradeSize, byte tradeSide) {
      if (n == timeNs.length) {
        grow();
      }
      timeNs[n] = t;
      position[n] = pos;
      bid[n] = bidPrice;
      ask[n] = askPrice;
      if (bidVolume == null && !(Double.isNaN(bidVol) && Double.isNaN(askVol))) {
        bidVolume = nans(timeNs.length, n);
        askVolume = nans(timeNs.length, n);
      }
      if (bidVolume != null) {
        bidVolume[n] = bidVol;
        askVolume[n] = askVol;
      }
      if (price == null && !Double.isNaN(tradePrice)) {
        price = nans(timeNs.length, n);
        size = nans(timeNs.length, n);
      }
      if (price != null) {
        price[n] = tradePrice;
        size[n] = tradeSize;
      }
      if (side == null && tradeSide != 0) {
        side = new byte[timeNs.length];
      }
      if (side != null) {
        side[n] = tradeSide;
      }
      n++;
      return this;
    }

    /** Adds tick {@code i} of {@code b}. */
    public Builder add(TickBlock b, int i) {
      return add(b.timeNs[i], b.position[i], b.bid[i], b.ask[i], b.bidVolume(i), b.askVolume(i),
          b.tradePrice(i), b.tradeSize(i), b.tradeSide(i));
    }

    public void addAll(TickBlock b) {
      for (int i = 0; i < b.size; i++) {
        add(b, i);
      }
    }

    private static double[] nans(int capacity, int filled) {
      double[] a = new double[capacity];
      Arrays.fill(a, 0, filled, Double.NaN);
      return a;
    }

    private void grow() {
      int c = timeNs.length * 2;
      timeNs = Arrays.copyOf(timeNs, c);
      position = Arrays.copyOf(position, c);
      bid = Arrays.copyOf(bid, c);
      ask = Arrays.copyOf(ask, c);
      if (bidVolume != null) {
        bidVolume = Arrays.copyOf(bidVolume, c);
        askVolume = Arrays.copyOf(askVolume, c);
      }
      if (price != null) {
        price = Arrays.copyOf(price, c);
        size = Arrays.copyOf(size, c);
      }
      if (side != null) {
        side = Arrays.copyOf(side, c);
      }
    }

    /** The block of the ticks added so far; the builder must not be used afterwards. */
    public TickBlock build() {
      return new TickBlock(symbol, n, timeNs, position, bid, ask, bidVolume, askVolume, price, size, side);
    }
  }
}
