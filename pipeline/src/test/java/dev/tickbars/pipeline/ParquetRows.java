package dev.tickbars.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads Parquet files back with parquet-avro's reader, as rows of column name to value. */
public final class ParquetRows {
  private ParquetRows() {}

  /**
   * Every row of every .parquet file under {@code dir}, file by file in path order. As a Hive
   * reader does, a file in a {@code symbol=S} folder without a symbol column gets one of S.
   */
  public static List<Map<String, Object>> readFolder(Path dir) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Path f : files(dir)) {
      String folder = f.getParent().getFileName().toString();
      for (Map<String, Object> row : readFile(f)) {
        if (folder.startsWith("symbol=")) {
          row.putIfAbsent("symbol", folder.substring("symbol=".length()));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).sorted(Comparator.naturalOrder()).toList();
    }
  }

  public static List<Map<String, Object>> readFile(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    HadoopInputFile in =
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(in).build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Schema.Field field : r.getSchema().getFields()) {
          Object v = r.get(field.name());
          row.put(field.name(), v instanceof CharSequence ? v.toString() : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
