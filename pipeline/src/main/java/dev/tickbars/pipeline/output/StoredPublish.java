package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a run's staged output takes the place of the earlier one in object storage, which has no
 * rename: {@code manifest.json} is the commit record, and a kill at any instant leaves an output
 * that either has a manifest that lists exactly the files of one whole run, or has none.
 *
 * <ol>
 *   <li>{@code OUT/.publish.json} is written whole: the staging folder, the staged files that come
 *       in ({@code in}, the manifest last) and the earlier files that go ({@code stale}).
 *   <li>{@code OUT/manifest.json} is deleted: from here until step 4 the output claims nothing.
 *   <li>Each staged file but the manifest is copied to its place (a server-side copy).
 *   <li>The staged manifest is copied to {@code OUT/manifest.json}: the new run is committed.
 *   <li>The stale files are deleted, then the staging folder (its manifest last), then the journal.
 * </ol>
 *
 * A run that finds a journal ({@link #clearLeftovers}, and so {@code tickbars repair}) rolls the
 * publish forward: while the staged manifest is there and differs from {@code OUT/manifest.json},
 * it does steps 2 to 5 again (every copy is idempotent), else step 5 only. A run killed before
 * the journal leaves the earlier output as it was, and its staging folder is deleted.
 */
public record StoredPublish(String root, String staging, List<String> in, List<String> stale) {
  /** The journal's name, as the local {@link PublishJournal}'s: an output is one or the other. */
  public static final String FILE = PublishJournal.FILE;

  /**
   * The publish of the staged files {@code in} (relative to the staging folder and the output
   * alike) into {@code root}, in place of the files of the entries tickbars owns there that are
   * neither in {@code in} nor in {@code keep}; with {@code only}, only those under it (a failed
   * run's rejects) go.
   */
  static StoredPublish of(String root, String staging, List<String> in, List<String> keep, String only) throws IOException {
    Set<String> stays = new TreeSet<>(in);
    stays.addAll(keep);
    List<String> stale = new ArrayList<>();
    for (String f : OutputFolder.ownedFiles(Storage.list(root))) {
      if (!stays.contains(f) && !f.equals(OutputFolder.MANIFEST) && (only == null || f.startsWith(only))) {
        stale.add(f);
      }
    }
    List<String> manifestLast = new ArrayList<>(in);
    manifestLast.remove(OutputFolder.MANIFEST);
    manifestLast.add(OutputFolder.MANIFEST);
    return new StoredPublish(root, staging, List.copyOf(manifestLast), List.copyOf(stale));
  }

  /** Writes the journal, then carries the publish out. */
  void commit() throws IOException {
    PublishSteps steps = new PublishSteps();
    steps.next("write " + FILE);
    Storage.writeWhole(Storage.resolve(root, FILE), Json.MAPPER.writeValueAsBytes(this));
    apply(steps);
  }

  /**
   * Rolls forward the publish a killed run left in {@code root}, if any, and deletes the staging
   * folders of runs killed before they published; true when there was a publish to complete.
   */
  public static boolean clearLeftovers(String root, PrintStream log) throws IOException {
    String journal = Storage.resolve(root, FILE);
    boolean finished = Storage.exists(journal);
    if (finished) {
      StoredPublish p = Json.MAPPER.readValue(Storage.read(journal), StoredPublish.class);
      log.println("tickbars: completing the publish a killed run left in " + root + " (" + p.staging() + ")");
      p.apply(new PublishSteps());
    }
    for (String name : OutputFolder.topNames(root)) {
      if (OutputFolder.isLeftover(name)) {
        Storage.deleteTree(Storage.resolve(root, name));
      }
    }
    return finished;
  }

  private void apply(PublishSteps steps) throws IOException {
    String stagedManifest = Storage.resolve(staging, OutputFolder.MANIFEST);
    String manifest = Storage.resolve(root, OutputFolder.MANIFEST);
    if (Storage.exists(stagedManifest)
        && !(Storage.exists(manifest) && Arrays.equals(Storage.read(manifest), Storage.read(stagedManifest)))) {
      steps.next("delete " + OutputFolder.MANIFEST);
      Storage.delete(List.of(manifest));
      List<String> files = in.subList(0, in.size() - 1);
      int half = files.size() / 2;
      steps.next("copy the first " + half + " files in");
      copyIn(files.subList(0, half));
      steps.next("copy the other " + (files.size() - half) + " files in");
      copyIn(files.subList(half, files.size()));
      steps.next("copy " + OutputFolder.MANIFEST + " in");
      copyIn(List.of(OutputFolder.MANIFEST));
    }
    steps.next("delete " + stale.size() + " stale files");
    Storage.delete(stale.stream().map(f -> Storage.resolve(root, f)).toList());
    steps.next("delete " + staging);
    List<String> staged = new ArrayList<>(Storage.list(staging));
    staged.remove(OutputFolder.MANIFEST);
    Storage.delete(staged.stream().map(f -> Storage.resolve(staging, f)).toList());
    Storage.delete(List.of(stagedManifest));
    steps.next("delete " + FILE);
    Storage.delete(List.of(Storage.resolve(root, FILE)));
  }

  private void copyIn(List<String> files) throws IOException {
    Storage.copy(
        files.stream().map(f -> Storage.resolve(staging, f)).toList(),
        files.stream().map(f -> Storage.resolve(root, f)).toList());
  }
}
