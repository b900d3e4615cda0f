package dev.tickbars.pipeline.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the rejects of a run's scanned pieces together: one {@code rejects/rejects-<rank>.jsonl}
 * per input file that has any, its lines numbered in the file. A piece's rejects count lines from
 * the piece's start; its read counts ({@code <rank>-<piece>.json}) say how many lines it holds,
 * so a piece's first line is one past the lines of the pieces before it.
 */
public final class RejectFiles {
  private static final Comparator<String> PIECE_ORDER =
      Comparator.comparingInt((String p) -> id(p)[0]).thenComparingInt(p -> id(p)[1]);

  private RejectFiles() {}

  /**
   * One line of a rejects file: the file, the line number, the reason and the raw line, which is
   * cut to its first {@link TickStreamParser#RAW_LIMIT} bytes when it is longer; then {@code
   * raw_bytes} says how long it was.
   */
  private static ObjectNode record(String file, long line, String reason, String raw, long bytes) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("file", file);
    o.put("line", line);
    o.put("reason", reason);
    o.put("raw", raw);
    if (bytes > TickStreamParser.RAW_LIMIT) {
      o.put("raw_bytes", bytes);
    }
    return o;
  }

  /** Writes one line of a rejects file ({@link #record}) to {@code out}. */
  public static void write(OutputStream out, String file, long line, String reason, String raw, long bytes) {
    try {
      out.write(Json.MAPPER.writeValueAsBytes(record(file, line, reason, raw, bytes)));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Joins the pieces' rejects in the folder {@code pieceRejects} into one file per input file in the folder {@code rejects}. */
  public static void join(String pieceRejects, ScanCounts counts, String rejects) throws IOException {
    Map<Integer, List<String>> byFile = new TreeMap<>();
    for (String piece : Storage.list(pieceRejects).stream().sorted(PIECE_ORDER).toList()) {
      byFile.computeIfAbsent(id(piece)[0], k -> new ArrayList<>()).add(piece);
    }
    for (Map.Entry<Integer, List<String>> file : byFile.entrySet()) {
      String out = Storage.resolve(rejects, String.format("rejects-%05d.jsonl", file.getKey()));
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Storage.create(out), StandardCharsets.UTF_8))) {
        for (String piece : file.getValue()) {
          int[] id = id(piece);
          append(Storage.resolve(pieceRejects, piece), counts.linesBefore(id[0], id[1]), w);
        }
      }
    }
  }

  /** Appends the rejects of one piece to {@code w}, their line numbers counted from the file's start. */
  private static void append(String piece, long offset, BufferedWriter w) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Storage.open(piece), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        ObjectNode reject = (ObjectNode) Json.MAPPER.readTree(line);
        reject.put("line", reject.get("line").asLong() + offset);
        w.write(Json.MAPPER.writeValueAsString(reject));
        w.newLine();
      }
    }
  }

  /** The file rank and piece of {@code <rank>-<piece>.<ext>}. */
  private static int[] id(String name) {
    String[] parts = name.substring(0, name.indexOf('.')).split("-");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }
}
