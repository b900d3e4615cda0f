package dev.tickbars.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.input.ReadStats;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.transforms.bars.WeekendWindow;
import dev.tickbars.transforms.values.PriceBasis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What crosses the edges of the pieces of work: out-of-order ticks across scan pieces, jumps across days. */
class QualityReportTest {
  private static final QualityRules RULES =
      new QualityRules(60_000_000_000L, PriceBasis.parse("mid"), 10, null, WeekendWindow.of("FRI-22:00", "SUN-22:00"));


  @Test
  void aPieceStartingBeforeThePreviousPieceOfItsFileEndedIsOutOfOrderAndADaysFirstPriceMayJump() throws Exception {
    SymbolQuality a = new SymbolQuality();
    a.fileEdges.add(new SymbolQuality.FileEdge(0, 0, 100, 200));
    a.outOfOrder = 2;
    a.chunkEdges.add(new SymbolQuality.ChunkEdge(5, 100, 1.1000, 1.1010));
    SymbolQuality b = new SymbolQuality();
    b.fileEdges.add(new SymbolQuality.FileEdge(0, 1, 150, 400)); // before piece 0's last tick
    b.fileEdges.add(new SymbolQuality.FileEdge(1, 0, 50, 60)); // another file: not compared
    b.chunkEdges.add(new SymbolQuality.ChunkEdge(6, 500, 1.1025, 1.1025)); // 15 pips from day 5's last
    b.chunkEdges.add(new SymbolQuality.ChunkEdge(7, 900, 1.1030, 1.1030)); // 5 pips
    QualityParts parts = QualityParts.merge(List.of(QualityParts.of(Map.of("EURUSD", a)), QualityParts.of(Map.of("EURUSD", b))));
    QualityParts reversed = QualityParts.merge(List.of(QualityParts.of(Map.of("EURUSD", b)), QualityParts.of(Map.of("EURUSD", a))));

    JsonNode q = Json.MAPPER.readTree(QualityReport.of(parts, RULES, false, new ReadStats()).toJson()).get("symbols").get("EURUSD");
    assertEquals(q, Json.MAPPER.readTree(QualityReport.of(reversed, RULES, false, new ReadStats()).toJson()).get("symbols").get("EURUSD"));

    assertEquals(3, q.get("out_of_order").asLong());
    assertEquals(1, q.get("jumps").get("count").asLong());
    assertEquals(15.0, q.get("jumps").get("largest_move_pips").asDouble());
    assertEquals("1970-01-01T00:00:00.000000500Z", q.get("jumps").get("largest_move_at").asText());
  }

  @Test
  void tradesHaveTheirSizesToThreeDigitsTheirOutliersAndThoseOutsideTheQuote() throws Exception {
    SymbolQuality a = new SymbolQuality();
    for (double size : new double[] {1, 2, 2, 3, 0.123456, 0}) {
      a.tradeSize(size);
    }
    a.outsideQuote = 1;
    SymbolQuality b = new SymbolQuality();
    b.tradeSize(2);
    b.tradeSize(101);
    b.tradeSize(12_345.6);
    b.outsideQuote = 2;
    // Through JSON, as the parts travel.
    QualityParts parts = Json.MAPPER.readValue(
        Json.MAPPER.writeValueAsBytes(QualityParts.merge(List.of(QualityParts.of(Map.of("ES", a)), QualityParts.of(Map.of("ES", b))))),
        QualityParts.class);

    JsonNode t = Json.MAPPER.readTree(QualityReport.of(parts, RULES, false, new ReadStats()).toJson())
        .get("symbols").get("ES").get("trades");
    assertEquals(3, t.get("outside_quote").asLong());
    assertEquals(2.0, t.get("size_median").asDouble(), "sizes 0, 0.123, 1, 2, 2, 2, 3, 101, 12300: the 5th");
    assertEquals(12_300.0, t.get("size_max").asDouble(), "to 3 significant digits");
    assertEquals(2, t.get("size_outliers").asLong(), "101 and 12300 are over 50 x 2");
    assertEquals(100.0, t.get("size_outlier_above").asDouble());
  }
}
