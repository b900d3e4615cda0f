package dev.tickbars.transforms.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {
  private static double parse(Numbers n, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return n.parse(b, 0, b.length);
  }

  @Test
  void agreesWithTheJdkOnRandomPrices() {
    Numbers n = new Numbers();
    Random r = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      String s =
          switch (i % 5) {
            case 0 -> String.format(Locale.ROOT, "%.5f", r.nextDouble() * 2);
            case 1 -> String.format(Locale.ROOT, "%.3f", 50 + r.nextDouble() * 200);
            case 2 -> Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(30) - 15));
            case 3 -> String.format(Locale.ROOT, "%.12f", r.nextDouble());
            default -> Long.toString(r.nextLong() >>> r.nextInt(64)) + "." + r.nextInt(1000);
          };
      double v = parse(n, s);
      assertTrue(n.valid(), s);
      assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(v), s);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2x3", "abc", "1..2", "--1", "1e", "0x10", "1.0f"})
  void rejectsWhatIsNoNumber(String s) {
    Numbers n = new Numbers();
    parse(n, s);
    assertFalse(n.valid(), s);
  }

  @Test
  void readsSignsExponentsAndNonFiniteLiterals() {
    Numbers n = new Numbers();
    assertEquals(-1.5, parse(n, "-1.5"));
    assertEquals(1.5e-7, parse(n, "1.5E-7"));
    assertEquals(12.0, parse(n, "+12"));
    assertTrue(Double.isNaN(parse(n, "NaN")) && n.valid());
    assertEquals(Double.POSITIVE_INFINITY, parse(n, "inf"));
    assertEquals(Double.NEGATIVE_INFINITY, parse(n, "-Infinity"));
  }
}
