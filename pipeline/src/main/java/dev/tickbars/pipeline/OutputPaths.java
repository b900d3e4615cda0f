package dev.tickbars.pipeline;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names of output files: {@code <folder>/symbol=<SYMBOL>/<name>.parquet}, Hive-style partitions. */
final class OutputPaths {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private OutputPaths() {}

  static String file(String root, String folder, String symbol, String name) {
    return root + "/" + folder + "/symbol=" + symbol + "/" + name + ".parquet";
  }

  /** The UTC date of an instant in epoch milliseconds, {@code yyyy-MM-dd}. */
  static String day(long epochMillis) {
    return DAY.format(java.time.Instant.ofEpochMilli(epochMillis));
  }
}
