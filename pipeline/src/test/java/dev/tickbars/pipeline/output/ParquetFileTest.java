package dev.tickbars.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tickbars.pipeline.ParquetRows;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.OutputRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            1.1, 1.2, 1.0, 1.15, 1.1, 1.1001, 1.15, 1.1501, 0.0001, 3, 3.0, 3L * i, 3L * i + 2, 0));
      }
      try (ParquetFile f = ParquetFile.create(file.toString(), OutputRecords.BAR, CompressionCodecName.SNAPPY)) {
        OutputRecords.bars(bars, OutputRecords.BAR, f);
      }

      try (ParquetFileReader reader = ParquetFileReader.open(new OutputListing.StoredFile(file.toString()))) {
        for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
          String column = c.getPath().toDotString();
          boolean dictionary = c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
              || c.getEncodings().contains(Encoding.RLE_DICTIONARY);
          if (column.equals("symbol") || column.equals("frame")) {
            assertFalse(dictionary, rows + " rows: " + column + " " + c.getEncodings());
          }
        }
      }
      List<Map<String, Object>> back = ParquetRows.readFile(file);
      assertEquals(rows, back.size());
      assertEquals("EURUSD", back.get(rows - 1).get("symbol"));
      assertEquals(3L * (rows - 1), back.get(rows - 1).get("tick_first_id"));
    }
  }
}
