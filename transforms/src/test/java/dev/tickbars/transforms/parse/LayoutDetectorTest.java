package dev.tickbars.transforms.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutDetectorTest {
  private static final LayoutDetector AUTO = new LayoutDetector(InputFormat.AUTO, List.of(), null, null);
  private static final LayoutDetector AUTO_EURUSD =
      new LayoutDetector(InputFormat.AUTO, List.of(), "eur/usd", null);

  @Test
  void trueFxByShape() {
    Layout l = AUTO.detect("f", "EUR/USD,20250701 00:00:00.332,1.17002,1.17003");
    assertEquals("truefx", l.format());
    assertEquals(Map.of(Column.SYMBOL, 0, Column.TIME, 1, Column.BID, 2, Column.ASK, 3), l.columns());
    assertEquals(ZoneOffset.UTC, l.zone());
  }

  @Test
  void histDataByShapeWithItsZoneAndTheGivenSymbol() {
    Layout l = AUTO_EURUSD.detect("f", "20120201 000003660,1.306600,1.306770,0");
    assertEquals("histdata", l.format());
    assertEquals(LayoutDetector.HISTDATA_ZONE, l.zone());
    assertEquals("EURUSD", l.symbol());
    assertEquals(Map.of(Column.TIME, 0, Column.BID, 1, Column.ASK, 2, Column.VOLUME, 3), l.columns());
  }

  @Test
  void dukascopyHeadersMapAskFirstByName() {
    Layout jforex = AUTO_EURUSD.detect("f", "\uFEFFGmt time,Ask,Bid,AskVolume,BidVolume");
    assertEquals("dukascopy", jforex.format());
    assertTrue(jforex.header());
    assertEquals(
        Map.of(Column.TIME, 0, Column.ASK, 1, Column.BID, 2, Column.ASK_VOLUME, 3, Column.BID_VOLUME, 4),
        jforex.columns());
    Layout node = AUTO_EURUSD.detect("f", "timestamp,askPrice,bidPrice,askVolume,bidVolume");
    assertEquals("dukascopy", node.format());
    assertEquals(1, node.index(Column.ASK));
  }

  @Test
  void aliasesInAnyOrderAndAnyCase() {
    Layout l = AUTO.detect("f", "ts_event, BID_PX_00 ,ask_px_00,Ticker,bid_sz_00,ask_sz_00,extra");
    assertEquals("csv", l.format());
    assertEquals(
        Map.of(Column.TIME, 0, Column.BID, 1, Column.ASK, 2, Column.SYMBOL, 3, Column.BID_VOLUME, 4, Column.ASK_VOLUME, 5),
        l.columns());
    assertEquals(7, l.fieldCount());
  }

  @Test
  void tradeHeadersByTheirAliasesWithTheQuoteOfTheMomentOrWithout() {
    Layout trades = AUTO.detect("f", "ts_event,symbol,PX,qty,side");
    assertEquals(Map.of(Column.TIME, 0, Column.SYMBOL, 1, Column.PRICE, 2, Column.SIZE, 3, Column.SIDE, 4), trades.columns());
    Layout tbbo = AUTO.detect("f", "ts_event,price,size,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,symbol");
    assertEquals(
        Map.of(Column.TIME, 0, Column.PRICE, 1, Column.SIZE, 2, Column.BID, 3, Column.ASK, 4, Column.BID_VOLUME, 5,
            Column.ASK_VOLUME, 6, Column.SYMBOL, 7),
        tbbo.columns());
    Layout crypto = AUTO.detect("f", "time,symbol,trade_price,quantity,is_buyer_maker");
    assertEquals(4, crypto.index(Column.BUYER_MAKER));
  }

  @Test
  void aTradeFilesOneVolumeColumnIsItsSizeAndAQuoteFilesStaysItsVolume() {
    assertEquals(Map.of(Column.TIME, 0, Column.SYMBOL, 1, Column.PRICE, 2, Column.SIZE, 3),
        AUTO.detect("f", "time,symbol,last,volume").columns());
    assertEquals(Map.of(Column.TIME, 0, Column.SYMBOL, 1, Column.BID, 2, Column.ASK, 3, Column.VOLUME, 4),
        AUTO.detect("f", "time,symbol,bid,ask,volume").columns());
  }

  @Test
  void aTradeNeedsAPriceAndASize() {
    IllegalArgumentException noSize =
        assertThrows(IllegalArgumentException.class, () -> AUTO.detect("f.csv", "time,symbol,price,side"));
    assertEquals("f.csv: header 'time,symbol,price,side' has no size column", noSize.getMessage());
    IllegalArgumentException neither =
        assertThrows(IllegalArgumentException.class, () -> AUTO.detect("f.csv", "time,symbol,mid"));
    assertEquals("f.csv: header 'time,symbol,mid' has no bid column", neither.getMessage());
    LayoutDetector columns = new LayoutDetector(InputFormat.AUTO, List.of("time", "size"), "X", null);
    IllegalArgumentException noPrice =
        assertThrows(IllegalArgumentException.class, () -> columns.detect("f.csv", "1751328000332,3"));
    assertEquals("--columns: needs a price column", noPrice.getMessage());
  }

  @Test
  void columnsOptionForHeaderlessFiles() {
    LayoutDetector d =
        new LayoutDetector(InputFormat.AUTO, List.of("bid", "_", "ask", "timestamp"), "X", ZoneOffset.ofHours(1));
    Layout l = d.detect("f", "1.1,foo,1.2,2025-07-01 00:00:00");
    assertEquals(Map.of(Column.BID, 0, Column.ASK, 2, Column.TIME, 3), l.columns());
    assertEquals(ZoneOffset.ofHours(1), l.zone());
  }

  @Test
  void anEmptyFileHasNoTicksAndNoProblem() {
    assertEquals("empty", AUTO.detect("f", (String) null).format());
    assertEquals("empty", new LayoutDetector(InputFormat.CSV, List.of(), null, null).detect("f", "\uFEFF ").format());
  }

  @Test
  void problemsNameTheFile() {
    IllegalArgumentException noSymbol =
        assertThrows(IllegalArgumentException.class, () -> AUTO.detect("a.csv", "time,bid,ask"));
    assertTrue(noSymbol.getMessage().startsWith("a.csv: has no symbol column"), noSymbol.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AUTO.detect("a.csv", "foo,bar,1,2"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LayoutDetector(InputFormat.CSV, List.of(), null, null).detect("a.csv", "EUR/USD,20250701 00:00:00.332,1.1,1.2"));
    assertThrows(IllegalArgumentException.class, () -> AUTO.detect("a.csv", "time,ask"));
  }
}
