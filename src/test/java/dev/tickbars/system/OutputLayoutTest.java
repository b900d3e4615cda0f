package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.RowAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --layout} (SPEC 8): flat files with the symbol in every file, or {@code symbol=} folders
 * without it; both hold the same rows, the manifest and ledger record the layout, and {@code
 * inspect}, {@code chart} and {@code --append} follow the recorded one. (What the readers users run
 * make of both is the reader suite's, {@code readers/}.)
 */
class OutputLayoutTest {
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");
  private static final List<String> FOLDERS = List.of("bars_1m", "bars_100t", "bars_1000t", "tick_slices_1000t");
  /** What of a symbol's rows a file holds: a day or hour, the joined bars, the last bar, a watch's batch; a later run's. */
  private static final String WHAT = "((?:\\d{4}-\\d{2}-\\d{2}(?:T\\d{2})?|joined|last|w\\d+-\\d{12})(?:-r\\d+)?)";
  private static final Pattern FLAT_NAME = Pattern.compile("([A-Z]+)-" + WHAT + "\\.parquet");
  private static final Pattern HIVE_NAME = Pattern.compile("symbol=([A-Z]+)/" + WHAT + "\\.parquet");

  @TempDir Path dir;

  @Test
  void bothLayoutsHoldTheSameRowsAsTheirNamesAndColumnsSay() throws Exception {
    Path flat = dir.resolve("flat");
    Path hive = dir.resolve("hive");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + flat, "--quiet").code(), "flat is the default");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + hive, "--quiet", "--layout=hive").code());

    assertLayout(flat, "flat");
    assertLayout(hive, "hive");
    for (String folder : FOLDERS) {
      RowAssert.assertSameRows(
          folder,
          ParquetRows.readFolder(flat.resolve(folder)),
          ParquetRows.readFolder(hive.resolve(folder)),
          List.of("symbol", folder.startsWith("bars_") ? "tick_first_id" : "tick_id"),
          Set.of(),
          0);
    }
    for (Path out : List.of(flat, hive)) {
      JsonNode m = json(out.resolve("manifest.json"));
      String layout = out.getFileName().toString();
      assertEquals(layout, m.path("layout").asText());
      assertEquals(layout, m.path("options").path("layout").asText());
      assertEquals(layout, json(out.resolve("ledger.json")).path("shape").path("layout").asText());
      Set<String> listed = new TreeSet<>();
      m.path("outputs").path("bars_1m").path("files").forEach(f -> listed.add(f.path("path").asText()));
      assertEquals(files(out.resolve("bars_1m")), listed, "the manifest lists the files as they are named");
    }
  }

  @Test
  void anUnknownLayoutIsAUsageError() throws Exception {
    Jar.Result r = Jar.run("--input=" + SAMPLE, "--output=" + dir.resolve("out"), "--layout=nested");
    assertEquals(2, r.code());
    assertEquals("tickbars: unknown --layout 'nested' (use flat or hive)\n", r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "hive"})
  void inspectAndChartFollowTheRecordedLayout(String layout) throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + out, "--quiet", "--layout=" + layout).code());
    Map<String, Long> bars = new TreeMap<>();
    for (Map<String, Object> row : ParquetRows.readFolder(out.resolve("bars_1m"))) {
      bars.merge(row.get("symbol").toString(), 1L, Long::sum);
    }

    Jar.Result inspect = Jar.run("inspect", out.toString());
    assertEquals(0, inspect.code(), inspect.err());
    Map<String, Long> listed = new TreeMap<>();
    for (String line : inspect.out().lines().filter(l -> l.startsWith("bars_1m ")).toList()) {
      String[] f = line.split(" +");
      listed.put(f[1], Long.parseLong(f[2].replace(",", "")));
    }
    assertEquals(bars, listed, inspect.out());

    Jar.Result chart = Jar.run("chart", "--bars=" + out.resolve("bars_1m"), "--symbol=USDJPY", "--out=" + dir.resolve("c.png"));
    assertEquals(0, chart.code(), chart.err());
    assertTrue(chart.out().contains(": " + bars.get("USDJPY") + " 1m bars of USDJPY"), chart.out());
  }

  @Test
  void anAppendInTheOtherLayoutIsAUsageErrorThatSaysWhatToDo() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + out, "--quiet", "--layout=hive").code());
    byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));

    Jar.Result r = Jar.inProcess(List.of("--input=" + SAMPLE, "--output=" + out, "--append"));

    assertEquals(2, r.code());
    assertEquals(
        "tickbars: --append: the output was made with --layout=hive, not flat; give the same --layout to add to it,"
            + " or run without --append to write it anew\n",
        r.err());
    assertEquals(new String(manifest), Files.readString(out.resolve("manifest.json")), "the output is left as it was");
  }

  /**
   * An output of the tickbars before layouts: symbol= folders, the symbol in every file too, and a
   * ledger without a layout. An append or a watch onto it says what to do; inspect still reads it.
   */
  @Test
  void anOutputOfTheLayoutBeforeLayoutsIsNotAppendedToButInspected() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + out, "--quiet").code());
    long eurusd =
        ParquetRows.readFolder(out.resolve("bars_1m")).stream().filter(b -> b.get("symbol").equals("EURUSD")).count();
    for (String folder : FOLDERS) {
      for (String name : files(out.resolve(folder))) {
        Matcher m = FLAT_NAME.matcher(name);
        assertTrue(m.matches(), name);
        Path old = out.resolve(folder).resolve("symbol=" + m.group(1)).resolve(m.group(2) + ".parquet");
        Files.createDirectories(old.getParent());
        Files.move(out.resolve(folder).resolve(name), old);
      }
    }
    ObjectNode ledger = (ObjectNode) json(out.resolve("ledger.json"));
    ((ObjectNode) ledger.get("shape")).remove("layout");
    new ObjectMapper().writeValue(out.resolve("ledger.json").toFile(), ledger);
    ObjectNode manifest = (ObjectNode) json(out.resolve("manifest.json"));
    for (String folder : FOLDERS) {
      for (JsonNode f : manifest.path("outputs").path(folder).path("files")) {
        Matcher m = FLAT_NAME.matcher(f.path("path").asText());
        assertTrue(m.matches(), f.toString());
        ((ObjectNode) f).put("path", "symbol=" + m.group(1) + "/" + m.group(2) + ".parquet");
      }
    }
    new ObjectMapper().writeValue(out.resolve("manifest.json").toFile(), manifest);

    for (String mode : List.of("--append", "--watch")) {
      Jar.Result r = Jar.inProcess(List.of("--input=" + SAMPLE, "--output=" + out, mode));
      assertEquals(2, r.code(), mode);
      assertEquals(
          "tickbars: " + mode + ": " + out + " has the layout of an older tickbars (symbol=<SYMBOL>/ folders with the"
              + " symbol in every file, which pyarrow cannot read whole); run without " + mode + " to write it anew\n",
          r.err());
    }
    Jar.Result inspect = Jar.run("inspect", out.toString());
    assertEquals(0, inspect.code(), inspect.err());
    assertTrue(inspect.out().matches("(?s).*\\nbars_1m +EURUSD +" + eurusd + " .*"), inspect.out());
  }

  /**
   * Every file of every bar and slice folder of {@code out} is named and holds columns as {@code
   * layout} says: flat, {@code <SYMBOL>-<what>.parquet} side by side with a symbol column of that
   * symbol; hive, {@code symbol=<SYMBOL>/<what>.parquet} without a symbol column.
   */
  static void assertLayout(Path out, String layout) throws IOException {
    for (String folder : FOLDERS) {
      if (!Files.isDirectory(out.resolve(folder))) {
        continue;
      }
      // A folder may have no file yet while a watch writes its first one under a hidden name.
      for (String name : files(out.resolve(folder))) {
        Matcher m = (layout.equals("flat") ? FLAT_NAME : HIVE_NAME).matcher(name);
        assertTrue(m.matches(), folder + "/" + name + " is not named as the " + layout + " layout names files");
        for (Map<String, Object> row : ParquetRows.readFile(out.resolve(folder).resolve(name))) {
          if (layout.equals("flat")) {
            assertEquals(m.group(1), row.get("symbol"), folder + "/" + name);
          } else {
            assertFalse(row.containsKey("symbol"), folder + "/" + name + " holds no symbol column");
          }
        }
      }
    }
  }

  /** The Parquet files of a folder, as paths relative to it. */
  private static Set<String> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return new TreeSet<>(
          walk.filter(f -> f.toString().endsWith(".parquet")).map(f -> folder.relativize(f).toString()).toList());
    }
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }
}
