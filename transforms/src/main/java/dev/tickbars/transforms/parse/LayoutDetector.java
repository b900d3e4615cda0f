package dev.tickbars.transforms.parse;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells a file's {@link Layout} from its first line and the user's options (SPEC 1).
 *
 * <p>A line with fewer than two numeric fields is a header and its columns are mapped by name.
 * A headerless file follows {@code --columns}, the named {@code --format}, or, for {@code auto},
 * its shape: a non-timestamp then a timestamp field is {@code symbol,time,bid,ask[,...]}
 * (TrueFX), a HistData timestamp ({@code yyyyMMdd HHmmssSSS}) first is HistData, any other
 * timestamp first is {@code time,bid,ask[,...]}. Every problem is an {@link
 * IllegalArgumentException} whose message names the file.
 */
public final class LayoutDetector implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** HistData's generic ASCII ticks are in EST without daylight saving. */
  public static final ZoneId HISTDATA_ZONE = ZoneOffset.ofHours(-5);

  private static final Pattern HISTDATA_TIME = Pattern.compile("\\d{8} \\d{6}(\\d{3})?");
  private static final List<String> IGNORED_COLUMN = List.of("_", "-", "skip");

  private final InputFormat format;
  private final List<String> columns;
  private final String symbol;
  private final ZoneId timezone;
  private final Column needed;
  private final String neededFor;

  /**
   * @param columns {@code --columns} names, or empty
   * @param symbol {@code --symbol}, or null
   * @param timezone {@code --timezone}, or null for the format's own (UTC; HistData UTC-05:00)
   */
  public LayoutDetector(InputFormat format, List<String> columns, String symbol, ZoneId timezone) {
    this.format = format;
    this.columns = List.copyOf(columns);
    this.symbol = symbol == null || symbol.isBlank() ? null : Symbols.normalize(symbol);
    if (this.symbol != null && !Symbols.isSafe(this.symbol)) {
      throw new IllegalArgumentException(
          "--symbol " + Printable.quote(symbol) + " is no symbol tickbars takes: 1 to " + Symbols.MAX_LENGTH
              + " of A-Z 0-9 . _ - ^, the first a letter, a digit or ^");
    }
    this.timezone = timezone;
    this.needed = null;
    this.neededFor = null;
  }

  private LayoutDetector(LayoutDetector d, Column needed, String neededFor) {
    this.format = d.format;
    this.columns = d.columns;
    this.symbol = d.symbol;
    this.timezone = d.timezone;
    this.needed = needed;
    this.neededFor = neededFor;
  }

  /**
   * This detector, but a file without the column {@code c} is an error, which {@code why} explains
   * ("which --priceBasis=mid needs ...").
   */
  public LayoutDetector needing(Column c, String why) {
    return new LayoutDetector(this, c, why);
  }

  /** Throws the error of {@link #needing} when {@code layout}, of {@code file}, lacks the needed column. */
  public void requireNeeded(String file, Layout layout) {
    if (needed != null && !layout.has(needed) && !layout.format().equals(Layout.EMPTY)) {
      throw new IllegalArgumentException(
          file + ": has no " + needed.name().toLowerCase(Locale.ROOT) + " column, " + neededFor);
    }
  }

  /**
   * The layout of {@code file} whose first non-blank lines are {@code head}. When the first line
   * is neither a header (none of its fields names a column) nor data of a layout, the first of
   * the next lines that is data tells the layout, and the first line is a reject of the scan.
   */
  public Layout detect(String file, List<String> head) {
    Layout layout = detectAny(file, head);
    requireNeeded(file, layout);
    return layout;
  }

  private Layout detectAny(String file, List<String> head) {
    String first = head.isEmpty() ? null : head.get(0);
    try {
      return detect(file, first);
    } catch (IllegalArgumentException firstFails) {
      if (namesAColumn(first)) {
        throw firstFails;
      }
      for (String next : head.subList(1, head.size())) {
        try {
          Layout layout = detect(file, next);
          if (!layout.header()) {
            return layout;
          }
        } catch (IllegalArgumentException nextFails) {
          // not data either: try the line after it
        }
      }
      throw firstFails;
    }
  }

  private static boolean namesAColumn(String line) {
    String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
    return split(l, delimiterOf(l)).stream().anyMatch(f -> Column.forName(f) != null);
  }

  /**
   * The layout of {@code file} whose first non-blank line is {@code firstLine}; a file without one
   * (null or blank) has no ticks and gets the layout {@code empty}.
   */
  public Layout detect(String file, String firstLine) {
    if (firstLine != null && firstLine.startsWith("\uFEFF")) {
      firstLine = firstLine.substring(1);
    }
    if (firstLine == null || firstLine.isBlank()) {
      return new Layout(
          Layout.EMPTY, (byte) ',', false, 4, positional(Column.SYMBOL, Column.TIME, Column.BID, Column.ASK),
          null, ZoneOffset.UTC);
    }
    byte delimiter = delimiterOf(firstLine);
    List<String> fields = split(firstLine, delimiter);
    boolean header = numericFields(fields) < 2;
    if (header) {
      return fromHeader(file, fields, delimiter);
    }
    return headerless(file, fields, delimiter);
  }

  private Layout fromHeader(String file, List<String> names, byte delimiter) {
    if (format == InputFormat.TRUEFX || format == InputFormat.HISTDATA) {
      throw new IllegalArgumentException(
          file + ": starts with a header line, but --format=" + format.label() + " has none");
    }
    Map<Column, Integer> map = new EnumMap<>(Column.class);
    for (int i = 0; i < names.size(); i++) {
      Column c = Column.forName(names.get(i));
      if (c != null && !map.containsKey(c)) {
        map.put(c, i);
      }
    }
    Column missing = missing(map);
    if (missing != null) {
      throw new IllegalArgumentException(
          file + ": header " + Printable.quote(String.join(String.valueOf((char) delimiter), names)) + " has no " + missing.name().toLowerCase(Locale.ROOT)
              + " column");
    }
    String name = format == InputFormat.DUKASCOPY || looksLikeDukascopy(names) ? "dukascopy" : "csv";
    return build(file, name, delimiter, true, names.size(), map, ZoneOffset.UTC);
  }

  private Layout headerless(String file, List<String> fields, byte delimiter) {
    if (format == InputFormat.CSV || format == InputFormat.DUKASCOPY) {
      throw new IllegalArgumentException(
          file + ": has no header line, which --format=" + format.label() + " needs");
    }
    if (!columns.isEmpty()) {
      return build(file, "csv", delimiter, false, columns.size(), namedColumns(), ZoneOffset.UTC);
    }
    if (format == InputFormat.TRUEFX) {
      return truefx(file, delimiter, 4);
    }
    if (format == InputFormat.HISTDATA) {
      return histdata(file, delimiter);
    }
    int n = fields.size();
    boolean firstIsTime = n > 0 && isTimestamp(fields.get(0));
    boolean secondIsTime = n > 1 && isTimestamp(fields.get(1));
    if (!firstIsTime && secondIsTime && n >= 4 && n <= 6) {
      return truefx(file, delimiter, n);
    }
    if (firstIsTime && n == 4 && HISTDATA_TIME.matcher(fields.get(0)).matches()) {
      return histdata(file, delimiter);
    }
    if (firstIsTime && n >= 3 && n <= 5) {
      Map<Column, Integer> map = positional(Column.TIME, Column.BID, Column.ASK);
      addVolumes(map, 3, n);
      return build(file, "csv", delimiter, false, n, map, ZoneOffset.UTC);
    }
    throw new IllegalArgumentException(
        file + ": cannot tell the layout of its first line " + Printable.quote(String.join(String.valueOf((char) delimiter), fields))
            + "; pass --format or --columns");
  }

  /** {@code symbol,time,bid,ask}, plus one volume or bid and ask volumes when there are more. */
  private Layout truefx(String file, byte delimiter, int n) {
    Map<Column, Integer> map = positional(Column.SYMBOL, Column.TIME, Column.BID, Column.ASK);
    addVolumes(map, 4, n);
    return build(file, n == 4 ? "truefx" : "csv", delimiter, false, n, map, ZoneOffset.UTC);
  }

  private Layout histdata(String file, byte delimiter) {
    Map<Column, Integer> map = positional(Column.TIME, Column.BID, Column.ASK, Column.VOLUME);
    return build(file, "histdata", delimiter, false, 4, map, HISTDATA_ZONE);
  }

  private static void addVolumes(Map<Column, Integer> map, int first, int n) {
    if (n - first == 1) {
      map.put(Column.VOLUME, first);
    } else if (n - first == 2) {
      map.put(Column.BID_VOLUME, first);
      map.put(Column.ASK_VOLUME, first + 1);
    }
  }

  private Map<Column, Integer> namedColumns() {
    Map<Column, Integer> map = new EnumMap<>(Column.class);
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).strip();
      if (IGNORED_COLUMN.contains(name)) {
        continue;
      }
      Column c = Column.forName(name);
      if (c == null) {
        throw new IllegalArgumentException("--columns: unknown column " + Printable.quote(name));
      }
      map.put(c, i);
    }
    Column missing = missing(map);
    if (missing != null) {
      throw new IllegalArgumentException("--columns: needs a " + missing.name().toLowerCase(Locale.ROOT) + " column");
    }
    return map;
  }

  /**
   * The first column that {@code map} lacks, or null: a time, and a quote (bid and ask), a trade
   * (price and size) or both. A trade file's one {@code volume} column, beside no bid or ask
   * volume, is its size: {@code map} is changed so.
   */
  private static Column missing(Map<Column, Integer> map) {
    if (map.containsKey(Column.PRICE) && !map.containsKey(Column.SIZE) && map.containsKey(Column.VOLUME)
        && !map.containsKey(Column.BID_VOLUME) && !map.containsKey(Column.ASK_VOLUME)) {
      map.put(Column.SIZE, map.remove(Column.VOLUME));
    }
    boolean trades = map.containsKey(Column.PRICE) || map.containsKey(Column.SIZE);
    List<Column> required = new ArrayList<>(List.of(Column.TIME));
    if (trades) {
      required.addAll(List.of(Column.PRICE, Column.SIZE));
    }
    if (!trades || map.containsKey(Column.BID) || map.containsKey(Column.ASK)) {
      required.addAll(List.of(Column.BID, Column.ASK));
    }
    return required.stream().filter(c -> !map.containsKey(c)).findFirst().orElse(null);
  }

  private Layout build(
      String file,
      String name,
      byte delimiter,
      boolean header,
      int fieldCount,
      Map<Column, Integer> map,
      ZoneId formatZone) {
    if (!map.containsKey(Column.SYMBOL) && symbol == null) {
      throw new IllegalArgumentException(file + ": has no symbol column; pass --symbol");
    }
    String fixed = map.containsKey(Column.SYMBOL) ? null : symbol;
    return new Layout(
        name, delimiter, header, fieldCount, map, fixed, timezone != null ? timezone : formatZone);
  }

  private static Map<Column, Integer> positional(Column... cs) {
    Map<Column, Integer> map = new EnumMap<>(Column.class);
    for (int i = 0; i < cs.length; i++) {
      map.put(cs[i], i);
    }
    return map;
  }

  private static boolean looksLikeDukascopy(List<String> names) {
    String first = names.isEmpty() ? "" : names.get(0).strip().toLowerCase(Locale.ROOT);
    return first.equals("gmt time")
        || (names.size() > 1 && names.get(1).strip().equalsIgnoreCase("askPrice"));
  }

  private static byte delimiterOf(String line) {
    if (line.indexOf(',') >= 0) {
      return ',';
    }
    if (line.indexOf(';') >= 0) {
      return ';';
    }
    return line.indexOf('\t') >= 0 ? (byte) '\t' : (byte) ',';
  }

  private static List<String> split(String line, byte delimiter) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(Pattern.quote(String.valueOf((char) delimiter)), -1)) {
      String s = f.strip();
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
        s = s.substring(1, s.length() - 1).strip();
      }
      out.add(s);
    }
    return out;
  }

  private static int numericFields(List<String> fields) {
    Numbers numbers = new Numbers();
    int n = 0;
    for (String f : fields) {
      byte[] b = f.getBytes(StandardCharsets.UTF_8);
      double v = numbers.parse(b, 0, b.length);
      if (b.length > 0 && numbers.valid() && !Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isTimestamp(String field) {
    byte[] b = field.getBytes(StandardCharsets.UTF_8);
    return b.length > 0 && Timestamps.utc().parse(b, 0, b.length) != Timestamps.INVALID;
  }
}
