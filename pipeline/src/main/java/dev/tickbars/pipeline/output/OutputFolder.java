package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  /** The first file of a staging folder in object storage, which checks that the output can be written: who runs. */
  private static final String RUN = ".run";
  private static final String OLD_PREFIX = ".replaced-";
  /** The quality report of the run, published beside the manifest. */
  public static final String QUALITY = "quality.json";
  /** Where a {@code --watch} on Flink checkpoints, in its output folder. */
  public static final String CHECKPOINTS = ".checkpoints";

  /** What a watch works in while it runs ({@code --watch}). */
  public static final String WATCH_PREFIX = ".watch-";

  private final String root;
  private final String staging;
  private final OutputLock lock;
  private final List<WrittenFiles.File> carried = new ArrayList<>();

  /** @param lock the local output's lock; null in object storage */
  private OutputFolder(String root, String staging, OutputLock lock) {
    this.root = root;
    this.staging = staging;
    this.lock = lock;
  }

  /**
   * Creates the folder, takes its lock and makes a fresh staging folder in it, clearing what
   * killed runs left; a usage error when another run holds it or it is no tickbars output.
   */
  public static OutputFolder prepare(String output, PrintStream log) {
    if (!Storage.isLocal(output)) {
      return prepareStored(output.replaceAll("/+$", ""), log);
    }
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
      return new OutputFolder(root.toString(), staging.toString(), lock);
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(lock);
      throw new UsageException("cannot write output " + root + ": " + e, e);
    }
  }

  /** {@link #prepare} for an output in object storage, which has no lock and no folders but names. */
  private static OutputFolder prepareStored(String root, PrintStream log) {
    try {
      requireOwn(root, topNames(root));
      StoredPublish.clearLeftovers(root, log);
      String staging = Storage.resolve(root, STAGING_PREFIX + UUID.randomUUID());
      Storage.writeWhole(Storage.resolve(staging, RUN), OutputLock.holder().getBytes(StandardCharsets.UTF_8));
      return new OutputFolder(root, staging, null);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UsageException u) {
        throw u;
      }
      throw new UsageException("cannot write output " + root + ": " + Storage.why(e), e);
    }
  }

  /** The names of the top of an output: its files and the first part of the names of the files in its folders. */
  static List<String> topNames(String root) throws IOException {
    return Storage.list(root).stream().map(f -> f.contains("/") ? f.substring(0, f.indexOf('/')) : f).distinct().toList();
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
      if (isLeftover(name)) {
        deleteRecursively(leftover);
      }
    }
    return finished;
  }

  /** Whether an entry of an output is what a killed run left: a staging or replaced folder, a half-written file. */
  static boolean isLeftover(String name) {
    return name.startsWith(STAGING_PREFIX) || name.startsWith(OLD_PREFIX) || (name.startsWith(".") && name.endsWith(".tmp"));
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
    requireOwn(root.toString(), children(root).stream().map(p -> p.getFileName().toString()).toList());
  }

  private static void requireOwn(String root, List<String> names) {
    if (names.contains(MANIFEST) || names.contains(Ledger.FILE) || names.contains(PublishJournal.FILE)
        || names.contains(StoredPublish.FILE) || names.stream().anyMatch(n -> n.startsWith(OLD_PREFIX) || n.startsWith(WATCH_PREFIX))) {
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
      if (lock != null) {
        lock.close();
      }
    } catch (IOException e) {
      // the lock goes with the process in any case
    }
  }

  /** Where the output is: an absolute local path or an object storage URL ({@code s3://bucket/prefix}). */
  public String root() {
    return root;
  }

  /** An entry (manifest.json, bars_1m, ...) at the top of the output. */
  public String at(String name) {
    return Storage.resolve(root, name);
  }

  public String staging() {
    return staging;
  }

  /** An entry (bars_1m, rejects, ...) inside the staging folder, as a location for Beam. */
  public String staged(String name) {
    return Storage.resolve(staging, name);
  }

  /**
   * Carries the published output's files over into this run (an {@code --append} run adds to
   * them), but for those whose what ({@link OutputLayout#whatOf}) is in {@code rewritten}, which
   * the run writes anew. A local output links them into the staging folder (a file system without
   * hard links gets copies); in object storage they stay where they are, and the publish keeps
   * them. {@link #carried} lists them.
   */
  public void carryOver(OutputLayout layout, Set<String> rewritten) throws IOException {
    for (String f : Storage.list(root)) {
      int slash = f.indexOf('/');
      if (slash < 0 || !isOwned(f.substring(0, slash))) {
        continue;
      }
      String folder = f.substring(0, slash);
      String relative = f.substring(slash + 1);
      if (relative.startsWith(".") || relative.contains("/.") || rewritten.contains(layout.whatOf(Paths.get(relative)))) {
        continue;
      }
      if (lock != null) {
        link(Storage.path(at(f)), Storage.path(staged(f)));
      }
      String at = at(f);
      carried.add(new WrittenFiles.File(folder, relative, f.endsWith(".parquet") ? OutputListing.parquetRows(at) : OutputListing.lines(at)));
    }
  }

  private static void link(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try {
      Files.createLink(to, from);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(from, to);
    }
  }

  /** The earlier runs' files that {@link #carryOver} carried over, with their rows. */
  public List<WrittenFiles.File> carried() {
    return List.copyOf(carried);
  }

  /**
   * The folders of the run, {@code files} (those the writers returned, the carried ones and the
   * placeholders of empty folders), after checking that the staging folder holds exactly the
   * files of them that were written there.
   */
  public List<OutputListing.Folder> listing(List<WrittenFiles.File> files) throws IOException {
    List<WrittenFiles.File> staged = new ArrayList<>(files);
    if (lock == null) {
      staged.removeAll(carried);
    }
    OutputListing.requireExactly(staged, staging);
    return OutputListing.group(files);
  }

  /**
   * Puts the staged entries, the ledger and the manifest in place of the earlier run's entries,
   * the manifest last: locally through a {@link PublishJournal}, in object storage through a
   * {@link StoredPublish}.
   */
  public void publish(byte[] ledger, byte[] manifest) throws IOException {
    if (lock == null) {
      Storage.writeWhole(staged(Ledger.FILE), ledger);
      Storage.writeWhole(staged(MANIFEST), manifest);
      List<String> keep = carried.stream().map(f -> f.folder() + "/" + f.path()).toList();
      StoredPublish.of(root, staging, ownedFiles(Storage.list(staging)), keep, null).commit();
      return;
    }
    Path dir = Storage.path(staging);
    removeHidden(dir);
    Files.write(dir.resolve(Ledger.FILE), ledger);
    Files.write(dir.resolve(MANIFEST), manifest);
    List<String> out = names(Storage.path(root)).stream().filter(OutputFolder::isOwned).toList();
    PublishJournal.of(dir, replaced(), out, names(dir)).commit(Storage.path(root));
  }

  /**
   * Publishes only the staged rejects and {@code manifest}, in place of the earlier run's: a run
   * that failed keeps the earlier bars, slices and ledger.
   */
  public void publishRejects(byte[] manifest) throws IOException {
    if (lock == null) {
      Storage.writeWhole(staged(MANIFEST), manifest);
      List<String> in = ownedFiles(Storage.list(staging)).stream().filter(f -> f.equals(MANIFEST) || f.startsWith(REJECTS + "/")).toList();
      StoredPublish.of(root, staging, in, List.of(), REJECTS + "/").commit();
      return;
    }
    Path dir = Storage.path(staging);
    removeHidden(dir);
    Files.write(dir.resolve(MANIFEST), manifest);
    List<String> entries = List.of(REJECTS, MANIFEST);
    PublishJournal.of(dir, replaced(), entries, names(dir).stream().filter(entries::contains).toList()).commit(Storage.path(root));
  }

  /** Of the files {@code relative} to an output, those of the entries tickbars owns and not hidden. */
  static List<String> ownedFiles(List<String> relative) {
    return relative.stream()
        .filter(f -> isOwned(f.contains("/") ? f.substring(0, f.indexOf('/')) : f))
        .filter(f -> !f.startsWith(".") && !f.contains("/."))
        .toList();
  }

  private Path replaced() {
    Path dir = Storage.path(staging);
    return dir.resolveSibling(OLD_PREFIX + dir.getFileName().toString().substring(STAGING_PREFIX.length()));
  }

  private static List<String> names(Path dir) throws IOException {
    return children(dir).stream().map(p -> p.getFileName().toString()).toList();
  }

  /** Removes the staging folder of a run that will not publish. */
  void abandon() {
    try {
      Storage.deleteTree(staging);
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

  static boolean isOwned(String name) {
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
    Storage.deleteTree(p.toString());
  }
}
