package dev.tickbars.transforms.parse;

import java.util.Locale;

/** The {@code --format} names of the common tick layouts (SPEC 1). */
public enum InputFormat {
  AUTO,
  TRUEFX,
  HISTDATA,
  DUKASCOPY,
  CSV;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@code --format} value; the message of the exception lists the valid ones. */
  public static InputFormat parse(String s) {
    for (InputFormat f : values()) {
      if (f.label().equalsIgnoreCase(s.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown --format '" + s + "' (use auto, truefx, histdata, dukascopy or csv)");
  }
}
