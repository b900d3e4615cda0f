package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, usage errors, exit codes, re-runs and kills. */
class CliTest {
  static final Path GOLDEN_TICKS = GoldenTest.GOLDEN.resolve("ticks.csv");

  @TempDir Path dir;

  @Test
  void helpListsTheOptionsWithDefaults() throws Exception {
    Jar.Result r = Jar.run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--input"), r.out());
    assertTrue(r.out().contains("default: 1m,100t,1000t"), r.out());
  }

  @Test
  void unknownOptionIsOneLineAndExit2() throws Exception {
    assertUsageError("unknown option --bogus", "--input=" + GOLDEN_TICKS, "--output=" + dir, "--bogus=1");
  }

  @Test
  void missingInputIsOneLineAndExit2() throws Exception {
    assertUsageError(
        "no input file matches '" + dir.resolve("nothing") + "/*.csv'",
        "--input=" + dir.resolve("nothing") + "/*.csv",
        "--output=" + dir.resolve("out"));
    assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a usage error");
  }

  @Test
  void badFrameNameIsOneLineAndExit2() throws Exception {
    assertUsageError("bad frame name '5x'", "--input=" + GOLDEN_TICKS, "--output=" + dir, "--frames=1m,5x");
  }

  /** A FIFO as --input was once read for ever, with no word. */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aFifoAsInputIsOneLineAndExit2() throws Exception {
    Path fifo = dir.resolve("ticks.csv");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertUsageError("input " + fifo + " is no regular file (a FIFO or a device?): give tick files",
        "--input=" + fifo, "--output=" + dir.resolve("out"));
  }

  /** A scan piece of one byte was once accepted and ran for ever (345,198 files in 300 s). */
  @Test
  void aScanPieceBelow64KibIsOneLineAndExit2() throws Exception {
    assertUsageError("--scanPieceBytes must be at least 65536 (64 KiB), not 1",
        "--input=" + GOLDEN_TICKS, "--output=" + dir.resolve("out"), "--scanPieceBytes=1");
  }

  @Test
  void unreadableInputIsOneLineAndExit2() throws Exception {
    Path corrupt = dir.resolve("ticks.csv.bz2");
    Files.writeString(corrupt, "EUR/USD,20250707 12:00:00.000,1.1,1.2\n"); // not bzip2 inside
    assertUsageError("cannot read input file " + corrupt, "--input=" + corrupt, "--output=" + dir.resolve("out"));
  }

