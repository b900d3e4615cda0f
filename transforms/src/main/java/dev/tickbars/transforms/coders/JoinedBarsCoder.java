package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.JoinedBars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;

/** Encodes {@link JoinedBars}: its bars, then the last bar's partials. */
public final class JoinedBarsCoder extends AtomicCoder<JoinedBars> {
  private static final JoinedBarsCoder INSTANCE = new JoinedBarsCoder();
  private static final Coder<List<Bar>> BARS = ListCoder.of(BarCoder.of());

  public static JoinedBarsCoder of() {
    return INSTANCE;
  }

  private JoinedBarsCoder() {}

  @Override
  public void encode(JoinedBars j, OutputStream out) throws IOException {
    BARS.encode(j.bars(), out);
    BarAccumulatorCoder.of().encode(j.last(), out);
  }

  @Override
  public JoinedBars decode(InputStream in) throws IOException {
    List<Bar> bars = BARS.decode(in);
    return new JoinedBars(bars, BarAccumulatorCoder.of().decode(in));
  }
}
