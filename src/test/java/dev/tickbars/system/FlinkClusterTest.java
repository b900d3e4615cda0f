package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job submitted from the jar to a real Flink session cluster started by {@code
 * runners/flink/cluster} (a JobManager and two TaskManagers of one slot, each its own JVM): its
 * output equals the DirectRunner's file for file and row for row, also when a TaskManager is
 * killed while the job runs; a job that fails on the cluster exits 1 with the reason in one line.
 * The cluster is stopped after the tests, failed or not, and none of its processes is left.
 */
class FlinkClusterTest {
  private static final Path SCRIPT = Paths.get(System.getProperty("tickbars.cluster"));
  private static final Path CLUSTER_DIR = Paths.get(System.getProperty("tickbars.clusterDir"));
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");
  private static final int REST_PORT = 18081;
  private static final String MASTER = "--flinkMaster=localhost:" + REST_PORT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Every JobManager and TaskManager pid the cluster had, the killed one too. */
  private static final Set<Long> PIDS = new HashSet<>();

  /** The sample job's output on the DirectRunner, what the cluster runs must equal. */
  @TempDir static Path sampleOnDirectRunner;

  /** The object store of the S3 runs, which the TaskManagers reach with the AWS variables of their environment. */
  @TempDir static Path objectStore;
  private static S3Server s3;

  @TempDir Path dir;

