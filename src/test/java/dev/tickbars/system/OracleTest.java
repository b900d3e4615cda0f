package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.Oracle;
import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.RowAssert;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole job against {@link Oracle} on generated data with every kind of trouble (ties, late
 * arrivals also across files, gaps, a weekend, minute boundaries, bad lines), on both runners at
 * parallelism 1 and 2, and through the packaged jar as a user runs it: every column of every
 * frame's bars and of every slice, read back from the Parquet files, and the counts in the
 * manifest. The data is generated for the test, not kept in the repository.
 */
class OracleTest {
  private static final List<String> FRAMES = List.of("1m", "30s", "7m", "100t", "1000t", "7t");
  /**
   * Of trades, volume and dollar-value frames too: 500 contracts are 20 ES trades, 500 bars of
   * BTCUSDT's fractional sizes, one or two AAPL prints (many an AAPL print fills several bars);
   * $3M is about 24 ES trades, 50 of BTCUSDT, 60 of AAPL.
   */
  private static final List<String> TRADE_FRAMES = List.of("1m", "7m", "100t", "7t", "500v", "3000000dv", "1v");
  /** Floating sums may differ from the plain loop's (which adds in one run) in the last bits. */
  private static final Set<String> SUMS = Set.of("spread_mean", "v_sum", "vwap", "value");
  private static final double SUM_TOLERANCE = 1e-12;

  @TempDir static Path dir;
  static List<Path> inputs;
  static List<Path> trades;

  @BeforeAll
  static void generate() throws IOException {
    SampleTicks.write(dir.resolve("in"), 40_000, 3, 7, true);
    try (Stream<Path> s = Files.list(dir.resolve("in"))) {
      inputs = s.sorted().toList();
    }
    trades = TradeFiles.write(dir.resolve("trades"), 30_000, 3, 11);
  }

  // Task budgets below a symbol's day of ticks (about 13,000 in 4 hours here) cut each day into
  // chunks of an hour or two, each a task of one symbol, and every tick bar and 7-minute bar that
  // crosses a chunk's end a join of partials from different tasks; small scan pieces cut each file
  // (about 600 KB) into pieces that start and end inside lines.
  @ParameterizedTest(name = "{0} parallelism {1}, {2} prices, trim weekend {3}, {4} ticks per task, scan pieces of {5} bytes")
  @CsvSource({
    "DirectRunner, 1, mid, true, 500000, 16777216",
    "DirectRunner, 2, mid, true, 500000, 16777216",
    "DirectRunner, 2, bid, false, 3000, 100000",
    "FlinkRunner, 1, mid, true, 500000, 16777216",
    "FlinkRunner, 2, mid, true, 5000, 77777",
    "tickbars.jar, 2, mid, true, 500000, 16777216",
  })
  void matchesTheOracle(
      String runner, int parallelism, String basis, boolean trim, long taskTicks, long scanPieceBytes)
      throws IOException, InterruptedException {
    Oracle.Settings settings =
        new Oracle.Settings(FRAMES, "1000t", basis, 60, trim ? "FRI-22:00" : null, trim ? "SUN-22:00" : null);
    Oracle expected = Oracle.of(inputs, settings);
    Path out = dir.resolve(String.join("-", "out", runner, "" + parallelism, basis, "" + trim, "" + taskTicks, "" + scanPieceBytes));
    boolean jar = runner.equals("tickbars.jar");
    List<String> args = args(dir.resolve("in"), out, FRAMES, trim, taskTicks, scanPieceBytes);
    args.add("--priceBasis=" + basis);
    if (!jar) {
      args.add("--runner=" + runner);
    }
    args.add(runner.equals("FlinkRunner") ? "--parallelism=" + parallelism : "--targetParallelism=" + parallelism);

    Jar.Result result = jar ? Jar.run(args.toArray(new String[0])) : Jar.inProcess(args);
    assertEquals(0, result.code(), result.err());
    assertSameOutput(expected, out, FRAMES, "1000t");
    assertQuality(expected, new ObjectMapper().readTree(out.resolve("quality.json").toFile()));
  }

  // Trade ticks (a Databento-style header, ts_event,symbol,price,size,side): bars on the trade's
  // price by default, with VWAP and value, no quotes; slices with price, size and side; volume and
  // dollar-value bars, and slices cut by them.
  @ParameterizedTest(name = "trades, {0} parallelism {1}, trim weekend {2}, {3} ticks per task, scan pieces of {4} bytes, slices by {5}")
  @CsvSource({
    "DirectRunner, 1, false, 500000, 16777216, 100t",
    "DirectRunner, 2, true, 2000, 70000, 3000000dv",
    "FlinkRunner, 1, true, 500000, 16777216, 1000t",
    "FlinkRunner, 2, false, 3000, 90000, 500v",
  })
  void tradesMatchTheOracle(String runner, int parallelism, boolean trim, long taskTicks, long scanPieceBytes, String slices)
      throws IOException, InterruptedException {
    Oracle.Settings settings =
        new Oracle.Settings(TRADE_FRAMES, slices, "trade", 60, trim ? "FRI-22:00" : null, trim ? "SUN-22:00" : null);
    Oracle expected = Oracle.ofTrades(trades, settings);
    Path out = dir.resolve(String.join("-", "trades", runner, "" + parallelism, "" + trim, "" + taskTicks));
    List<String> args = args(dir.resolve("trades"), out, TRADE_FRAMES, trim, taskTicks, scanPieceBytes);
    args.add("--runner=" + runner);
    args.add(runner.equals("FlinkRunner") ? "--parallelism=" + parallelism : "--targetParallelism=" + parallelism);
    args.add("--sliceFrame=" + slices);

    Jar.Result result = Jar.inProcess(args);
    assertEquals(0, result.code(), result.err());
    assertSameOutput(expected, out, TRADE_FRAMES, slices);
    JsonNode quality = new ObjectMapper().readTree(out.resolve("quality.json").toFile());
    expected.quality.forEach((symbol, q) -> {
      JsonNode s = quality.get("symbols").get(symbol);
      assertEquals(q.weekendTicks, s.get("weekend_ticks").asLong(), symbol + " weekend ticks");
      assertEquals(q.outOfOrder, s.get("out_of_order").asLong(), symbol + " out of order");
      assertEquals(q.duplicates, s.get("duplicates").asLong(), symbol + " duplicates");
      assertEquals(q.gaps.size(), s.get("gaps").get("count").asLong(), symbol + " gaps");
      assertEquals(0, s.get("spread_pips").size(), symbol + ": trades have no spread");
      JsonNode t = s.get("trades");
      assertEquals(0, t.get("outside_quote").asLong(), symbol + ": trades without quotes are never outside one");
      assertEquals(q.size(0.5), t.get("size_median").asDouble(), symbol + " size median");
      assertEquals(q.size(0.99), t.get("size_p99").asDouble(), symbol + " size p99");
      assertEquals(q.size(1), t.get("size_max").asDouble(), symbol + " size max");
      assertEquals(q.sizeOutliers(), t.get("size_outliers").asLong(), symbol + " size outliers");
    });
  }

