package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickbars.pipeline.ParquetRows;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The input layouts of SPEC 1, each file of testdata/layouts holding the same two EURUSD ticks
 * (2025-07-01 00:00:00.332 and 00:00:01 UTC): what the job makes of them, read back from the
 * slices, and the format the manifest names.
 */
class LayoutsTest {
  static final Path LAYOUTS =
      Paths.get(System.getProperty("tickbars.testdata"), "layouts").toAbsolutePath().normalize();
  static final long T0 = 1_751_328_000_332_000_000L;
  static final long T1 = 1_751_328_001_000_000_000L;

  @TempDir Path out;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "truefx.csv           | -                | truefx    | -    | -    | -    | -",
        "truefx-bom-crlf.csv  | -                | truefx    | -    | -    | -    | -",
        "truefx.csv.gz        | -                | truefx    | -    | -    | -    | -",
        "truefx.zip           | -                | truefx    | -    | -    | -    | -",
        "histdata.csv         | --symbol=EUR/USD | histdata  | 0.0  | -    | 0.0  | -",
        "dukascopy-jforex.csv | --symbol=EURUSD  | dukascopy | 2.25 | 1.5  | 1.0  | 0.75",
        "dukascopy-node.csv   | --symbol=eurusd  | dukascopy | 2.25 | 1.5  | 1.0  | 0.75",
        "header-aliases.csv   | -                | csv       | -    | -    | -    | -",
      })
  void readsTheSameTwoTicks(
      String file, String option, String format, Double bv0, Double av0, Double bv1, Double av1)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--input=" + LAYOUTS.resolve(file), "--output=" + out, "--frames=1m,2t"));
    if (option != null) {
      args.add(option);
    }
    Jar.Result result = Jar.inProcess(args);
    assertEquals(0, result.code(), result.err());

    List<Map<String, Object>> slices = ParquetRows.readFolder(out.resolve("tick_slices_2t"));
    assertEquals(2, slices.size());
    assertEquals(Arrays.asList("EURUSD", 0L, 0L, T0, 1.17002, 1.17003, bv0, av0), new ArrayList<>(slices.get(0).values()));
    assertEquals(Arrays.asList("EURUSD", 1L, 0L, T1, 1.17004, 1.17006, bv1, av1), new ArrayList<>(slices.get(1).values()));
    String manifestFormat =
        new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("inputs").get(0).get("format").asText();
    assertEquals(format, manifestFormat);
  }
}
