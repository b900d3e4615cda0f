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
    return price(t.bid(i), t.ask(i), t.tradePrice(i));
  }

  /** The basis price of a tick of {@code bid}, {@code ask} and {@code trade} price (each NaN for none). */
  public double price(double bid, double ask, double trade) {
    switch (this) {
      case BID:
        return bid;
      case ASK:
        return ask;
      case TRADE:
        return trade;
      default:
        return (bid + ask) / 2;
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
