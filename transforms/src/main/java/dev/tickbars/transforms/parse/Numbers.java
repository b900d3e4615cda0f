package dev.tickbars.transforms.parse;

import java.nio.charset.StandardCharsets;

/**
 * Reads a decimal field into a double without allocating on the common path.
 *
 * <p>Plain decimals of up to 15 significant digits and small exponents are converted exactly
 * (the mantissa and the power of ten are both exact doubles, so one IEEE division or
 * multiplication rounds correctly); anything else falls back to {@link Double#parseDouble}, so the
 * result always equals the JDK's. Not thread-safe: one instance per reader.
 */
public final class Numbers {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long MAX_EXACT_MANTISSA = 1L << 53;

  private boolean valid;

  /** Whether the last {@link #parse} read a number (NaN and infinities are numbers). */
  public boolean valid() {
    return valid;
  }

  public double parse(byte[] b, int from, int to) {
    valid = true;
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int scale = 0;
    int digits = 0;
    boolean dot = false;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (mantissa != 0 || c != '0') {
          significant++;
        }
        if (significant > 18) {
          return slowPath(b, from, to);
        }
        mantissa = mantissa * 10 + (c - '0');
        if (dot) {
          scale++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return slowPath(b, from, to);
    }
    int exponent = 0;
    if (i < to) {
      if (b[i] != 'e' && b[i] != 'E') {
        return invalid();
      }
      return slowPath(b, from, to);
    }
    exponent -= scale;
    double value;
    if (mantissa < MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
      value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
    } else {
      return slowPath(b, from, to);
    }
    return negative ? -value : value;
  }

  /** Exponents, long mantissas and the literals NaN / Infinity, as the JDK reads them. */
  private double slowPath(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      boolean numberChar =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!numberChar) {
        return literal(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
      }
    }
    try {
      return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return invalid();
    }
  }

  private double literal(String s) {
    String t = s.toLowerCase(java.util.Locale.ROOT);
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    if (t.equals("nan")) {
      return Double.NaN;
    }
    if (t.equals("inf") || t.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return invalid();
  }

  private double invalid() {
    valid = false;
    return Double.NaN;
  }
}
