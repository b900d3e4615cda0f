package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.TickBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Encodes {@link NumberedTicks}: the block, then the first id, the previous tick's time and the
 * volume and value before.
 */
public final class NumberedTicksCoder extends AtomicCoder<NumberedTicks> {
  private static final NumberedTicksCoder INSTANCE = new NumberedTicksCoder();

  public static NumberedTicksCoder of() {
    return INSTANCE;
  }

  private NumberedTicksCoder() {}

  @Override
  public void encode(NumberedTicks n, OutputStream out) throws IOException {
    TickBlockCoder.of().encode(n.ticks(), out);
    VarLongCoder.of().encode(n.firstTickId(), out);
    BigEndianLongCoder.of().encode(n.previousTickNs(), out);
    CumulativeCoder.of().encode(n.before(), out);
  }

  @Override
  public NumberedTicks decode(InputStream in) throws IOException {
    TickBlock ticks = TickBlockCoder.of().decode(in);
    long first = VarLongCoder.of().decode(in);
    long previous = BigEndianLongCoder.of().decode(in);
    return new NumberedTicks(ticks, first, previous, CumulativeCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
