package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.Bar;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Encodes a {@link Bar} field by field. */
public final class BarCoder extends AtomicCoder<Bar> {
  private static final BarCoder INSTANCE = new BarCoder();

  public static BarCoder of() {
    return INSTANCE;
  }

  private BarCoder() {}

  @Override
  public void encode(Bar b, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeUTF(b.symbol());
    d.writeUTF(b.frame());
    d.writeLong(b.tOpenNs());
    d.writeLong(b.tCloseNs());
    d.writeDouble(b.o());
    d.writeDouble(b.h());
    d.writeDouble(b.l());
    d.writeDouble(b.c());
    d.writeDouble(b.oBid());
    d.writeDouble(b.oAsk());
    d.writeDouble(b.cBid());
    d.writeDouble(b.cAsk());
    d.writeDouble(b.spreadMean());
    d.writeInt(b.nTicks());
    d.writeDouble(b.vSum());
    d.writeLong(b.tickFirstId());
    d.writeLong(b.tickLastId());
    d.writeDouble(b.vwap());
    d.writeDouble(b.value());
    d.writeInt(b.gapFlag());
    d.flush();
  }

  @Override
  public Bar decode(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    return new Bar(
        d.readUTF(),
        d.readUTF(),
        d.readLong(),
        d.readLong(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readDouble(),
        d.readInt(),
        d.readDouble(),
        d.readLong(),
        d.readLong(),
        d.readDouble(),
        d.readDouble(),
        d.readInt());
  }

  @Override
  public void verifyDeterministic() {}
}
