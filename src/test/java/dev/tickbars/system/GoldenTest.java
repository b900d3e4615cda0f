package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.RowAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-checked golden case of testdata/golden (see its README), run through the packaged jar
 * and read back twice: by parquet-avro, column by column against the golden CSVs, and by DuckDB,
 * reading each output folder whole as a user would.
 */
class GoldenTest {
  static final Path GOLDEN =
      Paths.get(System.getProperty("tickbars.testdata"), "golden").toAbsolutePath().normalize();
  static final Set<String> DECIMALS =
      Set.of("o", "h", "l", "c", "o_bid", "o_ask", "c_bid", "c_ask", "spread_mean", "v_sum", "bid", "ask");

  @TempDir static Path out;

  @BeforeAll
  static void run() throws Exception {
    Jar.Result r =
        Jar.run(
            "--input=" + GOLDEN.resolve("ticks.csv"),
            "--output=" + out,
            "--frames=1m,3t,100t,1000t",
            "--sliceFrame=3t",
            "--maxRejectRatio=0.25");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void barsAndSlicesMatchTheGoldenFiles() throws IOException {
    for (String folder : List.of("bars_1m", "bars_3t", "bars_100t", "bars_1000t", "tick_slices_3t")) {
      List<Map<String, Object>> expected = golden(GOLDEN.resolve(folder + ".csv"));
      List<Map<String, Object>> actual = ParquetRows.readFolder(out.resolve(folder));
      List<String> keys = folder.startsWith("bars") ? List.of("symbol", "t_open_ns") : List.of("symbol", "tick_id");
      RowAssert.assertSameRows(folder, expected, actual, keys, DECIMALS, 1e-9);
    }
  }

  @Test
  void duckDbReadsEachFolderWhole() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      ResultSet r =
          st.executeQuery(
              "select count(*), sum(n_ticks), max(gap_flag), min(symbol) from '"
                  + out.resolve("bars_1m") + "/**/*.parquet'");
      r.next();
      assertEquals(5, r.getLong(1));
      assertEquals(8, r.getLong(2));
      assertEquals(1, r.getInt(3));
      assertEquals("EURUSD", r.getString(4));
      r = st.executeQuery(
          "select count(*), max(tick_id), count(bid_volume) from '" + out.resolve("tick_slices_3t") + "/**/*.parquet'");
      r.next();
      assertEquals(8, r.getLong(1));
      assertEquals(5, r.getLong(2));
      assertEquals(0, r.getLong(3));
    }
  }

  @Test
  void rejectsNameFileLineAndReason() throws IOException {
    List<String> lines = new ArrayList<>();
    try (var files = Files.list(out.resolve("rejects"))) {
      for (Path f : files.sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    lines.sort(null);
    assertEquals(2, lines.size(), lines.toString());
    String file = GOLDEN.resolve("ticks.csv").toString();
    assertEquals(
        "{\"file\":\"" + file + "\",\"line\":10,\"reason\":\"bad_timestamp\",\"raw\":\"EUR/USD,not-a-time,1.1,1.2\"}",
        lines.get(0));
    assertEquals(
        "{\"file\":\"" + file + "\",\"line\":9,\"reason\":\"crossed_quote\",\"raw\":\"EUR/USD,20250707 12:03:31.000,1.10050,1.10040\"}",
        lines.get(1));
  }

  /** The golden CSV's rows, typed like the Parquet columns; decimals within 1e-9 relative. */
  private static List<Map<String, Object>> golden(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], typed(header[i], v[i]));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object typed(String column, String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (column.equals("symbol") || column.equals("frame")) {
      return value;
    }
    if (column.equals("n_ticks") || column.equals("gap_flag")) {
      return Integer.parseInt(value);
    }
    if (DECIMALS.contains(column) || column.endsWith("_volume")) {
      return Double.parseDouble(value);
    }
    return Long.parseLong(value);
  }

}
