package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder of a run (SPEC 2, 8). A run writes everything into a hidden staging folder
 * inside it; {@link #publish} then swaps the run's entries in for the earlier run's and writes
 * {@code manifest.json} last, so a reader sees either the earlier complete output or the new one.
 * A run that fails or is killed before publishing leaves the earlier output as it was. Only the
 * entries tickbars owns ({@code bars_*}, {@code tick_slices_*}, {@code rejects},
 * {@code ledger.json}, {@code manifest.json}) are ever moved or removed, and only in a folder that
 * is empty or a tickbars output ({@link #requireOwn}). The run holds the output's lock ({@link
 * OutputLock}) from before it looks at the folder until it closes.
 */
public final class OutputFolder implements AutoCloseable {
  public static final String MANIFEST = "manifest.json";
  /** The file a bar or slice folder without rows gets, so that it reads. */
  public static final String EMPTY = "empty";
  public static final String PROGRESS = "progress.jsonl";
  public static final String REJECTS = "rejects";
  /** The scan's read counts, merged ({@code ScanCounts}); hidden, never published. */
  public static final String SCAN_COUNTS = ".scan-counts.json";
  /** Decompressed copies of compressed inputs, for the second pass; hidden, never published. */
  public static final String INFLATED = ".inflated";
  /** Each scanned piece's rejects, lines counted from the piece's start; hidden, never published. */
  public static final String PIECE_REJECTS = ".rejects";
  /** Each frame and symbol's last bar's partials, merged ({@link OpenBars}), for the ledger; hidden, never published. */
  public static final String OPEN_BARS = ".open-bars.json";
  /** The staging folder's files of the workers' progress (the progress of the pieces and tasks). */
  public static final String WORK_PROGRESS = ".progress";
  /** The files the graph's writers wrote, merged ({@link WrittenFiles}); hidden, never published. */
  public static final String WRITTEN_FILES = ".written-files.json";
  /** The quality numbers of the scan and the build, merged ({@code QualityParts}); hidden, never published. */
  public static final String QUALITY_PARTS = ".quality-parts.json";
  private static final String STAGING_PREFIX = ".staging-";
  private static final String OLD_PREFIX = ".replaced-";
  /** The quality report of the run, published beside the manifest. */
  public static final String QUALITY = "quality.json";
  /** Where a {@code --watch} on Flink checkpoints, in its output folder. */
  public static final String CHECKPOINTS = ".checkpoints";

  /** What a watch works in while it runs ({@code --watch}). */
  public static final String WATCH_PREFIX = ".watch-";

  private final Path root;
  private final Path staging;
  private final OutputLock lock;
  private final List<WrittenFiles.File> carried = new ArrayList<>();

  private OutputFolder(Path root, Path staging, OutputLock lock) {
    this.root = root;
    this.staging = staging;
    this.lock = lock;
  }

  /**
   * Creates the folder, takes its lock and makes a fresh staging folder in it, clearing what
   * killed runs left; a usage error when another run holds it or it is no tickbars output.
   */
  public static OutputFolder prepare(String output, PrintStream log) {
    Path root = create(output);
    try {
      requireOwn(root);
    } catch (IOException e) {
      throw new UsageException("cannot read output " + root + ": " + e, e);
    }
    OutputLock lock = OutputLock.take(root);
    try {
      clearLeftovers(root, log);
      Path staging = Files.createDirectory(root.resolve(STAGING_PREFIX + UUID.randomUUID()));
      return new OutputFolder(root, staging, lock);
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(lock);
      throw new UsageException("cannot write output " + root + ": " + e, e);
    }
  }

  /**
   * Makes {@code root}, whose lock the caller holds, one whole run again: completes the publish a
   * killed run left ({@link PublishJournal#finish}), then removes what runs killed before their
   * publish left (staging folders, replaced folders of no journal, half-written files); true
   * when there was a publish to complete.
   */
  public static boolean clearLeftovers(Path root, PrintStream log) throws IOException {
    boolean finished = PublishJournal.finish(root, log);
    for (Path leftover : children(root)) {
      String name = leftover.getFileName().toString();
      if (name.startsWith(STAGING_PREFIX) || name.startsWith(OLD_PREFIX) || (name.startsWith(".") && name.endsWith(".tmp"))) {
        deleteRecursively(leftover);
      }
    }
    return finished;
  }

  /** The absolute folder of {@code --output}, created when it is not there. */
  public static Path create(String output) {
    Path root = Paths.get(output).toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      return root;
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("cannot write output " + root + ": " + e, e);
    }
  }

  /**
   * A usage error unless {@code root} is empty or a tickbars output: it holds a manifest or a
   * ledger, or what a killed publish or watch leaves (a {@link PublishJournal}, {@code .replaced-*}, {@code .watch-*}), or
   * only what a run killed before its first publish leaves (the lock, staging, progress). So
   * tickbars never deletes what it did not write.
   */
  public static void requireOwn(Path root) throws IOException {
    List<String> names = children(root).stream().map(p -> p.getFileName().toString()).toList();
    if (names.contains(MANIFEST) || names.contains(Ledger.FILE) || names.contains(PublishJournal.FILE)
        || names.stream().anyMatch(n -> n.startsWith(OLD_PREFIX) || n.startsWith(WATCH_PREFIX))) {
      return;
    }
    for (String name : names) {
      if (!name.equals(OutputLock.FILE) && !name.equals(PROGRESS) && !name.startsWith(STAGING_PREFIX)) {
        throw new UsageException(
            root + " is no tickbars output (it holds " + name + " and no " + MANIFEST + "); tickbars writes only"
                + " into a new or empty folder or its own output, and deletes nothing else: give another --output");
      }
    }
  }

  private static void closeQuietly(OutputLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // the lock goes with the process in any case
    }
  }

  public Path root() {
    return root;
  }

  public Path staging() {
    return staging;
  }

  /** A folder (bars_1m, rejects, ...) inside the staging folder, as a path string for Beam. */
  public String staged(String name) {
    return staging.resolve(name).toString();
  }

  /**
   * Links the published output's files into the staging folder (an {@code --append} run adds to
   * them), but for those whose what ({@link OutputLayout#whatOf}) is in {@code rewritten}, which
   * the run writes anew; a file system without hard links gets copies. {@link #carried} lists them.
   */
  public void carryOver(OutputLayout layout, Set<String> rewritten) throws IOException {
    for (Path entry : children(root)) {
      String name = entry.getFileName().toString();
      if (!isOwned(name) || !Files.isDirectory(entry)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(entry)) {
        files = walk.filter(Files::isRegularFile).filter(f -> !rewritten.contains(layout.whatOf(entry.relativize(f)))).toList();
      }
      for (Path f : files) {
        Path copy = staging.resolve(root.relativize(f));
        Files.createDirectories(copy.getParent());
        try {
          Files.createLink(copy, f);
        } catch (UnsupportedOperationException | IOException e) {
          Files.copy(f, copy);
        }
        long rows = f.getFileName().toString().endsWith(".parquet") ? OutputListing.parquetRows(f) : OutputListing.lines(f);
        carried.add(new WrittenFiles.File(name, entry.relativize(f).toString(), rows));
      }
    }
  }

  /** The earlier runs' files that {@link #carryOver} linked into the staging folder, with their rows. */
  public List<WrittenFiles.File> carried() {
    return List.copyOf(carried);
  }

  /**
   * Puts the staged entries, the ledger and the manifest in place of the earlier run's entries
   * through a {@link PublishJournal}, the manifest last.
   */
  public void publish(byte[] ledger, byte[] manifest) throws IOException {
    removeHidden(staging);
    Files.write(staging.resolve(Ledger.FILE), ledger);
    Files.write(staging.resolve(MANIFEST), manifest);
    List<String> out = names(root).stream().filter(OutputFolder::isOwned).toList();
    PublishJournal.of(staging, replaced(), out, names(staging)).commit(root);
  }

  /**
   * Publishes only the staged rejects and {@code manifest}, in place of the earlier run's: a run
   * that failed keeps the earlier bars, slices and ledger.
   */
  public void publishRejects(byte[] manifest) throws IOException {
    removeHidden(staging);
    Files.write(staging.resolve(MANIFEST), manifest);
    List<String> entries = List.of(REJECTS, MANIFEST);
    PublishJournal.of(staging, replaced(), entries, names(staging).stream().filter(entries::contains).toList()).commit(root);
  }

  private Path replaced() {
    return root.resolve(OLD_PREFIX + staging.getFileName().toString().substring(STAGING_PREFIX.length()));
  }

  private static List<String> names(Path dir) throws IOException {
    return children(dir).stream().map(p -> p.getFileName().toString()).toList();
  }

  /** Removes the staging folder of a run that will not publish. */
  void abandon() {
    try {
      deleteRecursively(staging);
    } catch (IOException | UncheckedIOException e) {
      // Nothing to undo: the earlier output was never touched; the next run clears the rest.
    }
  }

  /** Ends the run's hold on the output: its staging folder, if it did not publish, and its lock. */
  @Override
  public void close() {
    abandon();
    closeQuietly(lock);
  }

  /** Removes what writers leave besides their output: hidden entries such as .temp-beam folders. */
  private static void removeHidden(Path dir) throws IOException {
    List<Path> hidden;
    try (Stream<Path> walk = Files.walk(dir)) {
      hidden = walk.filter(p -> !p.equals(dir) && p.getFileName().toString().startsWith(".")).toList();
    }
    for (Path p : hidden) {
      deleteRecursively(p);
    }
  }



  private static boolean isOwned(String name) {
    return OutputLayout.isBarsFolder(name) || OutputLayout.isSlicesFolder(name) || name.equals(REJECTS)
        || name.equals(Ledger.FILE) || name.equals(MANIFEST) || name.equals(QUALITY);
  }

  public static List<Path> children(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  public static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
