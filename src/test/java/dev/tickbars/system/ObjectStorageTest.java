package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and outputs in object storage: {@code s3://} URLs served by a real S3-compatible server
 * (S3Proxy, a process of its own on loopback), reached with credentials from the AWS environment.
 * A run from S3 to S3 equals the local run row for row on both runners; a publish killed at each
 * of its steps leaves an output whose manifest, when there is one, lists exactly one whole run,
 * and the next run or {@code repair} completes it; bad credentials, a missing bucket and an
 * unreachable endpoint are usage errors of one line that leave the earlier output as it was; the
 * secret key appears nowhere the job writes.
 */
class ObjectStorageTest {
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static S3Server s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3Server.start(dir.resolve("s3"), "ticks", "bars");
    copy(SAMPLE, s3.local("ticks", "sample"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    s3.close();
  }

  @Test
  void theSampleAndAGeneratedInputRunFromS3ToS3OnBothRunnersAndEqualTheLocalRun() throws Exception {
    AppendTest.appendableTicks(dir.resolve("gen"), 30_000, 3);
    gzip(dir.resolve("gen/ticks-001.csv"));
    copy(dir.resolve("gen"), s3.local("ticks", "gen"));
    for (String input : List.of("sample", "gen")) {
      Path local = dir.resolve("local-" + input);
      Jar.Result l = Jar.run("--input=" + s3.local("ticks", input), "--output=" + local, AppendTest.FRAMES, "--maxRejectRatio=1");
      assertEquals(0, l.code(), l.err());
      for (String runner : List.of("DirectRunner", "FlinkRunner")) {
        String key = input + "-" + runner;
        Jar.Result r = Jar.run(s3.env(), s3.args(
            "--input=s3://ticks/" + input, "--output=s3://bars/" + key, AppendTest.FRAMES, "--maxRejectRatio=1",
            "--runner=" + runner, "--progress=lines", "--progressInterval=1").toArray(new String[0]));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("output                             s3://bars/" + key), r.out());
        Path out = s3.local("bars", key);
        AppendTest.assertSameOutput(local, out);
        assertWhole(out, accepted(local));
        assertTrue(Files.readString(out.resolve("progress.jsonl")).contains("\"stage\":\"done\""));
        assertNoSecret(out, r);
        Jar.Result inspect = Jar.run(s3.env(), s3.args("inspect", "s3://bars/" + key).toArray(new String[0]));
        assertEquals(0, inspect.code(), inspect.out() + inspect.err());
        assertTrue(inspect.out().contains("manifest: complete"), inspect.out());
        Jar.Result chart = Jar.run(s3.env(), s3.args("chart", "--bars=s3://bars/" + key + "/bars_1m", "--symbol=EURUSD",
            "--out=s3://bars/charts/" + key + ".png").toArray(new String[0]));
        assertEquals(0, chart.code(), chart.err());
        byte[] png = Files.readAllBytes(s3.local("bars", "charts/" + key + ".png"));
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  void appendingS3FilesOneAtATimeEqualsOneBatchRun() throws Exception {
    List<Path> files = AppendTest.appendableTicks(dir.resolve("appendable"), 12_000, 3);
    copy(dir.resolve("appendable"), s3.local("ticks", "appendable"));
    Path batch = dir.resolve("batch");
    assertEquals(0, Jar.run("--input=" + dir.resolve("appendable"), "--output=" + batch, AppendTest.FRAMES).code());
    for (Path f : files) {
      Jar.Result r = Jar.run(s3.env(), s3.args(
          "--input=s3://ticks/appendable/" + f.getFileName(), "--output=s3://bars/appended", AppendTest.FRAMES, "--append",
          "--quiet").toArray(new String[0]));
      assertEquals(0, r.code(), r.err());
    }
    AppendTest.assertSameOutput(batch, s3.local("bars", "appended"));
    assertWhole(s3.local("bars", "appended"), accepted(batch));
  }

  @Test
  void badCredentialsAMissingBucketAndAnUnreachableEndpointAreOneLineUsageErrorsThatKeepTheEarlierOutput()
      throws Exception {
    String out = "--output=s3://bars/kept";
    Jar.Result glob = Jar.run(s3.env(), s3.args("--input=s3://ticks/sample/ticks-*.csv", out).toArray(new String[0]));
    assertEquals(0, glob.code(), glob.err());
    assertTrue(glob.out().contains("ticks read                         4,994"), glob.out());
    byte[] manifest = Files.readAllBytes(s3.local("bars", "kept/manifest.json"));
    Map<String, String> wrongSecret = new HashMap<>(s3.env());
    wrongSecret.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

    assertOneLineError(Jar.run(wrongSecret, s3.args("--input=s3://ticks/sample", out).toArray(new String[0])),
        "cannot list input 's3://ticks/sample': access denied (HTTP 403");
    assertOneLineError(Jar.run(wrongSecret, s3.args("--input=" + SAMPLE, out).toArray(new String[0])),
        "cannot write output s3://bars/kept: access denied (HTTP 403");
    assertOneLineError(Jar.run(s3.env(), s3.args("--input=" + SAMPLE, "--output=s3://no-such-bucket/out").toArray(new String[0])),
        "cannot write output s3://no-such-bucket/out: no such bucket");
    assertOneLineError(
        Jar.run(s3.env(), "--input=" + SAMPLE, out, "--endpoint=http://127.0.0.1:" + S3Server.freePort()),
        "cannot write output s3://bars/kept: cannot reach the object store");
    assertOneLineError(Jar.run(s3.env(), s3.args("--input=s3://ticks/sample", out, "--watch").toArray(new String[0])),
        "--watch writes to a local or mounted --output");

    assertEquals(new String(manifest, StandardCharsets.UTF_8), Files.readString(s3.local("bars", "kept/manifest.json")));
    assertWhole(s3.local("bars", "kept"), JSON.readTree(manifest).path("ticks").path("accepted").asLong());
  }

  /**
   * The publish paused before each of its steps ({@code -Dtickbars.publishPauseAt=N}, 0 being the
   * journal's write) and killed with SIGKILL, for every N until a run passes the last step: the
   * output's manifest, when it has one, lists files that are all there with their rows, of the
   * earlier run before the journal and of the killed run after it; {@code repair} (odd steps) or
   * the next run (even steps) makes it whole, with no file of another run left. Each kill is of a
 * run of the whole sample over the run of its first file, so the publish has stale files to delete.
   */
  @Test
  void aPublishKilledAtAnyStepLeavesNoFalseManifestAndTheNextRunOrRepairCompletesIt() throws Exception {
    String out = "s3://bars/killed";
    Path local = s3.local("bars", "killed");
    Path newRun = dir.resolve("new-run");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + newRun, "--maxRejectRatio=1", "--quiet").code());
    long newTicks = accepted(newRun);

    int step = 0;
    while (true) {
      Jar.Result earlier = Jar.run(s3.env(), s3.args("--input=s3://ticks/sample/ticks-000.csv", "--output=" + out,
          "--maxRejectRatio=1", "--quiet").toArray(new String[0]));
      assertEquals(0, earlier.code(), earlier.err());
      long oldTicks = accepted(local);
      if (!killAt(step, "--input=s3://ticks/sample", "--output=" + out, "--maxRejectRatio=1", "--quiet")) {
        break;
      }
      boolean journal = Files.exists(local.resolve(".publish.json"));
      assertEquals(step > 0, journal, "the journal is the first step's, before step " + step);
      Jar.Result inspect = Jar.run(s3.env(), s3.args("inspect", out).toArray(new String[0]));
      assertEquals(journal ? 1 : 0, inspect.code(), "inspect after a kill before step " + step + ": " + inspect.err());
      assertEquals(journal, inspect.err().contains("PUBLISHING - a publish was interrupted"), inspect.err());
      if (Files.exists(local.resolve("manifest.json"))) {
        long committed = manifestFilesAreThere(local, journal);
        assertEquals(step <= 1 ? oldTicks : newTicks, committed, "the manifest after a kill before step " + step);
      } else {
        assertTrue(journal, "no manifest without a publish under way, before step " + step);
      }
      Jar.Result next = step % 2 == 1
          ? Jar.run(s3.env(), s3.args("repair", out).toArray(new String[0]))
          : Jar.run(s3.env(), s3.args("--input=s3://ticks/sample", "--output=" + out, "--maxRejectRatio=1", "--quiet")
              .toArray(new String[0]));
      assertEquals(0, next.code(), "after a kill before step " + step + ": " + next.err());
      assertWhole(local, newTicks);
      step++;
    }
    assertTrue(step >= 8, "a publish of files, manifest, stale files, staging and journal has more steps than " + step);
    assertWhole(local, newTicks);
  }

  /** Runs {@code args} against the server, paused before publish step {@code step}, and kills it there; false when it ended. */
  private boolean killAt(int step, String... args) throws IOException, InterruptedException {
    return Jar.killAtPublishStep(step, dir.resolve("killed.log"), s3.env(), s3.args(args));
  }


  /**
   * The output in {@code out} is one whole run of {@code ticks} accepted ticks: its manifest lists
   * exactly the files of its folders, each with its rows, and nothing of a run in progress is left.
   */
  private static void assertWhole(Path out, long ticks) throws IOException {
    assertEquals(ticks, manifestFilesAreThere(out, false));
    try (Stream<Path> top = Files.list(out)) {
      List<String> hidden = top.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), hidden, "nothing of a run in progress is left in " + out);
    }
  }

  /**
   * Checks that every file the manifest of {@code out} lists is there with its rows and, unless a
   * publish is under way ({@code journal}), that its folders hold no other file; returns the
   * manifest's accepted ticks.
   */
  private static long manifestFilesAreThere(Path out, boolean journal) throws IOException {
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertTrue(manifest.path("complete").asBoolean(), "the manifest of " + out + " says complete");
    for (Map.Entry<String, JsonNode> folder : iterable(manifest.path("outputs"))) {
      Map<String, Long> listed = new TreeMap<>();
      folder.getValue().path("files").forEach(f -> listed.put(f.path("path").asText(), f.path("rows").asLong()));
      Map<String, Long> there = new TreeMap<>();
      Path d = out.resolve(folder.getKey());
      try (Stream<Path> files = Files.walk(d)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String rel = d.relativize(f).toString();
          if (!rel.startsWith(".") && (!journal || listed.containsKey(rel))) {
            there.put(rel, (long) (rel.endsWith(".parquet") ? ParquetRows.readFile(f).size() : Files.readAllLines(f).size()));
          }
        }
      }
      assertEquals(listed, there, folder.getKey() + " of " + out);
    }
    return manifest.path("ticks").path("accepted").asLong();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }

  private static long accepted(Path out) throws IOException {
    return JSON.readTree(out.resolve("manifest.json").toFile()).path("ticks").path("accepted").asLong();
  }

  private static void assertOneLineError(Jar.Result r, String message) {
    assertEquals(2, r.code(), r.out() + r.err());
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("tickbars: " + message), r.err());
    assertFalse(r.err().contains(S3Server.SECRET_KEY));
  }

  /** The secret key is in no file of {@code out} and nowhere in what the run printed. */
  private static void assertNoSecret(Path out, Jar.Result r) throws IOException {
    assertFalse((r.out() + r.err()).contains(S3Server.SECRET_KEY), "the run printed the secret key");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(S3Server.SECRET_KEY), f.toString());
      }
    }
  }

  /** Replaces {@code file} with {@code file.gz}: a compressed input, which the scan inflates into the staging folder. */
  private static void gzip(Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz")))) {
      Files.copy(file, out);
    }
    Files.delete(file);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
