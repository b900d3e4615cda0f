package dev.tickbars.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Encodes {@link ReadStats} as its JSON (a handful of elements per run: clarity over bytes). */
final class ReadStatsCoder extends AtomicCoder<ReadStats> {
  private static final ReadStatsCoder INSTANCE = new ReadStatsCoder();

  static ReadStatsCoder of() {
    return INSTANCE;
  }

  private ReadStatsCoder() {}

  @Override
  public void encode(ReadStats stats, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(Json.MAPPER.writeValueAsString(stats), out);
  }

  @Override
  public ReadStats decode(InputStream in) throws IOException {
    return Json.MAPPER.readValue(StringUtf8Coder.of().decode(in), ReadStats.class);
  }
}
