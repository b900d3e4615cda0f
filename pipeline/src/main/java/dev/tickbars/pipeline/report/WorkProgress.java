package dev.tickbars.pipeline.report;

import dev.tickbars.pipeline.common.WholeFile;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How far the workers are, told through the run's staging folder, which every worker and the
 * client see on any runner (a cluster's output is on a shared file system): each piece of work (a
 * scanned piece of a file, a build task) keeps a small file {@code <stage>-<name>} of two numbers,
 * its bytes and ticks so far, rewritten at most four times a second while it works, and leaves
 * {@code <stage>-<name>.done} when it is done; the client sums them ({@link #read}), reading each
 * finished piece once. Progress is advice: a file that cannot be
 * written is left for the next update, never a failed job.
 */
public record WorkProgress(String folder) implements Serializable {
  public static final String SCAN = "scan";
  public static final String BUILD = "build";
  private static final long EVERY_NANOS = 250_000_000L;
  private static final String DONE = ".done";

  /** One piece of work's progress file. */
  public Piece piece(String stage, String name) {
    return new Piece(Paths.get(folder, stage + "-" + name));
  }

  /**
   * Brings {@code pieces} (bytes and ticks of each piece of work so far, by name) up to date with
   * the folder: a finished piece's numbers ({@code <name>.done}) are read once and kept in {@code
   * done}; only the few pieces still at work are read again. A file that cannot be read now
   * (being replaced) keeps its earlier numbers.
   */
  static void read(Path folder, Map<String, long[]> pieces, Set<String> done) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    } catch (IOException | UncheckedIOException e) {
      return;
    }
    for (Path f : files) {
      String file = f.getFileName().toString();
      boolean finished = file.endsWith(DONE);
      String name = finished ? file.substring(0, file.length() - DONE.length()) : file;
      if (done.contains(name)) {
        continue;
      }
      try {
        String[] numbers = Files.readString(f).trim().split(" ");
        pieces.put(name, new long[] {Long.parseLong(numbers[0]), Long.parseLong(numbers[1])});
        if (finished) {
          done.add(name);
        }
      } catch (IOException | RuntimeException e) {
        // being replaced: the earlier numbers stand
      }
    }
  }

  /** The progress of one piece of work. */
  public static final class Piece {
    private final Path file;
    private long lastWrite = System.nanoTime();

    private Piece(Path file) {
      this.file = file;
    }

    /** Tells the bytes and ticks so far, unless it was told less than a quarter second ago. */
    public void update(long bytes, long ticks) {
      if (System.nanoTime() - lastWrite >= EVERY_NANOS) {
        write(file, bytes, ticks);
      }
    }

    /** Tells the piece's last bytes and ticks: it is done. */
    public void done(long bytes, long ticks) {
      write(file.resolveSibling(file.getFileName() + DONE), bytes, ticks);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the finished numbers stand for it
      }
    }

    private void write(Path to, long bytes, long ticks) {
      lastWrite = System.nanoTime();
      try {
        WholeFile.write(to, (bytes + " " + ticks).getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // advice only: the next update tries again
      }
    }
  }
}
