package dev.tickbars.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The benchmark's Polars peer: {@code src/test/python/polars_bars.py}, run by a Python of a venv
 * under the benchmark's folder (ignored by git) with the Polars that {@code
 * src/test/python/requirements.txt} pins, from pip's package index.
 */
final class PolarsPeer {
  static final String VERSION = "1.44.2";
  static final Path SCRIPT = Paths.get(System.getProperty("tickbars.python", "src/test/python")).resolve("polars_bars.py");

  private PolarsPeer() {}

  /** The venv's Python, made once in {@code work/venv}. */
  static Path python(Path work) throws IOException, InterruptedException {
    Path venv = work.resolve("venv");
    Path python = venv.resolve("bin/python");
    if (!Files.exists(venv.resolve(".complete"))) {
      run("python3", "-m", "venv", venv.toString());
      run(python.toString(), "-m", "pip", "install", "--quiet", "--retries", "0", "-r",
          SCRIPT.resolveSibling("requirements.txt").toString());
      Files.createFile(venv.resolve(".complete"));
    }
    return python;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue());
    }
  }
}
