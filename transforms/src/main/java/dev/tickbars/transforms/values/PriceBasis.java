package dev.tickbars.transforms.values;

import java.util.Locale;

/** Which price o, h, l and c are taken on (SPEC 5). */
public enum PriceBasis {
  MID,
  BID,
  ASK;

  public double price(double bid, double ask) {
    switch (this) {
      case BID:
        return bid;
      case ASK:
        return ask;
      default:
        return (bid + ask) / 2;
    }
  }

  public static PriceBasis parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown --priceBasis '" + s + "' (use mid, bid or ask)");
    }
  }
}
