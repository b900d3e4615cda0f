package dev.tickbars.transforms.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one line of a file of known {@link Layout} into a tick (a quote, a trade or both), or says
 * why it is none. Fields
 * are trimmed and lose surrounding double quotes; nothing is allocated for a good line but a new
 * symbol's String. Not thread-safe: one instance per reader.
 */
public final class TickLineParser {
  /**
   * The greatest price taken, 10^12: sums and means of any bar (of at most 2^31 ticks) stay
   * finite, and no instrument is quoted near it.
   */
  public static final double MAX_PRICE = 1e12;
  /** The greatest volume taken, 10^15, for the same reason. */
  public static final double MAX_VOLUME = 1e15;

  private static final int SYMBOL_CACHE = 8;

  private final Layout layout;
  private final Timestamps timestamps;
  private final Numbers numbers = new Numbers();
  private final int[] starts;
  private final int[] ends;
  private final int symbolCol;
  private final int timeCol;
  private final int bidCol;
  private final int askCol;
  private final int bidVolumeCol;
  private final int askVolumeCol;
  private final int volumeCol;
  private final int priceCol;
  private final int sizeCol;
  private final int sideCol;
  private final int buyerMakerCol;

  private final byte[][] cachedRaw = new byte[SYMBOL_CACHE][];
  private final String[] cachedSymbol = new String[SYMBOL_CACHE];
  private int cacheNext;

  private String symbol;
  private long timeNs;
  private double bid;
  private double ask;
  private double bidVolume;
  private double askVolume;
  private double price;
  private double size;
  private byte side;
  private boolean badVolume;
  private byte[] line;
  private int lineFrom;
  private int lineTo;

  public TickLineParser(Layout layout) {
    this.layout = layout;
    this.timestamps = new Timestamps(layout.zone());
    this.starts = new int[layout.fieldCount()];
    this.ends = new int[layout.fieldCount()];
    this.symbolCol = layout.index(Column.SYMBOL);
    this.timeCol = layout.index(Column.TIME);
    this.bidCol = layout.index(Column.BID);
    this.askCol = layout.index(Column.ASK);
    this.bidVolumeCol = layout.index(Column.BID_VOLUME);
    this.askVolumeCol = layout.index(Column.ASK_VOLUME);
    this.volumeCol = layout.index(Column.VOLUME);
    this.priceCol = layout.index(Column.PRICE);
    this.sizeCol = layout.index(Column.SIZE);
    this.sideCol = layout.index(Column.SIDE);
    this.buyerMakerCol = layout.index(Column.BUYER_MAKER);
    this.symbol = layout.symbol();
  }

  /** Parses {@code b[from, to)} (no line terminator); null when it is a tick, else the reason. */
  public RejectReason parse(byte[] b, int from, int to) {
    line = b;
    lineFrom = from;
    lineTo = to;
    if (split(b, from, to) != starts.length) {
      return RejectReason.WRONG_FIELD_COUNT;
    }
    if (symbolCol >= 0) {
      if (starts[symbolCol] == ends[symbolCol]) {
        return RejectReason.MISSING_SYMBOL;
      }
      symbol = symbolOf(b, starts[symbolCol], ends[symbolCol]);
      if (symbol == null) {
        return RejectReason.BAD_SYMBOL;
      }
    }
    timeNs = timestamps.parse(b, starts[timeCol], ends[timeCol]);
    if (timeNs == Timestamps.INVALID) {
      return RejectReason.BAD_TIMESTAMP;
    }
    bid = bidCol >= 0 ? numbers.parse(b, starts[bidCol], ends[bidCol]) : Double.NaN;
    if (bidCol >= 0 && !numbers.valid()) {
      return RejectReason.BAD_NUMBER;
    }
    ask = askCol >= 0 ? numbers.parse(b, starts[askCol], ends[askCol]) : Double.NaN;
    if (askCol >= 0 && !numbers.valid()) {
      return RejectReason.BAD_NUMBER;
    }
    price = priceCol >= 0 ? numbers.parse(b, starts[priceCol], ends[priceCol]) : Double.NaN;
    if (priceCol >= 0 && !numbers.valid()) {
      return RejectReason.BAD_NUMBER;
    }
    size = sizeCol >= 0 ? numbers.parse(b, starts[sizeCol], ends[sizeCol]) : Double.NaN;
    if (sizeCol >= 0 && !numbers.valid()) {
      return RejectReason.BAD_NUMBER;
    }
    badVolume = false;
    if (volumeCol >= 0) {
      bidVolume = volume(b, volumeCol);
      askVolume = Double.NaN;
    } else {
      bidVolume = bidVolumeCol >= 0 ? volume(b, bidVolumeCol) : Double.NaN;
      askVolume = askVolumeCol >= 0 ? volume(b, askVolumeCol) : Double.NaN;
    }
    if (badVolume) {
      return RejectReason.BAD_NUMBER;
    }
    if (bidCol >= 0) {
      RejectReason quote = checkQuote();
      if (quote != null) {
        return quote;
      }
    }
    return priceCol >= 0 ? checkTrade(b) : null;
  }

