package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.BarAccumulator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Encodes a {@link BarAccumulator} field by field. */
public final class BarAccumulatorCoder extends AtomicCoder<BarAccumulator> {
  private static final BarAccumulatorCoder INSTANCE = new BarAccumulatorCoder();

  public static BarAccumulatorCoder of() {
    return INSTANCE;
  }

  private BarAccumulatorCoder() {}

  @Override
  public void encode(BarAccumulator a, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeLong(a.firstId);
    if (!a.isEmpty()) {
      d.writeLong(a.bar);
      d.writeLong(a.lastId);
      d.writeLong(a.firstNs);
      d.writeLong(a.lastNs);
      d.writeDouble(a.firstBid);
      d.writeDouble(a.firstAsk);
      d.writeDouble(a.lastBid);
      d.writeDouble(a.lastAsk);
      d.writeDouble(a.firstPrice);
      d.writeDouble(a.lastPrice);
      d.writeDouble(a.high);
      d.writeDouble(a.low);
      d.writeInt(a.count);
      d.writeBoolean(a.gap);
      d.writeBoolean(a.trades);
      d.writeInt(a.runs);
      for (int r = 0; r < a.runs; r++) {
        d.writeLong(a.runFirstIds[r]);
        d.writeDouble(a.runSpreads[r]);
        d.writeDouble(a.runVolumes[r]);
        d.writeDouble(a.runValues[r]);
      }
    }
    d.flush();
  }

  @Override
  public BarAccumulator decode(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    BarAccumulator a = new BarAccumulator();
    a.firstId = d.readLong();
    if (!a.isEmpty()) {
      a.bar = d.readLong();
      a.lastId = d.readLong();
      a.firstNs = d.readLong();
      a.lastNs = d.readLong();
      a.firstBid = d.readDouble();
      a.firstAsk = d.readDouble();
      a.lastBid = d.readDouble();
      a.lastAsk = d.readDouble();
      a.firstPrice = d.readDouble();
      a.lastPrice = d.readDouble();
      a.high = d.readDouble();
      a.low = d.readDouble();
      a.count = d.readInt();
      a.gap = d.readBoolean();
      a.trades = d.readBoolean();
      a.runs = d.readInt();
      a.runFirstIds = new long[Math.max(a.runs, 1)];
      a.runSpreads = new double[Math.max(a.runs, 1)];
      a.runVolumes = new double[Math.max(a.runs, 1)];
      a.runValues = new double[Math.max(a.runs, 1)];
      for (int r = 0; r < a.runs; r++) {
        a.runFirstIds[r] = d.readLong();
        a.runSpreads[r] = d.readDouble();
        a.runVolumes[r] = d.readDouble();
        a.runValues[r] = d.readDouble();
      }
    }
    return a;
  }

  @Override
  public void verifyDeterministic() {}
}
