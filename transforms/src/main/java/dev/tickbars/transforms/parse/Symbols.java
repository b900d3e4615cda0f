package dev.tickbars.transforms.parse;

import java.util.Locale;

/** Symbol normalisation (SPEC 1): trimmed, upper-cased, without '/'. */
public final class Symbols {
  private Symbols() {}

  public static String normalize(String raw) {
    return raw.strip().replace("/", "").toUpperCase(Locale.ROOT);
  }
}
