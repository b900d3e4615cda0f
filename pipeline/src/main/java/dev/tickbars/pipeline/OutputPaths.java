package dev.tickbars.pipeline;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names of output files: {@code <folder>/symbol=<SYMBOL>/<name>.parquet}, Hive-style partitions. */
final class OutputPaths {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  private OutputPaths() {}

  static String file(String root, String folder, String symbol, String name) {
    return root + "/" + folder + "/symbol=" + symbol + "/" + name + ".parquet";
  }

  /**
   * The name of the files of a task whose first chunk starts at {@code fromHour}: its UTC date,
   * {@code yyyy-MM-dd}, and {@code Thh} when the chunk is not a whole day.
   */
  static String chunk(long fromHour) {
    java.time.Instant start = java.time.Instant.ofEpochSecond(0, Hours.startNs(fromHour));
    return (Math.floorMod(fromHour, Hours.PER_DAY) == 0 ? DAY : HOUR).format(start);
  }
}
