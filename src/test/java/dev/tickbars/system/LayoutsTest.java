package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The input layouts of SPEC 1, each file of testdata/layouts holding the same two EURUSD quotes, or
 * two trades (2025-07-01 00:00:00.332 and 00:00:01 UTC): what the job makes of them, read back from
 * the slices and bars, and the format the manifest names.
 */
class LayoutsTest {
  static final Path LAYOUTS =
      Paths.get(System.getProperty("tickbars.testdata"), "layouts").toAbsolutePath().normalize();
  static final long T0 = 1_751_328_000_332_000_000L;
  static final long T1 = 1_751_328_001_000_000_000L;

  @TempDir Path out;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "truefx.csv           | -                | truefx    | -    | -    | -    | -",
        "truefx-bom-crlf.csv  | -                | truefx    | -    | -    | -    | -",
        "truefx.csv.gz        | -                | truefx    | -    | -    | -    | -",
        "truefx.zip           | -                | truefx    | -    | -    | -    | -",
        "histdata.csv         | --symbol=EUR/USD | histdata  | 0.0  | -    | 0.0  | -",
        "dukascopy-jforex.csv | --symbol=EURUSD  | dukascopy | 2.25 | 1.5  | 1.0  | 0.75",
        "dukascopy-node.csv   | --symbol=eurusd  | dukascopy | 2.25 | 1.5  | 1.0  | 0.75",
        "header-aliases.csv   | -                | csv       | -    | -    | -    | -",
      })
  void readsTheSameTwoTicks(
      String file, String option, String format, Double bv0, Double av0, Double bv1, Double av1)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--input=" + LAYOUTS.resolve(file), "--output=" + out, "--frames=1m,2t"));
    if (option != null) {
      args.add(option);
    }
    Jar.Result result = Jar.inProcess(args);
    assertEquals(0, result.code(), result.err());

    List<Map<String, Object>> slices = ParquetRows.readFolder(out.resolve("tick_slices_2t"));
    assertEquals(2, slices.size());
    assertEquals(Arrays.asList("EURUSD", 0L, 0L, T0, 1.17002, 1.17003, bv0, av0, null, null, null), new ArrayList<>(slices.get(0).values()));
    assertEquals(Arrays.asList("EURUSD", 1L, 0L, T1, 1.17004, 1.17006, bv1, av1, null, null, null), new ArrayList<>(slices.get(1).values()));
    String manifestFormat =
        new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("inputs").get(0).get("format").asText();
    assertEquals(format, manifestFormat);
  }

  /**
   * Trades: Databento's trades and tbbo CSVs (a trade with the quote of the moment), and a crypto
   * venue's headerless dump with epoch-millisecond times and an is_buyer_maker flag. Their 2t bar:
   * o, c and VWAP on the trades' prices, v_sum their sizes.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "databento-trades.csv | -                                                           | ESU5    | -       | -      | 6237.25   | 2      | 6237.5 | 5",
        "databento-tbbo.csv   | -                                                           | ESU5    | 6237.25 | 6237.5 | 6237.25   | 2      | 6237.5 | 5",
        "binance-trades.csv   | --columns=_,price,size,_,time,is_buyer_maker,_ --symbol=BTCUSDT | BTCUSDT | -       | -      | 107340.01 | 0.0085 | 107340 | 0.012",
      })
  void readsTheSameTwoTrades(
      String file, String options, String symbol, Double bid, Double ask, double p0, double s0, double p1, double s1)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--input=" + LAYOUTS.resolve(file), "--output=" + out, "--frames=1m,2t"));
    if (options != null) {
      args.addAll(Arrays.asList(options.split(" ")));
    }
    Jar.Result result = Jar.inProcess(args);
    assertEquals(0, result.code(), result.err());

    List<Map<String, Object>> slices = ParquetRows.readFolder(out.resolve("tick_slices_2t"));
    assertEquals(2, slices.size());
    Double bv0 = bid == null ? null : 12.0;
    Double av0 = bid == null ? null : 9.0;
    Double bv1 = bid == null ? null : 10.0;
    Double av1 = bid == null ? null : 4.0;
    assertEquals(Arrays.asList(symbol, 0L, 0L, T0, bid, ask, bv0, av0, p0, s0, "S"), new ArrayList<>(slices.get(0).values()));
    assertEquals(Arrays.asList(symbol, 1L, 0L, T1, bid, ask, bv1, av1, p1, s1, "B"), new ArrayList<>(slices.get(1).values()));
    Map<String, Object> bar = ParquetRows.readFolder(out.resolve("bars_2t")).get(0);
    assertEquals(p0, bar.get("o"));
    assertEquals(p1, bar.get("c"));
    assertEquals(s0 + s1, bar.get("v_sum"));
    assertEquals(p0 * s0 + p1 * s1, (double) bar.get("value"), 1e-9);
    assertEquals((p0 * s0 + p1 * s1) / (s0 + s1), (double) bar.get("vwap"), 1e-9);
    assertEquals(bid, bar.get("o_bid"));
    assertEquals(bid == null ? null : 0.25, bar.get("spread_mean"));
  }

  /**
   * Quotes with volumes (Dukascopy) make volume and dollar-value bars of bid + ask volume and the
   * mid: the ticks' volumes are 3.75 and 1.75, their values 4.39 and 2.05.
   */
  @Test
  void quotesWithVolumesMakeVolumeAndValueBars() throws Exception {
    Jar.Result result = Jar.inProcess(List.of("--input=" + LAYOUTS.resolve("dukascopy-node.csv"), "--output=" + out,
        "--symbol=EURUSD", "--frames=3v,5dv", "--sliceFrame=3v", "--layout=hive"));
    assertEquals(0, result.code(), result.err());

    List<Map<String, Object>> volume = ParquetRows.readFolder(out.resolve("bars_3v"));
    assertEquals(List.of(3.75, 1.75), volume.stream().map(b -> b.get("v_sum")).toList(), "the second tick's volume before is 3.75: bar 1");
    List<Map<String, Object>> value = ParquetRows.readFolder(out.resolve("bars_5dv"));
    assertEquals(List.of(2), value.stream().map(b -> b.get("n_ticks")).toList(), "the second tick's value before is 4.39: bar 0");
    assertEquals(List.of(0L, 1L), ParquetRows.readFolder(out.resolve("tick_slices_3v")).stream().map(r -> r.get("bar_idx")).toList());
  }
}
