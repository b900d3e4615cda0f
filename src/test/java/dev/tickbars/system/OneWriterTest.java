package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per output, and nothing deleted that tickbars did not write (SPEC 2): a second run
 * into an output that a run is writing exits 2 at once naming the holder, and the first run's
 * output is whole; a killed run's lock does not block the next run; an empty {@code --output} or
 * {@code --input}, and a folder that holds other files and no tickbars output, are usage errors
 * that leave every file as it was.
 */
class OneWriterTest {
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");

  @TempDir Path dir;
  private Process first;

  @AfterEach
  void endFirstRun() throws InterruptedException {
    if (first != null) {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSecondRunIntoAnOutputBeingWrittenExits2NamingTheHolderAndTheFirstEndsWhole() throws Exception {
    // Ticks enough that the first run still holds the lock while the second JVM starts (with
    // 400,000 the first run once ended before, on a busy 2-core machine).
    SampleTicks.write(dir.resolve("in"), 1_200_000, 2, 3, false);
    Path out = dir.resolve("out");
    first = Jar.command("--input=" + dir.resolve("in"), "--output=" + out, "--progress=none")
        .redirectOutput(dir.resolve("first.log").toFile()).redirectErrorStream(true).start();
    Jar.awaitStaging(out, first, ".progress");

    Jar.Result second = Jar.run("--input=" + SAMPLE, "--output=" + out);

    assertEquals(2, second.code(), second.err());
    assertEquals(1, second.err().lines().count(), second.err());
    assertTrue(second.err().startsWith("tickbars: " + out + " is being written by another tickbars run (run "), second.err());
    assertTrue(second.err().contains("pid " + first.pid() + " on "), second.err());
    assertTrue(first.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, first.exitValue(), Files.readString(dir.resolve("first.log")));
    assertEquals(1_200_000, ParquetRows.readFolder(out.resolve("tick_slices_1000t")).size(), "the first run's output, whole");
    assertEquals(0, Jar.run("inspect", out.toString()).code());
  }

  @Test
  void aKilledRunsLockDoesNotBlockTheNextRun() throws Exception {
    SampleTicks.write(dir.resolve("in"), 400_000, 2, 3, false);
    Path out = dir.resolve("out");
    first = Jar.command("--input=" + dir.resolve("in"), "--output=" + out, "--progress=none").start();
    Jar.awaitStaging(out, first, ".progress");
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(Files.exists(out.resolve(".lock")), "the killed run's lock file is left");

    Jar.Result next = Jar.run("--input=" + SAMPLE, "--output=" + out);

    assertEquals(0, next.code(), next.err());
  }

  @Test
  void anEmptyOutputOrInputIsAUsageError() throws Exception {
    Jar.Result noOutput = Jar.inProcess(List.of("--input=" + SAMPLE, "--output="));
    assertEquals(2, noOutput.code());
    assertEquals("tickbars: --output is empty: give the folder to write (a new or empty one, or a tickbars output)\n",
        noOutput.err());
    Jar.Result noInput = Jar.inProcess(List.of("--input=", "--output=" + dir.resolve("out")));
    assertEquals(2, noInput.code());
    assertEquals("tickbars: --input is empty: give a file, a glob or a folder of tick files\n", noInput.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void aFolderOfOtherFilesIsNoOutputAndKeepsThem() throws Exception {
    Path out = dir.resolve("mywork");
    Files.createDirectories(out.resolve("rejects"));
    Files.createDirectories(out.resolve("bars_mywork"));
    Files.writeString(out.resolve("rejects/notes.txt"), "mine");
    Files.writeString(out.resolve("bars_mywork/data.txt"), "mine too");

    for (String mode : List.of("--append=false", "--append", "--watch")) {
      Jar.Result r = Jar.inProcess(List.of("--input=" + SAMPLE, "--output=" + out, mode));

      assertEquals(2, r.code(), mode + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("tickbars: " + out + " is no tickbars output (it holds bars_mywork and no manifest.json)"),
          r.err());
    }
    assertEquals("mine", Files.readString(out.resolve("rejects/notes.txt")));
    assertEquals("mine too", Files.readString(out.resolve("bars_mywork/data.txt")));
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of("bars_mywork", "rejects"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void anInputInTheOutputIsAUsageErrorThatLeavesTheOutputAsItWas() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.inProcess(List.of("--input=" + SAMPLE, "--output=" + out, "--quiet", "--maxRejectRatio=1")).code());
    Files.copy(SAMPLE.resolve("ticks-000.csv"), out.resolve("ticks.csv"));
    String manifest = Files.readString(out.resolve("manifest.json"));
    for (String input : List.of(out.toString(), out + "/*.csv", out.resolve("ticks.csv").toString())) {
      Jar.Result r = Jar.inProcess(List.of("--input=" + input, "--output=" + out));
      assertEquals(2, r.code(), r.err());
      assertEquals("tickbars: --input " + input + " lies in --output " + out + ": a run would read its own output as ticks;"
          + " keep the ticks and the output apart\n", r.err());
    }
    assertEquals(manifest, Files.readString(out.resolve("manifest.json")));
  }
}
