package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.Json;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The files that writers of the graph wrote, each with its output folder, its path in that folder
 * and its rows: what a writer returns, merged by {@code Combine} and written by {@link WriteJson},
 * so that the manifest lists the run's files from the graph's own results.
 */
public record WrittenFiles(List<File> files) implements Serializable {
  /** A file in {@code folder} at {@code path} (relative to the folder) of {@code rows} rows. */
  public record File(String folder, String path, long rows) implements Serializable {}

  public static final WrittenFiles NONE = new WrittenFiles(List.of());

  /** The file at {@code path} under {@code directory}, the folder of the output folders. */
  public static File of(String directory, String path, long rows) {
    String relative = path.substring(directory.length() + 1);
    int slash = relative.indexOf('/');
    return new File(relative.substring(0, slash), relative.substring(slash + 1), rows);
  }

  /** All of {@code parts}, in any order. */
  public static WrittenFiles merge(Iterable<WrittenFiles> parts) {
    List<File> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.files()));
    return new WrittenFiles(all);
  }

  public static WrittenFiles read(String file) throws IOException {
    return Json.MAPPER.readValue(Storage.read(file), WrittenFiles.class);
  }
}
