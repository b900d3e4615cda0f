package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.BarKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Encodes a {@link BarKey}: its frame, then its symbol; deterministic, so it can key a shuffle. */
public final class BarKeyCoder extends AtomicCoder<BarKey> {
  private static final BarKeyCoder INSTANCE = new BarKeyCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  public static BarKeyCoder of() {
    return INSTANCE;
  }

  private BarKeyCoder() {}

  @Override
  public void encode(BarKey key, OutputStream out) throws IOException {
    STRING.encode(key.frame(), out);
    STRING.encode(key.symbol(), out);
  }

  @Override
  public BarKey decode(InputStream in) throws IOException {
    String frame = STRING.decode(in);
    return new BarKey(frame, STRING.decode(in));
  }
}
