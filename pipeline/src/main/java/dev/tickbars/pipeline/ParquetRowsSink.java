package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.values.KV;

/**
 * A {@link FileIO.Sink} of elements that each carry many rows (a block of ticks, a file's bars):
 * it drives {@link ParquetIO#sink} row by row, so no per-row element ever exists in the pipeline.
 */
final class ParquetRowsSink<T> implements FileIO.Sink<KV<String, T>> {
  private static final long serialVersionUID = 1L;

  /** Hands an element's rows, in file order, to a consumer that must not keep them. */
  interface Rows<T> extends Serializable {
    void write(T element, Consumer<GenericRecord> rows);
  }

  private final ParquetIO.Sink parquet;
  private final Rows<T> rows;

  ParquetRowsSink(ParquetIO.Sink parquet, Rows<T> rows) {
    this.parquet = parquet;
    this.rows = rows;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    parquet.open(channel);
  }

  @Override
  public void write(KV<String, T> element) throws IOException {
    try {
      rows.write(element.getValue(), this::writeRow);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void writeRow(GenericRecord row) {
    try {
      parquet.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flush() throws IOException {
    parquet.flush();
  }
}
