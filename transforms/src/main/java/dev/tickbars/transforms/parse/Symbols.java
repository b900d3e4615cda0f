package dev.tickbars.transforms.parse;

import java.util.Locale;

/**
 * Symbol normalisation (SPEC 1): trimmed, upper-cased, without '/'; and which symbols tickbars
 * takes (SPEC 2, {@code bad_symbol}): 1 to {@value #MAX_LENGTH} characters of {@code A-Z},
 * {@code 0-9}, {@code .}, {@code _}, {@code -} and {@code ^}, the first a letter, a digit or
 * {@code ^}. A symbol names files ({@code EURUSD-2025-07-01.parquet}, {@code symbol=EURUSD/}), so
 * it may hold nothing that a file system, an object store, a URL or a Hive partition reads as
 * syntax, and may not start as a name readers pass over ({@code .hidden}, {@code _SUCCESS}).
 */
public final class Symbols {
  public static final int MAX_LENGTH = 64;

  private Symbols() {}

  public static String normalize(String raw) {
    return raw.strip().replace("/", "").toUpperCase(Locale.ROOT);
  }

  /** Whether a normalised symbol is one tickbars takes. */
  public static boolean isSafe(String symbol) {
    if (symbol.isEmpty() || symbol.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < symbol.length(); i++) {
      char c = symbol.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!(alnum || c == '^' || (i > 0 && (c == '.' || c == '_' || c == '-')))) {
        return false;
      }
    }
    return true;
  }
}
