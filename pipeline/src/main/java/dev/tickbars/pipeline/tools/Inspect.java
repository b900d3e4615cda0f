package dev.tickbars.pipeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.EpochNanos;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.OutputListing;
import dev.tickbars.pipeline.output.PublishJournal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code tickbars inspect OUT}: what an output folder holds, per folder and symbol (rows, first
 * and last bar or tick time, files, from the Parquet footers), and whether it is one whole run:
 * its manifest says it is complete, and the folders hold exactly the files with the rows the
 * manifest lists. A publish that a kill interrupted after its commit point ({@link
 * PublishJournal}) is the run it commits, with its entries where they are now; inspect says so
 * and changes nothing (the next run or {@code tickbars repair} puts them in place). Exit code 0
 * for one whole run, 1 for none (no manifest: a run never finished; a running watch; a failed run;
 * files that differ from the manifest), 2 when OUT is no folder.
 */
public final class Inspect {
  private static final String ROW = "%-20s %-12s %,12d  %-30s  %-30s  %,5d%n";

  private Inspect() {}

  /** Per symbol: rows, first, last, files. */
  private static final class Span {
    long rows;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int files;
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    if (args.size() != 1) {
      throw new UsageException("inspect takes one output folder: java -jar tickbars.jar inspect OUT");
    }
    Path root = Paths.get(args.get(0)).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UsageException("inspect: " + root + " is not a folder");
    }
    out.println("output " + root);
    PublishJournal journal = PublishJournal.read(root);
    Function<String, Path> at = name -> journal == null ? root.resolve(name) : journal.whereIs(root, name);
    if (journal != null) {
      err.println("tickbars: inspect: a publish was interrupted after its commit point; " + journal.staging()
          + " is the run it commits, and the next run or `tickbars repair " + root + "` puts it in place");
    }
    JsonNode manifest = manifest(at.apply(OutputFolder.MANIFEST), out);
    List<String> differences = manifest == null ? List.of() : differences(root, manifest, at);
    differences.forEach(d -> err.println("tickbars: inspect: " + d));
    out.printf(Locale.ROOT, "%-20s %-12s %12s  %-30s  %-30s  %5s%n", "folder", "symbol", "rows", "first", "last", "files");
    for (String name : folders(root, manifest)) {
      Path dir = at.apply(name);
      boolean bars = OutputLayout.isBarsFolder(name);
      if (!Files.isDirectory(dir) || !(bars || OutputLayout.isSlicesFolder(name))) {
        continue;
      }
      for (Map.Entry<String, Span> e : spans(dir, OutputLayout.recorded(root, dir), bars ? "t_open_ns" : "t_ns").entrySet()) {
        Span s = e.getValue();
        out.printf(Locale.ROOT, ROW, name, e.getKey(), s.rows, time(s.first, s.rows), time(s.last, s.rows), s.files);
      }
    }
    Path rejects = at.apply(OutputFolder.REJECTS);
    if (Files.isDirectory(rejects)) {
      OutputListing.Folder f = OutputListing.folder(rejects.toString());
      out.printf(Locale.ROOT, ROW, OutputFolder.REJECTS, "", f.rows(), "", "", f.files().size());
    }
    return manifest != null && manifest.path("complete").asBoolean(false) && differences.isEmpty() ? 0 : 1;
  }

  /** The bar and slice folders to show: the manifest's, or those at the top when there is none. */
  private static List<String> folders(Path root, JsonNode manifest) throws IOException {
    Set<String> names = new TreeSet<>();
    if (manifest != null) {
      manifest.path("outputs").fieldNames().forEachRemaining(names::add);
    }
    for (Path p : OutputFolder.children(root)) {
      if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
        names.add(p.getFileName().toString());
      }
    }
    return List.copyOf(names);
  }

  /** How the folders differ from the files and rows the manifest lists, one line each. */
  private static List<String> differences(Path root, JsonNode manifest, Function<String, Path> at) throws IOException {
    List<String> out = new ArrayList<>();
    Set<String> listed = new TreeSet<>();
    for (Map.Entry<String, JsonNode> folder : manifest.path("outputs").properties()) {
      listed.add(folder.getKey());
      Path dir = at.apply(folder.getKey());
      Map<String, Long> want = new TreeMap<>();
      folder.getValue().path("files").forEach(f -> want.put(f.path("path").asText(), f.path("rows").asLong()));
      Map<String, Long> have = new TreeMap<>();
      if (Files.isDirectory(dir)) {
        OutputListing.folder(dir.toString()).files().forEach(f -> have.put(f.path(), f.rows()));
      }
      for (Map.Entry<String, Long> w : want.entrySet()) {
        Long rows = have.get(w.getKey());
        if (rows == null) {
          out.add("the manifest lists " + folder.getKey() + "/" + w.getKey() + ", which is missing");
        } else if (rows.longValue() != w.getValue()) {
          out.add(folder.getKey() + "/" + w.getKey() + " has " + rows + " rows, the manifest says " + w.getValue());
        }
      }
      have.keySet().stream().filter(f -> !want.containsKey(f))
          .forEach(f -> out.add(folder.getKey() + "/" + f + " is not in the manifest"));
    }
    for (Path p : OutputFolder.children(root)) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p) && !name.startsWith(".") && !listed.contains(name)) {
        out.add(name + " is not in the manifest");
      }
    }
    return out;
  }

  /** Prints what the manifest says of the run; the manifest, or null when there is none. */
  private static JsonNode manifest(Path file, PrintStream out) throws IOException {
    if (!Files.exists(file)) {
      out.println("manifest: none - INCOMPLETE: no run has finished into this folder");
      return null;
    }
    JsonNode m = Json.MAPPER.readTree(file.toFile());
    if (m.has("failed")) {
      out.println("manifest: FAILED - the run that ended " + m.path("ended").asText("?") + " failed: " + m.path("failed").asText()
          + "; the folder holds its rejects and the bars of the run before it");
    } else if (!m.path("complete").asBoolean(false)) {
      out.println("manifest: INCOMPLETE - a watch is running or was killed (updated " + m.path("updated").asText("?") + ")");
    } else {
      out.printf(Locale.ROOT, "manifest: complete - %s %s on %s, %d run(s), ended %s, %,d ticks accepted of %,d read%n",
          m.path("tool").asText(), m.path("version").asText(), m.path("runner").asText(), m.path("runs").asInt(1),
          m.path("ended").asText(), m.path("ticks").path("accepted").asLong(), m.path("ticks").path("read").asLong());
    }
    return m;
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
      long[] span = OutputListing.parquetSpan(f.toString(), column);
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
