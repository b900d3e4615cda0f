package dev.tickbars.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.OutputRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFileTest {
  @TempDir Path dir;

  /**
   * A file of one bar and one of many encode their string columns alike, plainly: parquet-avro's
   * default would give the one-row file plain strings and the other a dictionary, a mix that
   * pandas 3 with fastparquet reads as nulls.
   */
  @Test
  void stringColumnsAreNeverDictionaryEncodedWhateverTheRows() throws Exception {
    for (int rows : new int[] {1, 1000}) {
      Path file = dir.resolve(rows + ".parquet");
      List<Bar> bars = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        bars.add(new Bar("EURUSD", "1m", i * 60_000_000_000L, (i + 1) * 60_000_000_000L,
            1.1, 1.2, 1.0, 1.15, 1.1, 1.1001, 1.15, 1.1501, 0.0001, 3, 3.0, 3L * i, 3L * i + 2, Double.NaN, Double.NaN, 0));
      }
      try (ParquetFile f = ParquetFile.create(file.toString(), OutputRecords.BAR, CompressionCodecName.SNAPPY)) {
        OutputRecords.bars(bars, OutputRecords.BAR, f);
      }

      Map<String, Boolean> dictionary = dictionaryEncoded(file);
      for (String column : List.of("symbol", "frame")) {
        assertFalse(dictionary.get(column), rows + " rows: " + column);
      }
      List<Map<String, Object>> back = ParquetRows.readFile(file);
      assertEquals(rows, back.size());
      assertEquals("EURUSD", back.get(rows - 1).get("symbol"));
      assertEquals(3L * (rows - 1), back.get(rows - 1).get("tick_first_id"));
    }
  }

  /**
   * A column whose schema says {@code "dictionary": false} (the slices' ids and times) is written
   * plainly, even where its values repeat so much that a dictionary would pay (it does for the
   * prices beside them): the writer never builds the dictionary. Real ids and times never repeat,
   * so the writer built the dictionary and then wrote the values plainly all the same.
   */
  @Test
  void aColumnMarkedWithoutDictionaryIsWrittenPlainlyEvenWhereOneWouldPay() throws Exception {
    Path file = dir.resolve("slices.parquet");
    try (ParquetFile f = ParquetFile.create(file.toString(), OutputRecords.TICK_SLICE, CompressionCodecName.SNAPPY)) {
      GenericData.Record r = new GenericData.Record(OutputRecords.TICK_SLICE);
      r.put("symbol", new Utf8("EURUSD"));
      for (long i = 0; i < 100_000; i++) {
        r.put("tick_id", i % 50);
        r.put("bar_idx", i / 1000);
        r.put("t_ns", 1_751_600_000_000_000_000L + (i % 50));
        r.put("bid", 1.17 + (i % 50) * 0.00001);
        r.put("ask", 1.17002 + (i % 50) * 0.00001);
        f.accept(r);
      }
    }
    Map<String, Boolean> dictionary = dictionaryEncoded(file);
    assertEquals(Set.of("symbol", "tick_id", "t_ns", "bid_volume", "ask_volume", "price", "size", "side"), falses(dictionary),
        "ids and times, and the columns of nulls only");
    assertTrue(dictionary.get("bid") && dictionary.get("ask") && dictionary.get("bar_idx"), dictionary.toString());
  }

  /** Whether each column of {@code file}'s first row group holds dictionary-encoded values. */
  private static Map<String, Boolean> dictionaryEncoded(Path file) throws Exception {
    Map<String, Boolean> encoded = new TreeMap<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new OutputListing.StoredFile(file.toString()))) {
      for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
        encoded.put(c.getPath().toDotString(),
            c.getEncodings().contains(Encoding.PLAIN_DICTIONARY) || c.getEncodings().contains(Encoding.RLE_DICTIONARY));
      }
    }
    return encoded;
  }

  private static Set<String> falses(Map<String, Boolean> m) {
    Set<String> out = new java.util.TreeSet<>();
    m.forEach((k, v) -> {
      if (!v) {
        out.add(k);
      }
    });
    return out;
  }
}
