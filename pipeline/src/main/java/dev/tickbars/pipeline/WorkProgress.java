package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How far the workers are, told through the run's staging folder, which every worker and the
 * client see on any runner (a cluster's output is on a shared file system): each piece of work (a
 * scanned piece of a file, a build task) keeps a small file {@code <stage>-<name>} of two numbers,
 * its bytes and ticks so far, rewritten at most four times a second while it works and once when
 * it is done; the client sums them ({@link #read}). Progress is advice: a file that cannot be
 * written is left for the next update, never a failed job.
 */
record WorkProgress(String folder) implements Serializable {
  static final String SCAN = "scan";
  static final String BUILD = "build";
  private static final long EVERY_NANOS = 250_000_000L;

  /** One piece of work's progress file. */
  Piece piece(String stage, String name) {
    return new Piece(Paths.get(folder, stage + "-" + name));
  }

  /**
   * The bytes and ticks of each piece of work so far, by file name; a file that cannot be read
   * now (being replaced) is left out, and the caller keeps its earlier numbers.
   */
  static Map<String, long[]> read(Path folder) {
    Map<String, long[]> out = new HashMap<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    } catch (IOException | UncheckedIOException e) {
      return out;
    }
    for (Path f : files) {
      try {
        String[] numbers = Files.readString(f).trim().split(" ");
        out.put(f.getFileName().toString(), new long[] {Long.parseLong(numbers[0]), Long.parseLong(numbers[1])});
      } catch (IOException | RuntimeException e) {
        // being replaced: the earlier numbers stand
      }
    }
    return out;
  }

  /** The progress of one piece of work. */
  static final class Piece {
    private final Path file;
    private long lastWrite = System.nanoTime();

    private Piece(Path file) {
      this.file = file;
    }

    /** Tells the bytes and ticks so far, unless it was told less than a quarter second ago. */
    void update(long bytes, long ticks) {
      if (System.nanoTime() - lastWrite >= EVERY_NANOS) {
        done(bytes, ticks);
      }
    }

    /** Tells the bytes and ticks so far. */
    void done(long bytes, long ticks) {
      lastWrite = System.nanoTime();
      try {
        OutputFolder.writeWhole(file, (bytes + " " + ticks).getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // advice only: the next update tries again
      }
    }
  }
}
