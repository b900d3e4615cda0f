package dev.tickbars.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference: what tickbars must write for TrueFX-layout quote files, or for trade files with the
 * header {@code ts_event,symbol,price,size,side}, computed by the plainest loop there is, sharing no
 * code with tickbars. Lines are split with String.split, times read with java.time, ticks sorted
 * with a comparator, bars built by walking each symbol's sorted ticks.
 */
public final class Oracle {
  private static final DateTimeFormatter TRUEFX = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss.SSS");

  /** An accepted tick and where it came from: a quote (price and size NaN) or a trade (bid and ask NaN). */
  record Tick(String symbol, long t, int file, long line, double bid, double ask, double price, double size, String side) {}

  /** The header of the trade files {@link #ofTrades} reads. */
  public static final String TRADES_HEADER = "ts_event,symbol,price,size,side";

  /** The settings a run was made with. */
  public record Settings(
      List<String> frames,
      String sliceFrame,
      String basis,
      double maxGapSeconds,
      String weekendStart,
      String weekendEnd) {}

  public final Map<String, List<Map<String, Object>>> bars = new TreeMap<>();
  public final List<Map<String, Object>> slices = new ArrayList<>();
  public final Map<String, Long> rejectedByReason = new TreeMap<>();
  /** Each rejected line as {@code <file name>:<line>:<reason>}, in file and line order. */
  public final List<String> rejects = new ArrayList<>();
  public long dataLines;
  public long accepted;
  public long trimmed;
  /** The data-quality numbers of each symbol, by plain loops (see {@link Quality}). */
  public final Map<String, Quality> quality = new TreeMap<>();

  /** A symbol's quality numbers; gaps as {start, end} in ns, spreads and moves in pips. */
  public static final class Quality {
    public long crossed;
    public long locked;
    public long weekendTicks;
    public long outOfOrder;
    public long duplicates;
    public final List<long[]> gaps = new ArrayList<>();
    public long jumps;
    public double largestMovePips;
    public final List<Long> spreadMilliPips = new ArrayList<>();
    /** The accepted trades' sizes, each to 3 significant digits. */
    public final List<Double> sizes = new ArrayList<>();

    /** The nearest-rank quantile of the trades' sizes. */
    public double size(double q) {
      List<Double> sorted = new ArrayList<>(sizes);
      sorted.sort(null);
      return sorted.get((int) Math.max(0, Math.ceil(q * sorted.size()) - 1));
    }

    /** The trades over 50 times the median size. */
    public long sizeOutliers() {
      double above = 50 * size(0.5);
      return sizes.stream().filter(v -> v > above).count();
    }

