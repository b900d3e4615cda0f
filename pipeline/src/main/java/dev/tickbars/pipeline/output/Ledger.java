package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Storage;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.transforms.coders.BarAccumulatorCoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * {@code OUT/ledger.json}: what an output was made of, so that an {@code --append} run reads only
 * the input files not in it and goes on where the earlier runs ended. Every run writes it, and it
 * is published with the output, before the manifest: the options that shape bars and ids, the
 * runs so far, each input file (path, rank, size, fingerprint, the run that read it), the read
 * counts of all runs together (which give each symbol's next tick id and last tick time), and each
 * frame and symbol's last bar as its merged partials.
 */
public final class Ledger {
  public static final String FILE = "ledger.json";

  /** An input file of a run. */
  public record FileEntry(
      @JsonProperty("path") String path,
      @JsonProperty("rank") int rank,
      @JsonProperty("size_bytes") long size,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("format") String format,
      @JsonProperty("run") int run) {}

  /** A frame and symbol's last bar: its partials, {@link BarAccumulatorCoder}-encoded, base64. */
  public record OpenBarEntry(
      @JsonProperty("frame") String frame,
      @JsonProperty("symbol") String symbol,
      @JsonProperty("partials") String partials) {}

  /**
   * The shape's key of the version of the bar schema and of the open bars' encoding: a ledger of
   * another cannot be added to.
   */
  public static final String SCHEMA = "schema";
  /** 3: bars with vwap and value, open bars with trades and their bar's index, volume sums (issue 18). */
  public static final String SCHEMA_VERSION = "3";

  @JsonProperty("shape") public TreeMap<String, String> shape = new TreeMap<>();
  @JsonProperty("runs") public int runs;
  @JsonProperty("files") public List<FileEntry> files = new ArrayList<>();
  @JsonProperty("stats") public ReadStats stats = new ReadStats();
  @JsonProperty("open_bars") List<OpenBarEntry> openBars = new ArrayList<>();

  /** The ledger of the output in {@code root}, or null when it has none. */
  static Ledger read(String root) throws IOException {
    String file = Storage.resolve(root, FILE);
    return Storage.exists(file) ? Json.MAPPER.readValue(Storage.read(file), Ledger.class) : null;
  }

  /**
   * The ledger a run of {@code mode} ({@code --append}, {@code --watch}) goes on from: null for an
   * empty output; a usage error for an output without one or of the layout before {@code
   * --layout} (both made by an older tickbars), or with other bar options or layout than {@code
   * settings}'.
   */
  public static Ledger readFor(String root, String mode, Map<String, String> shape) {
    try {
      Ledger before = read(root);
      if (before == null && Storage.exists(Storage.resolve(root, OutputFolder.MANIFEST))) {
        throw new UsageException(mode + ": " + root + " has no " + FILE + " (made by an older tickbars); run without " + mode);
      }
      if (before != null) {
        if (!before.shape.containsKey(OutputLayout.OPTION)) {
          throw new UsageException(
              mode + ": " + root + " has the layout of an older tickbars (symbol=<SYMBOL>/ folders with the symbol in"
                  + " every file, which pyarrow cannot read whole); run without " + mode + " to write it anew");
        }
        if (!SCHEMA_VERSION.equals(before.shape.get(SCHEMA))) {
          throw new UsageException(
              mode + ": " + root + " has the bars of an older tickbars (its open bars and counts in"
                  + " an older form); run without " + mode + " to write it anew");
        }
        for (Map.Entry<String, String> e : shape.entrySet()) {
          String then = before.shape.get(e.getKey());
          if (!e.getValue().equals(then)) {
            throw new UsageException(
                mode + ": the output was made with --" + e.getKey() + "=" + then + ", not " + e.getValue()
                    + "; give the same --" + e.getKey() + " to add to it, or run without " + mode + " to write it anew");
          }
        }
      }
      return before;
    } catch (IOException e) {
      throw new UsageException("cannot read the ledger of " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * The ledger after run {@code run}: {@code before}'s files and counts (none for a first run)
   * and the run's own, and the open bars the run left.
   */
  public static Ledger next(
      Ledger before, Map<String, String> shape, int run, List<FileEntry> read, ReadStats runStats, List<OpenBarEntry> openBars) {
    Ledger l = new Ledger();
    l.shape = new TreeMap<>(shape);
    l.runs = run;
    if (before != null) {
      l.files.addAll(before.files);
    }
    l.files.addAll(read);
    l.files.sort(Comparator.comparingInt(FileEntry::rank));
    l.stats = before == null ? runStats : ReadStats.merge(List.of(before.stats, runStats));
    l.openBars = openBars;
    return l;
  }

  public byte[] toJson() throws IOException {
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
  }

  public FileEntry file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
  }

  /** What the next run carries over. */
  public Carried carried() throws IOException {
    Map<String, Carried.SymbolState> symbols = new TreeMap<>();
    stats.symbols.forEach((symbol, c) -> symbols.put(symbol, new Carried.SymbolState(c.ticks, c.lastNs, c.sums())));
    List<Carried.OpenBar> open = new ArrayList<>();
    for (OpenBarEntry e : openBars) {
      open.add(
          new Carried.OpenBar(
              e.frame(),
              e.symbol(),
              CoderUtils.decodeFromByteArray(BarAccumulatorCoder.of(), Base64.getDecoder().decode(e.partials()))));
    }
    return new Carried(symbols, open);
  }
}
