package dev.tickbars.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of tickbars has a {@code package-info.java}, and its classes import of tickbars
 * only what its "May import:" paragraph names, so the packages' documented layering is the code's.
 */
class PackageRulesTest {
  private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../transforms/src/main/java"));
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.tickbars\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]", Pattern.MULTILINE);
  private static final Pattern ALLOWED = Pattern.compile("\\{@code ([a-z.]+)}");

  @Test
  void packagesImportOnlyWhatTheirPackageInfoAllows() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path dir : packages()) {
      String name = packageOf(dir);
      Path info = dir.resolve("package-info.java");
      if (!Files.exists(info)) {
        broken.add(name + " has no package-info.java");
        continue;
      }
      Set<String> allowed = allowed(Files.readString(info));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          Matcher m = IMPORT.matcher(Files.readString(f));
          while (m.find()) {
            if (!m.group(1).equals(name) && !allowed.contains(m.group(1))) {
              broken.add(f.getFileName() + " in " + name + " imports " + m.group(1));
            }
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** The packages of the "May import:" paragraph; none for "nothing of tickbars". */
  private static Set<String> allowed(String info) {
    int at = info.indexOf("May import:");
    if (at < 0) {
      throw new AssertionError("a package-info without a 'May import:' paragraph:\n" + info);
    }
    Set<String> out = new TreeSet<>();
    Matcher m = ALLOWED.matcher(info.substring(at, info.indexOf("*/", at)));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<Path> packages() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : SOURCES) {
      try (Stream<Path> all = Files.walk(root.resolve("dev/tickbars"))) {
        all.filter(Files::isDirectory)
            .filter(d -> hasJava(d))
            .forEach(out::add);
      }
    }
    return out;
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code pipeline.batch} for {@code .../dev/tickbars/pipeline/batch}. */
  private static String packageOf(Path dir) {
    String path = dir.toString().replace('\\', '/');
    return path.substring(path.indexOf("dev/tickbars/") + "dev/tickbars/".length()).replace('/', '.');
  }
}