    /** The nearest-rank quantile of the spreads, in pips. */
    public double spread(double q) {
      List<Long> sorted = new ArrayList<>(spreadMilliPips);
      sorted.sort(null);
      return sorted.get((int) Math.max(0, Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }
  }

  public static double pip(String symbol) {
    return symbol.endsWith("JPY") ? 0.01 : 0.0001;
  }

  /** Computes everything for TrueFX-layout {@code files}, given in sorted path order. */
  public static Oracle of(List<Path> files, Settings s) throws IOException {
    return of(files, s, false);
  }

  /** Computes everything for trade {@code files} of {@link #TRADES_HEADER}, given in sorted path order. */
  public static Oracle ofTrades(List<Path> files, Settings s) throws IOException {
    return of(files, s, true);
  }

  private static Oracle of(List<Path> files, Settings s, boolean trades) throws IOException {
    Oracle o = new Oracle();
    List<Tick> ticks = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      List<String> lines = Files.readAllLines(files.get(f), StandardCharsets.UTF_8);
      for (int i = trades ? 1 : 0; i < lines.size(); i++) {
        String line = lines.get(i).replace("\r", "");
        if (line.isBlank()) {
          continue;
        }
        o.dataLines++;
        String reason = trades ? o.readTrade(line, f, i + 1, s, ticks) : o.read(line, f, i + 1, s, ticks);
        if (reason != null) {
          o.rejectedByReason.merge(reason, 1L, Long::sum);
          o.rejects.add(files.get(f).getFileName() + ":" + (i + 1) + ":" + reason);
        }
      }
    }
    // In file order: a tick earlier than the symbol's accepted tick before it in its file.
    Map<String, Long> lastInFile = new TreeMap<>();
    for (Tick t : ticks) {
      Long before = lastInFile.put(t.file() + "/" + t.symbol(), t.t());
      Quality q = o.quality(t.symbol());
      if (before != null && t.t() < before) {
        q.outOfOrder++;
      }
      if (trades) {
        continue;
      }
      if (t.bid() == t.ask()) {
        q.locked++;
      }
      q.spreadMilliPips.add(Math.round((t.ask() - t.bid()) / pip(t.symbol()) * 1000));
    }
    ticks.sort(
        Comparator.comparing(Tick::symbol)
            .thenComparingLong(Tick::t)
            .thenComparingInt(Tick::file)
            .thenComparingLong(Tick::line));
    Map<String, List<Tick>> bySymbol = new TreeMap<>();
    for (Tick t : ticks) {
      bySymbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t);
    }
    // In tick order: gaps, exact duplicates (an earlier tick at the same time with the same
    // quotes), moves between consecutive prices.
    bySymbol.forEach((sym, list) -> {
      Quality q = o.quality(sym);
      for (int i = 1; i < list.size(); i++) {
        Tick t = list.get(i);
        Tick before = list.get(i - 1);
        if (t.t() - before.t() > s.maxGapSeconds() * 1e9) {
          q.gaps.add(new long[] {before.t(), t.t()});
        }
        double move = Math.abs(price(t, s.basis()) - price(before, s.basis())) / pip(sym);
        if (move > 10) {
          q.jumps++;
        }
        q.largestMovePips = Math.max(q.largestMovePips, move);
        for (int j = i - 1; j >= 0 && list.get(j).t() == t.t(); j--) {
          Tick u = list.get(j);
          if (Double.compare(u.bid(), t.bid()) == 0 && Double.compare(u.ask(), t.ask()) == 0
              && Double.compare(u.price(), t.price()) == 0 && Double.compare(u.size(), t.size()) == 0
              && java.util.Objects.equals(u.side(), t.side())) {
            q.duplicates++;
            break;
          }
        }
      }
    });
    for (String frame : s.frames()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      bySymbol.forEach((sym, list) -> rows.addAll(bars(sym, list, frame, s)));
      o.bars.put(frame, rows);
    }
    bySymbol.forEach(
        (sym, list) -> {
          long[] bar = barKeys(list, s.sliceFrame(), s);
          for (int id = 0; id < list.size(); id++) {
            Tick t = list.get(id);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", sym);
            row.put("tick_id", (long) id);
            row.put("bar_idx", bar[id]);
            row.put("t_ns", t.t());
            row.put("bid", orNull(t.bid()));
            row.put("ask", orNull(t.ask()));
            row.put("bid_volume", null);
            row.put("ask_volume", null);
            row.put("price", orNull(t.price()));
            row.put("size", orNull(t.size()));
            row.put("side", t.side());
            o.slices.add(row);
          }
        });
    return o;
  }

