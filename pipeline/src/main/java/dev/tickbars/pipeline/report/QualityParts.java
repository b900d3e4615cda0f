package dev.tickbars.pipeline.report;

import dev.tickbars.pipeline.common.Storage;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tickbars.pipeline.common.Json;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quality numbers of each symbol that one piece of work saw (a scanned piece in file order, a
 * built task in tick order); merged, the run's, from which {@link QualityReport} counts what
 * crosses the pieces' edges.
 */
public final class QualityParts implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty("symbols") public TreeMap<String, SymbolQuality> symbols = new TreeMap<>();

  /** The merged parts a pipeline left in {@code file}. */
  public static QualityParts read(String file) throws IOException {
    return Json.MAPPER.readValue(Storage.read(file), QualityParts.class);
  }

  public static QualityParts of(Map<String, SymbolQuality> symbols) {
    QualityParts p = new QualityParts();
    p.symbols.putAll(symbols);
    return p;
  }

  /** All of {@code parts} in one: in any order, the same numbers. */
  public static QualityParts merge(Iterable<QualityParts> parts) {
    QualityParts m = new QualityParts();
    for (QualityParts p : parts) {
      p.symbols.forEach((symbol, q) -> m.symbols.computeIfAbsent(symbol, s -> new SymbolQuality()).merge(q));
    }
    return m;
  }
}
