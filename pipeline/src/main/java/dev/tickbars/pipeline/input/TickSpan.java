package dev.tickbars.pipeline.input;

import dev.tickbars.pipeline.common.InputFileException;
import dev.tickbars.transforms.parse.RejectReason;
import dev.tickbars.transforms.parse.TickLineParser;
import dev.tickbars.transforms.parse.TickStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The first and last tick time of a file, in epoch nanoseconds, and the symbols of its ticks; a
 * file without ticks has {@code firstNs > lastNs}.
 */
public record TickSpan(long firstNs, long lastNs, Set<String> symbols) {
  public boolean hasTicks() {
    return firstNs <= lastNs;
  }

  public static TickSpan of(InputFile f) {
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    Set<String> symbols = new TreeSet<>();
    try (InputStream in = f.open()) {
      new TickStreamParser(f.layout()).parse(in, new TickStreamParser.Handler() {
        @Override
        public RejectReason tick(TickLineParser t, long line, long offset) {
          span[0] = Math.min(span[0], t.timeNs());
          span[1] = Math.max(span[1], t.timeNs());
          symbols.add(t.symbol());
          return null;
        }

        @Override
        public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {}
      });
    } catch (IOException e) {
      throw new UncheckedIOException(new InputFileException(f.path(), e));
    }
    return new TickSpan(span[0], span[1], symbols);
  }
}