  /** Adds the tick of {@code line} or returns why it is none. */
  private String read(String line, int file, long lineNo, Settings s, List<Tick> ticks) {
    String[] f = line.split(",", -1);
    if (f.length != 4) {
      return "wrong_field_count";
    }
    String symbol = symbol(f[0]);
    if (symbol.isEmpty() || symbol.equals("?")) {
      return symbol.isEmpty() ? "missing_symbol" : "bad_symbol";
    }
    long t;
    try {
      LocalDateTime time = LocalDateTime.parse(f[1].trim(), TRUEFX);
      t = Math.addExact(Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), time.getNano());
    } catch (RuntimeException e) {
      return "bad_timestamp";
    }
    double bid;
    double ask;
    try {
      bid = Double.parseDouble(f[2].trim());
      ask = Double.parseDouble(f[3].trim());
    } catch (NumberFormatException e) {
      return "bad_number";
    }
    if (!(bid > 0 && ask > 0 && Double.isFinite(bid) && Double.isFinite(ask))) {
      return "non_positive_or_non_finite_price";
    }
    if (bid > 1e12 || ask > 1e12) {
      return "price_too_large";
    }
    if (bid > ask) {
      quality(symbol).crossed++;
      return "crossed_quote";
    }
    accept(new Tick(symbol, t, file, lineNo, bid, ask, Double.NaN, Double.NaN, null), s, ticks);
    return null;
  }

  /** {@code field}'s normalised symbol: empty when there is none, "?" when it is no symbol tickbars takes. */
  private static String symbol(String field) {
    if (field.trim().isEmpty()) {
      return "";
    }
    String symbol = field.trim().replace("/", "").toUpperCase(Locale.ROOT);
    return symbol.matches("[A-Z0-9^][A-Z0-9._^-]{0,63}") ? symbol : "?";
  }

  /** Counts a good tick as a weekend tick, and as trimmed or accepted. */
  private void accept(Tick tick, Settings s, List<Tick> ticks) {
    if (inWeekend(tick.t(), "FRI-22:00", "SUN-22:00")) {
      quality(tick.symbol()).weekendTicks++;
    }
    if (s.weekendStart() != null && inWeekend(tick.t(), s.weekendStart(), s.weekendEnd())) {
      trimmed++;
      return;
    }
    accepted++;
    ticks.add(tick);
    if (!Double.isNaN(tick.price())) {
      quality(tick.symbol()).sizes.add(new BigDecimal(Double.toString(tick.size())).round(new MathContext(3, RoundingMode.HALF_UP)).doubleValue());
    }
  }

  /** Adds the trade of {@code line} ({@link #TRADES_HEADER}) or returns why it is none. */
  private String readTrade(String line, int file, long lineNo, Settings s, List<Tick> ticks) {
    String[] f = line.split(",", -1);
    if (f.length != 5) {
      return "wrong_field_count";
    }
    String symbol = symbol(f[1]);
    if (symbol.isEmpty() || symbol.equals("?")) {
      return symbol.isEmpty() ? "missing_symbol" : "bad_symbol";
    }
    long t;
    try {
      java.time.Instant time = java.time.Instant.parse(f[0].trim());
      t = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    } catch (RuntimeException e) {
      return "bad_timestamp";
    }
    double price;
    double size;
    try {
      price = Double.parseDouble(f[2].trim());
      size = Double.parseDouble(f[3].trim());
    } catch (NumberFormatException e) {
      return "bad_number";
    }
    if (!(price > 0 && Double.isFinite(price))) {
      return "non_positive_or_non_finite_price";
    }
    if (price > 1e12) {
      return "price_too_large";
    }
    if (!(size >= 0 && size <= 1e15)) {
      return "negative_or_non_finite_size";
    }
    String side;
    switch (f[4].trim().toLowerCase(Locale.ROOT)) {
      case "b", "buy" -> side = "B";
      case "s", "sell", "a" -> side = "S";
      case "n", "" -> side = "N";
      default -> {
        return "unknown_side";
      }
    }
    accept(new Tick(symbol, t, file, lineNo, Double.NaN, Double.NaN, price, size, side), s, ticks);
    return null;
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private Quality quality(String symbol) {
    return quality.computeIfAbsent(symbol, k -> new Quality());
  }

  private static boolean inWeekend(long t, String weekendStart, String weekendEnd) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), 0, ZoneOffset.UTC);
    long minute = (time.getDayOfWeek().getValue() - 1) * 1440L + time.getHour() * 60L + time.getMinute();
    long start = weekMinute(weekendStart);
    long end = weekMinute(weekendEnd);
    return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  }

  private static long weekMinute(String dayTime) {
    List<String> days = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    String[] hm = dayTime.substring(4).split(":");
    return days.indexOf(dayTime.substring(0, 3)) * 1440L + Long.parseLong(hm[0]) * 60 + Long.parseLong(hm[1]);
  }

  /**
   * The bar of each of a symbol's sorted ticks in {@code frame}: a time bar's window number, a
   * tick bar's id / N, or a volume (value) bar's cumulative volume (price x size) before the tick,
   * over N, the sums taken exactly in decimals, each tick's amount rounded to 8 decimal places.
   */
  private static long[] barKeys(List<Tick> ticks, String frame, Settings s) {
    String unit = frame.replaceAll("[0-9]", "");
    long size = Long.parseLong(frame.replaceAll("[a-z]", ""));
    long[] keys = new long[ticks.size()];
    BigDecimal before = BigDecimal.ZERO;
    for (int id = 0; id < ticks.size(); id++) {
      Tick t = ticks.get(id);
      switch (unit) {
        case "t" -> keys[id] = id / size;
        case "v", "dv" -> {
          keys[id] = before.divideToIntegralValue(BigDecimal.valueOf(size)).longValueExact();
          BigDecimal volume = BigDecimal.valueOf(t.size());
          BigDecimal amount = unit.equals("v") ? volume : BigDecimal.valueOf(price(t, s.basis())).multiply(volume);
          before = before.add(amount.setScale(8, RoundingMode.HALF_UP));
        }
        default -> keys[id] = Math.floorDiv(t.t(), size * unitSeconds(unit.charAt(0)) * 1_000_000_000L);
      }
    }
    return keys;
  }

  private static List<Map<String, Object>> bars(String sym, List<Tick> ticks, String frame, Settings s) {
    boolean timeFrame = frame.matches("[0-9]+[smhd]");
    long frameNs = timeFrame ? Long.parseLong(frame.replaceAll("[a-z]", "")) * unitSeconds(frame.charAt(frame.length() - 1)) * 1_000_000_000L : 0;
    long[] keys = barKeys(ticks, frame, s);
    Map<Long, List<Integer>> members = new TreeMap<>();
    for (int id = 0; id < ticks.size(); id++) {
      members.computeIfAbsent(keys[id], k -> new ArrayList<>()).add(id);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    members.forEach(
        (key, ids) -> {
          Tick first = ticks.get(ids.get(0));
          Tick last = ticks.get(ids.get(ids.size() - 1));
          double high = Double.NEGATIVE_INFINITY;
          double low = Double.POSITIVE_INFINITY;
          double spread = 0;
          double traded = 0;
          double value = 0;
          for (int id : ids) {
            double p = price(ticks.get(id), s.basis());
            high = Math.max(high, p);
            low = Math.min(low, p);
            spread += ticks.get(id).ask() - ticks.get(id).bid();
            traded += ticks.get(id).size();
            value += ticks.get(id).price() * ticks.get(id).size();
          }
          boolean trades = !Double.isNaN(first.price());
          int firstId = ids.get(0);
          boolean gap = firstId > 0 && first.t() - ticks.get(firstId - 1).t() > s.maxGapSeconds() * 1e9;
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("symbol", sym);
          row.put("frame", frame);
          row.put("t_open_ns", timeFrame ? key * frameNs : first.t());
          row.put("t_close_ns", timeFrame ? (key + 1) * frameNs : last.t());
          row.put("o", price(first, s.basis()));
          row.put("h", high);
          row.put("l", low);
          row.put("c", price(last, s.basis()));
          row.put("o_bid", orNull(first.bid()));
          row.put("o_ask", orNull(first.ask()));
          row.put("c_bid", orNull(last.bid()));
          row.put("c_ask", orNull(last.ask()));
          row.put("spread_mean", orNull(spread / ids.size()));
          row.put("n_ticks", ids.size());
          row.put("v_sum", trades ? traded : (double) ids.size());
          row.put("tick_first_id", (long) firstId);
          row.put("tick_last_id", (long) ids.get(ids.size() - 1));
          row.put("vwap", trades ? value / traded : null);
          row.put("value", trades ? value : null);
          row.put("gap_flag", gap ? 1 : 0);
          rows.add(row);
        });
    return rows;
  }

  private static long unitSeconds(char unit) {
    return unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400;
  }

  private static double price(Tick t, String basis) {
    return basis.equals("trade") ? t.price() : basis.equals("bid") ? t.bid() : basis.equals("ask") ? t.ask() : (t.bid() + t.ask()) / 2;
  }
}
