package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.pipeline.tools.SampleTicks;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input file that changes while a run reads it fails the run (exit 1, one line), and the run
 * publishes nothing, so the file is not recorded as read: once it is whole again, a run reads it
 * all. (A file truncated under the run once gave exit 0 with a fifth of its lines, recorded with
 * its old size, so that an append could never add the rest.)
 */
class ChangingInputTest {
  @TempDir Path dir;
  private Process run;

  @AfterEach
  void endRun() throws InterruptedException {
    if (run != null) {
      run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFileTruncatedWhileItIsReadFailsTheRunAndIsNotRecorded() throws Exception {
    Path in = dir.resolve("in");
    SampleTicks.write(in, 400_000, 2, 3, false);
    Path file = in.resolve("ticks-001.csv");
    byte[] whole = Files.readAllBytes(file);
    Path out = dir.resolve("out");
    run = Jar.command("--input=" + in, "--output=" + out, "--progress=none")
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
    Jar.awaitStaging(out, run, "");

    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(whole.length / 5);
    }

    assertTrue(run.waitFor(5, TimeUnit.MINUTES));
    String log = Files.readString(dir.resolve("run.log"));
    assertEquals(1, run.exitValue(), log);
    List<String> failed = log.lines().filter(l -> l.startsWith("tickbars: job failed: ")).toList();
    assertEquals(1, failed.size(), log);
    assertTrue(failed.get(0).contains("changed"), failed.get(0));
    assertFalse(Files.exists(out.resolve("manifest.json")), "nothing published");
    assertFalse(Files.exists(out.resolve("ledger.json")), "nothing recorded as read");

    Files.write(file, whole);
    Jar.Result again = Jar.run("--input=" + in, "--output=" + out, "--append");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("400,000"), "every tick of the whole file: " + again.out());
  }

}
