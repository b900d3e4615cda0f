package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.input.InputFile;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;

/**
 * A piece's bytes from the start of its first line: a piece that starts inside a line leaves
 * that line to the piece before. A compressed file's bytes are decompressed, and written to a
 * copy as they are read.
 */
final class PieceStream extends FilterInputStream {
  private final OutputStream copy;
  final long lineStart;

  private PieceStream(InputStream in, OutputStream copy, long lineStart) {
    super(in);
    this.copy = copy;
    this.lineStart = lineStart;
  }

  /** What the file's stream passed over (a zip's entries of no ticks). */
  List<String> passedOver() {
    return in instanceof InputFile.PassesOver p ? p.passedOver() : List.of();
  }

  static PieceStream open(ScanFiles.FilePiece piece, OutputStream copy) throws IOException {
    if (piece.start() == 0) {
      return new PieceStream(piece.file().open(), copy, 0);
    }
    SeekableByteChannel channel =
        (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(piece.file().path(), false));
    channel.position(piece.start() - 1);
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
    long position = piece.start() - 1;
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      position++;
    }
    return new PieceStream(in, copy, position + 1);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      copy.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      copy.write(b, off, n);
    }
    return n;
  }
}
