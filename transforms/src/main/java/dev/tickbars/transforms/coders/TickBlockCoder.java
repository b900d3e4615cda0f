package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.TickBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Encodes a {@link TickBlock} compactly: which optional columns it has (volumes, trades, sides) as
 * bits of one byte, times and positions as zig-zag varint deltas (a sorted block's deltas are
 * small), prices, volumes and sizes as raw IEEE doubles, sides as bytes. Deterministic.
 */
public final class TickBlockCoder extends AtomicCoder<TickBlock> {
  private static final TickBlockCoder INSTANCE = new TickBlockCoder();
  private static final StringUtf8Coder SYMBOL = StringUtf8Coder.of();
  private static final int VOLUMES = 1;
  private static final int TRADES = 2;
  private static final int SIDES = 4;

  public static TickBlockCoder of() {
    return INSTANCE;
  }

  private TickBlockCoder() {}

  @Override
  public void encode(TickBlock b, OutputStream out) throws IOException {
    SYMBOL.encode(b.symbol, out);
    VarInt.encode(b.size, out);
    out.write((b.hasVolumes() ? VOLUMES : 0) | (b.hasTrades() ? TRADES : 0) | (b.hasSides() ? SIDES : 0));
    writeDeltas(b.timeNs, b.size, out);
    writeDeltas(b.position, b.size, out);
    DataOutputStream data = new DataOutputStream(out);
    writeDoubles(b.bid, b.size, data);
    writeDoubles(b.ask, b.size, data);
    if (b.hasVolumes()) {
      writeDoubles(b.bidVolume, b.size, data);
      writeDoubles(b.askVolume, b.size, data);
    }
    if (b.hasTrades()) {
      writeDoubles(b.tradePrice, b.size, data);
      writeDoubles(b.tradeSize, b.size, data);
    }
    if (b.hasSides()) {
      data.write(b.tradeSide, 0, b.size);
    }
    data.flush();
  }

  @Override
  public TickBlock decode(InputStream in) throws IOException {
    String symbol = SYMBOL.decode(in);
    int size = VarInt.decodeInt(in);
    int columns = in.read();
    long[] time = readDeltas(size, in);
    long[] position = readDeltas(size, in);
    DataInputStream data = new DataInputStream(in);
    double[] bid = readDoubles(size, data);
    double[] ask = readDoubles(size, data);
    boolean volumes = (columns & VOLUMES) != 0;
    double[] bidVolume = volumes ? readDoubles(size, data) : null;
    double[] askVolume = volumes ? readDoubles(size, data) : null;
    boolean trades = (columns & TRADES) != 0;
    double[] price = trades ? readDoubles(size, data) : null;
    double[] tradeSize = trades ? readDoubles(size, data) : null;
    byte[] side = null;
    if ((columns & SIDES) != 0) {
      side = new byte[size];
      data.readFully(side);
    }
    return new TickBlock(symbol, size, time, position, bid, ask, bidVolume, askVolume, price, tradeSize, side);
  }

  @Override
  public void verifyDeterministic() {}

  private static void writeDeltas(long[] values, int size, OutputStream out) throws IOException {
    long previous = 0;
    for (int i = 0; i < size; i++) {
      long d = values[i] - previous;
      VarInt.encode((d << 1) ^ (d >> 63), out);
      previous = values[i];
    }
  }

  private static long[] readDeltas(int size, InputStream in) throws IOException {
    long[] values = new long[size];
    long previous = 0;
    for (int i = 0; i < size; i++) {
      long z = VarInt.decodeLong(in);
      previous += (z >>> 1) ^ -(z & 1);
      values[i] = previous;
    }
    return values;
  }

  private static void writeDoubles(double[] values, int size, DataOutputStream out)
      throws IOException {
    for (int i = 0; i < size; i++) {
      out.writeDouble(values[i]);
    }
  }

  private static double[] readDoubles(int size, DataInputStream in) throws IOException {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