  /** The options of a run of {@code frames}. */
  private static List<String> args(Path input, Path out, List<String> frames, boolean trim, long taskTicks, long scanPieceBytes) {
    return new ArrayList<>(
        List.of(
            "--input=" + input,
            "--output=" + out,
            "--frames=" + String.join(",", frames),
            "--trimWeekend=" + trim,
            "--maxRejectRatio=0.05",
            "--taskTicks=" + taskTicks,
            "--scanPieceBytes=" + scanPieceBytes));
  }

  /** Every column of every frame's bars and of every slice, and the manifest's counts and rejects. */
  private static void assertSameOutput(Oracle expected, Path out, List<String> frames, String slices) throws IOException {
    for (String frame : frames) {
      RowAssert.assertSameRows(
          "bars_" + frame,
          expected.bars.get(frame),
          ParquetRows.readFolder(out.resolve("bars_" + frame)),
          // Bars of ticks at one time (a tick, volume or value bar may end inside a tie) open at once.
          List.of("symbol", "t_open_ns", "tick_first_id"),
          SUMS,
          SUM_TOLERANCE);
    }
    RowAssert.assertSameRows(
        "tick_slices_" + slices,
        expected.slices,
        ParquetRows.readFolder(out.resolve("tick_slices_" + slices)),
        List.of("symbol", "tick_id"),
        Set.of(),
        0);
    JsonNode ticks = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("ticks");
    assertEquals(expected.dataLines, ticks.get("read").asLong(), "ticks read");
    assertEquals(expected.accepted, ticks.get("accepted").asLong(), "ticks accepted");
    assertEquals(expected.trimmed, ticks.get("trimmed").asLong(), "ticks trimmed");
    Map<String, Long> rejected = new TreeMap<>();
    ticks.get("rejected_by_reason").fields().forEachRemaining(e -> rejected.put(e.getKey(), e.getValue().asLong()));
    assertEquals(expected.rejectedByReason, rejected, "rejects by reason");
    assertEquals(expected.rejects, RejectLines.of(out), "rejected lines: file, line number, reason");
  }

  /** quality.json holds the oracle's numbers of every symbol. */
  private static void assertQuality(Oracle expected, JsonNode quality) {
    assertEquals(expected.quality.keySet(), fieldNames(quality.get("symbols")), "symbols");
    expected.quality.forEach((symbol, q) -> {
      JsonNode s = quality.get("symbols").get(symbol);
      String at = symbol + ": ";
      assertEquals(q.crossed, s.get("crossed_quotes_rejected").asLong(), at + "crossed quotes");
      assertEquals(q.locked, s.get("locked_quotes").asLong(), at + "locked quotes");
      assertEquals(q.weekendTicks, s.get("weekend_ticks").asLong(), at + "weekend ticks");
      assertEquals(q.outOfOrder, s.get("out_of_order").asLong(), at + "out of order");
      assertEquals(q.duplicates, s.get("duplicates").asLong(), at + "duplicates");
      assertEquals(q.gaps.size(), s.get("gaps").get("count").asLong(), at + "gaps");
      List<String> longest = new ArrayList<>();
      q.gaps.stream()
          .sorted(java.util.Comparator.comparingLong((long[] g) -> g[0] - g[1]).thenComparingLong(g -> g[0]))
          .limit(5)
          .forEach(g -> longest.add(java.time.Instant.ofEpochSecond(0, g[0]) + ".." + java.time.Instant.ofEpochSecond(0, g[1])));
      List<String> actual = new ArrayList<>();
      s.get("gaps").get("longest").forEach(g -> actual.add(g.get("start").asText() + ".." + g.get("end").asText()));
      assertEquals(longest, actual, at + "the 5 longest gaps");
      JsonNode spread = s.get("spread_pips");
      assertEquals(q.spread(0), spread.get("min").asDouble(), at + "spread min");
      assertEquals(q.spread(0.5), spread.get("median").asDouble(), at + "spread median");
      assertEquals(q.spread(0.99), spread.get("p99").asDouble(), at + "spread p99");
      assertEquals(q.spread(1), spread.get("max").asDouble(), at + "spread max");
      assertEquals(q.jumps, s.get("jumps").get("count").asLong(), at + "jumps");
      assertEquals(Math.round(q.largestMovePips * 1000) / 1000.0, s.get("jumps").get("largest_move_pips").asDouble(), at + "largest move");
    });
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
