package dev.tickbars.pipeline.options;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The README's option table is the one {@link TickbarsOptions} gives, word for word. */
class ReadmeOptionsTest {
  static String table() {
    StringBuilder t = new StringBuilder("| option | default | meaning |\n|---|---|---|\n");
    for (OptionDoc o : OptionDoc.all()) {
      t.append("| `--").append(o.name()).append("` | ")
          .append(o.required() ? "required" : "`" + o.defaultValue() + "`").append(" | ")
          .append(o.description().replace("|", "\\|")).append(" |\n");
    }
    return t.toString();
  }

  @Test
  void readmeHasTheOptionTableOfTheOptionsInterface() throws IOException {
    Path readme = Paths.get("..", "README.md");
    String text = Files.readString(readme);
    assertTrue(text.contains(table()), "README.md must hold this table:\n" + table());
  }
}
