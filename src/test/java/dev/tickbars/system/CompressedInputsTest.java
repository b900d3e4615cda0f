package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what their names say fail with one line naming them (a {@code .gz} of plain
 * text once read as text, a {@code .zip} of anything gave 0 ticks and exit 0); a zip's {@code .csv}
 * entries are read one after the other, each whole, and its other entries are passed over (a
 * readme once failed the run, and two entries were glued where the first lacked a line end).
 */
class CompressedInputsTest {
  private static final String TICK_A = "EUR/USD,20250707 12:00:00.000,1.1,1.2";
  private static final String TICK_B = "EUR/USD,20250707 12:00:01.000,1.1,1.2";

  @TempDir Path dir;

  @Test
  void aGzThatIsNoGzipIsAUsageErrorNamingIt() throws Exception {
    Path gz = dir.resolve("ticks.csv.gz");
    Files.writeString(gz, TICK_A + "\n");
    assertUsageError(gz, "named .gz, but it is no gzip file");
  }

  @Test
  void aZipThatIsNoZipIsAUsageErrorNamingIt() throws Exception {
    Path zip = dir.resolve("ticks.zip");
    Files.writeString(zip, TICK_A + "\n");
    assertUsageError(zip, "named .zip, but it holds no .csv entry or is no zip file");
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    Files.write(zip, random);
    assertUsageError(zip, "named .zip, but it holds no .csv entry or is no zip file");
  }

  @Test
  void aZipsCsvEntriesAreReadWholeAndItsOtherEntriesPassedOver() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(in.resolve("EURUSD-2025-07.zip")))) {
      entry(zip, "readme.txt", "Ticks of July, courtesy of a vendor.\n");
      entry(zip, "EURUSD-2025-07-a.csv", TICK_A); // no line end
      entry(zip, "EURUSD-2025-07-b.csv", TICK_B + "\n");
    }
    Path out = dir.resolve("out");

    Jar.Result r = Jar.inProcess(List.of("--input=" + in, "--output=" + out, "--quiet"));

    assertEquals(0, r.code(), r.err());
    List<Object> times = new ArrayList<>();
    for (Map<String, Object> row : ParquetRows.readFolder(out.resolve("tick_slices_1000t"))) {
      times.add(row.get("t_ns"));
    }
    long noon = java.time.Instant.parse("2025-07-07T12:00:00Z").getEpochSecond() * 1_000_000_000L;
    assertEquals(List.of(noon, noon + 1_000_000_000L), times, "both entries' ticks, neither glued nor lost");
    JsonNode input = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("inputs").get(0);
    assertEquals("[\"readme.txt\"]", input.path("counts").path("passed_over").toString(), input.toString());
  }

  @Test
  void aBz2ThatIsNoBzip2IsAUsageErrorNamingIt() throws Exception {
    Path bz2 = dir.resolve("ticks.csv.bz2");
    Files.writeString(bz2, TICK_A + "\n");
    Jar.Result r = Jar.inProcess(List.of("--input=" + bz2, "--output=" + dir.resolve("out")));
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("tickbars: cannot read input file " + bz2 + ": "), r.err());
  }

  @Test
  void filesOfAFolderThatHoldNoTicksByTheirNameArePassedOverAndNoted() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.csv"), TICK_A + "\n");
    Files.writeString(in.resolve("b.txt.gz.part"), "still coming");
    Files.writeString(in.resolve("README.md"), "# Ticks of July\n| a | table |\n");
    Files.writeString(in.resolve("meta.json"), "{\"vendor\": \"x\"}\n");
    Files.write(in.resolve("old.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 0, 'P', 'A', 'R', '1'});
    Path out = dir.resolve("out");

    Jar.Result r = Jar.inProcess(List.of("--input=" + in, "--output=" + out, "--quiet"));

    assertEquals(0, r.code(), r.err());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(1, manifest.path("inputs").size(), manifest.toString());
    List<String> notes = new ArrayList<>();
    manifest.path("passed_over").forEach(n -> notes.add(n.asText().replaceAll(": .*", "")));
    assertEquals(List.of("passed over " + in.resolve("README.md"), "passed over " + in.resolve("meta.json"),
        "passed over " + in.resolve("old.parquet")), notes);
    assertEquals(1, ParquetRows.readFolder(out.resolve("tick_slices_1000t")).size());
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    OutputStream out = zip;
    out.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private void assertUsageError(Path file, String why) {
    Jar.Result r = Jar.inProcess(List.of("--input=" + file, "--output=" + dir.resolve("out")));
    assertEquals(2, r.code(), r.err());
    assertEquals("tickbars: cannot read input file " + file + ": " + why + "\n", r.err());
  }
}
