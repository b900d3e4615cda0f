package dev.tickbars.system;

import dev.tickbars.pipeline.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs tickbars as a user does, {@code java -jar tickbars.jar ...}, or in this JVM through
 * {@link Main#execute} (both runners are on the test classpath): exit code, output and errors.
 */
final class Jar {
  static final Path JAR = Paths.get(System.getProperty("tickbars.jar"));
  private static final String DEFAULT_HEAP = "1g";

  record Result(int code, String out, String err) {}

  private Jar() {}

  static ProcessBuilder command(String... args) {
    return commandInHeap(DEFAULT_HEAP, args);
  }

  /** {@code java -Xmx<heap> -jar tickbars.jar args}. */
  static ProcessBuilder commandInHeap(String heap, String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /** Runs the jar with {@code env} added to this process's environment. */
  static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return run(command(args), env);
  }

  /** Runs the jar in a JVM of at most {@code heap} of heap. */
  static Result runInHeap(String heap, String... args) throws IOException, InterruptedException {
    return run(commandInHeap(heap, args), Map.of());
  }

  /** Runs {@code pb} with {@code env} added to this process's environment. */
  static Result run(ProcessBuilder pb, Map<String, String> env) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tickbars-out", ".txt");
    Path err = Files.createTempFile("tickbars-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("tickbars.jar did not finish in 5 minutes");
      }
      return new Result(
          p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The same command line run in this JVM. */
  static Result inProcess(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Waits until a run of {@code p} into {@code out} has a staging folder holding {@code entry} ("" for
   * any staging folder): it is running. Fails if the run ends first.
   */
  static void awaitStaging(Path out, Process p, String entry) throws IOException, InterruptedException {
    for (int i = 0; i < 3000; i++) {
      if (Files.isDirectory(out)) {
        try (java.util.stream.Stream<Path> s = Files.list(out)) {
          if (s.anyMatch(f -> f.getFileName().toString().startsWith(".staging-") && Files.exists(f.resolve(entry)))) {
            return;
          }
        }
      }
      if (!p.isAlive()) {
        throw new AssertionError("the run ended before the test could act on it");
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no staging folder in " + out);
  }

  /**
   * Runs the jar with {@code args} and {@code env}, paused before publish step {@code step}
   * ({@code -Dtickbars.publishPauseAt}), and kills it there with SIGKILL; false when the run passed
   * the last step and ended well (else an {@link AssertionError}). {@code log} gets what it printed.
   */
  static boolean killAtPublishStep(int step, Path log, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dtickbars.publishPauseAt=" + step,
        "-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    for (int i = 0; i < 6000 && p.isAlive(); i++) {
      if (Files.readString(log).contains("paused before publish step " + step)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return true;
      }
      Thread.sleep(10);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the run neither paused nor ended");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("the run ended with exit code " + p.exitValue() + " before publish step " + step + ": "
          + Files.readString(log));
    }
    return false;
  }

  static String javaBinary() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }
}
