package dev.tickbars.transforms.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolsTest {
  /** A raw symbol, as normalised, and whether tickbars takes it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EUR/USD        | true",
        "brk.b          | true",
        "BTC-USD        | true",
        "^GSPC          | true",
        "ES_F           | true",
        "6E             | true",
        "/              | false",
        "EUR USD        | false",
        "CL=F           | false",
        "A:B            | false",
        "A%20B          | false",
        "A\\B           | false",
        ".HIDDEN        | false",
        "_SUCCESS       | false",
        "-X             | false",
        "ÄPFEL          | false",
      })
  void aSymbolIsTakenWhenItCanNameFilesEverywhere(String raw, boolean safe) {
    assertEquals(safe, Symbols.isSafe(Symbols.normalize(raw)), raw);
  }

  @ParameterizedTest
  @CsvSource({"64, true", "65, false", "300, false"})
  void aSymbolHoldsAtMost64Characters(int length, boolean safe) {
    assertEquals(safe, Symbols.isSafe("A".repeat(length)));
  }

  @ParameterizedTest
  @CsvSource({"0", "9", "10", "31", "127"})
  void controlBytesAreNoSymbol(int code) {
    assertFalse(Symbols.isSafe("EUR" + (char) code + "USD"));
  }
}
