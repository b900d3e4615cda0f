package dev.tickbars.transforms;

import dev.tickbars.transforms.values.TickBlock;

/** Hand-made blocks for tests: {@code Ticks.of("EURUSD").at(t, line, bid, ask)...block()}. */
public final class Ticks {
  private final TickBlock.Builder builder;

  private Ticks(String symbol) {
    builder = new TickBlock.Builder(symbol);
  }

  public static Ticks of(String symbol) {
    return new Ticks(symbol);
  }

  /** A tick at {@code timeNs} from line {@code line} of file 0. */
  public Ticks at(long timeNs, long line, double bid, double ask) {
    builder.add(timeNs, TickBlock.position(0, line), bid, ask, Double.NaN, Double.NaN);
    return this;
  }

  public TickBlock block() {
    return builder.build();
  }
}
