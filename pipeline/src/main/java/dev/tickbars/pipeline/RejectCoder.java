package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a {@link Reject} field by field. */
final class RejectCoder extends AtomicCoder<Reject> {
  private static final RejectCoder INSTANCE = new RejectCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  static RejectCoder of() {
    return INSTANCE;
  }

  private RejectCoder() {}

  @Override
  public void encode(Reject r, OutputStream out) throws IOException {
    STRING.encode(r.file(), out);
    VarLongCoder.of().encode(r.line(), out);
    STRING.encode(r.reason(), out);
    STRING.encode(r.raw(), out);
  }

  @Override
  public Reject decode(InputStream in) throws IOException {
    return new Reject(STRING.decode(in), VarLongCoder.of().decode(in), STRING.decode(in), STRING.decode(in));
  }
}