  @Test
  void outputThatCannotBeWrittenIsOneLineAndExit2() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "not a folder");
    assertUsageError("cannot write output " + file.resolve("out"), "--input=" + GOLDEN_TICKS, "--output=" + file.resolve("out"));
  }

  @Test
  void aJobThatFailsExits1WithTheReasonAndPublishesNothing() throws Exception {
    SampleTicks.write(dir.resolve("csv"), 50_000, 1, 5, false);
    byte[] gz;
    try (var bytes = new java.io.ByteArrayOutputStream();
        var zip = new java.util.zip.GZIPOutputStream(bytes)) {
      zip.write(Files.readAllBytes(dir.resolve("csv/ticks-000.csv")));
      zip.finish();
      gz = bytes.toByteArray();
    }
    Path truncated = dir.resolve("ticks.csv.gz");
    Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2)); // the first lines read fine
    Path out = dir.resolve("out");
    Jar.Result r = Jar.run("--input=" + truncated, "--output=" + out);
    assertEquals(1, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> l.startsWith("tickbars:")).toList();
    assertEquals(List.of("tickbars: job failed: cannot read " + truncated + ": EOFException: Unexpected end of ZLIB input stream"), lines);
    assertFalse(Files.exists(out.resolve("manifest.json")));
    assertEquals(List.of(), hidden(out), "the staging folder is removed");
  }

  @Test
  void missingRequiredOptionIsOneLineAndExit2() throws Exception {
    assertUsageError("missing required option --output", "--input=" + GOLDEN_TICKS);
  }

  @Test
  void configFileGivesOptionsAndFlagsOverrideIt() throws Exception {
    Path config = dir.resolve("job.json");
    Files.writeString(
        config,
        "{\"input\": \"" + GOLDEN_TICKS + "\", \"output\": \"" + dir.resolve("out") + "\","
            + " \"frames\": [\"1m\", \"3t\"], \"maxRejectRatio\": 0.01}");
    Jar.Result r = Jar.run("--config=" + config, "--maxRejectRatio=0.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isDirectory(dir.resolve("out/bars_3t")));
  }

  @Test
  void theEnvironmentSitsBetweenFlagsAndTheConfigFile() throws Exception {
    Path config = dir.resolve("job.json");
    Files.writeString(
        config, "{\"frames\": [\"1m\", \"3t\"], \"maxRejectRatio\": 0.2, \"compression\": \"zstd\", \"maxGapSeconds\": 30}");
    Map<String, String> env = Map.of("TICKBARS_MAX_REJECT_RATIO", "0.5", "TICKBARS_FRAMES", "2m,3t", "TICKBARS_CONFIG", config.toString());
    String[] args = {"--input=" + GOLDEN_TICKS, "--output=" + dir.resolve("out"), "--frames=5m,3t"};

    Jar.Result shown = Jar.run(env, concat(args, "--showConfig"));
    assertEquals(0, shown.code(), shown.err());
    assertTrue(shown.out().matches("(?s).*\\nframes +5m,3t +flag +1m,100t,1000t\\n.*"), shown.out());
    assertTrue(shown.out().matches("(?s).*\\nmaxRejectRatio +0\\.5 +env TICKBARS_MAX_REJECT_RATIO +0\\.01\\n.*"), shown.out());
    assertTrue(shown.out().matches("(?s).*\\ncompression +zstd +config " + Pattern.quote(config.toString()) + " +snappy\\n.*"), shown.out());
    assertTrue(shown.out().matches("(?s).*\\npriceBasis +auto +default +auto\\n.*"), shown.out());
    assertFalse(Files.exists(dir.resolve("out")), "--showConfig runs nothing");

    Jar.Result run = Jar.run(env, args);
    assertEquals(0, run.code(), run.err() + run.out()); // the golden ticks' rejects are within 0.5, not 0.2
    assertTrue(Files.isDirectory(dir.resolve("out/bars_5m")));
    assertFalse(Files.exists(dir.resolve("out/bars_2m")));
    JsonNode options = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).path("options");
    assertEquals("zstd", options.path("compression").asText());
    assertEquals(30.0, options.path("maxGapSeconds").asDouble());
  }

  @Test
  void theExampleCiJobsConfigIsValid() throws Exception {
    Path config = Paths.get(System.getProperty("tickbars.testdata")).resolveSibling(".github/bars/job.json");
    Jar.Result r = Jar.run("--config=" + config, "--input=x", "--output=y", "--showConfig");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s).*\\ntrimWeekend +true +config .*"), r.out());
  }

  @Test
  void inspectTellsWhatACompleteAndAnIncompleteOutputHold() throws Exception {
    Path out = dir.resolve("out");
    Jar.Result run = Jar.run("--input=" + GOLDEN_TICKS, "--output=" + out, "--maxRejectRatio=0.5");
    assertEquals(0, run.code(), run.err());

    Jar.Result complete = Jar.run("inspect", out.toString());
    assertEquals(0, complete.code(), complete.err());
    assertTrue(complete.out().contains("manifest: complete"), complete.out());
    long bars = 0;
    for (String line : complete.out().lines().filter(l -> l.startsWith("bars_1m ")).toList()) {
      bars += Long.parseLong(line.split(" +")[2].replace(",", ""));
    }
    long rows = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("outputs").path("bars_1m").path("rows").asLong();
    assertEquals(rows, bars, complete.out());
    assertTrue(complete.out().matches("(?s).*\\nbars_1m +EURUSD +[\\d,]+ +2025-\\S+Z +2025-\\S+Z +\\d+\\n.*"), complete.out());

    Path file = ParquetRows.files(out.resolve("bars_1m")).get(0);
    byte[] barsBytes = Files.readAllBytes(file);
    Files.delete(file);
    Jar.Result missing = Jar.run("inspect", out.toString());
    assertEquals(1, missing.code(), missing.out());
    assertTrue(missing.err().contains("the manifest lists bars_1m/" + file.getFileName() + ", which is missing"), missing.err());
    Files.write(file, barsBytes);
    Files.write(out.resolve("bars_1m/stray.parquet"), barsBytes);
    Jar.Result stray = Jar.run("inspect", out.toString());
    assertEquals(1, stray.code(), stray.out());
    assertTrue(stray.err().contains("bars_1m/stray.parquet is not in the manifest"), stray.err());
    Files.delete(out.resolve("bars_1m/stray.parquet"));

    Files.delete(out.resolve("manifest.json"));
    Jar.Result incomplete = Jar.run("inspect", out.toString());
    assertEquals(1, incomplete.code());
    assertTrue(incomplete.out().contains("INCOMPLETE"), incomplete.out());

    assertEquals(2, Jar.run("inspect", dir.resolve("nothing").toString()).code());
  }

  private static long lines(Path file) {
    try {
      return Files.readAllLines(file).size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] args, String more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = more;
    return out;
  }

  @Test
  void aRunOverTheRejectRatioExits1AndPublishesItsRejectsUnderAFailedManifestKeepingTheEarlierBars() throws Exception {
    Path out = dir.resolve("out");
    Path sample = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample/ticks-000.csv");
    assertEquals(0, Jar.run("--input=" + sample, "--output=" + out, "--maxRejectRatio=1").code());
    List<Map<String, Object>> bars = ParquetRows.readFolder(out.resolve("bars_1m"));
    String ledger = Files.readString(out.resolve("ledger.json"));

    Jar.Result r = Jar.run("--input=" + GOLDEN_TICKS, "--output=" + out);

    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("FAILED: reject ratio exceeded"), r.out());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("tickbars:")).toList();
    assertEquals(1, errors.size(), r.err());
    assertTrue(errors.get(0).matches("tickbars: run failed: reject ratio [\\d.]+% is above --maxRejectRatio=0\\.01 \\(2 of \\d+ lines"
        + " rejected\\); its rejects are in " + Pattern.quote(out.resolve("rejects").toString()) + ", the earlier bars are kept"), errors.get(0));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertFalse(manifest.path("complete").asBoolean(true), manifest.toString());
    assertTrue(manifest.path("failed").asText().startsWith("reject ratio "), manifest.toString());
    assertEquals(1, manifest.path("ticks").path("rejected_by_reason").path("crossed_quote").asLong(), manifest.toString());
    assertEquals(1, manifest.path("ticks").path("rejected_by_reason").path("bad_timestamp").asLong(), manifest.toString());
    try (Stream<Path> rejects = Files.walk(out.resolve("rejects"))) {
      assertEquals(2, rejects.filter(Files::isRegularFile).mapToLong(CliTest::lines).sum(), "the failed run's rejects");
    }
    assertEquals(bars, ParquetRows.readFolder(out.resolve("bars_1m")), "the earlier bars, kept");
    assertEquals(ledger, Files.readString(out.resolve("ledger.json")), "the failed run is not recorded");

    Jar.Result inspect = Jar.run("inspect", out.toString());
    assertEquals(1, inspect.code(), inspect.out() + inspect.err());
    assertTrue(inspect.out().contains("manifest: FAILED - the run that ended "), inspect.out());
  }

  @Test
  void anEmptyInputFileIsNoError() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.copy(GOLDEN_TICKS, in.resolve("a.csv"));
    Files.writeString(in.resolve("b.csv"), "");
    Jar.Result r = Jar.run("--input=" + in, "--output=" + dir.resolve("out"), "--maxRejectRatio=1");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("\"format\" : \"empty\""));
  }

  @Test
  void aRunWithoutTicksWritesFoldersThatRead() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("b.csv"), "");
    Path out = dir.resolve("out");
    Jar.Result r = Jar.run("--input=" + in, "--output=" + out, "--frames=1m,7t");
    assertEquals(0, r.code(), r.err());
    for (String folder : List.of("bars_1m", "bars_7t", "tick_slices_7t")) {
      assertEquals(0, ParquetRows.readFolder(out.resolve(folder)).size(), folder);
      assertTrue(Files.exists(out.resolve(folder + "/empty.parquet")), folder);
    }
  }

  @Test
  void rerunReplacesTheEarlierOutputWhole() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + GOLDEN_TICKS, "--output=" + out, "--frames=1m,3t", "--maxRejectRatio=1").code());
    assertTrue(Files.isDirectory(out.resolve("bars_3t")));
    Files.writeString(out.resolve("notes.txt"), "a user's own file");
    assertEquals(0, Jar.run("--input=" + GOLDEN_TICKS, "--output=" + out, "--frames=1m,5t", "--maxRejectRatio=1").code());
    assertFalse(Files.exists(out.resolve("bars_3t")), "no stale folder of the earlier run");
    assertFalse(Files.exists(out.resolve("tick_slices_3t")), "no stale folder of the earlier run");
    assertTrue(Files.isDirectory(out.resolve("bars_5t")));
    assertTrue(Files.exists(out.resolve("notes.txt")), "files tickbars does not own are left alone");
    assertEquals(List.of(), hidden(out), "no staging folder is left behind");
  }

  @Test
  void aKilledRunLeavesTheEarlierOutputAsItWas() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + GOLDEN_TICKS, "--output=" + out, "--frames=1m,3t", "--maxRejectRatio=1").code());
    Map<String, Long> before = listing(out);
    String manifest = Files.readString(out.resolve("manifest.json"));

    SampleTicks.write(dir.resolve("big"), 2_000_000, 2, 3, false);
    Process p = Jar.command("--input=" + dir.resolve("big"), "--output=" + out).start();
    Jar.awaitStaging(out, p, "");
    Thread.sleep(1500);
    assertTrue(p.isAlive(), "the run was still going when it was killed");
    p.destroyForcibly().waitFor();

    assertEquals(before, listing(out), "the earlier output's files");
    assertEquals(manifest, Files.readString(out.resolve("manifest.json")));
    assertEquals(0, Jar.run("--input=" + GOLDEN_TICKS, "--output=" + out, "--maxRejectRatio=1").code());
    assertEquals(List.of(), hidden(out), "the next run clears what the killed one left");
  }

  @Test
  void aBadConfigFileOrEnvironmentValueIsOneLineNamingTheOptionAndWhereItCameFrom() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"input\": \"x\", \"output\": \"y\",\n");
    assertUsageError("--config " + broken + " is no valid JSON: Unexpected end-of-input within/between Object entries (line 2,",
        "--config=" + broken);
    Path typed = dir.resolve("typed.json");
    Files.writeString(typed, "{\"input\": \"x\", \"output\": \"y\", \"maxRejectRatio\": \"abc\"}");
    assertUsageError("--maxRejectRatio must be a number, not 'abc' (from config " + typed + ")", "--config=" + typed);
    assertUsageError(Map.of("TICKBARS_MAX_GAP_SECONDS", "1.5x"),
        "--maxGapSeconds must be a number, not '1.5x' (from env TICKBARS_MAX_GAP_SECONDS)", "--input=x", "--output=y");
    assertUsageError(Map.of("TICKBARS_TRIM_WEEKEND", "maybe"),
        "--trimWeekend must be true or false, not 'maybe' (from env TICKBARS_TRIM_WEEKEND)", "--input=x", "--output=y");
  }

  @Test
  void theSampleCommandWritesTicksThatReadWithoutARejectAndTellsItsUsage() throws Exception {
    Jar.Result r = Jar.inProcess(List.of("sample", dir.resolve("ticks").toString(), "3000", "2", "7"));
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> files = Files.list(dir.resolve("ticks"))) {
      assertEquals(List.of("ticks-000.csv", "ticks-001.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Jar.Result run = Jar.inProcess(List.of("--input=" + dir.resolve("ticks"), "--output=" + dir.resolve("out"), "--quiet"));
    assertEquals(0, run.code(), run.err());
    assertEquals(3000, new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).path("ticks").path("accepted").asLong());
    assertUsageError("sample takes DIR TICKS [FILES] [SEED] [--defects]", "sample", "ticks");
  }

  @Test
  void framesHaveLimits() throws Exception {
    assertUsageError("frame 8d is longer than a week, the longest time frame (7d)", "--input=x", "--output=y", "--frames=1m,8d");
    assertUsageError("bad frame name '1000000000t'", "--input=x", "--output=y", "--frames=1000000000t");
    assertUsageError("bad frame name '46116860185v': a volume or value frame is at most 46116860184", "--input=x", "--output=y",
        "--frames=46116860185v");
    assertUsageError("bad frame name '5w'", "--input=x", "--output=y", "--frames=5w");
    assertUsageError("--sliceFrame must be a tick, volume or value frame", "--input=x", "--output=y", "--sliceFrame=1m");
  }

  @Test
  void volumeFramesOfQuotesWithoutVolumesAreAUsageError() throws Exception {
    assertUsageError(GOLDEN_TICKS + ": has no size or volume column, which the frame 1000v needs", "--input=" + GOLDEN_TICKS,
        "--output=" + dir.resolve("out"), "--frames=1m,1000v");
    assertUsageError(GOLDEN_TICKS + ": has no size or volume column, which the frame 5000000dv needs", "--input=" + GOLDEN_TICKS,
        "--output=" + dir.resolve("out"), "--sliceFrame=5000000dv");
    String seventeen = String.join(",", java.util.stream.IntStream.rangeClosed(1, 17).mapToObj(i -> i + "m").toList());
    assertUsageError("--frames names 17 frames; at most 16 are made in one run", "--input=x", "--output=y", "--frames=" + seventeen);
  }

  private static void assertUsageError(String message, String... args) throws Exception {
    assertUsageError(Map.of(), message, args);
  }

  private static void assertUsageError(Map<String, String> env, String message, String... args) throws Exception {
    Jar.Result r = Jar.run(env, args);
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "one line: " + r.err());
    assertTrue(lines.get(0).startsWith("tickbars: " + message), lines.get(0));
  }

  /** Files of the output (but progress.jsonl, which every run starts anew) with their sizes. */
  private static Map<String, Long> listing(Path out) throws IOException {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(p).toString();
        if (!rel.startsWith(".") && !rel.equals("progress.jsonl")) {
          m.put(rel, Files.size(p));
        }
      }
    }
    return m;
  }

  /** What a run left hidden in {@code out} but the output's lock file, which stays. */
  private static List<Path> hidden(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals(".lock")).toList();
    }
  }
}
