package dev.tickbars.pipeline.report;

import dev.tickbars.pipeline.common.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  /** In object storage, where each write is a request. */
  private static final long STORED_EVERY_NANOS = 5_000_000_000L;
  private static final String DONE = ".done";

  /** One piece of work's progress file. */
  public Piece piece(String stage, String name) {
    return new Piece(Storage.resolve(folder, stage + "-" + name), Storage.isLocal(folder) ? EVERY_NANOS : STORED_EVERY_NANOS);
  }

  /**
   * Brings {@code pieces} (bytes and ticks of each piece of work so far, by name) up to date with
   * the folder: a finished piece's numbers ({@code <name>.done}) are read once and kept in {@code
   * done}; only the few pieces still at work are read again. A file that cannot be read now
   * (being replaced) keeps its earlier numbers.
   */
  static void read(String folder, Map<String, long[]> pieces, Set<String> done) {
    List<String> files;
    try {
      files = Storage.list(folder).stream().filter(f -> !f.startsWith(".") && !f.contains("/")).toList();
    } catch (IOException | UncheckedIOException e) {
      return;
    }
    for (String file : files) {
      boolean finished = file.endsWith(DONE);
      String name = finished ? file.substring(0, file.length() - DONE.length()) : file;
      if (done.contains(name)) {
        continue;
      }
      try {
        String[] numbers = new String(Storage.read(Storage.resolve(folder, file)), StandardCharsets.US_ASCII).trim().split(" ");
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
    private final String file;
    private final long everyNanos;
    private long lastWrite = System.nanoTime();

    private Piece(String file, long everyNanos) {
      this.file = file;
      this.everyNanos = everyNanos;
    }

    /** Tells the bytes and ticks so far, unless it was told less than a quarter second ago. */
    public void update(long bytes, long ticks) {
      if (System.nanoTime() - lastWrite >= everyNanos) {
        write(file, bytes, ticks);
      }
    }

    /** Tells the piece's last bytes and ticks: it is done. */
    public void done(long bytes, long ticks) {
      write(file + DONE, bytes, ticks);
      try {
        Storage.delete(List.of(file));
      } catch (IOException e) {
        // the finished numbers stand for it
      }
    }

    private void write(String to, long bytes, long ticks) {
      lastWrite = System.nanoTime();
      try {
        Storage.writeWhole(to, (bytes + " " + ticks).getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // advice only: the next update tries again
      }
    }
  }
}
