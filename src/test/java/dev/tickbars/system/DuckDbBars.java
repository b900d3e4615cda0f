package dev.tickbars.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peer of the benchmark: tickbars' default job (1m, 100t and 1000t bars with all 18 columns,
 * and the 1000t slices, each written to Parquet) as the DuckDB SQL script a user would otherwise
 * write, for TrueFX-layout files without bad lines; or, for trade files of Databento's columns
 * ({@code ts_event,symbol,price,size,side}), the job of {@link Benchmark#TRADE_FRAMES}: 1m, 1000t
 * and 500v bars on the trade price with VWAP and value (the volume bars by tickbars' rule, the
 * volume counted exactly in units of 10^-8), and the 1000t slices with price, size and side. It
 * prints the rows written per output, so the benchmark can check that both did the same work.
 *
 * <p>{@code java -cp <test classpath> dev.tickbars.system.DuckDbBars INPUT_DIR OUTPUT_DIR [THREADS [quotes|trades]]}
 */
public final class DuckDbBars {
  private static final long MINUTE_NS = 60_000_000_000L;

  private DuckDbBars() {}

  public static void main(String[] args) throws IOException, SQLException {
    Path input = Paths.get(args[0]);
    Path output = Paths.get(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Files.createDirectories(output);
    boolean trades = args.length > 3 && args[3].equals("trades");
    run(input, output, threads, trades).forEach((name, rows) -> System.out.println(name + " " + rows));
  }

  /** Runs the job of quotes or {@code trades} and returns the rows written per output name. */
  static Map<String, Long> run(Path input, Path output, int threads, boolean trades) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      sql.execute("SET threads = " + threads);
      // Where DuckDB spills past its memory limit: beside the output (29 GB at 300M ticks), not in the working folder.
      sql.execute("SET temp_directory = '" + output.toAbsolutePath().resolveSibling(output.getFileName() + "-spill") + "'");
      return trades ? trades(sql, input, output) : quotes(sql, input, output);
    }
  }

  private static Map<String, Long> quotes(Statement sql, Path input, Path output) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    sql.execute(
        "CREATE TEMP TABLE ticks AS "
            + "WITH raw AS ("
            + "  SELECT *, row_number() OVER () AS line FROM read_csv('" + input.resolve("*.csv")
            + "', header = false, columns = {'sym': 'VARCHAR', 'ts': 'VARCHAR', 'bid': 'DOUBLE', 'ask': 'DOUBLE'})),"
            + " parsed AS ("
            + "  SELECT upper(replace(trim(sym), '/', '')) AS symbol,"
            + "    epoch_ns(strptime(ts, '%Y%m%d %H:%M:%S.%g')) AS t_ns, bid, ask, line"
            + "  FROM raw WHERE bid > 0 AND ask > 0 AND bid <= ask),"
            + " numbered AS ("
            + "  SELECT *, row_number() OVER (PARTITION BY symbol ORDER BY t_ns, line) - 1 AS tick_id FROM parsed)"
            + " SELECT symbol, t_ns, bid, ask, (bid + ask) / 2 AS price, tick_id,"
            + "  coalesce(t_ns - lag(t_ns) OVER (PARTITION BY symbol ORDER BY tick_id) > 60000000000, false)::INTEGER AS gap"
            + " FROM numbered");
    rows.put("bars_1m", copy(sql, timeBars(MINUTE_NS, "1m"), output.resolve("bars_1m.parquet")));
    rows.put("bars_100t", copy(sql, tickBars(100), output.resolve("bars_100t.parquet")));
    rows.put("bars_1000t", copy(sql, tickBars(1000), output.resolve("bars_1000t.parquet")));
    rows.put(
        "tick_slices_1000t",
        copy(
            sql,
            "SELECT symbol, tick_id, tick_id // 1000 AS bar_idx, t_ns, bid, ask,"
                + " NULL::DOUBLE AS bid_volume, NULL::DOUBLE AS ask_volume FROM ticks ORDER BY symbol, tick_id",
            output.resolve("tick_slices_1000t.parquet")));
    return rows;
  }

  private static Map<String, Long> trades(Statement sql, Path input, Path output) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    sql.execute(
        "CREATE TEMP TABLE ticks AS "
            + "WITH raw AS ("
            + "  SELECT *, row_number() OVER () AS line FROM read_csv('" + input.resolve("*.csv")
            + "', header = true, columns = {'ts_event': 'VARCHAR', 'symbol': 'VARCHAR', 'price': 'DOUBLE',"
            + " 'size': 'DOUBLE', 'side': 'VARCHAR'})),"
            + " parsed AS ("
            + "  SELECT upper(trim(symbol)) AS symbol, epoch_ns(strptime(ts_event, '%Y-%m-%dT%H:%M:%S.%nZ')) AS t_ns,"
            + "    price, size, CASE upper(side) WHEN 'B' THEN 'B' WHEN 'S' THEN 'S' WHEN 'A' THEN 'S' ELSE 'N' END AS side,"
            + "    round(size * 100000000)::HUGEINT AS units, line"
            + "  FROM raw WHERE price > 0 AND size >= 0),"
            + " numbered AS ("
            + "  SELECT *, row_number() OVER (PARTITION BY symbol ORDER BY t_ns, line) - 1 AS tick_id FROM parsed)"
            + " SELECT symbol, t_ns, NULL::DOUBLE AS bid, NULL::DOUBLE AS ask, price, size, side, tick_id,"
            + "  coalesce(sum(units) OVER (PARTITION BY symbol ORDER BY tick_id ROWS BETWEEN UNBOUNDED PRECEDING"
            + "   AND 1 PRECEDING), 0) AS units_before,"
            + "  coalesce(t_ns - lag(t_ns) OVER (PARTITION BY symbol ORDER BY tick_id) > 60000000000, false)::INTEGER AS gap"
            + " FROM numbered");
    rows.put("bars_1m", copy(sql, bars("1m", "t_ns // " + MINUTE_NS, "k * " + MINUTE_NS, "(k + 1) * " + MINUTE_NS, true),
        output.resolve("bars_1m.parquet")));
    rows.put("bars_1000t", copy(sql, bars("1000t", "tick_id // 1000", "min(t_ns)", "max(t_ns)", true),
        output.resolve("bars_1000t.parquet")));
    rows.put("bars_500v", copy(sql, bars("500v", "units_before // 50000000000", "min(t_ns)", "max(t_ns)", true),
        output.resolve("bars_500v.parquet")));
    rows.put(
        "tick_slices_1000t",
        copy(
            sql,
            "SELECT symbol, tick_id, tick_id // 1000 AS bar_idx, t_ns, bid, ask, NULL::DOUBLE AS bid_volume,"
                + " NULL::DOUBLE AS ask_volume, price, size, side FROM ticks ORDER BY symbol, tick_id",
            output.resolve("tick_slices_1000t.parquet")));
    return rows;
  }

  private static String timeBars(long sizeNs, String frame) {
    return bars(frame, "t_ns // " + sizeNs, "k * " + sizeNs, "(k + 1) * " + sizeNs, false);
  }

  private static String tickBars(long n) {
    return bars(n + "t", "tick_id // " + n, "min(t_ns)", "max(t_ns)", false);
  }

  /**
   * Bars of the ticks grouped by symbol and {@code key}, called k in {@code open} and {@code
   * close}; of trades, {@code v_sum} is the summed size, with VWAP and value.
   */
  private static String bars(String frame, String key, String open, String close, boolean trades) {
    return "SELECT symbol, '" + frame + "' AS frame, " + open + " AS t_open_ns, " + close + " AS t_close_ns,"
        + " arg_min(price, tick_id) AS o, max(price) AS h, min(price) AS l, arg_max(price, tick_id) AS c,"
        + " arg_min(bid, tick_id) AS o_bid, arg_min(ask, tick_id) AS o_ask,"
        + " arg_max(bid, tick_id) AS c_bid, arg_max(ask, tick_id) AS c_ask,"
        + " avg(ask - bid) AS spread_mean, count(*)::INTEGER AS n_ticks,"
        + (trades ? " sum(size) AS v_sum," : " count(*)::DOUBLE AS v_sum,")
        + " min(tick_id) AS tick_first_id, max(tick_id) AS tick_last_id,"
        + (trades ? " sum(price * size) / sum(size) AS vwap, sum(price * size) AS value," : " NULL::DOUBLE AS vwap, NULL::DOUBLE AS value,")
        + " arg_min(gap, tick_id) AS gap_flag"
        + " FROM (SELECT *, " + key + " AS k FROM ticks) GROUP BY symbol, k ORDER BY symbol, t_open_ns";
  }

  private static long copy(Statement sql, String query, Path file) throws SQLException {
    return sql.executeUpdate("COPY (" + query + ") TO '" + file + "' (FORMAT parquet, COMPRESSION snappy)");
  }
}
