package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one Parquet file through {@link ParquetIO#sink}, on any Beam file system. A file's name
 * is a function of its content's place in the output (symbol and period), so a retried write
 * replaces the same file and a rerun never leaves a stale one; the staging folder makes the run's
 * output appear at once.
 */
final class ParquetFiles {
  /** Rows are buffered up to one row group: kept small so that every worker's writer fits. */
  static final int ROW_GROUP_BYTES = 8 << 20;

  /**
   * The writers' Hadoop configuration: none of Hadoop's defaults (the writer has its own), which a
   * new Configuration would parse from XML for every file.
   */
  private static final Configuration NO_HADOOP_DEFAULTS = new Configuration(false);

  private ParquetFiles() {}

  /** Writes {@code path} with the rows {@code rows} hands to its consumer, in that order. */
  static void write(
      String path, Schema schema, CompressionCodecName compression, Consumer<Consumer<GenericRecord>> rows)
      throws IOException {
    ParquetIO.Sink sink =
        ParquetIO.sink(schema)
            .withCompressionCodec(compression)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withConfiguration(NO_HADOOP_DEFAULTS);
    try (WritableByteChannel channel =
        FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY)) {
      sink.open(channel);
      try {
        rows.accept(
            row -> {
              try {
                sink.write(row);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      sink.flush();
    }
  }
}
