package dev.tickbars.transforms;

import dev.tickbars.transforms.values.TickBlock;

/** Hand-made blocks for tests: {@code Ticks.of("EURUSD").at(t, line, bid, ask)...block()}, or trades. */
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
    builder.add(timeNs, TickBlock.position(0, line), bid, ask, Double.NaN, Double.NaN, Double.NaN, Double.NaN, (byte) 0);
    return this;
  }

  /** A trade at {@code timeNs} from line {@code line} of file 0, with no quote and the side letter {@code side}. */
  public Ticks trade(long timeNs, long line, double price, double size, char side) {
    builder.add(timeNs, TickBlock.position(0, line), Double.NaN, Double.NaN, Double.NaN, Double.NaN, price, size, (byte) side);
    return this;
  }

  public TickBlock block() {
    return builder.build();
  }
}
