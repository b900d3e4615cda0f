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
}
