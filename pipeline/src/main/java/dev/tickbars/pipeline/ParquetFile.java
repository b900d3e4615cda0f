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
 * One Parquet file being written through {@link ParquetIO#sink}, on any Beam file system. A
 * file's name is a function of its content's place in the output (symbol and day), so a retried
 * write replaces the same file and a rerun never leaves a stale one; the staging folder makes the
 * run's output appear at once. Rows are written as they come, a row group at a time.
 */
final class ParquetFile implements Consumer<GenericRecord>, AutoCloseable {
  /** Rows are buffered up to one row group: kept small so that many open files fit. */
  static final int ROW_GROUP_BYTES = 8 << 20;

  /**
   * The writers' Hadoop configuration: none of Hadoop's defaults (the writer has its own), which a
   * new Configuration would parse from XML for every file.
   */
  private static final Configuration NO_HADOOP_DEFAULTS = new Configuration(false);

  private final ParquetIO.Sink sink;
  private final WritableByteChannel channel;

  private ParquetFile(ParquetIO.Sink sink, WritableByteChannel channel) {
    this.sink = sink;
    this.channel = channel;
  }

  static ParquetFile create(String path, Schema schema, CompressionCodecName compression) throws IOException {
    ParquetIO.Sink sink =
        ParquetIO.sink(schema)
            .withCompressionCodec(compression)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withConfiguration(NO_HADOOP_DEFAULTS);
    WritableByteChannel channel = FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY);
    sink.open(channel);
    return new ParquetFile(sink, channel);
  }

  /** Writes a row; an I/O error comes as an {@link UncheckedIOException}. */
  @Override
  public void accept(GenericRecord row) {
    try {
      sink.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      sink.flush();
    }
  }
}
