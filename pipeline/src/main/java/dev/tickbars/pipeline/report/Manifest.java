package dev.tickbars.pipeline.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickbars.pipeline.common.EpochNanos;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.options.OptionDoc;
import dev.tickbars.pipeline.options.TickbarsOptions;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.OutputListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code manifest.json} (SPEC 8): the tool's version, the options and the layout, start and end, the runner, the
 * inputs with their sizes and layouts, every output folder with its files and rows, the tick
 * counts (rejects by reason), and per symbol its ticks and first and last tick time. After
 * {@code --append} runs, inputs and counts are those of all runs (the ledger's), and {@code runs}
 * says how many there were. While a {@code --watch} runs, it is rewritten every flush interval with
 * what has been published so far, and {@code complete} is false until the watch stops.
 */
public final class Manifest {
  public static final String VERSION = readVersion();

  private Manifest() {}

  /** The manifest of a run that ended. */
  public static byte[] of(RunReport r, Ledger ledger, TickbarsOptions options, Instant started, Instant ended) {
    return of(r, ledger, options, started, ended, true);
  }

  /**
   * The manifest of a run; one that goes on (a watch) is not {@code complete}, and says when it
   * was {@code updated} rather than when it {@code ended}.
   */
  public static byte[] of(RunReport r, Ledger ledger, TickbarsOptions options, Instant started, Instant now, boolean complete) {
    return of(r, r.folders(), ledger, options, started, now, complete, null);
  }

  /**
   * The manifest of a run that failed ({@link RunReport#failure}): not {@code complete}, with the
   * reason in {@code failed}; its {@code outputs} are the {@code kept} folders the output holds
   * now, and its counts those of the run that failed, whose {@code ledger} is not published.
   */
  public static byte[] failed(RunReport r, List<OutputListing.Folder> kept, Ledger ledger, TickbarsOptions options, Instant started, Instant ended) {
    return of(r, kept, ledger, options, started, ended, false, r.failure());
  }

  private static byte[] of(
      RunReport r, List<OutputListing.Folder> folders, Ledger ledger, TickbarsOptions options, Instant started, Instant now,
      boolean complete, String failure) {
    ReadStats all = ledger.stats;
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("tool", "tickbars");
    m.put("version", VERSION);
    m.put("complete", complete);
    if (failure != null) {
      m.put("failed", failure);
    }
    m.put("runner", r.runner());
    m.put("started", started.toString());
    m.put(complete || failure != null ? "ended" : "updated", now.toString());
    m.put("wall_seconds", r.wallTime().toMillis() / 1000.0);
    m.put("runs", ledger.runs);
    m.put("layout", ledger.shape.get(OutputLayout.OPTION));
    m.set("options", Json.MAPPER.valueToTree(options(options)));
    putInputs(m.putArray("inputs"), ledger, all);
    ArrayNode passedOver = m.putArray("passed_over");
    r.plan().skipped().forEach(passedOver::add);
    putOutputs(m.putObject("outputs"), folders);
    putTicks(m.putObject("ticks"), all);
    putSymbols(m.putObject("symbols"), all);
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putInputs(ArrayNode inputs, Ledger ledger, ReadStats all) {
    for (Ledger.FileEntry f : ledger.files) {
      ObjectNode i = inputs.addObject();
      i.put("path", f.path());
      i.put("size_bytes", f.size());
      i.put("format", f.format());
      i.put("run", f.run());
      ReadStats.FileCounts c = all.files.get(f.path());
      if (c != null) {
        i.set("counts", Json.MAPPER.valueToTree(c));
      }
    }
  }

  private static void putOutputs(ObjectNode outputs, List<OutputListing.Folder> folders) {
    for (OutputListing.Folder folder : folders) {
      ObjectNode o = outputs.putObject(folder.name());
      o.put("rows", folder.rows());
      ArrayNode files = o.putArray("files");
      for (OutputListing.FileRows f : folder.files()) {
        files.addObject().put("path", f.path()).put("rows", f.rows());
      }
    }
  }

  private static void putTicks(ObjectNode ticks, ReadStats all) {
    ticks.put("read", all.dataLines());
    ticks.put("accepted", all.accepted());
    ticks.put("rejected", all.rejected());
    ticks.set("rejected_by_reason", Json.MAPPER.valueToTree(all.rejectedByReason));
    ticks.put("trimmed", all.trimmed());
    ticks.put("reject_ratio", all.dataLines() == 0 ? 0 : (double) all.rejected() / all.dataLines());
  }

  private static void putSymbols(ObjectNode symbols, ReadStats all) {
    all.symbols.forEach(
        (sym, c) ->
            symbols
                .putObject(sym)
                .put("ticks", c.ticks)
                .put("first_tick", EpochNanos.toInstant(c.firstNs).toString())
                .put("last_tick", EpochNanos.toInstant(c.lastNs).toString())
                .put("first_tick_ns", c.firstNs)
                .put("last_tick_ns", c.lastNs));
  }

  /** Every tickbars option with its value, by name. */
  static TreeMap<String, Object> options(TickbarsOptions options) {
    TreeMap<String, Object> out = new TreeMap<>();
    for (OptionDoc o : OptionDoc.all()) {
      try {
        out.put(o.name(), o.getter().invoke(options));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static String readVersion() {
    try (InputStream in = Manifest.class.getResourceAsStream("/dev/tickbars/pipeline/version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      return "unknown";
    }
  }
}
