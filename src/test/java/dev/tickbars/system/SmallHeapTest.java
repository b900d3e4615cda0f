package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.pipeline.ParquetRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory that follows neither the data's density nor its number of symbols, through the jar in a
 * small heap. Dense data: one symbol with 4M ticks in one UTC day (a tick every 8 ms, 184 MB of
 * TrueFX lines) in 160 MB of heap; when a day was the unit the second pass held in memory, this
 * run failed with an OutOfMemoryError. Many symbols: 400 symbols in one day in 192 MB; when a
 * task kept a file open per symbol and folder (1,600 Parquet writers), it failed with an
 * OutOfMemoryError even in 1 GB.
 */
class SmallHeapTest {
  private static final long START_MS = Instant.parse("2025-07-01T00:00:00Z").toEpochMilli();
  private static final long NS_PER_MS = 1_000_000L;

  @TempDir Path dir;

  @Test
  void aDayOfTicksLargerThanTheHeapIsCutIntoHours() throws IOException, InterruptedException {
    int ticks = 4_000_000;
    long stepMs = 8;
    Path in = dir.resolve("in");
    write(in.resolve("EURUSD-2025-07-01.csv"), ticks, stepMs, 1);
    Path out = dir.resolve("out");
    Jar.Result r = Jar.runInHeap("160m", "--input=" + in, "--output=" + out, "--frames=7m,1000t", "--progress=none");
    assertEquals(0, r.code(), r.err());

    List<String> names = ParquetRows.files(out.resolve("tick_slices_1000t")).stream()
        .map(p -> p.getFileName().toString())
        .toList();
    assertTrue(names.contains("EURUSD-2025-07-01T01.parquet"), "the day is cut into hours: " + names);

    // Every 1000-tick bar whole, though its ticks may lie in two hours.
    List<Map<String, Object>> tickBars = sorted(ParquetRows.readFolder(out.resolve("bars_1000t")), "tick_first_id");
    assertEquals(ticks / 1000, tickBars.size());
    for (int k = 0; k < tickBars.size(); k++) {
      Map<String, Object> bar = tickBars.get(k);
      assertEquals(1000L * k, bar.get("tick_first_id"), "bar " + k);
      assertEquals(1000L * k + 999, bar.get("tick_last_id"), "bar " + k);
      assertEquals(1000, bar.get("n_ticks"), "bar " + k);
      assertEquals(timeNs(1000L * k, stepMs), bar.get("t_open_ns"), "bar " + k);
      assertEquals(timeNs(1000L * k + 999, stepMs), bar.get("t_close_ns"), "bar " + k);
    }
    // Every 7-minute window (60 is no multiple of 7: windows cross the hours) with its ticks.
    Map<Long, Integer> perWindow = new TreeMap<>();
    long windowNs = 7 * 60 * 1_000_000_000L;
    for (long i = 0; i < ticks; i++) {
      perWindow.merge(Math.floorDiv(timeNs(i, stepMs), windowNs) * windowNs, 1, Integer::sum);
    }
    List<Map<String, Object>> windows = sorted(ParquetRows.readFolder(out.resolve("bars_7m")), "t_open_ns");
    assertEquals(perWindow.size(), windows.size());
    for (Map<String, Object> bar : windows) {
      assertEquals(perWindow.get((Long) bar.get("t_open_ns")), bar.get("n_ticks"), "7m bar at " + bar.get("t_open_ns"));
    }
  }

  @Test
  void aDayOfManySymbolsWritesOneSymbolsFilesAtATime() throws IOException, InterruptedException {
    int symbols = 400;
    Path in = dir.resolve("in");
    write(in.resolve("all-2025-07-01.csv"), symbols * 1000, 100, symbols);
    Path out = dir.resolve("out");
    Jar.Result r = Jar.runInHeap("192m", "--input=" + in, "--output=" + out, "--frames=1m,1000t", "--progress=none");
    assertEquals(0, r.code(), r.err());

    // Symbol s has the ticks s, s + 400, s + 800, ...: one whole 1000-tick bar each.
    List<Map<String, Object>> bars = ParquetRows.readFolder(out.resolve("bars_1000t"));
    assertEquals(symbols, bars.size());
    for (Map<String, Object> bar : bars) {
      int s = Integer.parseInt(bar.get("symbol").toString().substring(1));
      assertEquals(0L, bar.get("tick_first_id"), "symbol " + s);
      assertEquals(1000, bar.get("n_ticks"), "symbol " + s);
      assertEquals(timeNs(s, 100), bar.get("t_open_ns"), "symbol " + s);
      assertEquals(timeNs(s + 999L * symbols, 100), bar.get("t_close_ns"), "symbol " + s);
    }
    try (var files = Files.list(out.resolve("tick_slices_1000t"))) {
      assertEquals(symbols, files.count(), "a file per symbol");
    }
  }

  private static long timeNs(long tick, long stepMs) {
    return (START_MS + tick * stepMs) * NS_PER_MS;
  }

  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows, String column) {
    return rows.stream().sorted(Comparator.comparingLong(row -> (Long) row.get(column))).toList();
  }

  /**
   * {@code ticks} lines {@code SYMBOL,yyyyMMdd HH:mm:ss.SSS,bid,ask}, a tick every {@code stepMs}
   * from midnight, of {@code symbols} symbols in turn: {@code EUR/USD} when there is one, else
   * {@code S000}, {@code S001}, ...
   */
  private static void write(Path file, int ticks, long stepMs, int symbols) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      StringBuilder line = new StringBuilder();
      for (long i = 0; i < ticks; i++) {
        long ms = i * stepMs;
        line.setLength(0);
        line.append(symbols == 1 ? "EUR/USD" : String.format("S%03d", i % symbols)).append(",20250701 ");
        two(line, ms / 3_600_000).append(':');
        two(line, ms / 60_000 % 60).append(':');
        two(line, ms / 1000 % 60).append('.');
        line.append(String.format("%03d", ms % 1000));
        int pips = (int) (i % 500);
        line.append(",1.1").append(1000 + pips).append(",1.1").append(1002 + pips).append('\n');
        w.append(line);
      }
    }
  }

  private static StringBuilder two(StringBuilder b, long n) {
    return b.append(n < 10 ? "0" : "").append(n);
  }
}
