package dev.tickbars.pipeline.tools;

import dev.tickbars.pipeline.common.UsageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes deterministic TrueFX-layout tick files ({@code symbol,yyyyMMdd HH:mm:ss.SSS,bid,ask}) of
 * three FX pairs, for the benchmark, the tests and demos. The data starts ten minutes before an FX
 * weekend and mostly skips weekends, a few ticks landing inside. With defects on, it also holds
 * what real files hold: ties within a millisecond, late arrivals (a tick earlier than the line
 * before it, also across a file boundary), gaps of minutes, weekend ticks, ticks exactly on a
 * minute, locked quotes, price jumps of 15-25 pips, a line written twice, and one bad line of each
 * kind now and then.
 *
 * <p>A subcommand of the jar: {@code java -jar tickbars.jar sample DIR TICKS [FILES] [SEED]
 * [--defects]}, so that a user can try tickbars, and the benchmark and the reader suite can make
 * their input, without data of their own.
 */
public final class SampleTicks {
  private static final String[] SYMBOLS = {"EUR/USD", "USD/JPY", "GBP/USD"};
  private static final double[] START = {1.17002, 143.101, 1.35120};
  private static final double[] PIP = {0.00001, 0.001, 0.00001};
  private static final DateTimeFormatter TRUEFX =
      DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  /** Friday 2025-07-04 21:50 UTC: ten minutes before the FX weekend. */
  private static final long START_MS = Instant.parse("2025-07-04T21:50:00Z").toEpochMilli();
  private static final long WEEK_MS = 7 * 86_400_000L;
  /** Friday 22:00 and Sunday 22:00 UTC, in milliseconds since Monday 00:00. */
  private static final long WEEKEND_START_MS = (4 * 24 + 22) * 3_600_000L;
  private static final long WEEKEND_END_MS = (6 * 24 + 22) * 3_600_000L;

  private SampleTicks() {}

  /** {@code sample DIR TICKS [FILES] [SEED] [--defects]}: writes the files and says where. */
  public static int run(List<String> args, PrintStream out) throws IOException {
    boolean defects = args.contains("--defects");
    List<String> values = args.stream().filter(a -> !a.equals("--defects")).toList();
    if (values.size() < 2 || values.size() > 4) {
      throw new UsageException("sample takes DIR TICKS [FILES] [SEED] [--defects]: java -jar tickbars.jar sample ticks 100000 3");
    }
    try {
      Path dir = Paths.get(values.get(0));
      long ticks = Long.parseLong(values.get(1).replace("_", ""));
      int files = values.size() > 2 ? Integer.parseInt(values.get(2)) : 1;
      long seed = values.size() > 3 ? Long.parseLong(values.get(3)) : 1;
      if (ticks < 0 || files < 1) {
        throw new NumberFormatException();
      }
      write(dir, ticks, files, seed, defects);
      out.printf(Locale.ROOT, "tickbars: %,d ticks of %s in %d file(s) in %s%n", ticks, String.join(", ", SYMBOLS), files, dir);
      return 0;
    } catch (NumberFormatException e) {
      throw new UsageException("sample: TICKS, FILES and SEED are whole numbers (TICKS 0 or more, FILES 1 or more), not " + values, e);
    }
  }

  /** Writes {@code ticks} lines into {@code files} files {@code ticks-000.csv}, ... of {@code dir}. */
  public static void write(Path dir, long ticks, int files, long seed, boolean defects)
      throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    double[] mid = START.clone();
    long timeMs = START_MS;
    long perFile = (ticks + files - 1) / files;
    long written = 0;
    for (int f = 0; f < files; f++) {
      Path file = dir.resolve(String.format(Locale.ROOT, "ticks-%03d.csv", f));
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
        long inFile = 0;
        while (inFile < perFile && written < ticks) {
          int s = random.nextInt(SYMBOLS.length);
          timeMs += step(random, defects);
          long inWeek = Math.floorMod(timeMs + 3 * 86_400_000L, WEEK_MS); // 1970-01-01 was a Thursday
          if (inWeek >= WEEKEND_START_MS && inWeek < WEEKEND_END_MS && random.nextInt(20) != 0) {
            timeMs += WEEKEND_END_MS - inWeek - random.nextInt(30_000); // most skip the weekend
          }
          long lineMs = defects ? lineTime(random, timeMs, inFile == 0 && f > 0) : timeMs;
          mid[s] += PIP[s] * (random.nextInt(7) - 3);
          if (defects && random.nextInt(400) == 0) {
            mid[s] += PIP[s] * (150 + random.nextInt(100)) * (random.nextBoolean() ? 1 : -1); // a jump of 15-25 pips
          }
          int spreadPips = defects && random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(4);
          double bid = mid[s];
          double ask = mid[s] + spreadPips * PIP[s];
          String line = line(SYMBOLS[s], lineMs, bid, ask, s);
          if (defects && random.nextInt(97) == 0) {
            line = defect(random, line, SYMBOLS[s], lineMs, bid, ask, s);
          }
          w.write(line);
          w.write('\n');
          if (defects && random.nextInt(300) == 0) {
            w.write(line); // the same tick twice
            w.write('\n');
          }
          inFile++;
          written++;
        }
      }
    }
  }

  /** The time a line of defects shows for a tick at {@code timeMs}: now and then late, or on the minute. */
  private static long lineTime(Random random, long timeMs, boolean firstOfLaterFile) {
    long lineMs = timeMs;
    if (random.nextInt(100) == 0) {
      lineMs = timeMs - 1 - random.nextInt(400); // a late arrival
    }
    if (firstOfLaterFile) {
      lineMs = timeMs - 250; // the new file starts before the previous one ended
    }
    if (random.nextInt(200) == 0) {
      lineMs = Math.floorDiv(timeMs, 60_000) * 60_000; // exactly on a minute
    }
    return lineMs;
  }

  /** Milliseconds to the next tick: mostly under a second, ties often, now and then a long gap. */
  private static long step(Random random, boolean defects) {
    int r = random.nextInt(1000);
    if (defects && r == 0) {
      return 60_000L + random.nextInt(240_000); // a gap of 1 to 5 minutes
    }
    if (r < 150) {
      return 0; // a tie
    }
    return 1 + random.nextInt(400);
  }

  private static String line(String symbol, long ms, double bid, double ask, int s) {
    String digits = PIP[s] < 0.0001 ? "%.5f" : "%.3f";
    return symbol + "," + TRUEFX.format(Instant.ofEpochMilli(ms)) + ","
        + String.format(Locale.ROOT, digits, bid) + "," + String.format(Locale.ROOT, digits, ask);
  }

  private static String defect(
      Random random, String good, String symbol, long ms, double bid, double ask, int s) {
    switch (random.nextInt(8)) {
      case 0:
        return good + ",extra"; // wrong number of fields
      case 1:
        return symbol + ",2025-13-45 99:99," + bid + "," + ask; // bad timestamp
      case 2:
        return symbol + "," + TRUEFX.format(Instant.ofEpochMilli(ms)) + ",1.2x3," + ask; // bad number
      case 3:
        return line(symbol, ms, -bid, ask, s); // non-positive price
      case 4:
        return line(symbol, ms, ask + PIP[s], ask, s); // crossed quote
      case 5:
        return "," + TRUEFX.format(Instant.ofEpochMilli(ms)) + "," + bid + "," + ask; // no symbol
      case 6:
        return "   "; // a blank line: skipped, not rejected
      default:
        return good.replace(",", " , ") + "\r"; // spaces and a CR: still a good tick
    }
  }
}
