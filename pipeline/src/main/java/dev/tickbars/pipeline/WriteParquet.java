package dev.tickbars.pipeline;

import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes Parquet files through {@link FileIO#writeDynamic} and {@link ParquetIO#sink}: each input
 * element is keyed by its file's name inside the directory (e.g. {@code symbol=EURUSD/2025-07-01})
 * and carries rows of that file; a file's elements are written in {@code order}.
 */
final class WriteParquet<T> extends PTransform<PCollection<KV<String, T>>, WriteFilesResult<String>> {
  /** Rows are buffered up to one row group per open file: kept small so many open files fit. */
  static final int ROW_GROUP_BYTES = 8 << 20;

  private final String directory;
  private final Schema schema;
  private final ParquetRowsSink.Rows<T> rows;
  private final SerializableComparator<T> order;
  private final CompressionCodecName compression;

  private WriteParquet(
      String directory,
      Schema schema,
      ParquetRowsSink.Rows<T> rows,
      SerializableComparator<T> order,
      CompressionCodecName compression) {
    this.directory = directory;
    this.schema = schema;
    this.rows = rows;
    this.order = order;
    this.compression = compression;
  }

  static <T> WriteParquet<T> to(
      String directory,
      Schema schema,
      ParquetRowsSink.Rows<T> rows,
      SerializableComparator<T> order,
      CompressionCodecName compression) {
    return new WriteParquet<>(directory, schema, rows, order, compression);
  }

  /** {@code <name>-<shard>.parquet}: one shard per file name unless a runner splits one. */
  private static FileIO.Write.FileNaming naming(String name) {
    return (window, pane, numShards, shardIndex, compression) ->
        String.format("%s-%d.parquet", name, shardIndex);
  }

  @Override
  public WriteFilesResult<String> expand(PCollection<KV<String, T>> files) {
    ParquetIO.Sink parquet =
        ParquetIO.sink(schema).withCompressionCodec(compression).withRowGroupSize(ROW_GROUP_BYTES);
    return files.apply(
        "WriteParquetFiles",
        FileIO.<String, KV<String, T>>writeDynamic()
            .by(KV::getKey)
            .withDestinationCoder(StringUtf8Coder.of())
            .via(new ParquetRowsSink<>(parquet, rows, order))
            .to(directory)
            .withNaming(WriteParquet::naming)
            .withEmptyGlobalWindowDestination("empty"));
  }
}
