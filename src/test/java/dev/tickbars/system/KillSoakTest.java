package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.pipeline.tools.SampleTicks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty SIGKILLs at random instants of a 300,000-tick run over scan, build and publish (SPEC 2):
 * after each, {@code inspect} finds one whole run, the earlier or the killed one, with every tick;
 * and a final run succeeds. The instants are drawn from 0 to 1.1 times the length of one whole run,
 * so that some land in the publish at its end and some runs end before their kill. The seed is
 * printed, and {@code -Dsoak.seed} repeats a draw.
 */
class KillSoakTest {
  private static final int KILLS = 50;
  private static final int TICKS = 300_000;

  @TempDir Path dir;

  @Test
  void fiftyKillsAtRandomInstantsEachLeaveOneWholeRun() throws Exception {
    long seed = Long.getLong("soak.seed", System.nanoTime());
    System.out.println("KillSoakTest seed " + seed);
    Random random = new Random(seed);
    Path in = dir.resolve("in");
    SampleTicks.write(in, TICKS, 3, 3, false);
    Path out = dir.resolve("out");
    long started = System.nanoTime();
    Process first = run(in, out);
    assertTrue(first.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, first.exitValue(), Files.readString(dir.resolve("run.log")));
    long runMillis = (System.nanoTime() - started) / 1_000_000;
    assertWhole(out, "the first run");

    int ended = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      long at = (long) (random.nextDouble() * 1.1 * runMillis);
      Process p = run(in, out);
      if (p.waitFor(at, TimeUnit.MILLISECONDS)) {
        ended++;
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("run.log")));
      } else {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      assertWhole(out, "kill " + kill + " at " + at + " ms of a " + runMillis + " ms run (seed " + seed + ")");
    }
    System.out.println("KillSoakTest: " + (KILLS - ended) + " runs killed, " + ended + " ended before their kill; a run takes " + runMillis + " ms");

    Process last = run(in, out);
    assertTrue(last.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, last.exitValue(), Files.readString(dir.resolve("run.log")));
    assertWhole(out, "the final run");
    assertTrue(Files.list(out).noneMatch(p -> p.getFileName().toString().matches("\\.(staging|replaced|publish).*")),
        Arrays.toString(out.toFile().list()));
  }

  private Process run(Path in, Path out) throws java.io.IOException {
    return Jar.commandInHeap("512m", "--input=" + in, "--output=" + out, "--progress=none", "--maxRejectRatio=1")
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
  }

  /** {@code inspect} finds one whole run of every tick. */
  private static void assertWhole(Path out, String when) {
    Jar.Result r = Jar.inProcess(List.of("inspect", out.toString()));
    assertEquals(0, r.code(), when + ": " + r.out() + r.err() + Arrays.toString(out.toFile().list()));
    assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%,d ticks accepted", TICKS)), when + ": " + r.out());
  }
}
