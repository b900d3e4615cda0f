package dev.tickbars.transforms.values;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.transforms.Ticks;
import dev.tickbars.transforms.coders.BarAccumulatorCoder;
import dev.tickbars.transforms.coders.BarCoder;
import dev.tickbars.transforms.coders.BarKeyCoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class BarAccumulatorTest {
  // One symbol's ticks 0..5 at 1 s apart, except a 2-minute gap before tick 3.
  private static final NumberedTicks TICKS =
      new NumberedTicks(
          Ticks.of("X")
              .at(1_000_000_000L, 1, 1.00, 1.02)
              .at(2_000_000_000L, 2, 1.01, 1.05)
              .at(3_000_000_000L, 3, 0.99, 1.00)
              .at(123_000_000_000L, 4, 1.10, 1.11)
              .at(124_000_000_000L, 5, 1.20, 1.20)
              .at(125_000_000_000L, 6, 1.05, 1.09)
              .block(),
          0,
          NumberedTicks.NO_PREVIOUS,
          Cumulative.ZERO);
  private static final long MAX_GAP = 60_000_000_000L;

  private static BarAccumulator run(int from, int to) {
    return BarAccumulator.ofTicks(TICKS, from, to, PriceBasis.MID, MAX_GAP);
  }

  @Test
  void partialsMergeToTheBarOfAllTheirTicksInAnyOrderAndGrouping() {
    BarAccumulator whole = run(0, 6);
    List<BarAccumulator> parts = List.of(run(3, 4), run(0, 1), run(4, 6), run(1, 3));
    for (int rotation = 0; rotation < parts.size(); rotation++) {
      List<BarAccumulator> order = new ArrayList<>(parts);
      Collections.rotate(order, rotation);
      BarAccumulator leftToRight = new BarAccumulator();
      order.forEach(leftToRight::merge);
      assertThat(leftToRight, sameBarAs(whole));
      BarAccumulator pairs = merged(merged(order.get(0), order.get(1)), merged(order.get(2), order.get(3)));
      assertThat(pairs, sameBarAs(whole));
    }
  }

  private static BarAccumulator merged(BarAccumulator a, BarAccumulator b) {
    BarAccumulator m = new BarAccumulator();
    m.merge(a);
    m.merge(b);
    return m;
  }

  @Test
  void aBarOfTradesHasItsVwapAndValueAndNoQuoteWhicheverWayItsRunsMerge() throws Exception {
    NumberedTicks trades =
        new NumberedTicks(
            Ticks.of("ES")
                .trade(1_000_000_000L, 1, 100.0, 2, 'B')
                .trade(2_000_000_000L, 2, 101.0, 0, 'S')
                .trade(3_000_000_000L, 3, 99.5, 3, 'N')
                .trade(4_000_000_000L, 4, 100.5, 5, 'B')
                .block(),
            0,
            NumberedTicks.NO_PREVIOUS,
            Cumulative.ZERO);
    BarAccumulator late = BarAccumulator.ofTicks(trades, 2, 4, PriceBasis.TRADE, MAX_GAP);
    BarAccumulator early = BarAccumulator.ofTicks(trades, 0, 2, PriceBasis.TRADE, MAX_GAP);
    Bar bar = merged(late, early).toBar("ES", "4t", 1, 4);
    double value = 100.0 * 2 + 101.0 * 0 + 99.5 * 3 + 100.5 * 5;
    assertEquals(List.of(100.0, 101.0, 99.5, 100.5), List.of(bar.o(), bar.h(), bar.l(), bar.c()));
    assertEquals(10.0, bar.vSum());
    assertEquals(value, bar.value());
    assertEquals(value / 10, bar.vwap());
    assertEquals(List.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
        List.of(bar.oBid(), bar.oAsk(), bar.cBid(), bar.cAsk(), bar.spreadMean()));
    CoderProperties.coderDecodeEncodeEqual(BarAccumulatorCoder.of(), merged(late, early));
    CoderProperties.coderDecodeEncodeEqual(BarCoder.of(), bar);
  }

  @Test
  void aBarOfQuotesHasNoVwapNorValue() {
    Bar bar = run(0, 6).toBar("X", "1m", 0, 60);
    assertEquals(Double.NaN, bar.vwap());
    assertEquals(Double.NaN, bar.value());
  }

  @Test
  void aLoneFirstTickIsBothOpenAndClose() {
    BarAccumulator merged = merged(new BarAccumulator(), run(0, 1));
    Bar bar = merged.toBar("X", "1m", 0, 60);
    assertEquals(1.01, bar.o(), 1e-15);
    assertEquals(1.01, bar.c(), 1e-15);
    assertEquals(1.00, bar.cBid());
    assertEquals(0, bar.tickLastId());
  }

  @Test
  void barColumnsFollowTheirDefinitions() {
    Bar bar = BarAccumulator.ofTicks(TICKS, 2, 6, PriceBasis.BID, MAX_GAP).toBar("X", "4t", 1, 2);
    assertEquals(0.99, bar.o());
    assertEquals(1.20, bar.h());
    assertEquals(0.99, bar.l());
    assertEquals(1.05, bar.c());
    assertEquals((0.01 + 0.01 + 0.00 + 0.04) / 4, bar.spreadMean(), 1e-15);
    assertEquals(4, bar.nTicks());
    assertEquals(4.0, bar.vSum());
    assertEquals(2, bar.tickFirstId());
    assertEquals(5, bar.tickLastId());
    assertEquals(0, bar.gapFlag(), "tick 2 follows tick 1 by a second");
    assertEquals(1, run(3, 5).toBar("X", "2t", 0, 0).gapFlag(), "tick 3 follows a 2 minute gap");
    assertEquals(0, run(0, 2).toBar("X", "2t", 0, 0).gapFlag(), "no previous tick: no gap");
  }

  @Test
  void accumulatorCoderRoundTrips() throws Exception {
    BarAccumulator merged = merged(run(0, 2), run(2, 6));
    CoderProperties.coderDecodeEncodeEqual(BarAccumulatorCoder.of(), merged);
    CoderProperties.coderDecodeEncodeEqual(BarAccumulatorCoder.of(), new BarAccumulator());
    CoderProperties.coderDecodeEncodeEqual(BarCoder.of(), merged.toBar("X", "1m", 0, 1));
  }

  @Test
  void barKeyCoderRoundTripsAndKeysAShuffle() throws Exception {
    BarKey key = new BarKey("1m", "EURUSD");
    CoderProperties.coderDecodeEncodeEqual(BarKeyCoder.of(), key);
    CoderProperties.coderDeterministic(BarKeyCoder.of(), key, new BarKey("1m", "EURUSD"));
    BarKeyCoder.of().verifyDeterministic();
  }

  /** Matches an accumulator whose finished bar equals {@code whole}'s (sums within 1e-15). */
  static org.hamcrest.Matcher<BarAccumulator> sameBarAs(BarAccumulator whole) {
    Bar expected = whole.toBar("X", "f", 0, 0);
    return new org.hamcrest.TypeSafeMatcher<>() {
      @Override
      protected boolean matchesSafely(BarAccumulator a) {
        Bar b = a.toBar("X", "f", 0, 0);
        return b.equals(
                new Bar(b.symbol(), b.frame(), b.tOpenNs(), b.tCloseNs(), expected.o(), expected.h(), expected.l(),
                    expected.c(), expected.oBid(), expected.oAsk(), expected.cBid(), expected.cAsk(), b.spreadMean(),
                    expected.nTicks(), expected.vSum(), expected.tickFirstId(), expected.tickLastId(), b.vwap(), b.value(),
                    expected.gapFlag()))
            && Math.abs(b.spreadMean() - expected.spreadMean()) < 1e-15;
      }

      @Override
      public void describeTo(org.hamcrest.Description d) {
        d.appendText("the bar ").appendValue(expected);
      }
    };
  }
}
