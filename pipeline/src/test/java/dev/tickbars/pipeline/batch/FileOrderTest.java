package dev.tickbars.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.report.SymbolQuality;
import dev.tickbars.transforms.bars.WeekendWindow;
import dev.tickbars.transforms.values.PriceBasis;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The quality numbers the scan counts in file order. */
class FileOrderTest {
  private static final QualityRules RULES =
      new QualityRules(60_000_000_000L, PriceBasis.TRADE, 10, null, WeekendWindow.of("FRI-22:00", "SUN-22:00"));

  @Test
  void aTradeBelowTheBidOrAboveTheAskOfItsLineIsOutsideTheQuote() {
    Map<String, SymbolQuality> quality = new TreeMap<>();
    FileOrder order = new FileOrder(0, 0, RULES, quality);
    FileOrder.Symbol es = order.symbol("ES");
    es.accepted(1, 99, 101, 100, 1);
    es.accepted(2, 99, 101, 99, 1); // at the bid: inside
    es.accepted(3, 99, 101, 98.75, 1);
    es.accepted(4, 99, 101, 101.25, 1);
    es.accepted(5, Double.NaN, Double.NaN, 120, 1); // no quote to be outside of
    es.accepted(6, 99, 101, Double.NaN, Double.NaN); // a quote alone
    order.finish();

    assertEquals(2, quality.get("ES").outsideQuote);
    assertEquals(Map.of(1.0, 5L), quality.get("ES").tradeSizes);
  }
}
