package dev.tickbars.transforms.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.transforms.Ticks;
import dev.tickbars.transforms.coders.TickBlockCoder;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class TickBlockTest {
  @Test
  void quotesTradesAndBothSurviveTheCoderAndASortWithTheirOptionalColumns() throws Exception {
    TickBlock quotes = Ticks.of("X").at(20, 1, 1.0, 1.1).at(10, 2, 1.2, 1.3).block();
    TickBlock trades = Ticks.of("ES").trade(20, 1, 5000.25, 2, 'S').trade(10, 2, 5000.5, 0.5, 'B').block();
    TickBlock.Builder tbbo = new TickBlock.Builder("ES");
    tbbo.add(30, 1, 5000.0, 5000.25, 12, 9, 5000.25, 3, (byte) 0);
    tbbo.add(10, 2, 5000.0, 5000.5, Double.NaN, Double.NaN, 5000.0, 1, (byte) 0);
    TickBlock both = tbbo.build();
    for (TickBlock b : List.of(quotes, trades, both)) {
      CoderProperties.coderDecodeEncodeEqual(TickBlockCoder.of(), b);
      TickBlock sorted = TickBlock.sortedUnion(List.of(b));
      assertEquals(b.hasTrades(), sorted.hasTrades());
      assertEquals(b.hasSides(), sorted.hasSides());
      assertEquals(b.tradePrice(1), sorted.tradePrice(0), "the earlier tick first, with its trade");
      assertEquals(b.tradeSize(1), sorted.tradeSize(0));
      assertEquals(b.tradeSide(1), sorted.tradeSide(0));
      assertEquals(b.bidVolume(1), sorted.bidVolume(0));
    }
    assertFalse(quotes.hasTrades());
    assertTrue(trades.hasSides());
    assertEquals('S', trades.tradeSide(0));
    assertEquals(2.0, trades.volumeWeight(0), "a trade's size is its volume");
    assertEquals(3.0, both.volumeWeight(0), "a trade's size, not its quote's volumes");
  }

  @Test
  void sortedUnionOrdersByTimeThenPosition() {
    TickBlock a = Ticks.of("X").at(20, 1, 1.0, 1.1).at(10, 2, 1.2, 1.3).block();
    TickBlock b = Ticks.of("X").at(10, 0, 1.4, 1.5).at(30, 3, 1.6, 1.7).block();
    TickBlock u = TickBlock.sortedUnion(List.of(a, b));
    assertEquals(4, u.size());
    assertEquals(List.of(10L, 10L, 20L, 30L), List.of(u.timeNs(0), u.timeNs(1), u.timeNs(2), u.timeNs(3)));
    assertEquals(1.4, u.bid(0), "the tie goes to the earlier line");
    assertEquals(1.2, u.bid(1));
    assertTrue(u.isSorted());
  }

  @Test
  void aSortedSingleBlockIsKeptAsItIs() {
    TickBlock a = Ticks.of("X").at(1, 1, 1.0, 1.1).at(2, 2, 1.0, 1.1).block();
    assertSame(a, TickBlock.sortedUnion(List.of(a)));
    assertFalse(Ticks.of("X").at(2, 1, 1.0, 1.1).at(1, 2, 1.0, 1.1).block().isSorted());
  }

  @Test
  void positionPutsTheFileRankBeforeTheLine() {
    assertTrue(TickBlock.position(1, 1) > TickBlock.position(0, 1L << 39));
  }

  @Test
  void volumeWeightIsBidPlusAskOrTheOneThereIsOrOne() {
    TickBlock.Builder b = new TickBlock.Builder("X");
    b.add(1, 1, 1, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, (byte) 0);
    b.add(2, 2, 1, 1, 2.5, 1.5, Double.NaN, Double.NaN, (byte) 0);
    b.add(3, 3, 1, 1, Double.NaN, 4.0, Double.NaN, Double.NaN, (byte) 0);
    TickBlock t = b.build();
    assertTrue(t.hasVolumes());
    assertEquals(1.0, t.volumeWeight(0));
    assertEquals(4.0, t.volumeWeight(1));
    assertEquals(4.0, t.volumeWeight(2));
  }
}
