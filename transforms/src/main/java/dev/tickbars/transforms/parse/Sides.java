package dev.tickbars.transforms.parse;

/**
 * A trade's aggressor side as tickbars writes it: {@code B} (the buyer took liquidity), {@code S}
 * (the seller did) or {@code N} (not given). It is read from a {@code side} column, spelled
 * {@code B}/{@code buy}, {@code S}/{@code sell}, {@code A} (Databento: the ask side, a sell
 * aggressor), {@code N} or empty; or from a crypto venue's {@code is_buyer_maker} flag, where
 * {@code true} (the buyer made the price) is a sell and {@code false} a buy. Case is ignored.
 */
public final class Sides {
  public static final byte BUY = 'B';
  public static final byte SELL = 'S';
  public static final byte NONE = 'N';
  /** No side any spelling gives: the line is rejected. */
  static final byte UNKNOWN = '?';

  private Sides() {}

  /** The side a {@code side} field {@code b[from, to)} spells. */
  static byte ofSide(byte[] b, int from, int to) {
    if (to == from) {
      return NONE;
    }
    if (to - from == 1) {
      switch (b[from] | 0x20) {
        case 'b':
          return BUY;
        case 's':
        case 'a':
          return SELL;
        case 'n':
          return NONE;
        default:
          return UNKNOWN;
      }
    }
    if (is(b, from, to, "buy")) {
      return BUY;
    }
    return is(b, from, to, "sell") ? SELL : UNKNOWN;
  }

  /** The side an {@code is_buyer_maker} field {@code b[from, to)} means. */
  static byte ofBuyerMaker(byte[] b, int from, int to) {
    if (is(b, from, to, "true") || is(b, from, to, "1")) {
      return SELL;
    }
    if (is(b, from, to, "false") || is(b, from, to, "0")) {
      return BUY;
    }
    return to == from ? NONE : UNKNOWN;
  }

  private static boolean is(byte[] b, int from, int to, String lower) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if ((b[from + i] | 0x20) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
