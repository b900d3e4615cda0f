package dev.tickbars.pipeline.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.CRC32C;
import org.apache.beam.sdk.io.FileSystems;

/**
 * How a ledger recognises an input file besides its path and size: the CRC32C of its first and
 * last MiB (all of a smaller file), so a rerun does not read every earlier file whole.
 */
public final class Fingerprint {
  private static final int SPAN = 1 << 20;

  private Fingerprint() {}

  public static String of(String path, long size) throws IOException {
    CRC32C crc = new CRC32C();
    try (ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(path, false))) {
      read(channel, Math.min(size, SPAN), crc);
      if (size > SPAN && channel instanceof SeekableByteChannel seekable) {
        seekable.position(Math.max(SPAN, size - SPAN));
        read(channel, size - seekable.position(), crc);
      }
    }
    return String.format("crc32c:%08x", crc.getValue());
  }

  private static void read(ReadableByteChannel channel, long bytes, CRC32C crc) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 << 10);
    long left = bytes;
    while (left > 0) {
      buf.clear().limit((int) Math.min(buf.capacity(), left));
      int n = channel.read(buf);
      if (n < 0) {
        break;
      }
      buf.flip();
      crc.update(buf);
      left -= n;
    }
  }
}
