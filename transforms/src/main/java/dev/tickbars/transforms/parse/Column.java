package dev.tickbars.transforms.parse;

import java.util.List;
import java.util.Locale;

/** The columns a tick file can have (quotes, trades or both), with the header names (aliases) that name each. */
public enum Column {
  SYMBOL("symbol", "ticker", "instrument", "pair"),
  TIME("time", "timestamp", "datetime", "date", "gmt time", "ts_event"),
  BID("bid", "bid_px", "bid_px_00", "bidprice"),
  ASK("ask", "ask_px", "ask_px_00", "askprice"),
  BID_VOLUME("bid_volume", "bidvolume", "bid_sz_00"),
  ASK_VOLUME("ask_volume", "askvolume", "ask_sz_00"),
  /** One volume of a quote; of a trade file (a price, no bid and ask volumes) it is the trade's size. */
  VOLUME("volume"),
  PRICE("price", "px", "trade_price", "last"),
  SIZE("size", "qty", "quantity", "amount"),
  /** The aggressor: B or buy, S, A (Databento's ask side) or sell, N or empty for none. */
  SIDE("side"),
  /** The aggressor as a crypto venue's flag: true when the buyer was the maker, i.e. a sell. */
  BUYER_MAKER("is_buyer_maker", "isbuyermaker", "buyer_maker");

  private final List<String> aliases;

  Column(String... aliases) {
    this.aliases = List.of(aliases);
  }

  /** The column a header name means, or null; case and surrounding spaces and quotes are ignored. */
  public static Column forName(String name) {
    String n = name.strip();
    if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
      n = n.substring(1, n.length() - 1).strip();
    }
    n = n.toLowerCase(Locale.ROOT);
    for (Column c : values()) {
      if (c.aliases.contains(n)) {
        return c;
      }
    }
    return null;
  }
}
