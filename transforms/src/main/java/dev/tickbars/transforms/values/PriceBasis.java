package dev.tickbars.transforms.values;

import java.util.Locale;

/**
 * Which price o, h, l and c are taken on (SPEC 5): a quote's mid, bid or ask, or a trade's price.
 * The default is the trade's when the input has trades, else the mid.
 */
public enum PriceBasis {
  MID,
  BID,
  ASK,
  TRADE;

  /** The basis price of tick {@code i} of {@code t}; NaN when the tick has none. */
  public double price(TickBlock t, int i) {
    switch (this) {
      case BID:
        return t.bid(i);
      case ASK:
        return t.ask(i);
      case TRADE:
        return t.tradePrice(i);
      default:
        return (t.bid(i) + t.ask(i)) / 2;
    }
  }

  /** Whether the basis is a trade's price, which quotes alone do not have. */
  public boolean needsTrades() {
    return this == TRADE;
  }

  public static PriceBasis parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown --priceBasis '" + s + "' (use mid, bid, ask or trade)");
    }
  }
}
