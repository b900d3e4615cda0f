package dev.tickbars.transforms.parse;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one input file's lines map to ticks: the named format it was recognised as, the delimiter,
 * whether its first line is a header, how many fields a line has, where each column is, the
 * symbol when the file has no symbol column, and the zone of timestamps without an offset.
 */
public final class Layout implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The format of a file without ticks. */
  public static final String EMPTY = "empty";

  private final String format;
  private final byte delimiter;
  private final boolean header;
  private final int fieldCount;
  private final int[] index;
  private final String symbol;
  private final String zone;

  public Layout(
      String format,
      byte delimiter,
      boolean header,
      int fieldCount,
      Map<Column, Integer> columns,
      String symbol,
      ZoneId zone) {
    this.format = format;
    this.delimiter = delimiter;
    this.header = header;
    this.fieldCount = fieldCount;
    this.index = new int[Column.values().length];
    Arrays.fill(index, -1);
    columns.forEach((c, i) -> index[c.ordinal()] = i);
    this.symbol = symbol;
    this.zone = zone.getId();
  }

  public String format() {
    return format;
  }

  public byte delimiter() {
    return delimiter;
  }

  public boolean header() {
    return header;
  }

  public int fieldCount() {
    return fieldCount;
  }

  /** The field index of a column, or -1 when the file has none. */
  public int index(Column c) {
    return index[c.ordinal()];
  }

  public boolean has(Column c) {
    return index(c) >= 0;
  }

  /** The symbol of every line when the file has no symbol column, else null. */
  public String symbol() {
    return symbol;
  }

  public ZoneId zone() {
    return ZoneId.of(zone);
  }

  public Map<Column, Integer> columns() {
    Map<Column, Integer> m = new EnumMap<>(Column.class);
    for (Column c : Column.values()) {
      if (has(c)) {
        m.put(c, index(c));
      }
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Layout)) {
      return false;
    }
    Layout l = (Layout) o;
    return format.equals(l.format) && delimiter == l.delimiter && header == l.header
        && fieldCount == l.fieldCount && Arrays.equals(index, l.index)
        && Objects.equals(symbol, l.symbol) && zone.equals(l.zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, delimiter, header, fieldCount, Arrays.hashCode(index), symbol, zone);
  }

  @Override
  public String toString() {
    return format + " " + columns() + (header ? " (header)" : "") + " zone=" + zone
        + (symbol != null ? " symbol=" + symbol : "");
  }
}
