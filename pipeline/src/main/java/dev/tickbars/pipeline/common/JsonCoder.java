package dev.tickbars.pipeline.common;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * The coder of the small report records that travel through a graph once per piece of work (read
 * counts, quality numbers): their JSON, as the files they end in hold it. Never for ticks or bars,
 * which have compact coders of their own.
 */
public final class JsonCoder<T> extends CustomCoder<T> {
  private final Class<T> type;

  private JsonCoder(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonCoder<T> of(Class<T> type) {
    return new JsonCoder<>(type);
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    byte[] json = Json.MAPPER.writeValueAsBytes(value);
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(json.length);
    d.write(json);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] json = new byte[d.readInt()];
    d.readFully(json);
    return Json.MAPPER.readValue(json, type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonCoder<?> c && c.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
