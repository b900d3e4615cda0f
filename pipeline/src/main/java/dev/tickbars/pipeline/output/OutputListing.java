package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
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
  public static List<Folder> of(String root) throws IOException {
    return of(root, true);
  }

  /** The folders under {@code root}, their files with their rows or, without {@code rows}, 0. */
  private static List<Folder> of(String root, boolean rows) throws IOException {
    Map<String, List<String>> folders = new TreeMap<>();
    for (String f : Storage.list(root)) {
      int slash = f.indexOf('/');
      if (slash > 0 && !f.startsWith(".")) {
        folders.computeIfAbsent(f.substring(0, slash), k -> new ArrayList<>()).add(f.substring(slash + 1));
      }
    }
    List<Folder> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> folder : folders.entrySet()) {
      out.add(new Folder(folder.getKey(), files(Storage.resolve(root, folder.getKey()), folder.getValue(), rows)));
    }
    return out;
  }

  /**
   * The folders of {@code files}, in name order, each file in path order, when the folders under
   * {@code root} hold exactly these files: else an {@link IllegalStateException} names the
   * difference (a writer that wrote a file it did not return, or returned one it did not write).
   */
  public static List<Folder> of(Collection<WrittenFiles.File> files, String root) throws IOException {
    requireExactly(files, root);
    return group(files);
  }

  /** An {@link IllegalStateException} unless the folders under {@code root} hold exactly {@code files}. */
  public static void requireExactly(Collection<WrittenFiles.File> files, String root) throws IOException {
    Set<String> listed = new TreeSet<>();
    files.forEach(f -> listed.add(f.folder() + "/" + f.path()));
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
  }

  /** The folders of {@code files}, in name order, each file in path order. */
  public static List<Folder> group(Collection<WrittenFiles.File> files) {
    Map<String, List<FileRows>> folders = new TreeMap<>();
    files.forEach(f -> folders.computeIfAbsent(f.folder(), k -> new ArrayList<>()).add(new FileRows(f.path(), f.rows())));
    List<Folder> out = new ArrayList<>();
    folders.forEach((name, rows) -> {
      rows.sort(Comparator.comparing(FileRows::path));
      out.add(new Folder(name, List.copyOf(rows)));
    });
    return out;
  }

  /** The files of {@code folder} under {@code root}, with their rows read back, as written files. */
  public static List<WrittenFiles.File> readBack(String root, String folder) throws IOException {
    List<WrittenFiles.File> out = new ArrayList<>();
    folder(Storage.resolve(root, folder)).files().forEach(f -> out.add(new WrittenFiles.File(folder, f.path(), f.rows())));
    return out;
  }

  /** One folder, named as its last path element; no files when it is not there. */
  public static Folder folder(String dir) throws IOException {
    String name = dir.replaceAll("/+$", "");
    return new Folder(name.substring(name.lastIndexOf('/') + 1), files(dir, Storage.list(dir), true));
  }

  private static List<FileRows> files(String dir, List<String> relative, boolean withRows) throws IOException {
    List<FileRows> out = new ArrayList<>();
    for (String f : relative) {
      String name = f.substring(f.lastIndexOf('/') + 1);
      if (name.startsWith(".")) {
        continue;
      }
      String at = Storage.resolve(dir, f);
      long rows = !withRows ? 0 : name.endsWith(".parquet") ? parquetRows(at) : lines(at);
      out.add(new FileRows(f, rows));
    }
    return out;
  }

  static long parquetRows(String file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new StoredFile(file))) {
      return reader.getRecordCount();
    }
  }

  /**
   * A Parquet file's rows and the least and greatest value of an int64 {@code column}, from its
   * footer's statistics (no row is read); {rows, min, max}, min > max when it has no row.
   */
  public static long[] parquetSpan(String file, String column) throws IOException {
    long[] span = {0, Long.MAX_VALUE, Long.MIN_VALUE};
    try (ParquetFileReader reader = ParquetFileReader.open(new StoredFile(file))) {
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

  /** A file, local or in object storage, for Parquet's reader, without Hadoop's configuration and file systems. */
  public record StoredFile(String location) implements InputFile {
    @Override
    public long getLength() throws IOException {
      return Storage.size(location);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      SeekableByteChannel channel = (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(location, false));
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

  static long lines(String file) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Storage.open(file), StandardCharsets.UTF_8))) {
      return r.lines().count();
    }
  }
}