  private RejectReason checkQuote() {
    if (!(bid > 0 && ask > 0 && bid < Double.POSITIVE_INFINITY && ask < Double.POSITIVE_INFINITY)) {
      return RejectReason.BAD_PRICE;
    }
    if (bid > MAX_PRICE || ask > MAX_PRICE) {
      return RejectReason.PRICE_TOO_LARGE;
    }
    if (bid > ask) {
      return RejectReason.CROSSED_QUOTE;
    }
    return null;
  }

  private RejectReason checkTrade(byte[] b) {
    if (!(price > 0 && price < Double.POSITIVE_INFINITY)) {
      return RejectReason.BAD_PRICE;
    }
    if (price > MAX_PRICE) {
      return RejectReason.PRICE_TOO_LARGE;
    }
    if (!(size >= 0 && size <= MAX_VOLUME)) {
      return RejectReason.BAD_SIZE;
    }
    side = 0;
    if (sideCol >= 0) {
      side = Sides.ofSide(b, starts[sideCol], ends[sideCol]);
    } else if (buyerMakerCol >= 0) {
      side = Sides.ofBuyerMaker(b, starts[buyerMakerCol], ends[buyerMakerCol]);
    } else {
      return null;
    }
    return side == Sides.UNKNOWN ? RejectReason.UNKNOWN_SIDE : null;
  }

  /** A volume field: empty is absent (NaN); one that is no number, negative or above {@link #MAX_VOLUME} is bad. */
  private double volume(byte[] b, int col) {
    if (starts[col] == ends[col]) {
      return Double.NaN;
    }
    double v = numbers.parse(b, starts[col], ends[col]);
    if (!numbers.valid() || !(v >= 0 && v <= MAX_VOLUME)) {
      badVolume = true;
    }
    return v;
  }

  /** Records trimmed, unquoted field bounds; returns the field count (capped one past the layout's). */
  private int split(byte[] b, int from, int to) {
    byte delimiter = layout.delimiter();
    int n = 0;
    int fieldStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || b[i] == delimiter) {
        if (n == starts.length) {
          return n + 1;
        }
        int s = fieldStart;
        int e = i;
        while (s < e && b[s] <= ' ') {
          s++;
        }
        while (e > s && b[e - 1] <= ' ') {
          e--;
        }
        if (e - s >= 2 && b[s] == '"' && b[e - 1] == '"') {
          s++;
          e--;
        }
        starts[n] = s;
        ends[n] = e;
        n++;
        fieldStart = i + 1;
      }
    }
    return n;
  }

  /** The normalised symbol of {@code b[from, to)}, or null when it is no symbol tickbars takes ({@link Symbols#isSafe}). */
  private String symbolOf(byte[] b, int from, int to) {
    for (int i = 0; i < SYMBOL_CACHE; i++) {
      byte[] raw = cachedRaw[i];
      if (raw != null && Arrays.equals(raw, 0, raw.length, b, from, to)) {
        return cachedSymbol[i];
      }
    }
    String s = Symbols.normalize(new String(b, from, to - from, StandardCharsets.UTF_8));
    if (!Symbols.isSafe(s)) {
      return null;
    }
    cachedRaw[cacheNext] = Arrays.copyOfRange(b, from, to);
    cachedSymbol[cacheNext] = s;
    cacheNext = (cacheNext + 1) % SYMBOL_CACHE;
    return s;
  }

  /** The last parsed line's text, cut to its first {@code maxBytes} bytes. */
  public String lineText(int maxBytes) {
    return new String(line, lineFrom, Math.min(lineTo - lineFrom, maxBytes), StandardCharsets.UTF_8);
  }

  /** The last parsed line's length in bytes. */
  public int lineBytes() {
    return lineTo - lineFrom;
  }

  public String symbol() {
    return symbol;
  }

  public long timeNs() {
    return timeNs;
  }

  public double bid() {
    return bid;
  }

  public double ask() {
    return ask;
  }

  /** NaN when the input has none. */
  public double bidVolume() {
    return bidVolume;
  }

  /** NaN when the input has none. */
  public double askVolume() {
    return askVolume;
  }

  /** The trade's price; NaN when the input has no trades. */
  public double price() {
    return price;
  }

  /** The trade's size; NaN when the input has no trades. */
  public double size() {
    return size;
  }

  /** The trade's side, {@code B}, {@code S} or {@code N} ({@link Sides}); 0 when the input has none. */
  public byte side() {
    return side;
  }
}
