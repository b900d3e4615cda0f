package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.pipeline.RowAssert;
import dev.tickbars.pipeline.tools.SampleTicks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --append}: a batch run over some files and then append runs adding one file at a time
 * give what one batch run over all files gives (all bar columns, ids and slices), with no bar
 * twice in the output after any step; a file already read is skipped, a changed one is an error,
 * a tick earlier than its symbol's last one of an earlier run is rejected as late, and a killed
 * append run leaves the output as it was.
 */
class AppendTest {
  private static final List<String> FOLDERS = List.of("bars_1m", "bars_7t", "bars_100t", "bars_1000t");
  static final String FRAMES = "--frames=1m,7t,100t,1000t";
  private static final Set<String> SUMS = Set.of("spread_mean", "v_sum", "vwap", "value");
  private static final DateTimeFormatter TRUEFX = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss.SSS");

  @TempDir Path dir;

  /** In each layout (on one runner each): a batch run of the default layout holds the same rows. */
  @ParameterizedTest
  @CsvSource({"DirectRunner, hive", "FlinkRunner, flat"})
  void appendingFileByFileGivesWhatOneBatchRunGives(String runner, String layout) throws Exception {
    List<Path> files = appendableTicks(dir.resolve("in"), 24_000, 4);
    Path batch = dir.resolve("batch");
    Path appended = dir.resolve("appended");
    Path feed = dir.resolve("feed");
    Files.createDirectories(feed);
    assertEquals(0, run(runner, "--input=" + dir.resolve("in"), "--output=" + batch).code());
    for (int i = 0; i < files.size(); i++) {
      Files.copy(files.get(i), feed.resolve(files.get(i).getFileName()));
      Jar.Result r = run(runner, "--input=" + feed, "--output=" + appended, "--append=" + (i > 0), "--layout=" + layout);
      assertEquals(0, r.code(), r.err());
      assertNoBarTwice(appended);
      OutputLayoutTest.assertLayout(appended, layout);
    }

    assertSameOutput(batch, appended);
    assertEquals(files.size(), manifest(appended).get("runs").asInt());
  }

  /**
   * Trades with volume and dollar-value frames, and slices cut by volume, appended in the hive
   * layout: the cumulative volume and value go on from the earlier runs' as the tick ids do.
   */
  @Test
  void appendingTradesFileByFileGivesWhatOneBatchRunGives() throws Exception {
    List<Path> files = TradeFiles.write(dir.resolve("in"), 12_000, 4, 5, false);
    List<String> options = List.of("--frames=1m,100t,500v,3000000dv,1v", "--sliceFrame=500v", "--maxRejectRatio=0.05");
    Path batch = dir.resolve("batch");
    Path appended = dir.resolve("appended");
    Path feed = dir.resolve("feed");
    Files.createDirectories(feed);
    List<String> first = new ArrayList<>(options);
    first.addAll(List.of("--input=" + dir.resolve("in"), "--output=" + batch));
    assertEquals(0, Jar.inProcess(first).code());
    for (int i = 0; i < files.size(); i++) {
      Files.copy(files.get(i), feed.resolve(files.get(i).getFileName()));
      List<String> args = new ArrayList<>(options);
      args.addAll(List.of("--input=" + feed, "--output=" + appended, "--append=" + (i > 0), "--layout=hive"));
      Jar.Result r = Jar.inProcess(args);
      assertEquals(0, r.code(), r.err());
      assertNoBarTwice(appended);
      OutputLayoutTest.assertLayout(appended, "hive");
    }

    assertSameOutput(
        batch, appended, List.of("bars_1m", "bars_100t", "bars_500v", "bars_3000000dv", "bars_1v"), "tick_slices_500v");
  }

  /**
   * {@code other} holds what {@code batch} holds: the same bars (floating sums to 1e-12), slices,
   * rejected lines and counts.
   */
  static void assertSameOutput(Path batch, Path appended) throws IOException {
    assertSameOutput(batch, appended, FOLDERS, "tick_slices_1000t");
  }

