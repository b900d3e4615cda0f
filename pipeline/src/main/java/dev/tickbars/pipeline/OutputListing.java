package dev.tickbars.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What a run wrote: each output folder with its files and their row counts, read back from the
 * files themselves (Parquet footers, lines of JSON).
 */
final class OutputListing {
  /** A file, relative to its folder, and its rows. */
  record FileRows(String path, long rows) {}

  /** One output folder. */
  record Folder(String name, List<FileRows> files) {
    long rows() {
      return files.stream().mapToLong(FileRows::rows).sum();
    }
  }

  private OutputListing() {}

  /** The folders under {@code root} (bars_*, tick_slices_*, rejects), in name order. */
  static List<Folder> of(Path root) throws IOException {
    List<Folder> out = new ArrayList<>();
    for (Path dir : OutputFolder.children(root)) {
      String name = dir.getFileName().toString();
      if (Files.isDirectory(dir) && !name.startsWith(".")) {
        out.add(new Folder(name, files(dir)));
      }
    }
    return out;
  }

  private static List<FileRows> files(Path dir) throws IOException {
    List<FileRows> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        long rows = name.endsWith(".parquet") ? parquetRows(f) : lines(f);
        out.add(new FileRows(dir.relativize(f).toString(), rows));
      }
    }
    return out;
  }

  static long parquetRows(Path file) throws IOException {
    HadoopInputFile in =
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
    try (ParquetFileReader reader = ParquetFileReader.open(in)) {
      return reader.getRecordCount();
    }
  }

  private static long lines(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return r.lines().count();
    }
  }
}
