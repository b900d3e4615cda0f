package dev.tickbars.pipeline.input;

import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.parse.LayoutDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;

/**
 * Expands {@code --input} (a path, a glob or a directory) into the files of a run, ranked in
 * sorted path order, and tells each one's layout from its first line. Hidden files (a name that
 * starts with '.') are passed over. Fails at once, with {@link UsageException}, when nothing
 * matches or a file cannot be read or understood.
 */
public final class InputFiles {
  private static final int HEAD_LIMIT = 1 << 16;
  private static final int HEAD_LINES = 8;
  private static final Set<String> TICK_EXTENSIONS = Set.of("csv", "tsv", "txt", "dat");

  private InputFiles() {}

  /** The tick files an input names, and a note on each other file of its folder or glob, passed over. */
  public record Found(List<InputFile> files, List<String> passedOver) {
    /** The files' layouts by path. */
    public Map<String, Layout> layouts() {
      Map<String, Layout> m = new LinkedHashMap<>();
      files.forEach(f -> m.put(f.path(), f.layout()));
      return m;
    }
  }

  /** @param noneIsFine whether no file matching is no error (a watched folder may still be empty) */
  public static Found plan(String input, LayoutDetector detector, boolean noneIsFine) {
    List<String> passedOver = new ArrayList<>();
    List<MatchResult.Metadata> matched = match(input, noneIsFine, passedOver);
    List<InputFile> files = new ArrayList<>();
    for (MatchResult.Metadata m : matched) {
      String path = m.resourceId().toString();
      Layout layout;
      try {
        layout = detector.detect(path, head(path));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
      files.add(new InputFile(path, files.size(), m.sizeBytes(), layout));
    }
    return new Found(files, passedOver);
  }

  private static List<MatchResult.Metadata> match(String input, boolean noneIsFine, List<String> passedOver) {
    String spec = input;
    boolean many = input.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    List<MatchResult.Metadata> out = new ArrayList<>();
    try {
      if (!many && isFolder(input)) {
        spec = FileSystems.matchNewResource(input, true).resolve("*", StandardResolveOptions.RESOLVE_FILE).toString();
        many = true;
      }
      MatchResult result = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      if (result.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : result.metadata()) {
          String name = m.resourceId().getFilename();
          if (name != null && isComplete(name) && !m.resourceId().isDirectory()) {
            if (many && !isTickFileName(name)) {
              passedOver.add("passed over " + m.resourceId() + ": no tick file by its name (ticks are in .csv, .tsv, .txt,"
                  + " .dat or unnamed files, compressed or not)");
              continue;
            }
            requireRegularFile(m);
            out.add(m);
          }
        }
      }
    } catch (UsageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot list input '" + input + "': " + Storage.why(e), e);
    }
    if (out.isEmpty() && !noneIsFine) {
      throw new UsageException("no input file matches '" + input + "'");
    }
    out.sort(Comparator.comparing(m -> m.resourceId().toString()));
    passedOver.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * Whether {@code input}, which has no glob, names a folder: a local directory, or a name that
   * ends in {@code /} or is a prefix of objects but no object of its own ({@code s3://b/ticks}).
   */
  private static boolean isFolder(String input) throws IOException {
    if (input.endsWith("/") || Files.isDirectory(Paths.get(input))) {
      return true;
    }
    if (Storage.isLocal(input)) {
      return false;
    }
    MatchResult one = FileSystems.match(input, EmptyMatchTreatment.ALLOW);
    return one.status() == MatchResult.Status.NOT_FOUND || one.metadata().isEmpty();
  }

  /** A usage error for a local input that is no regular file: a FIFO or a device would be read for ever. */
  private static void requireRegularFile(MatchResult.Metadata m) {
    if (m.resourceId().getScheme().equals("file")) {
      Path p = Paths.get(m.resourceId().toString());
      if (Files.exists(p) && !Files.isRegularFile(p)) {
        throw new UsageException("input " + p + " is no regular file (a FIFO or a device?): give tick files");
      }
    }
  }

  /**
   * Whether a file name is one of a finished input file: not hidden ({@code .name}) and not one
   * still being written ({@code .tmp}, {@code .part}), as writers name files before they move them
   * in.
   */
  static boolean isComplete(String name) {
    return !name.startsWith(".") && !name.endsWith(".tmp") && !name.endsWith(".part");
  }

  /**
   * Whether a file of a folder or glob is read for ticks: its name, less a compression's
   * extension, ends in .csv, .tsv, .txt or .dat, or has no extension; a README.md, a JSON or a
   * Parquet file beside the ticks is not.
   */
  static boolean isTickFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|gzip|bz2|zip|zst|deflate|lzo)$", "");
    int dot = n.lastIndexOf('.');
    return dot <= 0 || TICK_EXTENSIONS.contains(n.substring(dot + 1));
  }

  /**
   * The first {@link #HEAD_LINES} non-blank lines that could be ticks or a header, for the layout:
   * a line of {@link #HEAD_LIMIT} characters or more is passed over, read in bounded memory (it is a
   * reject of the scan). A file of no other lines has the layout {@code empty}.
   */
  private static List<String> head(String path) {
    List<String> lines = new ArrayList<>();
    try (InputStream in = InputFile.open(path);
        Reader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), HEAD_LIMIT)) {
      StringBuilder line = new StringBuilder();
      int c;
      do {
        c = r.read();
        if (c == '\n' || c < 0) {
          if (line.length() < HEAD_LIMIT && !line.toString().replace("\uFEFF", "").isBlank()) {
            lines.add(line.toString());
          }
          line.setLength(0);
        } else if (line.length() < HEAD_LIMIT) {
          line.append((char) c);
        }
      } while (c >= 0 && lines.size() < HEAD_LINES);
      return lines;
    } catch (IOException e) {
      throw new UsageException("cannot read input file " + path + ": " + e.getMessage(), e);
    }
  }
}
