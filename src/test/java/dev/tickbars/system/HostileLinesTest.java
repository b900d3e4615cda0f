package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line is a tick or a reject, however strange (SPEC 2): symbols that cannot name a file
 * (a NUL byte, 300 characters, an empty one, a hidden name, Hive syntax) are {@code bad_symbol}
 * rejects and the run goes on (each of them once failed the whole run, or wrote a file no reader
 * lists); times beyond int64 nanoseconds are {@code bad_timestamp} rejects; lines of hundreds of
 * megabytes are {@code line_too_long} rejects read in a small heap (a 200 MB first line once ran
 * out of memory, a 25 MB one failed the run writing its reject); a first line of garbage is a
 * reject, not a usage error; messages show input text escaped and cut.
 */
class HostileLinesTest {
  @TempDir Path dir;

  private Path inputFolder() throws java.io.IOException {
    return Files.createDirectories(dir.resolve("in"));
  }

  @Test
  void symbolsThatCannotNameAFileAreRejectedAndTheRunGoesOn() throws Exception {
    Path in = inputFolder();
    String good = "EUR/USD,20250707 12:00:00.000,1.1,1.2\n";
    String lines = good
        + "EUR\0USD,20250707 12:00:01.000,1.1,1.2\n"
        + "X".repeat(300) + ",20250707 12:00:02.000,1.1,1.2\n"
        + "/,20250707 12:00:03.000,1.1,1.2\n"
        + ".HIDDEN,20250707 12:00:04.000,1.1,1.2\n"
        + "CL=F,20250707 12:00:05.000,1.1,1.2\n"
        + "../../ESC,20250707 12:00:06.000,1.1,1.2\n"
        + "BRK.B,20250707 12:00:07.000,1.1,1.2\n";
    Files.write(in.resolve("a.csv"), lines.getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("out");

    Jar.Result r = Jar.run("--input=" + in, "--output=" + out, "--maxRejectRatio=1", "--quiet");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of("a.csv:2:bad_symbol", "a.csv:3:bad_symbol", "a.csv:4:bad_symbol", "a.csv:5:bad_symbol",
            "a.csv:6:bad_symbol", "a.csv:7:bad_symbol"),
        RejectLines.of(out));
    TreeSet<String> symbols = new TreeSet<>();
    for (Map<String, Object> row : ParquetRows.readFolder(out.resolve("tick_slices_1000t"))) {
      symbols.add(row.get("symbol").toString());
    }
    assertEquals(new TreeSet<>(List.of("BRK.B", "EURUSD")), symbols);
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"bad_symbol\" : 6"));
  }

  /** 2300-01-01 was once stored wrapped, as 1715-06-13, in a file named after that day. */
  @Test
  void timesBeyondInt64NanosecondsAreBadTimestamps() throws Exception {
    Path in = inputFolder();
    Files.writeString(in.resolve("a.csv"), "EUR/USD,20250707 12:00:00.000,1.1,1.2\n"
        + "EUR/USD,23000101 00:00:00.000,1.1,1.2\n"
        + "EUR/USD,16000101 00:00:00.000,1.1,1.2\n"
        + "EUR/USD,9999999999.5,1.1,1.2\n");
    Path out = dir.resolve("out");

    Jar.Result r = Jar.run("--input=" + in, "--output=" + out, "--maxRejectRatio=1", "--quiet");

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("a.csv:2:bad_timestamp", "a.csv:3:bad_timestamp", "a.csv:4:bad_timestamp"), RejectLines.of(out));
    assertEquals(List.of("EURUSD-2025-07-07.parquet"), ParquetRows.files(out.resolve("tick_slices_1000t")).stream()
        .map(f -> f.getFileName().toString()).toList());
  }

  @Test
  void aSymbolOptionThatCannotNameAFileIsAUsageError() throws Exception {
    Path in = inputFolder();
    Files.writeString(in.resolve("a.csv"), "20120201 000003660,1.306600,1.306770,0\n");

    Jar.Result r = Jar.run("--input=" + in, "--output=" + dir.resolve("out"), "--format=histdata", "--symbol=CL=F");

    assertEquals(2, r.code());
    assertEquals("tickbars: --symbol 'CL=F' is no symbol tickbars takes: 1 to 64 of A-Z 0-9 . _ - ^, the first a letter,"
        + " a digit or ^\n", r.err());
  }

  @Test
  void linesOfHundredsOfMegabytesAreRejectsReadInASmallHeap() throws Exception {
    Path in = inputFolder();
    long huge = 200L << 20;
    byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    try (var a = Files.newOutputStream(in.resolve("a.csv"))) {
      for (long n = 0; n < huge; n += block.length) {
        a.write(block);
      }
    }
    try (var b = Files.newOutputStream(in.resolve("b.csv"))) {
      b.write("EUR/USD,20250707 12:00:00.000,1.1,1.2\nEUR/USD,".getBytes(StandardCharsets.US_ASCII));
      for (int n = 0; n < 25; n++) {
        b.write(block);
      }
      b.write("\nEUR/USD,20250707 12:00:01.000,1.1,1.2\n".getBytes(StandardCharsets.US_ASCII));
    }
    Path out = dir.resolve("out");

    Jar.Result r = Jar.runInHeap("256m", "--input=" + in, "--output=" + out, "--maxRejectRatio=1", "--quiet");

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("a.csv:1:line_too_long", "b.csv:2:line_too_long"), RejectLines.of(out));
    List<String> rejects = Files.readAllLines(out.resolve("rejects/rejects-00000.jsonl"));
    assertTrue(rejects.get(0).contains("\"raw_bytes\":" + huge), rejects.get(0).substring(0, 200));
    assertTrue(rejects.get(0).length() < 4096 + 300, "the raw line is cut to 4096 bytes: " + rejects.get(0).length());
    assertTrue(Files.readAllLines(out.resolve("rejects/rejects-00001.jsonl")).get(0).contains("\"raw_bytes\":" + ((25 << 20) + 8)));
    assertEquals(2, ParquetRows.readFolder(out.resolve("tick_slices_1000t")).size());
  }

  /**
   * Why the scan writes its rejects itself rather than sending them on as Beam elements: a file
   * of nothing but rejects brings as many raw lines as bytes, here more than the heap holds, and
   * a runner buffers a bundle's outputs and a grouping's values in memory.
   */
  @Test
  void aFileOfRejectsOnlyLargerThanTheHeapHasEveryLineInTheRejects() throws Exception {
    Path in = inputFolder();
    byte[] garbage = ("x".repeat(4000) + "\n").getBytes(StandardCharsets.US_ASCII);
    int lines = 100_000; // 400 MB, each line kept whole in the rejects (under 4096 bytes)
    try (var a = new java.io.BufferedOutputStream(Files.newOutputStream(in.resolve("a.csv")), 1 << 20)) {
      a.write("EUR/USD,20250707 12:00:00.000,1.1,1.2\n".getBytes(StandardCharsets.US_ASCII));
      for (int n = 0; n < lines; n++) {
        a.write(garbage);
      }
    }
    Path out = dir.resolve("out");

    Jar.Result r = Jar.runInHeap("256m", "--input=" + in, "--output=" + out, "--format=truefx", "--maxRejectRatio=1", "--quiet");

    assertEquals(0, r.code(), r.err());
    long rejected;
    try (var rejects = Files.lines(out.resolve("rejects/rejects-00000.jsonl"))) {
      rejected = rejects.filter(l -> l.contains("\"raw\":\"xxxx")).count();
    }
    assertEquals(lines, rejected);
    assertEquals(lines, new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("ticks").path("rejected").asLong());
    assertEquals(1, ParquetRows.readFolder(out.resolve("tick_slices_1000t")).size());
  }

  @Test
  void aFirstLineOfGarbageIsARejectAndTheLayoutComesFromTheLinesAfterIt() throws Exception {
    Path in = inputFolder();
    Files.write(in.resolve("a.csv"), ("\u0000\u0001 garbage \u001b[2J\n"
        + "EUR/USD,20250707 12:00:00.000,1.1,1.2\nEUR/USD,20250707 12:00:01.000,1.1,1.2\n").getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("out");

    Jar.Result r = Jar.run("--input=" + in, "--output=" + out, "--maxRejectRatio=1", "--quiet");

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("a.csv:1:wrong_field_count"), RejectLines.of(out));
    assertEquals(2, ParquetRows.readFolder(out.resolve("tick_slices_1000t")).size());
  }

  @Test
  void aMessageShowsInputTextEscapedAndCut() throws Exception {
    Path in = inputFolder();
    Files.write(in.resolve("a.csv"), ("\u001b[2J\u001b[31mred;" + "z".repeat(5000) + ";\r\u0007,x\nno tick either\n")
        .getBytes(StandardCharsets.UTF_8));

    Jar.Result r = Jar.run("--input=" + in, "--output=" + dir.resolve("out"));

    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().chars().filter(c -> c < 0x20 && c != '\n').findAny().isEmpty(), r.err());
    assertTrue(r.err().contains("'\\x1b[2J\\x1b[31mred;zzz"), r.err());
    assertTrue(r.err().contains("(first 100 of 5,"), r.err());
    assertTrue(r.err().length() < 400, r.err());
  }

  /** Prices of 1e308 once made bars of Infinity. */
  @Test
  void pricesTooLargeForFiniteBarsAreRejected() throws Exception {
    Path in = inputFolder();
    Files.writeString(in.resolve("a.csv"), "EUR/USD,20250707 12:00:00.000,1.1,1.2\n"
        + "EUR/USD,20250707 12:00:01.000,1e308,1e308\n"
        + "EUR/USD,20250707 12:00:02.000,9e11,1e12\n");
    Path out = dir.resolve("out");

    Jar.Result r = Jar.run("--input=" + in, "--output=" + out, "--maxRejectRatio=1", "--quiet", "--frames=1m,100t");

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("a.csv:2:price_too_large"), RejectLines.of(out));
    for (String frame : List.of("bars_1m", "bars_100t")) {
      for (Map<String, Object> bar : ParquetRows.readFolder(out.resolve(frame))) {
        for (Object v : bar.values()) {
          assertTrue(!(v instanceof Double d) || Double.isFinite(d), frame + ": " + bar);
        }
      }
    }
  }
}
