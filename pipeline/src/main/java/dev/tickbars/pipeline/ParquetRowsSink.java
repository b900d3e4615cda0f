package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.KV;

/**
 * A {@link FileIO.Sink} of elements that each carry rows (a piece of ticks, a bar): it keeps a
 * file's elements until the file is flushed, then drives {@link ParquetIO#sink} row by row with
 * the elements in file order, so every file's rows are sorted however the runner delivered them
 * and no per-row element ever exists in the pipeline. A file's elements are at most a chunk of
 * one symbol's ticks or a period of its bars.
 */
final class ParquetRowsSink<T> implements FileIO.Sink<KV<String, T>> {
  private static final long serialVersionUID = 1L;

  /** Hands an element's rows, in file order, to a consumer that must not keep them. */
  interface Rows<T> extends Serializable {
    void write(T element, Consumer<GenericRecord> rows);
  }

  private final ParquetIO.Sink parquet;
  private final Rows<T> rows;
  private final SerializableComparator<T> order;
  private transient List<T> elements;

  ParquetRowsSink(ParquetIO.Sink parquet, Rows<T> rows, SerializableComparator<T> order) {
    this.parquet = parquet;
    this.rows = rows;
    this.order = order;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    parquet.open(channel);
    elements = new ArrayList<>();
  }

  @Override
  public void write(KV<String, T> element) {
    elements.add(element.getValue());
  }

  @Override
  public void flush() throws IOException {
    elements.sort(order);
    try {
      for (T e : elements) {
        rows.write(e, this::writeRow);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    elements.clear();
    parquet.flush();
  }

  private void writeRow(GenericRecord row) {
    try {
      parquet.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
