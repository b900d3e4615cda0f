package dev.tickbars.pipeline.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the rejects of a run's scanned pieces together: one {@code rejects/rejects-<rank>.jsonl}
 * per input file that has any, its lines numbered in the file. A piece's rejects count lines from
 * the piece's start; its read counts ({@code <rank>-<piece>.json}) say how many lines it holds,
 * so a piece's first line is one past the lines of the pieces before it.
 */
public final class RejectFiles {
  private static final Comparator<Path> PIECE_ORDER =
      Comparator.comparingInt((Path p) -> id(p)[0]).thenComparingInt(p -> id(p)[1]);

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

  public static void join(Path pieceRejects, ScanCounts counts, Path rejects) throws IOException {
    if (!Files.isDirectory(pieceRejects)) {
      return;
    }
    Files.createDirectories(rejects);
    for (Path p : sorted(pieceRejects)) {
      int[] id = id(p);
      long offset = counts.linesBefore(id[0], id[1]);
      Path out = rejects.resolve(String.format("rejects-%05d.jsonl", id[0]));
      try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
          BufferedWriter w =
              Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null) {
          ObjectNode reject = (ObjectNode) Json.MAPPER.readTree(line);
          reject.put("line", reject.get("line").asLong() + offset);
          w.write(Json.MAPPER.writeValueAsString(reject));
          w.newLine();
        }
      }
    }
  }

  private static List<Path> sorted(Path dir) throws IOException {
    return OutputFolder.children(dir).stream().sorted(PIECE_ORDER).toList();
  }

  /** The file rank and piece of {@code <rank>-<piece>.<ext>}. */
  private static int[] id(Path p) {
    String name = p.getFileName().toString();
    String[] parts = name.substring(0, name.indexOf('.')).split("-");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }
}
