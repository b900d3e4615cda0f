package dev.tickbars.pipeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.EpochNanos;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.options.Cli;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.OutputListing;
import dev.tickbars.pipeline.output.PublishJournal;
import dev.tickbars.pipeline.output.StoredPublish;
import java.io.IOException;
import java.io.PrintStream;
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

/**
 * {@code tickbars inspect OUT}: what an output folder holds, per folder and symbol (rows, first
 * and last bar or tick time, files, from the Parquet footers), and whether it is one whole run:
 * its manifest says it is complete, and the folders hold exactly the files with the rows the
 * manifest lists. A publish that a kill interrupted after its commit point ({@link
 * PublishJournal}) is the run it commits, with its entries where they are now; inspect says so
 * and changes nothing (the next run or {@code tickbars repair} puts them in place). An output in
 * object storage ({@code s3://}, with the store's flags after OUT) under a publish ({@link
 * StoredPublish}) is PUBLISHING: its manifest, if it has one yet, is checked for the files it lists. Exit code 0
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
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new UsageException(
          "inspect takes one output folder, and for s3:// its store's flags: java -jar tickbars.jar inspect OUT [--endpoint=URL]");
    }
    Cli.useFileSystems(args.get(0), args.subList(1, args.size()), "inspect: ");
    String root = Storage.folder(args.get(0));
    if (root == null) {
      throw new UsageException("inspect: " + Paths.get(args.get(0)).toAbsolutePath().normalize() + " is not a folder");
    }
    try {
      return inspect(root, out, err);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UsageException u) {
        throw u;
      }
      throw new UsageException("inspect: cannot read " + root + ": " + Storage.why(e), e);
    }
  }

  private static int inspect(String root, PrintStream out, PrintStream err) throws IOException {
    out.println("output " + root);
    Function<String, String> at = where(root, err);
    JsonNode manifest = manifest(at.apply(OutputFolder.MANIFEST), out);
    boolean publishing = !Storage.isLocal(root) && Storage.exists(Storage.resolve(root, StoredPublish.FILE));
    List<String> differences = manifest == null ? List.of() : differences(root, manifest, at, publishing);
    differences.forEach(d -> err.println("tickbars: inspect: " + d));
    out.printf(Locale.ROOT, "%-20s %-12s %12s  %-30s  %-30s  %5s%n", "folder", "symbol", "rows", "first", "last", "files");
    for (String name : folders(root, manifest)) {
      String dir = at.apply(name);
      boolean bars = OutputLayout.isBarsFolder(name);
      if (!(bars || OutputLayout.isSlicesFolder(name))) {
        continue;
      }
      for (Map.Entry<String, Span> e : spans(dir, OutputLayout.recorded(root, dir), bars ? "t_open_ns" : "t_ns").entrySet()) {
        Span s = e.getValue();
        out.printf(Locale.ROOT, ROW, name, e.getKey(), s.rows, time(s.first, s.rows), time(s.last, s.rows), s.files);
      }
    }
    OutputListing.Folder rejects = OutputListing.folder(at.apply(OutputFolder.REJECTS));
    if (!rejects.files().isEmpty()) {
      out.printf(Locale.ROOT, ROW, OutputFolder.REJECTS, "", rejects.rows(), "", "", rejects.files().size());
    }
    return manifest != null && manifest.path("complete").asBoolean(false) && differences.isEmpty() && !publishing ? 0 : 1;
  }

  /**
   * Where each entry of the output is now, saying so on {@code err} when a killed publish left a
   * journal: a local publish's entries that have not come in yet are still in its staging folder;
   * in object storage, the entries are at the top, and the publish is under way.
   */
  private static Function<String, String> where(String root, PrintStream err) throws IOException {
    if (!Storage.isLocal(root)) {
      String journal = Storage.resolve(root, StoredPublish.FILE);
      if (Storage.exists(journal)) {
        StoredPublish p = Json.MAPPER.readValue(Storage.read(journal), StoredPublish.class);
        err.println("tickbars: inspect: PUBLISHING - a publish was interrupted or is under way: " + p.staging()
            + " is the run it commits; until its manifest is in place the folder may hold files of both runs, and"
            + " the next run or `tickbars repair " + root + "` completes it");
      }
      return name -> Storage.resolve(root, name);
    }
    Path dir = Paths.get(root);
    PublishJournal journal = PublishJournal.read(dir);
    if (journal == null) {
      return name -> Storage.resolve(root, name);
    }
    err.println("tickbars: inspect: a publish was interrupted after its commit point; " + journal.staging()
        + " is the run it commits, and the next run or `tickbars repair " + root + "` puts it in place");
    return name -> journal.whereIs(dir, name).toString();
  }

  /** The bar and slice folders to show: the manifest's, or those at the top when there is none. */
  private static List<String> folders(String root, JsonNode manifest) throws IOException {
    Set<String> names = new TreeSet<>(topFolders(root));
    if (manifest != null) {
      manifest.path("outputs").fieldNames().forEachRemaining(names::add);
    }
    return List.copyOf(names);
  }

  /** The folders at the top of an output that are not hidden. */
  private static Set<String> topFolders(String root) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String f : Storage.list(root)) {
      if (f.contains("/") && !f.startsWith(".")) {
        names.add(f.substring(0, f.indexOf('/')));
      }
    }
    return names;
  }

  /**
   * How the folders differ from the files and rows the manifest lists, one line each; while a
   * publish is under way, files the manifest does not list are not told.
   */
  private static List<String> differences(String root, JsonNode manifest, Function<String, String> at, boolean publishing)
      throws IOException {
    List<String> out = new ArrayList<>();
    Set<String> listed = new TreeSet<>();
    for (Map.Entry<String, JsonNode> folder : manifest.path("outputs").properties()) {
      listed.add(folder.getKey());
      Map<String, Long> want = new TreeMap<>();
      folder.getValue().path("files").forEach(f -> want.put(f.path("path").asText(), f.path("rows").asLong()));
      Map<String, Long> have = new TreeMap<>();
      OutputListing.folder(at.apply(folder.getKey())).files().forEach(f -> have.put(f.path(), f.rows()));
      for (Map.Entry<String, Long> w : want.entrySet()) {
        Long rows = have.get(w.getKey());
        if (rows == null) {
          out.add("the manifest lists " + folder.getKey() + "/" + w.getKey() + ", which is missing");
        } else if (rows.longValue() != w.getValue()) {
          out.add(folder.getKey() + "/" + w.getKey() + " has " + rows + " rows, the manifest says " + w.getValue());
        }
      }
      if (!publishing) {
        have.keySet().stream().filter(f -> !want.containsKey(f))
            .forEach(f -> out.add(folder.getKey() + "/" + f + " is not in the manifest"));
      }
    }
    if (!publishing) {
      topFolders(root).stream().filter(name -> !listed.contains(name)).forEach(name -> out.add(name + " is not in the manifest"));
    }
    return out;
  }

  /** Prints what the manifest says of the run; the manifest, or null when there is none. */
  private static JsonNode manifest(String file, PrintStream out) throws IOException {
    if (!Storage.exists(file)) {
      out.println("manifest: none - INCOMPLETE: no run has finished into this folder");
      return null;
    }
    JsonNode m = Json.MAPPER.readTree(Storage.read(file));
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
  private static Map<String, Span> spans(String dir, OutputLayout layout, String column) throws IOException {
    Map<String, Span> out = new TreeMap<>();
    for (String f : Storage.list(dir)) {
      String name = f.substring(f.lastIndexOf('/') + 1);
      if (!name.endsWith(".parquet") || name.startsWith(".")) {
        continue;
      }
      String symbol = layout.symbolOf(Paths.get(f));
      Span s = out.computeIfAbsent(symbol == null ? "-" : symbol, k -> new Span());
      long[] span = OutputListing.parquetSpan(Storage.resolve(dir, f), column);
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
