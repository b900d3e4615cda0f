package dev.tickbars.transforms;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Encodes a {@link TickPiece}: its block, then its place in the chunk. */
public final class TickPieceCoder extends AtomicCoder<TickPiece> {
  private static final TickPieceCoder INSTANCE = new TickPieceCoder();

  public static TickPieceCoder of() {
    return INSTANCE;
  }

  private TickPieceCoder() {}

  @Override
  public void encode(TickPiece p, OutputStream out) throws IOException {
    TickBlockCoder.of().encode(p.ticks(), out);
    DataOutputStream d = new DataOutputStream(out);
    d.writeLong(p.chunk());
    d.writeLong(p.offset());
    d.writeLong(p.previousNs());
    d.writeBoolean(p.endsChunk());
    d.flush();
  }

  @Override
  public TickPiece decode(InputStream in) throws IOException {
    TickBlock ticks = TickBlockCoder.of().decode(in);
    DataInputStream d = new DataInputStream(in);
    return new TickPiece(ticks, d.readLong(), d.readLong(), d.readLong(), d.readBoolean());
  }

  @Override
  public void verifyDeterministic() {}
}