  /** As {@link #assertSameOutput(Path, Path)}, for the bars in {@code folders} and the slices in {@code slices}. */
  static void assertSameOutput(Path batch, Path appended, List<String> folders, String slices) throws IOException {
    for (String folder : folders) {
      RowAssert.assertSameRows(
          folder,
          ParquetRows.readFolder(batch.resolve(folder)),
          ParquetRows.readFolder(appended.resolve(folder)),
          List.of("symbol", "t_open_ns", "tick_first_id"),
          SUMS,
          1e-12);
    }
    RowAssert.assertSameRows(
        slices,
        ParquetRows.readFolder(batch.resolve(slices)),
        ParquetRows.readFolder(appended.resolve(slices)),
        List.of("symbol", "tick_id"),
        Set.of(),
        0);
    JsonNode b = manifest(batch);
    JsonNode a = manifest(appended);
    assertEquals(b.get("ticks"), a.get("ticks"), "the manifest's counts are of all runs");
    assertEquals(b.get("symbols"), a.get("symbols"));
    assertEquals(RejectLines.of(batch), RejectLines.of(appended));
  }

  @Test
  void aFileReadBeforeIsSkippedAndTheOutputLeftAsItWas() throws Exception {
    appendableTicks(dir.resolve("in"), 3_000, 2);
    Path out = dir.resolve("out");
    assertEquals(0, Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + out)).code());
    byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));

    Jar.Result r = Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + out, "--append"));

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("skipped " + dir.resolve("in/ticks-000.csv") + ": run 1 read it"), r.out());
    assertTrue(r.out().contains("nothing to do"), r.out());
    assertEquals(new String(manifest, StandardCharsets.UTF_8), Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void aChangedFileIsAnErrorThatNamesIt() throws Exception {
    List<Path> files = appendableTicks(dir.resolve("in"), 3_000, 2);
    Path out = dir.resolve("out");
    assertEquals(0, Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + out)).code());
    Files.writeString(files.get(1), "EUR/USD,20990101 00:00:00.000,1.1,1.2\n", java.nio.file.StandardOpenOption.APPEND);

    Jar.Result r = Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + out, "--append"));

    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("tickbars: input file " + files.get(1) + " changed since run 1 read it"), r.err());
  }

  @Test
  void otherBarOptionsThanTheOutputsAreAnError() throws Exception {
    appendableTicks(dir.resolve("in"), 3_000, 1);
    Path out = dir.resolve("out");
    assertEquals(0, Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + out)).code());

    Jar.Result r =
        Jar.inProcess(List.of("--input=" + dir.resolve("in"), "--output=" + out, "--append", "--frames=5m"));

    assertEquals(2, r.code());
    assertEquals(
        "tickbars: --append: the output was made with --frames=1m,100t,1000t, not 5m; give the same --frames to add"
            + " to it, or run without --append to write it anew\n",
        r.err());
  }

  @Test
  void aTickEarlierThanItsSymbolsLastOfAnEarlierRunIsRejectedAsLate() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.csv"), "EUR/USD,20250707 12:00:10.000,1.1,1.2\nGBP/USD,20250707 12:00:20.000,1.3,1.4\n");
    Path out = dir.resolve("out");
    assertEquals(0, Jar.inProcess(List.of("--input=" + in, "--output=" + out)).code());
    Files.writeString(
        in.resolve("b.csv"),
        "EUR/USD,20250707 12:00:09.999,1.1,1.2\nEUR/USD,20250707 12:00:10.000,1.0,1.5\nGBP/USD,20250707 12:00:05.000,1.3,1.4\n");

    Jar.Result r = Jar.inProcess(List.of("--input=" + in, "--output=" + out, "--append", "--maxRejectRatio=1"));

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("b.csv:1:late", "b.csv:3:late"), RejectLines.of(out));
    List<Map<String, Object>> slices = ParquetRows.readFolder(out.resolve("tick_slices_1000t"));
    assertEquals(3, slices.size(), "the tick at the same time as the last one is not late");
    List<Map<String, Object>> bars = ParquetRows.readFolder(out.resolve("bars_1m"));
    Map<String, Object> eurusd = bars.stream().filter(b -> b.get("symbol").equals("EURUSD")).findFirst().orElseThrow();
    assertEquals(2, eurusd.get("n_ticks"), "one 12:00 bar of EURUSD, rewritten with the new tick");
    assertEquals(1.25, eurusd.get("c"));
    assertEquals(2, bars.size());
  }

  @Test
  void aKilledAppendRunLeavesTheOutputAsItWasAndTheNextOneGoesOn() throws Exception {
    List<Path> files = appendableTicks(dir.resolve("in"), 400_000, 2);
    Path feed = dir.resolve("feed");
    Files.createDirectories(feed);
    Files.copy(files.get(0), feed.resolve(files.get(0).getFileName()));
    Path out = dir.resolve("out");
    assertEquals(0, Jar.inProcess(List.of("--input=" + feed, "--output=" + out)).code());
    byte[] ledger = Files.readAllBytes(out.resolve("ledger.json"));
    List<Map<String, Object>> before = ParquetRows.readFolder(out.resolve("bars_1m"));
    Files.copy(files.get(1), feed.resolve(files.get(1).getFileName()));

    Process p = Jar.command("--input=" + feed, "--output=" + out, "--append").start();
    Jar.awaitStaging(out, p, "bars_1m");
    Thread.sleep(1500);
    assertTrue(p.isAlive(), "the run is still going when it is killed");
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertEquals(new String(ledger, StandardCharsets.UTF_8), Files.readString(out.resolve("ledger.json")));
    assertEquals(before, ParquetRows.readFolder(out.resolve("bars_1m")));
    Jar.Result again = Jar.inProcess(List.of("--input=" + feed, "--output=" + out, "--append"));
    assertEquals(0, again.code(), again.err());
    Path batch = dir.resolve("batch");
    assertEquals(0, Jar.inProcess(List.of("--input=" + feed, "--output=" + batch)).code());
    RowAssert.assertSameRows(
        "bars_1m",
        ParquetRows.readFolder(batch.resolve("bars_1m")),
        ParquetRows.readFolder(out.resolve("bars_1m")),
        List.of("symbol", "t_open_ns"),
        SUMS,
        1e-12);
  }

  private static Jar.Result run(String runner, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--runner=" + runner);
    all.add(FRAMES);
    return Jar.inProcess(all);
  }

  /**
   * Generated ticks with every kind of defect but one: a tick earlier than its symbol's last tick
   * of an earlier file, which an append run rejects as late where a batch run sorts it in. Such
   * lines are left out, so the files can be appended one by one.
   */
  static List<Path> appendableTicks(Path dir, long ticks, int files) throws IOException {
    SampleTicks.write(dir, ticks, files, 17, true);
    List<Path> paths;
    try (Stream<Path> s = Files.list(dir)) {
      paths = s.sorted().toList();
    }
    Map<String, LocalDateTime> last = new HashMap<>();
    for (Path p : paths) {
      Map<String, LocalDateTime> inFile = new HashMap<>();
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(p)) {
        String[] f = line.split(",");
        LocalDateTime t = null;
        try {
          t = f.length == 4 ? LocalDateTime.parse(f[1].strip(), TRUEFX) : null;
        } catch (RuntimeException e) {
          // a bad line: a reject in either run
        }
        String symbol = f[0].strip().toUpperCase(Locale.ROOT);
        if (t != null && last.containsKey(symbol) && t.isBefore(last.get(symbol))) {
          continue;
        }
        if (t != null) {
          inFile.merge(symbol, t, (x, y) -> x.isAfter(y) ? x : y);
        }
        kept.add(line);
      }
      inFile.forEach((s, t) -> last.merge(s, t, (x, y) -> x.isAfter(y) ? x : y));
      Files.write(p, kept);
    }
    return paths;
  }

  /** No two rows of a bar folder are one bar (symbol and open time; first tick id for tick bars). */
  static void assertNoBarTwice(Path out) throws IOException {
    List<Path> folders;
    try (Stream<Path> all = Files.list(out)) {
      folders = all.filter(f -> f.getFileName().toString().startsWith("bars_") && Files.isDirectory(f)).toList();
    }
    for (Path folder : folders) {
      // A time bar is known by its window; a tick, volume or value bar by its first tick.
      boolean time = folder.getFileName().toString().matches("bars_[0-9]+[smhd]");
      Set<String> seen = new HashSet<>();
      for (Map<String, Object> row : ParquetRows.readFolder(folder)) {
        String key = row.get("symbol") + "@" + (time ? row.get("t_open_ns") : row.get("tick_first_id"));
        assertTrue(seen.add(key), folder + ": " + key + " twice");
      }
    }
  }

  private static JsonNode manifest(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }
}