  @BeforeAll
  static void startCluster() throws Exception {
    s3 = S3Server.start(objectStore, "ticks", "bars");
    cluster("start", "2");
    rememberPids();
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + sampleOnDirectRunner).code());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    rememberPids();
    cluster("stop");
    s3.close();
    for (long pid : PIDS) {
      // An ended process may wait a moment to be reaped by init (it is not this JVM's child).
      Optional<ProcessHandle> left = ProcessHandle.of(pid);
      if (left.isPresent()) {
        try {
          left.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          fail("process " + pid + " is left: " + left.get().info());
        }
      }
    }
  }

  @Test
  void theSampleJobOnTheClusterEqualsTheDirectRunnerFromLocalFilesAndFromS3() throws Exception {
    int finished = jobs("FINISHED").size();
    Path onCluster = dir.resolve("cluster");

    Jar.Result r =
        Jar.run("--runner=FlinkRunner", MASTER, "--parallelism=2", "--input=" + SAMPLE, "--output=" + onCluster);

    assertEquals(0, r.code(), r.err());
    Set<String> ran = jobs("FINISHED");
    assertEquals(finished + 1, ran.size(), "the job ran on the cluster");
    assertTrue(r.out().contains("ticks read                         4,994"), r.out());
    assertJobJarStaged(ran);
    List<String> progress = Files.readAllLines(onCluster.resolve("progress.jsonl"));
    JsonNode done = JSON.readTree(progress.get(progress.size() - 1));
    assertEquals("done", done.path("stage").asText());
    assertEquals(4_959, done.path("ticks").asLong(), "the client followed the TaskManagers' work");
    assertSameOutput(sampleOnDirectRunner, onCluster);

    copyFolder(SAMPLE, s3.local("ticks", "sample"));
    Jar.Result fromS3 = Jar.run(s3.env(), s3.args("--runner=FlinkRunner", MASTER, "--parallelism=2",
        "--input=s3://ticks/sample", "--output=s3://bars/sample").toArray(new String[0]));
    assertEquals(0, fromS3.code(), fromS3.err());
    assertEquals(finished + 2, jobs("FINISHED").size(), "the S3 job ran on the cluster");
    assertSameRows(sampleOnDirectRunner, s3.local("bars", "sample"));
  }

  /**
   * A job whose parallelism needs more task slots than the cluster has free would wait for them
   * for ever: the client says so in one line, exits 2 and submits nothing; so does a master that
   * does not answer.
   */
  @Test
  void aParallelismOverTheFreeSlotsOrAMasterThatDoesNotAnswerIsAUsageErrorBeforeSubmitting() throws Exception {
    int submitted = jobs("RUNNING", "FINISHED", "FAILED", "CANCELED", "RESTARTING").size();
    Path onCluster = dir.resolve("cluster");

    Jar.Result r =
        Jar.run("--runner=FlinkRunner", MASTER, "--parallelism=5", "--input=" + SAMPLE, "--output=" + onCluster);

    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().startsWith("tickbars: --parallelism=5 needs 5 task slots, and the Flink cluster at localhost:" + REST_PORT
            + " has "),
        r.err());
    assertTrue(r.err().contains(" free ("), r.err());
    assertEquals(submitted, jobs("RUNNING", "FINISHED", "FAILED", "CANCELED", "RESTARTING").size(), "nothing was submitted");
    assertFalse(Files.exists(onCluster), "nothing was written");

    Jar.Result away =
        Jar.run("--runner=FlinkRunner", "--flinkMaster=localhost:1", "--input=" + SAMPLE, "--output=" + onCluster);
    assertEquals(2, away.code(), away.err());
    assertEquals(1, away.err().lines().count(), away.err());
    assertTrue(away.err().startsWith("tickbars: cannot reach the Flink cluster at localhost:1 (its REST API at"), away.err());
  }

  @Test
  void flinkRunSubmitsTheSameJob() throws Exception {
    int finished = jobs("FINISHED").size();
    Path onCluster = dir.resolve("cluster");

    Jar.Result r =
        script(
            "flink", "run", "-m", "localhost:" + REST_PORT, "-c", "dev.tickbars.pipeline.Main", Jar.JAR.toString(),
            "--runner=FlinkRunner", "--parallelism=2", "--input=" + SAMPLE, "--output=" + onCluster);

    assertEquals(0, r.code(), r.out());
    assertEquals(finished + 1, jobs("FINISHED").size(), "the job ran on the cluster");
    assertSameOutput(sampleOnDirectRunner, onCluster);
  }

  /**
   * A job from S3 to S3, submitted from a client and run by TaskManagers that share no folder for
   * data (the client works in a folder of its own, the cluster in its own), with a TaskManager
   * killed mid-job and another started: the output equals the DirectRunner's of the same files,
   * and no stage wrote data to a local path.
   */
  @Test
  void anS3ToS3JobWithATaskManagerKilledMidJobEqualsTheDirectRunnerAndTouchesNoLocalDataPath() throws Exception {
    Path ticks = s3.local("ticks", "big");
    SampleTicks.write(ticks, 2_000_000, 4, 11, true);
    Path direct = dir.resolve("direct");
    assertEquals(0, Jar.run("--input=" + ticks, "--output=" + direct).code());
    Set<String> before = jobs("RUNNING", "FINISHED", "FAILED", "RESTARTING");
    Path client = Files.createDirectories(dir.resolve("client"));

    Path log = dir.resolve("job.log");
    ProcessBuilder pb = Jar.command(s3.args("--runner=FlinkRunner", MASTER, "--parallelism=2", "--input=s3://ticks/big",
            "--output=s3://bars/cluster", "--progress=lines", "--progressInterval=1").toArray(new String[0]))
        .directory(client.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(s3.env());
    Process job = pb.start();
    String jobId = awaitRunningTasks(before, job);
    assertTrue(job.isAlive(), "the job is still running when its TaskManager is killed");
    replaceTaskManager1();

    assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the job finishes");
    assertEquals(0, job.exitValue(), Files.readString(log));
    assertFalse(
        rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").isEmpty(),
        "the cluster saw the TaskManager go and restarted the job");
    assertSameRows(direct, s3.local("bars", "cluster"));
    try (Stream<Path> left = Files.list(client)) {
      assertEquals(List.of(), left.toList(), "the client wrote nothing where it runs");
    }
    try (Stream<Path> walk = Files.walk(CLUSTER_DIR)) {
      List<Path> data = walk.filter(p -> p.toString().endsWith(".parquet") || p.toString().contains(".staging-")
          || p.toString().endsWith(".jsonl") || p.toString().endsWith(".csv")).toList();
      assertEquals(List.of(), data, "the TaskManagers wrote no data to their local disks");
    }
  }

  @Test
  void aWatchRestoredFromACheckpointPublishesEveryTickOnce() throws Exception {
    List<Path> files = AppendTest.appendableTicks(dir.resolve("in"), 60_000, 6);
    Path feed = Files.createDirectories(dir.resolve("feed"));
    Path out = dir.resolve("out");
    Set<String> before = jobs("RUNNING", "FINISHED", "FAILED", "RESTARTING");
    Path log = dir.resolve("watch.log");
    Process watch =
        Jar.command(
                "--runner=FlinkRunner", MASTER, "--parallelism=2", "--input=" + feed, "--output=" + out, "--watch",
                "--pollInterval=0.5", "--flushInterval=1", "--checkpointingInterval=8000", AppendTest.FRAMES)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String jobId = awaitRunningTasks(before, watch);
      moveIn(files.get(0), feed);
      moveIn(files.get(1), feed);
      awaitCompletedCheckpointAfterSlices(jobId, out, watch, log);
      // Two files land in the next checkpoint interval, 1.5 s apart: their ticks are numbered and
      // cut into batches (half a second at most) that wait for the checkpoint. Without stable
      // input they would be published as two files, and the replay after the restore, which
      // finds both files at once, would cut them into one file: the second's ticks twice.
      moveIn(files.get(2), feed);
      Thread.sleep(1_500);
      moveIn(files.get(3), feed);
      Thread.sleep(1_500);
      replaceTaskManager1();
      for (Path f : files.subList(4, files.size())) {
        moveIn(f, feed);
      }
      awaitRestoredAndPublished(jobId, out, watch, log);
      watch.destroy(); // SIGTERM: the watch drains and stops
      assertTrue(watch.waitFor(3, TimeUnit.MINUTES), "the watch ends on SIGTERM");
      assertEquals(0, watch.exitValue(), Files.readString(log));
      assertFalse(
          rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").isEmpty(),
          "the cluster saw the TaskManager go");
    } finally {
      watch.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    Path batch = dir.resolve("batch");
    assertEquals(0, Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + batch, AppendTest.FRAMES)).code());
    AppendTest.assertNoBarTwice(out);
    AppendTest.assertSameOutput(batch, out);
  }

  /** Kills TaskManager 1 with SIGKILL and starts another in its place. */
  private static void replaceTaskManager1() throws Exception {
    long victim = Long.parseLong(Files.readString(CLUSTER_DIR.resolve("taskmanager-1.pid")).trim());
    ProcessHandle taskManager = ProcessHandle.of(victim).orElseThrow();
    taskManager.destroyForcibly();
    taskManager.onExit().get(30, TimeUnit.SECONDS);
    cluster("taskmanager");
    rememberPids();
  }

  /** Moves a copy of {@code file} into {@code feed} as a writer does: written as .part, then renamed. */
  private static void moveIn(Path file, Path feed) throws IOException {
    Path part = feed.resolve(file.getFileName() + ".part");
    Files.copy(file, part);
    Files.move(part, feed.resolve(file.getFileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Waits until slices are published and a checkpoint completed after that. */
  private static void awaitCompletedCheckpointAfterSlices(String jobId, Path out, Process watch, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    int completedAtSlices = -1;
    while (System.nanoTime() < deadline) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + read(log));
      int completed = rest("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
      if (completedAtSlices < 0 && publishedRows(out.resolve("tick_slices_1000t")) > 0) {
        completedAtSlices = completed;
      } else if (completedAtSlices >= 0 && completed > completedAtSlices) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no slices published and checkpointed: " + read(log));
  }

  /** Waits until the job was restored from a checkpoint and publishes again. */
  private static void awaitRestoredAndPublished(String jobId, Path out, Process watch, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    long rows = publishedRows(out.resolve("tick_slices_1000t"));
    boolean restored = false;
    while (System.nanoTime() < deadline) {
      assertTrue(watch.isAlive(), () -> "the watch ended: " + read(log));
      restored = restored || rest("/jobs/" + jobId + "/checkpoints").path("latest").path("restored").isObject();
      if (restored && publishedRows(out.resolve("tick_slices_1000t")) > rows) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the job was " + (restored ? "" : "not ") + "restored from a checkpoint and published nothing new: " + read(log));
  }

  /** The rows of a published folder; 0 while it is absent or a file in it is being replaced. */
  private static long publishedRows(Path folder) {
    try {
      return Files.isDirectory(folder) ? ParquetRows.readFolder(folder).size() : 0;
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void aJobThatFailsOnTheClusterExits1WithTheReasonInOneLine() throws Exception {
    SampleTicks.write(dir.resolve("csv"), 50_000, 1, 5, false);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(bytes)) {
      zip.write(Files.readAllBytes(dir.resolve("csv/ticks-000.csv")));
    }
    byte[] gz = bytes.toByteArray();
    Path truncated = dir.resolve("ticks.csv.gz");
    Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2)); // the first lines read fine
    int failed = jobs("FAILED").size();

    Jar.Result r = Jar.run("--runner=FlinkRunner", MASTER, "--input=" + truncated, "--output=" + dir.resolve("out"));

    assertEquals(1, r.code(), r.err());
    assertEquals(failed + 1, jobs("FAILED").size(), "the job failed on the cluster");
    List<String> lines = r.err().lines().filter(l -> l.startsWith("tickbars:")).toList();
    assertEquals(List.of("tickbars: job failed: cannot read " + truncated + ": EOFException: Unexpected end of ZLIB input stream"), lines);
  }

  /**
   * The TaskManagers got tickbars-job.jar, not the whole jar: the blobs of a job of {@code jobs}
   * are as long as it, and it holds no class of Flink's (the cluster has them) but Beam's runner.
   */
  private static void assertJobJarStaged(Set<String> jobs) throws IOException {
    Path jobJar = Jar.JAR.resolveSibling("tickbars-job.jar");
    List<Long> blobs;
    try (Stream<Path> walk = Files.walk(CLUSTER_DIR)) {
      blobs = walk.filter(p -> p.getFileName().toString().startsWith("blob_p-")
              && jobs.stream().anyMatch(j -> p.getParent().getFileName().toString().equals("job_" + j)))
          .map(p -> p.toFile().length())
          .toList();
    }
    assertFalse(blobs.isEmpty(), "the TaskManagers keep the job's jar as a blob");
    assertTrue(blobs.stream().allMatch(b -> b == jobJar.toFile().length()), blobs + " vs " + jobJar.toFile().length());
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jobJar.toFile())) {
      assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("org/apache/flink/")), "no class of Flink's");
      assertTrue(zip.getEntry("org/apache/beam/runners/flink/FlinkRunner.class") != null, "Beam's Flink runner");
    }
  }

  /** The same folders, the same files in each, the same rows in each file, the same rejects. */
  private static void assertSameOutput(Path expected, Path actual) throws IOException {
    assertEquals(relativeFiles(expected), relativeFiles(actual));
    for (Path file : relativeFiles(expected)) {
      if (file.toString().endsWith(".parquet")) {
        assertEquals(
            ParquetRows.readFile(expected.resolve(file)), ParquetRows.readFile(actual.resolve(file)), file.toString());
      } else if (file.startsWith("rejects")) {
        assertEquals(Files.readString(expected.resolve(file)), Files.readString(actual.resolve(file)), file.toString());
      }
    }
  }

  /**
   * The same Parquet files with the same rows, and the same rejected lines by file name: a run
   * from S3 names its inputs s3://, where a local run names paths.
   */
  private static void assertSameRows(Path expected, Path actual) throws IOException {
    List<Path> parquet = relativeFiles(expected).stream().filter(f -> f.toString().endsWith(".parquet")).toList();
    assertEquals(parquet, relativeFiles(actual).stream().filter(f -> f.toString().endsWith(".parquet")).toList());
    for (Path f : parquet) {
      assertEquals(ParquetRows.readFile(expected.resolve(f)), ParquetRows.readFile(actual.resolve(f)), f.toString());
    }
    assertEquals(RejectLines.of(expected), RejectLines.of(actual));
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static List<Path> relativeFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  /** The id of the job not in {@code before} once it has tasks running on the TaskManagers. */
  private static String awaitRunningTasks(Set<String> before, Process job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && job.isAlive()) {
      for (JsonNode j : rest("/jobs/overview").path("jobs")) {
        if (!before.contains(j.path("jid").asText()) && j.path("tasks").path("running").asInt() > 0) {
          return j.path("jid").asText();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no task of the job ran on the cluster");
  }

  private static Set<String> jobs(String... states) throws Exception {
    Set<String> wanted = Set.of(states);
    Set<String> ids = new HashSet<>();
    for (JsonNode j : rest("/jobs/overview").path("jobs")) {
      if (wanted.contains(j.path("state").asText())) {
        ids.add(j.path("jid").asText());
      }
    }
    return ids;
  }

  private static JsonNode rest(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + REST_PORT + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static void rememberPids() throws IOException {
    if (Files.isDirectory(CLUSTER_DIR)) {
      try (Stream<Path> files = Files.list(CLUSTER_DIR)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
          PIDS.add(Long.parseLong(Files.readString(f).trim()));
        }
      }
    }
  }

  private static void cluster(String... args) throws Exception {
    Jar.Result r = script(args);
    assertEquals(0, r.code(), "cluster " + String.join(" ", args) + ": " + r.out());
  }

  /** runners/flink/cluster ARGS on this test's ports and folder: exit code and output. */
  private static Jar.Result script(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("TICKBARS_FLINK_DIR", CLUSTER_DIR.toString());
    pb.environment().put("TICKBARS_FLINK_REST_PORT", Integer.toString(REST_PORT));
    pb.environment().put("TICKBARS_FLINK_RPC_PORT", "16123");
    pb.environment().put("JAVA", Jar.javaBinary());
    pb.environment().putAll(s3.env());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "cluster " + args[0] + " finishes");
    return new Jar.Result(p.exitValue(), out, "");
  }
}
