package dev.tickbars.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code tickbars inspect OUT}: what an output folder holds, per folder and symbol (rows, first
 * and last bar or tick time, files, from the Parquet footers), and whether its manifest says it is
 * complete. Exit code 0 when it is, 1 when it is not (no manifest: a run never finished; a
 * running watch), 2 when OUT is no folder.
 */
final class Inspect {
  private static final String ROW = "%-20s %-12s %,12d  %-30s  %-30s  %,5d%n";

  private Inspect() {}

  /** Per symbol: rows, first, last, files. */
  private static final class Span {
    long rows;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int files;
  }

  static int run(List<String> args, PrintStream out) throws IOException {
    if (args.size() != 1) {
      throw new UsageException("inspect takes one output folder: java -jar tickbars.jar inspect OUT");
    }
    Path root = Paths.get(args.get(0)).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UsageException("inspect: " + root + " is not a folder");
    }
    out.println("output " + root);
    boolean complete = manifest(root, out);
    out.printf(Locale.ROOT, "%-20s %-12s %12s  %-30s  %-30s  %5s%n", "folder", "symbol", "rows", "first", "last", "files");
    for (Path dir : OutputFolder.children(root)) {
      String name = dir.getFileName().toString();
      boolean bars = name.startsWith("bars_");
      if (!Files.isDirectory(dir) || !(bars || name.startsWith("tick_slices_"))) {
        continue;
      }
      for (Map.Entry<String, Span> e : spans(dir, OutputLayout.recorded(root, dir), bars ? "t_open_ns" : "t_ns").entrySet()) {
        Span s = e.getValue();
        out.printf(Locale.ROOT, ROW, name, e.getKey(), s.rows, time(s.first, s.rows), time(s.last, s.rows), s.files);
      }
    }
    Path rejects = root.resolve("rejects");
    if (Files.isDirectory(rejects)) {
      long lines = 0;
      int files = 0;
      for (OutputListing.Folder f : OutputListing.of(root)) {
        if (f.name().equals("rejects")) {
          lines = f.rows();
          files = f.files().size();
        }
      }
      out.printf(Locale.ROOT, ROW, "rejects", "", lines, "", "", files);
    }
    return complete ? 0 : 1;
  }

  /** Prints what the manifest says of the run; whether it is complete. */
  private static boolean manifest(Path root, PrintStream out) throws IOException {
    Path file = root.resolve(OutputFolder.MANIFEST);
    if (!Files.exists(file)) {
      out.println("manifest: none - INCOMPLETE: no run has finished into this folder");
      return false;
    }
    JsonNode m = Json.MAPPER.readTree(file.toFile());
    if (!m.path("complete").asBoolean(false)) {
      out.println("manifest: INCOMPLETE - a watch is running or was killed (updated " + m.path("updated").asText("?") + ")");
      return false;
    }
    out.printf(Locale.ROOT, "manifest: complete - %s %s on %s, %d run(s), ended %s, %,d ticks accepted of %,d read%n",
        m.path("tool").asText(), m.path("version").asText(), m.path("runner").asText(), m.path("runs").asInt(1),
        m.path("ended").asText(), m.path("ticks").path("accepted").asLong(), m.path("ticks").path("read").asLong());
    return true;
  }

  /** Per symbol (as the {@code layout} names its files; "-" for a file of none) of a folder's Parquet files. */
  private static Map<String, Span> spans(Path dir, OutputLayout layout, String column) throws IOException {
    Map<String, Span> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(f -> f.getFileName().toString().endsWith(".parquet") && !f.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
    for (Path f : files) {
      String symbol = layout.symbolOf(dir.relativize(f));
      Span s = out.computeIfAbsent(symbol == null ? "-" : symbol, k -> new Span());
      long[] span = OutputListing.parquetSpan(f, column);
      s.rows += span[0];
      s.first = Math.min(s.first, span[1]);
      s.last = Math.max(s.last, span[2]);
      s.files++;
    }
    return out;
  }

  private static String time(long ns, long rows) {
    return rows == 0 ? "-" : EpochNanos.toInstant(ns).toString();
  }
}
