package dev.tickbars.system;

import dev.tickbars.pipeline.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated trade files of the layout {@link Oracle#TRADES_HEADER} (Databento's names), for the
 * oracle tests: three instruments of different price scales and sizes (a future in quarter points
 * and whole lots, a crypto pair in cents and fractional sizes, a stock in cents with some zero-size
 * prints; one trade in 300 a block of 50 to 100 times the usual size), times to the nanosecond from a Friday evening into the FX weekend, ties, gaps, every
 * spelling of a side, lines out of order within a file and trades that arrive in the next file,
 * and one line in 70 a bad trade of some kind.
 */
final class TradeFiles {
  private static final String[] SYMBOLS = {"ES", "BTCUSDT", "AAPL"};
  private static final String[] SIDES = {"B", "S", "A", "N", "", "buy", "sell", "b"};
  private static final long START_NS = Instant.parse("2025-07-04T18:00:00Z").getEpochSecond() * 1_000_000_000L;

  private TradeFiles() {}

  private record Trade(long t, String line) {}

  private static final java.time.format.DateTimeFormatter NINE_DIGITS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** Writes {@code trades} lines over {@code files} files {@code trades-<k>.csv} into {@code dir}. */
  static List<Path> write(Path dir, int trades, int files, long seed) throws IOException {
    return write(dir, trades, files, seed, true, true);
  }

  static List<Path> write(Path dir, int trades, int files, long seed, boolean lateAcrossFiles) throws IOException {
    return write(dir, trades, files, seed, lateAcrossFiles, true);
  }

  /**
   * @param lateAcrossFiles whether some trades come in the file after their time's: a run of
   *     one file at a time ({@code --append}) rejects those as late
   * @param defects whether lines are swapped within files and one in 70 is bad; without, the
   *     trades are the benchmark's, in order and with the sides B, S, A and N
   */
  static List<Path> write(Path dir, int trades, int files, long seed, boolean lateAcrossFiles, boolean defects)
      throws IOException {
    Random r = new Random(seed);
    long[] clock = {START_NS, START_NS, START_NS};
    double[] price = {5000.25, 60000.12, 210.15};
    List<Trade> all = new ArrayList<>();
    for (int i = 0; i < trades; i++) {
      int s = r.nextInt(SYMBOLS.length);
      double u = r.nextDouble();
      if (u < 0.002) {
        clock[s] += 600_000_000_000L + r.nextInt(1_000_000_000);
      } else if (u > 0.15) {
        clock[s] += (long) (-Math.log(1 - r.nextDouble()) * 3e9) + 1;
      }
      String p;
      String size;
      switch (s) {
        case 0 -> {
          price[0] = Math.max(1000, price[0] + (r.nextInt(5) - 2) * 0.25);
          p = String.format(Locale.ROOT, "%.2f", price[0]);
          size = Integer.toString(r.nextInt(300) == 0 ? 2000 + r.nextInt(3000) : 1 + r.nextInt(50));
        }
        case 1 -> {
          price[1] = Math.max(1000, price[1] + (r.nextInt(201) - 100) * 0.01);
          p = String.format(Locale.ROOT, "%.2f", price[1]);
          double lot = r.nextInt(300) == 0 ? 100 + r.nextDouble() * 50 : 0.001 + r.nextDouble() * 2;
          size = String.format(Locale.ROOT, "%." + (3 + r.nextInt(4)) + "f", lot);
        }
        default -> {
          price[2] = Math.max(1, price[2] + (r.nextInt(7) - 3) * 0.01);
          p = String.format(Locale.ROOT, "%.2f", price[2]);
          int u2 = r.nextInt(300);
          size = u2 < 3 ? "0" : Integer.toString(u2 == 3 ? 20_000 + r.nextInt(30_000) : 1 + r.nextInt(500));
        }
      }
      // Databento writes 9 fraction digits; Instant.toString as few as it needs.
      String time = defects ? Instant.ofEpochSecond(0, clock[s]).toString() : NINE_DIGITS.format(Instant.ofEpochSecond(0, clock[s]));
      String[] f = {time, SYMBOLS[s], p, size, SIDES[r.nextInt(defects ? SIDES.length : 4)]};
      if (defects && r.nextInt(70) == 0) {
        spoil(f, r);
      }
      String line = String.join(",", f);
      if (f[4] == null) {
        line = String.join(",", f[0], f[1], f[2], f[3]);
      }
      all.add(new Trade(clock[s], line));
    }
    all.sort((a, b) -> Long.compare(a.t(), b.t()));
    List<List<String>> byFile = new ArrayList<>();
    for (int k = 0; k < files; k++) {
      byFile.add(new ArrayList<>());
    }
    for (int i = 0; i < all.size(); i++) {
      int k = (int) ((long) i * files / all.size());
      if (lateAcrossFiles && k + 1 < files && r.nextInt(50) == 0) {
        k++;
      }
      byFile.get(k).add(all.get(i).line());
    }
    Files.createDirectories(dir);
    List<Path> paths = new ArrayList<>();
    for (int k = 0; k < files; k++) {
      List<String> lines = byFile.get(k);
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (defects && r.nextInt(100) == 0) {
          Collections.swap(lines, i, i + 1);
        }
      }
      lines.add(0, Oracle.TRADES_HEADER);
      Path path = dir.resolve("trades-" + k + ".csv");
      Files.write(path, lines, StandardCharsets.UTF_8);
      paths.add(path);
    }
    return paths;
  }

  /** Makes the trade of fields {@code f} bad in one of the ways tickbars rejects. */
  private static void spoil(String[] f, Random r) {
    switch (r.nextInt(13)) {
      case 0 -> f[4] = null;
      case 1 -> f[1] = "";
      case 2 -> f[1] = "ES$";
      case 3 -> f[0] = "2025-07-04T25:00:00Z";
      case 4 -> f[2] = f[2] + "x";
      case 5 -> f[2] = "0";
      case 6 -> f[2] = "-" + f[2];
      case 7 -> f[2] = "NaN";
      case 8 -> f[2] = "Infinity";
      case 9 -> f[3] = "-3";
      case 10 -> f[3] = "NaN";
      case 11 -> f[3] = "Infinity";
      default -> f[4] = "X";
    }
  }
}
