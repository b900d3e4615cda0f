package dev.tickbars.pipeline.input;

import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The first and last tick time of a file, in epoch nanoseconds (first > last: no tick). */
public final class TickSpan {
  private TickSpan() {}

  public static long[] of(InputFile f) {
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    try (InputStream in = f.open()) {
      new TickStreamParser(f.layout()).parse(in, new TickStreamParser.Handler() {
        @Override
        public RejectReason tick(TickLineParser t, long line, long offset) {
          span[0] = Math.min(span[0], t.timeNs());
          span[1] = Math.max(span[1], t.timeNs());
          return null;
        }

        @Override
        public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {}
      });
    } catch (IOException e) {
      throw new UncheckedIOException(new InputFileException(f.path(), e));
    }
    return span;
  }
}
