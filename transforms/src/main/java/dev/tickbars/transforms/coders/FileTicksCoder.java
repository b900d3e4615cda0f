package dev.tickbars.transforms.coders;

import dev.tickbars.transforms.values.FileTicks;
import dev.tickbars.transforms.values.TickBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/** Encodes {@link FileTicks}: the file, the ticks as {@link TickBlockCoder} does, then each line. Deterministic. */
public final class FileTicksCoder extends AtomicCoder<FileTicks> {
  private static final FileTicksCoder INSTANCE = new FileTicksCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();

  public static FileTicksCoder of() {
    return INSTANCE;
  }

  private FileTicksCoder() {}

  @Override
  public void encode(FileTicks f, OutputStream out) throws IOException {
    TEXT.encode(f.file, out);
    TickBlockCoder.of().encode(f.ticks, out);
    for (int i = 0; i < f.size(); i++) {
      VarInt.encode(f.line(i), out);
      TEXT.encode(f.text(i), out);
      VarInt.encode(f.bytes(i), out);
    }
  }

  @Override
  public FileTicks decode(InputStream in) throws IOException {
    String file = TEXT.decode(in);
    TickBlock ticks = TickBlockCoder.of().decode(in);
    long[] lines = new long[ticks.size()];
    String[] texts = new String[ticks.size()];
    int[] bytes = new int[ticks.size()];
    for (int i = 0; i < ticks.size(); i++) {
      lines[i] = VarInt.decodeLong(in);
      texts[i] = TEXT.decode(in);
      bytes[i] = VarInt.decodeInt(in);
    }
    return new FileTicks(file, ticks, lines, texts, bytes);
  }

  @Override
  public void verifyDeterministic() {}
}
