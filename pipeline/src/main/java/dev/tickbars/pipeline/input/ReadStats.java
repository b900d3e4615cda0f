package dev.tickbars.pipeline.input;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tickbars.transforms.values.Cumulative;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What reading saw, per file and per symbol: the counts the manifest and the summary report.
 * One per file from the scan of the batch graph or the reader of the watch graph, merged into one for the run.
 */
public final class ReadStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Counts of one input file. */
  public static final class FileCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty("lines") public long lines;
    @JsonProperty("data_lines") public long dataLines;
    @JsonProperty("accepted") public long accepted;
    @JsonProperty("rejected") public long rejected;
    @JsonProperty("trimmed") public long trimmed;
    /** The entries of a zip that hold no ticks by their name, passed over. */
    @JsonProperty("passed_over") @JsonInclude(JsonInclude.Include.NON_EMPTY) public List<String> passedOver = new ArrayList<>();
  }

  /** Accepted ticks of one symbol, with the first and last tick time. */
  public static final class SymbolCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty("ticks") public long ticks;
    @JsonProperty("first_tick_ns") public long firstNs = Long.MAX_VALUE;
    @JsonProperty("last_tick_ns") public long lastNs = Long.MIN_VALUE;
    /** The exact volume and value of the ticks, where a frame is cut by them, in {@link Cumulative} units. */
    @JsonProperty("volume_units") @JsonInclude(JsonInclude.Include.NON_NULL) public BigInteger volume;
    @JsonProperty("value_units") @JsonInclude(JsonInclude.Include.NON_NULL) public BigInteger value;

    public void add(long timeNs) {
      ticks++;
      firstNs = Math.min(firstNs, timeNs);
      lastNs = Math.max(lastNs, timeNs);
    }

    /** Adds the volume and value {@code c}. */
    public void addSums(Cumulative c) {
      Cumulative all = sums().plus(c);
      volume = all.volume();
      value = all.value();
    }

    /** The volume and value of the ticks; zero where none were summed. */
    public Cumulative sums() {
      return new Cumulative(volume == null ? BigInteger.ZERO : volume, value == null ? BigInteger.ZERO : value);
    }

    void merge(SymbolCounts o) {
      ticks += o.ticks;
      firstNs = Math.min(firstNs, o.firstNs);
      lastNs = Math.max(lastNs, o.lastNs);
      if (o.volume != null) {
        addSums(o.sums());
      }
    }
  }

  @JsonProperty("files") public TreeMap<String, FileCounts> files = new TreeMap<>();
  @JsonProperty("rejected_by_reason") public TreeMap<String, Long> rejectedByReason = new TreeMap<>();
  @JsonProperty("symbols") public TreeMap<String, SymbolCounts> symbols = new TreeMap<>();

  /** The counts of one file, for the reader to fill. */
  public FileCounts file(String path) {
    return files.computeIfAbsent(path, p -> new FileCounts());
  }

  public SymbolCounts symbol(String symbol) {
    return symbols.computeIfAbsent(symbol, s -> new SymbolCounts());
  }

  public void reject(String path, String reason) {
    file(path).rejected++;
    rejectedByReason.merge(reason, 1L, Long::sum);
  }

  public long dataLines() {
    return files.values().stream().mapToLong(f -> f.dataLines).sum();
  }

  public long accepted() {
    return files.values().stream().mapToLong(f -> f.accepted).sum();
  }

  public long rejected() {
    return files.values().stream().mapToLong(f -> f.rejected).sum();
  }

  public long trimmed() {
    return files.values().stream().mapToLong(f -> f.trimmed).sum();
  }

  /** The sum of {@code all}. */
  public static ReadStats merge(Iterable<ReadStats> all) {
    ReadStats m = new ReadStats();
    for (ReadStats s : all) {
      s.files.forEach(
          (path, f) -> {
            FileCounts c = m.file(path);
            c.lines += f.lines;
            c.dataLines += f.dataLines;
            c.accepted += f.accepted;
            c.rejected += f.rejected;
            c.trimmed += f.trimmed;
            c.passedOver.addAll(f.passedOver);
          });
      s.rejectedByReason.forEach((r, n) -> m.rejectedByReason.merge(r, n, Long::sum));
      s.symbols.forEach((sym, c) -> m.symbol(sym).merge(c));
    }
    return m;
  }
}
