package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.Cumulative;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigIntegerCoder;

/** Encodes {@link Cumulative}: the volume, then the value. */
public final class CumulativeCoder extends AtomicCoder<Cumulative> {
  private static final CumulativeCoder INSTANCE = new CumulativeCoder();

  public static CumulativeCoder of() {
    return INSTANCE;
  }

  private CumulativeCoder() {}

  @Override
  public void encode(Cumulative c, OutputStream out) throws IOException {
    BigIntegerCoder.of().encode(c.volume(), out);
    BigIntegerCoder.of().encode(c.value(), out);
  }

  @Override
  public Cumulative decode(InputStream in) throws IOException {
    return new Cumulative(BigIntegerCoder.of().decode(in), BigIntegerCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
