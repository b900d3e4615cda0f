package dev.tickbars.pipeline.output;

import java.nio.file.Paths;
import dev.tickbars.pipeline.common.WholeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * One Parquet file being written with parquet-avro's writer, on any Beam file system, as Beam's
 * {@code ParquetIO.Sink} writes one, with one setting more: string columns are never dictionary
 * encoded. parquet-avro falls back from a dictionary to plain values where the dictionary does not
 * pay, as it never does for a file of one row, so a folder would mix both encodings of a string
 * column; pandas 3 with fastparquet 2026.9 then reads the plain rows of a folder as nulls (it
 * takes them apart from the dictionary ones and drops them). {@code ParquetIO.Sink} takes no
 * encoding settings (its writer is built from the compression, row group size and data model
 * alone), hence this writer. Nor are the columns whose schema field says {@code "dictionary":
 * false}: ids and times, which never repeat in a file. Their dictionary never pays: the writer
 * filled it, found it too big and wrote the values plainly all the same (the pages are the same without
 * it), at about a sixth of the time spent writing the slices. A file's name is a function of its content's place in the output
 * (symbol and day), so a retried write replaces the same file and a rerun never leaves a stale
 * one; the staging folder makes the run's output appear at once. Rows are written as they come, a
 * row group at a time.
 */
public final class ParquetFile implements Consumer<GenericRecord>, AutoCloseable {
  /** Rows are buffered up to one row group: kept small so that many open files fit. */
  static final int ROW_GROUP_BYTES = 8 << 20;

  /** The schema field property that turns a column's dictionary off. */
  static final String DICTIONARY = "dictionary";

  /**
   * The writers' Hadoop configuration: none of Hadoop's defaults (the writer has its own), which a
   * new Configuration would parse from XML for every file.
   */
  private static final Configuration NO_HADOOP_DEFAULTS = new Configuration(false);

  private final ParquetWriter<GenericRecord> writer;
  private long rows;

  private ParquetFile(ParquetWriter<GenericRecord> writer) {
    this.writer = writer;
  }

  public static ParquetFile create(String path, Schema schema, CompressionCodecName compression) throws IOException {
    WritableByteChannel channel = FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY);
    AvroParquetWriter.Builder<GenericRecord> builder =
        AvroParquetWriter.<GenericRecord>builder(new ChannelFile(channel))
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(compression)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withConf(NO_HADOOP_DEFAULTS)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    for (Schema.Field f : schema.getFields()) {
      if (f.schema().getType() == Schema.Type.STRING || Boolean.FALSE.equals(f.getObjectProp(DICTIONARY))) {
        builder.withDictionaryEncoding(f.name(), false);
      }
    }
    try {
      return new ParquetFile(builder.build());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Writes a row; an I/O error comes as an {@link UncheckedIOException}. */
  @Override
  public void accept(GenericRecord row) {
    try {
      writer.write(row);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows written so far. */
  public long rows() {
    return rows;
  }

  /** Writes the last row group and the footer, and closes the file. */
  @Override
  public void close() throws IOException {
    writer.close();
  }

  /** A Beam channel as Parquet's output file: a stream that counts its bytes. */
  private record ChannelFile(WritableByteChannel channel) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) {
      OutputStream out = Channels.newOutputStream(channel);
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          position += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }

  /** Writes {@code target} whole ({@link WholeFile}) with the records {@code rows} gives. */
  public static void writeWhole(String target, Schema schema, CompressionCodecName compression, Consumer<Consumer<GenericRecord>> rows)
      throws IOException {
    WholeFile.write(Paths.get(target), tmp -> {
      try (ParquetFile file = create(tmp.toString(), schema, compression)) {
        rows.accept(file);
      }
      return true;
    });
  }
}
