package dev.tickbars.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The rejected lines of an output, as {@code file-name:line:reason}, file by file. */
final class RejectLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RejectLines() {}

  static List<String> of(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out.resolve("rejects"))) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode r = JSON.readTree(line);
          lines.add(Path.of(r.get("file").asText()).getFileName() + ":" + r.get("line").asLong() + ":" + r.get("reason").asText());
        }
      }
    }
    return lines;
  }
}
