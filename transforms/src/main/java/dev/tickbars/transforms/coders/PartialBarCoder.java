package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.PartialBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a {@link PartialBar}: its bar's index, then its partial. */
public final class PartialBarCoder extends AtomicCoder<PartialBar> {
  private static final PartialBarCoder INSTANCE = new PartialBarCoder();

  public static PartialBarCoder of() {
    return INSTANCE;
  }

  private PartialBarCoder() {}

  @Override
  public void encode(PartialBar p, OutputStream out) throws IOException {
    VarLongCoder.of().encode(p.bar(), out);
    BarAccumulatorCoder.of().encode(p.partial(), out);
  }

  @Override
  public PartialBar decode(InputStream in) throws IOException {
    long bar = VarLongCoder.of().decode(in);
    return new PartialBar(bar, BarAccumulatorCoder.of().decode(in));
  }
}
