package dev.tickbars.transforms.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void printableTextIsQuotedAsItIs() {
    assertEquals("'EUR/USD, 1.1 €'", Printable.quote("EUR/USD, 1.1 €"));
  }

  @Test
  void controlAndInvisibleCharactersAreEscaped() {
    assertEquals("'\\x1b[2J\\r\\n\\t\\x00\\x7f\\u200b\\u00a0\\\\ \\'q\\''",
        Printable.quote("\u001b[2J\r\n\t\u0000\u007f\u200b\u00a0\\ 'q'"));
    assertEquals("'\\ud800'", Printable.quote("\ud800"));
  }

  @Test
  void longTextIsCutWithItsLengthSaid() {
    assertEquals("'" + "x".repeat(100) + "' (first 100 of 12,345 characters)", Printable.quote("x".repeat(12_345)));
    assertEquals("'" + "x".repeat(100) + "'", Printable.quote("x".repeat(100)));
  }
}
