package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.WholeFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run's staged output takes the place of the earlier one, so that a kill at any instant
 * leaves an output that the next run makes whole again (SPEC 2). Before the first rename, {@code
 * OUT/.publish.json} is written whole: the commit point. It names the staging folder, the folder
 * the earlier entries go to, the entries that go out ({@code out}, the old {@code manifest.json}
 * first) and those that come in ({@code in}, the new {@code manifest.json} last). Every step after
 * it can be done again: an entry of {@code in} still in staging has not come in yet, and one that
 * is only at the top has; an entry of {@code out} at the top whose new one is still in staging
 * has not gone out. So a run that finds a journal ({@link #finish}) does what is left, whatever
 * step the killed run was at, and a run killed before the journal leaves the earlier output
 * untouched. While the swap runs, {@code OUT} holds no {@code manifest.json}: nothing there claims
 * to be whole until the new run is. The earlier manifest is kept, in the replaced folder, until
 * the new one is in place.
 *
 * <p>For the tests that kill a publish at each step, {@code -Dtickbars.publishPauseAt=N} ({@link PublishSteps}) stops the
 * process before step N (0 is writing the journal) and says so on stderr.
 */
public record PublishJournal(String staging, String replaced, List<String> out, List<String> in) {
  static final String FILE = ".publish.json";

  /** Writes the journal into {@code root}, the commit point, and carries the swap out. */
  void commit(Path root) throws IOException {
    PublishSteps steps = new PublishSteps();
    steps.next("write " + FILE);
    WholeFile.write(root.resolve(FILE), Json.MAPPER.writeValueAsBytes(this));
    apply(root, steps);
  }

  /**
   * Completes the publish that a killed run left in {@code root}, if any, and says so on {@code
   * log}; the caller holds the output's lock.
   */
  static boolean finish(Path root, PrintStream log) throws IOException {
    PublishJournal journal = read(root);
    if (journal == null) {
      return false;
    }
    log.println("tickbars: completing the publish a killed run left in " + root + " (" + journal.staging() + ")");
    journal.apply(root, new PublishSteps());
    return true;
  }

  /** The journal of an unfinished publish in {@code root}; null when there is none. */
  public static PublishJournal read(Path root) throws IOException {
    Path file = root.resolve(FILE);
    return Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), PublishJournal.class) : null;
  }

  /**
   * Where entry {@code name} of the committed run is now: still in staging when it is one that
   * comes in and has not yet, else at the top (a failed run's staged bars never come in).
   */
  public Path whereIs(Path root, String name) {
    Path staged = root.resolve(staging).resolve(name);
    return in.contains(name) && Files.exists(staged) ? staged : root.resolve(name);
  }

  private void apply(Path root, PublishSteps steps) throws IOException {
    Path stagingDir = root.resolve(staging);
    Path replacedDir = root.resolve(replaced);
    Files.createDirectories(replacedDir);
    for (String name : out) {
      Path current = root.resolve(name);
      boolean newOneIn = in.contains(name) && !Files.exists(stagingDir.resolve(name));
      if (Files.exists(current) && !newOneIn) {
        steps.next("move " + name + " out");
        Files.move(current, replacedDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (String name : in) {
      Path staged = stagingDir.resolve(name);
      if (Files.exists(staged)) {
        steps.next("move " + name + " in");
        Files.move(staged, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    steps.next("delete " + replaced);
    OutputFolder.deleteRecursively(replacedDir);
    steps.next("delete " + staging);
    OutputFolder.deleteRecursively(stagingDir);
    steps.next("delete " + FILE);
    Files.deleteIfExists(root.resolve(FILE));
  }

  /** The journal of a swap of the staged entries {@code in} for the entries {@code out} at the top. */
  static PublishJournal of(Path staging, Path replaced, List<String> out, List<String> in) {
    List<String> outFirst = new ArrayList<>(out);
    if (outFirst.remove(OutputFolder.MANIFEST)) {
      outFirst.add(0, OutputFolder.MANIFEST);
    }
    List<String> inLast = new ArrayList<>(in);
    if (inLast.remove(OutputFolder.MANIFEST)) {
      inLast.add(OutputFolder.MANIFEST);
    }
    return new PublishJournal(
        staging.getFileName().toString(), replaced.getFileName().toString(), List.copyOf(outFirst), List.copyOf(inLast));
  }
}
