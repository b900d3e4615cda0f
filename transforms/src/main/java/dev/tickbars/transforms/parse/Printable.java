package dev.tickbars.transforms.parse;

/**
 * Input text as a message may show it: control characters and other invisible ones escaped
 * ({@code \n}, {@code \x1b}, {@code \u200b}), so that no input line can move a terminal's cursor or
 * forge a line of the log, and cut to {@link #LIMIT} characters with the length said.
 */
public final class Printable {
  /** The most of an input text a message shows. */
  public static final int LIMIT = 100;

  private Printable() {}

  /** {@code text} escaped and cut, between single quotes. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int shown = 0;
    for (int i = 0; i < text.length() && shown < LIMIT; i++, shown++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
              || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED
              || (Character.isWhitespace(c) || Character.isSpaceChar(c)) && c != ' ') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('\'');
    if (text.length() > LIMIT) {
      out.append(String.format(java.util.Locale.ROOT, " (first %d of %,d characters)", LIMIT, text.length()));
    }
    return out.toString();
  }
}
