package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code runners/target/tickbars}: the job of {@code java -jar tickbars.jar}, started
 * with the class-data-sharing archive of its runner and the JIT's first tier for a small input.
 */
class LauncherTest {
  private static final Path LAUNCHER = Jar.JAR.resolveSibling("tickbars");
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static Jar.Result launch(Path launcher, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Map<String, String> withJava = new HashMap<>(env);
    withJava.put("JAVA_HOME", System.getProperty("java.home"));
    return Jar.run(new ProcessBuilder(command), withJava);
  }

  /** Where the JVM found class {@code name}, from a {@code -Xlog:class+load} file. */
  private static String sourceOf(Path classLoadLog, String name) throws IOException {
    for (String line : Files.readAllLines(classLoadLog)) {
      if (line.contains(" " + name + " source: ")) {
        return line.substring(line.indexOf(" source: ") + 9);
      }
    }
    throw new AssertionError(name + " was not loaded");
  }

  private static Map<String, Long> rowsOf(Path out) throws IOException {
    Map<String, Long> rows = new HashMap<>();
    JSON.readTree(out.resolve("manifest.json").toFile()).get("outputs")
        .fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().get("rows").asLong()));
    return rows;
  }

  @Test
  void runsTheJobOfJavaJarWithTheClassesOfItsRunnersArchive() throws Exception {
    Jar.Result plain = Jar.run("--input=" + SAMPLE, "--output=" + dir.resolve("plain"));
    assertEquals(0, plain.code(), plain.err());
    for (String runner : List.of("DirectRunner", "FlinkRunner")) {
      Path log = dir.resolve(runner + "-classes.log");
      Jar.Result r = launch(LAUNCHER, Map.of("TICKBARS_JAVA_OPTS", "-Xlog:class+load:file=" + log),
          "--input=" + SAMPLE, "--output=" + dir.resolve(runner), "--runner=" + runner);
      assertEquals(0, r.code(), r.err());
      assertEquals(rowsOf(dir.resolve("plain")), rowsOf(dir.resolve(runner)), runner);
      assertEquals("shared objects file (top)", sourceOf(log, "dev.tickbars.pipeline.Main"), runner);
      String runnerClass = runner.equals("FlinkRunner")
          ? "org.apache.flink.runtime.minicluster.MiniCluster" : "org.apache.beam.runners.direct.DirectRunner";
      assertEquals("shared objects file (top)", sourceOf(log, runnerClass), runner);
    }
  }

  @Test
  void aSmallInputRunsOnTheJitsFirstTierAndALargeOneOnBoth() throws Exception {
    Map<String, Integer> levels = Map.of("1073741824", 1, "1000", 4);
    for (Map.Entry<String, Integer> c2Bytes : levels.entrySet()) {
      Jar.Result r = launch(LAUNCHER, Map.of("TICKBARS_JAVA_OPTS", "-XX:+PrintFlagsFinal", "TICKBARS_C2_BYTES", c2Bytes.getKey()),
          "--input=" + SAMPLE, "--output=" + dir.resolve(c2Bytes.getKey()), "--quiet");
      assertEquals(0, r.code(), r.err());
      String level = r.out().lines().filter(l -> l.contains(" TieredStopAtLevel ")).findFirst().orElseThrow();
      assertTrue(level.matches(".* = " + c2Bytes.getValue() + " .*"), "C2 from " + c2Bytes.getKey() + " bytes: " + level);
    }
  }

  /** A jar moved since the build does not match its archive: java loads its classes as usual, without a word. */
  @Test
  void aMovedJarRunsWithoutTheArchiveAndWithoutAWord() throws Exception {
    Path moved = Files.createDirectories(dir.resolve("moved"));
    for (String f : List.of("tickbars", "tickbars.jar", "tickbars-direct.jsa")) {
      Files.copy(Jar.JAR.resolveSibling(f), moved.resolve(f), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path log = dir.resolve("classes.log");
    Jar.Result r = launch(moved.resolve("tickbars"), Map.of("TICKBARS_JAVA_OPTS", "-Xlog:class+load:file=" + log),
        "--input=" + SAMPLE, "--output=" + dir.resolve("out"));
    assertEquals(0, r.code(), r.err());
    assertTrue(sourceOf(log, "dev.tickbars.pipeline.Main").endsWith(moved.resolve("tickbars.jar").toString()),
        sourceOf(log, "dev.tickbars.pipeline.Main"));
    assertFalse(r.err().toLowerCase(java.util.Locale.ROOT).contains("shar"), r.err());
    assertFalse(r.out().toLowerCase(java.util.Locale.ROOT).contains("shared archive"), r.out());
  }
}
