package dev.tickbars.transforms.parse;

import java.util.List;
import java.util.Locale;

/** The columns a tick file can have, with the header names (aliases) that name each. */
public enum Column {
  SYMBOL("symbol", "ticker", "instrument", "pair"),
  TIME("time", "timestamp", "datetime", "date", "gmt time", "ts_event"),
  BID("bid", "bid_px", "bid_px_00", "bidprice"),
  ASK("ask", "ask_px", "ask_px_00", "askprice"),
  BID_VOLUME("bid_volume", "bidvolume", "bid_sz_00"),
  ASK_VOLUME("ask_volume", "askvolume", "ask_sz_00"),
  VOLUME("volume");

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
