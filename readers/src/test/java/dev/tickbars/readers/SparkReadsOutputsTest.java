package dev.tickbars.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark 3.5 ({@code spark.read.parquet}, no option) on tickbars' output in both layouts: each bar
 * folder and the slice folder read whole, and every single file of them, give the manifest's rows,
 * the column types of SPEC 5 and 6, and a symbol column of the run's symbols; a single file of the
 * hive layout has none (its folder's name holds it). The ticks are the jar's own generated ones:
 * three FX pairs in four files, with ties, gaps, a weekend and bad lines.
 */
class SparkReadsOutputsTest {
  private static final Path JAR = Paths.get(System.getProperty("tickbars.jar"));
  private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  private static final List<String> FOLDERS = List.of("bars_1m", "bars_1h", "bars_100t", "bars_1000t", "tick_slices_1000t");
  private static final Pattern SYMBOL = Pattern.compile("([A-Z]+)[-/]");

  private static Path dir;
  private static SparkSession spark;

  @BeforeAll
  static void runTickbarsInBothLayouts() throws Exception {
    dir = Files.createTempDirectory("tickbars-spark");
    Path ticks = dir.resolve("ticks");
    run(JAVA, "-jar", JAR.toString(), "sample", ticks.toString(), "30000", "4", "5", "--defects");
    for (String layout : List.of("flat", "hive")) {
      run(JAVA, "-jar", JAR.toString(), "--input=" + ticks, "--output=" + dir.resolve(layout), "--layout=" + layout,
          "--frames=1m,1h,100t,1000t", "--progress=none", "--quiet");
    }
    spark = SparkSession.builder().master("local[1]").appName("tickbars-readers")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
  }

  @AfterAll
  static void stopSpark() throws IOException {
    if (spark != null) {
      spark.stop();
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "hive"})
  void eachFolderReadsWhole(String layout) throws IOException {
    JsonNode manifest = manifest(layout);
    List<String> symbols = new ArrayList<>();
    manifest.path("symbols").fieldNames().forEachRemaining(symbols::add);
    for (String folder : FOLDERS) {
      Dataset<Row> df = spark.read().parquet(dir.resolve(layout).resolve(folder).toString());

      assertEquals(manifest.path("outputs").path(folder).path("rows").asLong(), df.count(), layout + " " + folder);
      assertEquals(columns(folder), kinds(df), layout + " " + folder);
      assertEquals(new TreeSet<>(symbols), distinctSymbols(df), layout + " " + folder);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "hive"})
  void everySingleFileReads(String layout) throws IOException {
    JsonNode manifest = manifest(layout);
    for (String folder : FOLDERS) {
      JsonNode files = manifest.path("outputs").path(folder).path("files");
      assertTrue(files.size() >= 3, folder);
      for (JsonNode f : files) {
        String name = f.path("path").asText();
        Dataset<Row> df = spark.read().parquet(dir.resolve(layout).resolve(folder).resolve(name).toString());

        assertEquals(f.path("rows").asLong(), df.count(), folder + "/" + name);
        Map<String, DataType> expected = columns(folder);
        if (layout.equals("flat")) {
          Matcher m = SYMBOL.matcher(name);
          assertTrue(m.lookingAt(), name);
          assertEquals(new TreeSet<>(List.of(m.group(1))), distinctSymbols(df), folder + "/" + name);
        } else {
          expected.remove("symbol");
          assertFalse(List.of(df.columns()).contains("symbol"), folder + "/" + name + " holds no symbol column");
        }
        assertEquals(expected, kinds(df), folder + "/" + name);
      }
    }
  }

  /** The columns of a folder's files by name, with their types: SPEC 5 for bars, SPEC 6 for slices. */
  private static Map<String, DataType> columns(String folder) {
    Map<String, DataType> c = new LinkedHashMap<>();
    c.put("symbol", DataTypes.StringType);
    if (folder.startsWith("bars_")) {
      c.put("frame", DataTypes.StringType);
      c.put("t_open_ns", DataTypes.LongType);
      c.put("t_close_ns", DataTypes.LongType);
      for (String price : List.of("o", "h", "l", "c", "o_bid", "o_ask", "c_bid", "c_ask", "spread_mean")) {
        c.put(price, DataTypes.DoubleType);
      }
      c.put("n_ticks", DataTypes.IntegerType);
      c.put("v_sum", DataTypes.DoubleType);
      c.put("tick_first_id", DataTypes.LongType);
      c.put("tick_last_id", DataTypes.LongType);
      c.put("vwap", DataTypes.DoubleType);
      c.put("value", DataTypes.DoubleType);
      c.put("gap_flag", DataTypes.IntegerType);
    } else {
      for (String id : List.of("tick_id", "bar_idx", "t_ns")) {
        c.put(id, DataTypes.LongType);
      }
      for (String price : List.of("bid", "ask", "bid_volume", "ask_volume", "price", "size")) {
        c.put(price, DataTypes.DoubleType);
      }
      c.put("side", DataTypes.StringType);
    }
    return c;
  }

  /** The columns Spark read, by name (in any order: a partition column comes last). */
  private static Map<String, DataType> kinds(Dataset<Row> df) {
    Map<String, DataType> out = new TreeMap<>();
    for (StructField f : df.schema().fields()) {
      out.put(f.name(), f.dataType());
    }
    return out;
  }

  private static TreeSet<String> distinctSymbols(Dataset<Row> df) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : df.select("symbol").distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private static JsonNode manifest(String layout) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(layout).resolve("manifest.json").toFile());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("run.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command));
    assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + read(log));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
