package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.transforms.values.OutputRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * How the files of an output folder ({@code bars_<frame>}, {@code tick_slices_<frame>}) are named
 * and which columns they hold (SPEC 8, {@code --layout}). A file holds one symbol's rows, and what
 * of them it holds is its "what": a task's first day ({@code 2025-07-01}, {@code 2025-07-01T03}
 * when a day is cut into hours), {@code joined}, {@code last}, a watch's batch ({@code
 * w1-000000004000}), with {@code -r<run>} after the first run. The layout is recorded in the
 * ledger, and everything that reads an output back follows it.
 */
public enum OutputLayout {
  /**
   * {@code bars_1m/EURUSD-2025-07-01.parquet}: the files of every symbol side by side, the symbol
   * a column of every file, so that every reader opens a folder and a single file alike.
   */
  FLAT(OutputRecords.BAR, OutputRecords.TICK_SLICE) {
    @Override
    public String file(String root, String folder, String symbol, String what) {
      return root + "/" + folder + "/" + symbol + "-" + what + ".parquet";
    }

    @Override
    public String symbolOf(Path relative) {
      Matcher m = FLAT_NAME.matcher(relative.getFileName().toString());
      return relative.getNameCount() == 1 && m.matches() ? m.group(1) : null;
    }

    @Override
    public String whatOf(Path relative) {
      Matcher m = FLAT_NAME.matcher(relative.getFileName().toString());
      return m.matches() ? m.group(2) : stem(relative);
    }
  },

  /**
   * {@code bars_1m/symbol=EURUSD/2025-07-01.parquet}: the data-lake convention of Hive partitions
   * (DuckDB's {@code PARTITION_BY}, pyarrow's {@code write_to_dataset}, Spark's {@code
   * partitionBy}), the symbol in the folder's name and not in the files.
   */
  HIVE(OutputRecords.BAR_WITHOUT_SYMBOL, OutputRecords.TICK_SLICE_WITHOUT_SYMBOL) {
    @Override
    public String file(String root, String folder, String symbol, String what) {
      return root + "/" + folder + "/" + PARTITION + symbol + "/" + what + ".parquet";
    }

    @Override
    public String symbolOf(Path relative) {
      String parent = relative.getNameCount() == 2 ? relative.getName(0).toString() : "";
      return parent.startsWith(PARTITION) ? parent.substring(PARTITION.length()) : null;
    }

    @Override
    public String whatOf(Path relative) {
      return stem(relative);
    }
  };

  /** The ledger's name of the layout in its {@code shape}. */
  public static final String OPTION = "layout";
  private static final String BARS = "bars_";
  private static final String SLICES = "tick_slices_";
  private static final String PARTITION = "symbol=";
  /** A flat file's name: the symbol, then what of its rows the file holds. */
  private static final Pattern FLAT_NAME =
      Pattern.compile("(.+)-(\\d{4}-\\d{2}-\\d{2}(?:T\\d{2})?(?:-r\\d+)?|joined(?:-r\\d+)?|last|w\\d+-\\d+)\\.parquet");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  /** The folder of a frame's bars: {@code bars_1m}. */
  public static String barsFolder(Object frame) {
    return BARS + frame;
  }

  /** The folder of the slices of a tick frame: {@code tick_slices_1000t}. */
  public static String slicesFolder(Object frame) {
    return SLICES + frame;
  }

  /** Whether an entry of the output is a folder of bars. */
  public static boolean isBarsFolder(String name) {
    return name.startsWith(BARS);
  }

  /** Whether an entry of the output is a folder of slices. */
  public static boolean isSlicesFolder(String name) {
    return name.startsWith(SLICES);
  }

  private final Schema bars;
  private final Schema slices;

  OutputLayout(Schema bars, Schema slices) {
    this.bars = bars;
    this.slices = slices;
  }

  /** The path of the file of {@code symbol}'s rows of {@code what} in {@code root/folder}. */
  public abstract String file(String root, String folder, String symbol, String what);

  /**
   * The symbol of a file, from its path relative to its folder ({@code bars_1m}); null for a
   * file of no symbol, such as the empty file of a folder without rows.
   */
  public abstract String symbolOf(Path relative);

  /** What of a symbol's rows a file holds ({@code last}, {@code 2025-07-01}, ...), from its relative path. */
  public abstract String whatOf(Path relative);

  /** The schema of the bar files. */
  public Schema bars() {
    return bars;
  }

  /** The schema of the slice files. */
  public Schema slices() {
    return slices;
  }

  /** The option's value: {@code flat} or {@code hive}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The layout of {@code --layout}; a usage error for another name. */
  public static OutputLayout parse(String name) {
    for (OutputLayout l : values()) {
      if (l.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new UsageException("unknown --layout '" + name + "' (use flat or hive)");
  }

  /**
   * The layout of {@code folder} ({@code bars_1m}, ...) of the output in {@code root}, as the
   * output's ledger records it. A ledger of a tickbars before layouts records none: its outputs
   * have {@code symbol=} folders, read as {@link #HIVE}, by the folder's name. A folder without a
   * ledger (copied out of its output) is told by its look: {@code symbol=} folders or not.
   */
  public static OutputLayout recorded(String root, String folder) throws IOException {
    Ledger ledger = Ledger.read(root);
    if (ledger != null) {
      String label = ledger.shape.get(OPTION);
      return label == null ? HIVE : parse(label);
    }
    return Storage.list(folder).stream().anyMatch(f -> f.startsWith(PARTITION) && f.contains("/")) ? HIVE : FLAT;
  }

  /**
   * What a task whose first chunk starts at {@code fromHour} holds: its UTC date, {@code
   * yyyy-MM-dd}, and {@code Thh} when the chunk is not a whole day.
   */
  public static String chunk(long fromHour) {
    java.time.Instant start = java.time.Instant.ofEpochSecond(0, Hours.startNs(fromHour));
    return (Math.floorMod(fromHour, Hours.PER_DAY) == 0 ? DAY : HOUR).format(start);
  }

  private static String stem(Path relative) {
    String name = relative.getFileName().toString();
    return name.endsWith(".parquet") ? name.substring(0, name.length() - ".parquet".length()) : name;
  }
}
