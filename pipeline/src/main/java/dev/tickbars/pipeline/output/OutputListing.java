package dev.tickbars.pipeline.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * What a run wrote: each output folder with its files and their row counts, read back from the
 * files themselves (Parquet footers, lines of JSON).
 */
public final class OutputListing {
  /** A file, relative to its folder, and its rows. */
  public record FileRows(String path, long rows) {}

  /** One output folder. */
  public record Folder(String name, List<FileRows> files) {
    public long rows() {
      return files.stream().mapToLong(FileRows::rows).sum();
    }
  }

  private OutputListing() {}

  /** The folders under {@code root} (bars_*, tick_slices_*, rejects), in name order. */
  public static List<Folder> of(Path root) throws IOException {
    return of(root, true);
  }

  /** The folders under {@code root}, their files with their rows or, without {@code rows}, 0. */
  private static List<Folder> of(Path root, boolean rows) throws IOException {
    List<Folder> out = new ArrayList<>();
    for (Path dir : OutputFolder.children(root)) {
      String name = dir.getFileName().toString();
      if (Files.isDirectory(dir) && !name.startsWith(".")) {
        out.add(new Folder(name, files(dir, rows)));
      }
    }
    return out;
  }

  /**
   * The folders of {@code files}, in name order, each file in path order, when the folders under
   * {@code root} hold exactly these files: else an {@link IllegalStateException} names the
   * difference (a writer that wrote a file it did not return, or returned one it did not write).
   */
  public static List<Folder> of(Collection<WrittenFiles.File> files, Path root) throws IOException {
    Map<String, List<FileRows>> folders = new TreeMap<>();
    Set<String> listed = new TreeSet<>();
    for (WrittenFiles.File f : files) {
      folders.computeIfAbsent(f.folder(), k -> new ArrayList<>()).add(new FileRows(f.path(), f.rows()));
      listed.add(f.folder() + "/" + f.path());
    }
    Set<String> found = new TreeSet<>();
    for (Folder folder : of(root, false)) {
      folder.files().forEach(f -> found.add(folder.name() + "/" + f.path()));
    }
    if (!listed.equals(found)) {
      Set<String> unlisted = new TreeSet<>(found);
      unlisted.removeAll(listed);
      listed.removeAll(found);
      throw new IllegalStateException(
          "the files under " + root + " are not those the writers returned: not returned " + unlisted + ", not there " + listed);
    }
    List<Folder> out = new ArrayList<>();
    folders.forEach((name, rows) -> {
      rows.sort(Comparator.comparing(FileRows::path));
      out.add(new Folder(name, List.copyOf(rows)));
    });
    return out;
  }

  /** The files of {@code folder} under {@code root}, with their rows read back, as written files. */
  public static List<WrittenFiles.File> readBack(Path root, String folder) throws IOException {
    List<WrittenFiles.File> out = new ArrayList<>();
    if (Files.isDirectory(root.resolve(folder))) {
      folder(root.resolve(folder)).files().forEach(f -> out.add(new WrittenFiles.File(folder, f.path(), f.rows())));
    }
    return out;
  }

  /** One folder, named as its last path element. */
  public static Folder folder(Path dir) throws IOException {
    return new Folder(dir.getFileName().toString(), files(dir, true));
  }

  private static List<FileRows> files(Path dir, boolean withRows) throws IOException {
    List<FileRows> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        long rows = !withRows ? 0 : name.endsWith(".parquet") ? parquetRows(f) : lines(f);
        out.add(new FileRows(dir.relativize(f).toString(), rows));
      }
    }
    return out;
  }

  static long parquetRows(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalFile(file))) {
      return reader.getRecordCount();
    }
  }

  /**
   * A Parquet file's rows and the least and greatest value of an int64 {@code column}, from its
   * footer's statistics (no row is read); {rows, min, max}, min > max when it has no row.
   */
  public static long[] parquetSpan(Path file, String column) throws IOException {
    long[] span = {0, Long.MAX_VALUE, Long.MIN_VALUE};
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalFile(file))) {
      span[0] = reader.getRecordCount();
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : block.getColumns()) {
          Statistics<?> st = c.getStatistics();
          if (c.getPath().toDotString().equals(column) && st != null && st.hasNonNullValue()) {
            span[1] = Math.min(span[1], (Long) st.genericGetMin());
            span[2] = Math.max(span[2], (Long) st.genericGetMax());
          }
        }
      }
    }
    return span;
  }

  /** A local file for Parquet's reader, without Hadoop's configuration and file systems. */
  public record LocalFile(Path path) implements InputFile {
    @Override
    public long getLength() throws IOException {
      return Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      FileChannel channel = FileChannel.open(path);
      return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long position) throws IOException {
          channel.position(position);
        }
      };
    }
  }

  static long lines(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return r.lines().count();
    }
  }
}
