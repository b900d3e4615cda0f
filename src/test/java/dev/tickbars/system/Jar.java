package dev.tickbars.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged tickbars.jar as a user does: {@code java -jar tickbars.jar ...}. */
final class Jar {
  static final Path JAR = Paths.get(System.getProperty("tickbars.jar"));

  record Result(int code, String out, String err) {}

  private Jar() {}

  static ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  static Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tickbars-out", ".txt");
    Path err = Files.createTempFile("tickbars-err", ".txt");
    try {
      Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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

  static String javaBinary() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }
}
