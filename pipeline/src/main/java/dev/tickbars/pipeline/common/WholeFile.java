package dev.tickbars.pipeline.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that appears whole or not at all: it is written under a hidden name beside its place
 * ({@code .name.tmp}, which readers pass over and a run's clean-up removes) and then moved there
 * in one rename, in place of an earlier one.
 */
public final class WholeFile {
  /** Writes a file's content to the path it is given; returns false when there is to be no file after all. */
  public interface Content {
    boolean writeTo(Path tmp) throws IOException;
  }

  private WholeFile() {}

  /** Writes {@code path} whole with {@code content}; true when there is a file. */
  public static boolean write(Path path, Content content) throws IOException {
    Files.createDirectories(path.getParent());
    Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
    boolean keep;
    try {
      keep = content.writeTo(tmp);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    if (!keep) {
      Files.deleteIfExists(tmp);
      return false;
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  /** Writes {@code path} whole with {@code bytes}. */
  public static void write(Path path, byte[] bytes) throws IOException {
    write(path, tmp -> {
      Files.write(tmp, bytes);
      return true;
    });
  }

  /** Writes {@code path} whole with {@code value} as JSON. */
  public static void writeJson(Path path, Object value) throws IOException {
    write(path, Json.MAPPER.writeValueAsBytes(value));
  }
}
