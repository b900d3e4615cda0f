package dev.tickbars.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.transforms.values.OutputRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputLayoutTest {
  @TempDir Path dir;

  /** Every what a file can hold, for a symbol with a '-' and digits in it too. */
  @ParameterizedTest
  @CsvSource({
    "EURUSD, 2025-07-01",
    "EURUSD, 2025-07-01T03",
    "EURUSD, 2025-07-01-r2",
    "BRK-B, 2025-07-01T23-r12",
    "BRK-B, joined",
    "ES-2025-12, joined-r3",
    "X1-W2, last",
    "EURUSD, w1-000000004000",
  })
  void aFilesSymbolAndWhatAreReadBackFromItsPath(String symbol, String what) {
    for (OutputLayout layout : OutputLayout.values()) {
      Path relative = Paths.get("root/bars_1m").relativize(Paths.get(layout.file("root", "bars_1m", symbol, what)));
      assertEquals(symbol, layout.symbolOf(relative), layout + " " + relative);
      assertEquals(what, layout.whatOf(relative), layout + " " + relative);
    }
  }

  @Test
  void theFileNamesOfEachLayout() {
    assertEquals("o/bars_1m/EURUSD-2025-07-01.parquet", OutputLayout.FLAT.file("o", "bars_1m", "EURUSD", "2025-07-01"));
    assertEquals("o/bars_1m/symbol=EURUSD/last.parquet", OutputLayout.HIVE.file("o", "bars_1m", "EURUSD", "last"));
    assertEquals("empty", OutputLayout.FLAT.whatOf(Paths.get("empty.parquet")));
    assertNull(OutputLayout.FLAT.symbolOf(Paths.get("empty.parquet")));
    assertNull(OutputLayout.HIVE.symbolOf(Paths.get("empty.parquet")));
  }

  @Test
  void onlyTheFlatLayoutWritesTheSymbolColumn() {
    assertEquals(OutputRecords.BAR, OutputLayout.FLAT.bars());
    assertEquals(OutputRecords.TICK_SLICE, OutputLayout.FLAT.slices());
    for (var schema : List.of(OutputLayout.HIVE.bars(), OutputLayout.HIVE.slices())) {
      assertNull(schema.getField(OutputRecords.SYMBOL));
    }
    assertEquals(OutputRecords.BAR.getFields().size() - 1, OutputLayout.HIVE.bars().getFields().size());
  }

  @Test
  void theLayoutIsParsedOrAUsageError() {
    assertEquals(OutputLayout.HIVE, OutputLayout.parse(" Hive"));
    assertEquals("unknown --layout 'nested' (use flat or hive)",
        assertThrows(UsageException.class, () -> OutputLayout.parse("nested")).getMessage());
  }

  @Test
  void aFolderWithoutItsLedgerIsToldByItsLook() throws Exception {
    Path flat = Files.createDirectories(dir.resolve("a/bars_1m"));
    Files.createFile(flat.resolve("EURUSD-last.parquet"));
    Path hive = Files.createDirectories(dir.resolve("b/bars_1m/symbol=EURUSD"));
    Files.createFile(hive.resolve("last.parquet")); // a folder is known by its files, as in object storage
    assertEquals(OutputLayout.FLAT, OutputLayout.recorded(dir.resolve("a").toString(), flat.toString()));
    assertEquals(OutputLayout.HIVE, OutputLayout.recorded(dir.resolve("b").toString(), hive.getParent().toString()));
  }
}
