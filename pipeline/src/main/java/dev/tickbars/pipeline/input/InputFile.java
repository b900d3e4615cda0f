package dev.tickbars.pipeline.input;

import dev.tickbars.transforms.parse.Layout;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;

/**
 * One input file: its path, its rank in sorted path order (the first part of a tick's input
 * position), its size, and its layout.
 */
public record InputFile(String path, int rank, long size, Layout layout) implements Serializable {
  private static final int BUFFER = 1 << 16;

  /** The file's bytes, decompressed by its name (.gz, .bz2, .zip, ...). */
  public InputStream open() throws IOException {
    return open(path);
  }

  /**
   * The bytes of the file at {@code path}, decompressed as its name says: a {@code .gz} must be
   * gzip (Beam's own reader would pass other bytes on as they are), and a {@code .zip} gives the
   * {@code .csv} entries it holds, one after the other, each ending in a line end, and passes over
   * the rest (a vendor's readme); a zip of no {@code .csv} entry, or no zip, is an error.
   */
  public static InputStream open(String path) throws IOException {
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(path, false));
    Compression compression = Compression.detect(path);
    if (compression == Compression.GZIP) {
      return gzip(new BufferedInputStream(Channels.newInputStream(channel), BUFFER));
    }
    if (compression == Compression.ZIP) {
      return new CsvEntries(new ZipInputStream(new BufferedInputStream(Channels.newInputStream(channel), BUFFER)));
    }
    return Channels.newInputStream(compression.readDecompressed(channel));
  }

  private static InputStream gzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first < 0) {
      return in; // an empty file: no ticks
    }
    if (first != 0x1f || second != 0x8b) {
      in.close();
      throw new IOException("named .gz, but it is no gzip file");
    }
    return new GZIPInputStream(in, BUFFER);
  }

  /** A stream of a file's ticks that passes over parts of the file, and names them. */
  public interface PassesOver {
    /** The parts passed over so far. */
    List<String> passedOver();
  }

  /** The {@code .csv} entries of a zip, one after the other, each ending in a line end; the others are passed over. */
  private static final class CsvEntries extends InputStream implements PassesOver {
    private final ZipInputStream zip;
    private final List<String> passedOver = new ArrayList<>();
    private boolean inEntry;
    private boolean lineEndDue;
    private int entries;
    private int last = '\n';

    CsvEntries(ZipInputStream zip) {
      this.zip = zip;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        if (lineEndDue) {
          lineEndDue = false;
          last = '\n';
          b[off] = '\n';
          return 1;
        }
        if (inEntry) {
          int n = zip.read(b, off, len);
          if (n > 0) {
            last = b[off + n - 1];
            return n;
          }
          inEntry = false;
          lineEndDue = last != '\n';
          continue;
        }
        if (!nextCsvEntry()) {
          return -1;
        }
      }
    }

    private boolean nextCsvEntry() throws IOException {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
          inEntry = true;
          entries++;
          return true;
        }
        if (!e.isDirectory()) {
          passedOver.add(e.getName());
        }
      }
      if (entries == 0) {
        throw new IOException("named .zip, but it holds no .csv entry or is no zip file");
      }
      return false;
    }

    @Override
    public List<String> passedOver() {
      return passedOver;
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
