package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.transforms.coders.BarAccumulatorCoder;
import dev.tickbars.transforms.values.BarAccumulator;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Each frame and symbol's last bar that a later run may continue, as its partials: what the bar
 * writers output, merged by {@code Combine} and written by {@link WriteJson} for the ledger.
 */
public record OpenBars(List<Ledger.OpenBarEntry> bars) implements Serializable {
  /** The open bar of {@code frame} and {@code symbol}. */
  public static OpenBars of(String frame, String symbol, BarAccumulator partials) {
    try {
      String encoded = Base64.getEncoder().encodeToString(CoderUtils.encodeToByteArray(BarAccumulatorCoder.of(), partials));
      return new OpenBars(List.of(new Ledger.OpenBarEntry(frame, symbol, encoded)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All of {@code parts}, by frame and symbol. */
  public static OpenBars merge(Iterable<OpenBars> parts) {
    List<Ledger.OpenBarEntry> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.bars()));
    all.sort(Comparator.comparing(Ledger.OpenBarEntry::frame).thenComparing(Ledger.OpenBarEntry::symbol));
    return new OpenBars(all);
  }

  /** The open bars of {@code file}; none when there is no file (a watch without open bars writes none). */
  public static OpenBars read(String file) throws IOException {
    return Storage.exists(file) ? Json.MAPPER.readValue(Storage.read(file), OpenBars.class) : new OpenBars(List.of());
  }
}
