package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish killed at each of its steps (SPEC 2): the run is paused before step N ({@code
 * -Dtickbars.publishPauseAt=N}, 0 being the journal's write) and killed with SIGKILL, for every N
 * until a run passes the last step. After each kill, {@code inspect} finds one whole run: the
 * earlier one when the kill came before the journal, the new one after; at every other step
 * {@code tickbars repair} puts it in place; a next run that fails leaves it whole; and a next run
 * that succeeds gives its own output whole. A second kill at the same step is followed at once by
 * a next run that succeeds.
 */
class KilledPublishTest {
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aPublishKilledAtAnyStepIsCompletedByTheNextRunThatFailsOrSucceedsOrByRepair() throws Exception {
    Path one = SAMPLE.resolve("ticks-000.csv");
    SampleTicks.write(dir.resolve("big"), 50_000, 1, 5, false);
    Path truncated = truncatedGzip(dir.resolve("big/ticks-000.csv"));
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + one, "--output=" + out, "--maxRejectRatio=1", "--quiet").code());
    long oldTicks = accepted(out);
    long newTicks = -1;

    int step = 0;
    while (killAt(step, out)) {
      String committed = step == 0 ? "the earlier run" : "the killed run";
      long expected = step == 0 ? oldTicks : newTicks;
      Jar.Result inspect = whole(out, "after a kill before step " + step + ", " + committed);
      if (step > 0) {
        assertTrue(inspect.err().contains("a publish was interrupted after its commit point"), inspect.err());
      }
      if (step == 1) {
        newTicks = accepted(inspect);
        expected = newTicks;
      }
      assertEquals(expected, accepted(inspect), inspect.out());

      if (step % 2 == 1) {
        Jar.Result repair = Jar.inProcess(List.of("repair", out.toString()));
        assertEquals(0, repair.code(), repair.err());
        assertEquals(expected, accepted(whole(out, "repair after a kill before step " + step)));
      }
      Jar.Result failed = Jar.inProcess(List.of("--input=" + truncated, "--output=" + out, "--quiet"));
      assertEquals(1, failed.code(), failed.err());
      assertEquals(expected, accepted(whole(out, "a failed run after a kill before step " + step)));
      assertTrue(Files.list(out).noneMatch(p -> p.getFileName().toString().matches("\\.(staging|replaced|publish).*")),
          "the failed run completed the publish first: " + Arrays.toString(out.toFile().list()));
      succeed(one, out, oldTicks, "a next run after a failed one after a kill before step " + step);

      assertTrue(killAt(step, out));
      succeed(one, out, oldTicks, "a next run right after a kill before step " + step);
      step++;
    }
    assertTrue(step >= 12, "a publish of four folders, rejects, ledger, quality and manifest has more steps than " + step);
    assertEquals(newTicks, accepted(whole(out, "after the run that passed every step")));
  }

  /**
   * A failed run's publish (rejects and manifest only) killed before it deletes its staging
   * folder, which still holds the bars it did not publish: inspect shows the earlier bars, which
   * the folder holds, and says the run failed; the next run's clean-up leaves the same.
   */
  @Test
  void aFailedRunsPublishKilledBeforeItsCleanUpShowsTheEarlierBars() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + SAMPLE.resolve("ticks-000.csv"), "--output=" + out, "--maxRejectRatio=1", "--quiet").code());
    String bars = barsRows(Jar.inProcess(List.of("inspect", out.toString())));
    Path golden = GoldenTest.GOLDEN.resolve("ticks.csv");
    assertTrue(killAt(6, "--input=" + golden, "--output=" + out, "--quiet"), "a failed run's publish has a step 6");
    assertTrue(Files.readString(dir.resolve("killed.log")).contains("before publish step 6: delete .staging-"));

    Jar.Result inspect = Jar.inProcess(List.of("inspect", out.toString()));
    assertEquals(1, inspect.code(), inspect.out() + inspect.err());
    assertTrue(inspect.out().contains("manifest: FAILED"), inspect.out());
    assertEquals(bars, barsRows(inspect), "the earlier bars, where the folder holds them");

    assertEquals(0, Jar.inProcess(List.of("repair", out.toString())).code());
    Jar.Result repaired = Jar.inProcess(List.of("inspect", out.toString()));
    assertEquals(1, repaired.code());
    assertEquals(bars, barsRows(repaired));
    assertTrue(repaired.err().isEmpty(), "the folder holds what the failed manifest lists: " + repaired.err());
  }

  private static String barsRows(Jar.Result inspect) {
    return String.join("\n", inspect.out().lines().filter(l -> l.startsWith("bars_1m ")).toList());
  }

  private static void succeed(Path input, Path out, long ticks, String when) throws IOException {
    Jar.Result next = Jar.inProcess(List.of("--input=" + input, "--output=" + out, "--maxRejectRatio=1", "--quiet"));
    assertEquals(0, next.code(), when + ": " + next.err());
    assertEquals(ticks, accepted(whole(out, when)), when);
  }

  /**
   * Runs the sample into {@code out}, paused before publish step {@code step}, and kills it there;
   * false when the run passed the last step and ended.
   */
  private boolean killAt(int step, Path out) throws IOException, InterruptedException {
    return killAt(step, "--input=" + SAMPLE, "--output=" + out, "--maxRejectRatio=1", "--quiet");
  }

  /** Runs {@code args}, paused before publish step {@code step}, and kills it there; false when it ended. */
  private boolean killAt(int step, String... args) throws IOException, InterruptedException {
    return Jar.killAtPublishStep(step, dir.resolve("killed.log"), Map.of(), List.of(args));
  }


  /** {@code inspect OUT}, which must find one whole run. */
  private static Jar.Result whole(Path out, String when) throws IOException {
    Jar.Result r = Jar.inProcess(List.of("inspect", out.toString()));
    assertEquals(0, r.code(), when + ": " + r.out() + r.err() + Arrays.toString(out.toFile().list()));
    return r;
  }

  private static long accepted(Jar.Result inspect) {
    String line = inspect.out().lines().filter(l -> l.startsWith("manifest: complete")).findFirst().orElseThrow();
    return Long.parseLong(line.replaceAll(".*, ([\\d,]+) ticks accepted.*", "$1").replace(",", ""));
  }

  private static long accepted(Path out) throws IOException {
    return JSON.readTree(out.resolve("manifest.json").toFile()).path("ticks").path("accepted").asLong();
  }

  private Path truncatedGzip(Path csv) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(Files.readAllBytes(csv));
    }
    Path f = dir.resolve("cut.csv.gz");
    Files.write(f, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2)); // the first lines read fine
    return f;
  }
}
