package dev.tickbars.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/** The Avro schemas of the outputs ({@code bar.avsc}, {@code tick_slice.avsc}) and the rows. */
public final class OutputRecords {
  public static final Schema BAR = load("bar.avsc");
  public static final Schema TICK_SLICE = load("tick_slice.avsc");

  private OutputRecords() {}

  private static Schema load(String name) {
    try (InputStream in = OutputRecords.class.getResourceAsStream(name)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Hands each of {@code bars}, bars of one frame and symbol, as a row to {@code rows}. The one
   * record is reused: a consumer must not keep it.
   */
  public static void bars(List<Bar> bars, Consumer<GenericRecord> rows) {
    GenericData.Record r = new GenericData.Record(BAR);
    r.put(0, new Utf8(bars.get(0).symbol()));
    r.put(1, new Utf8(bars.get(0).frame()));
    for (Bar b : bars) {
      r.put(2, b.tOpenNs());
      r.put(3, b.tCloseNs());
      r.put(4, b.o());
      r.put(5, b.h());
      r.put(6, b.l());
      r.put(7, b.c());
      r.put(8, b.oBid());
      r.put(9, b.oAsk());
      r.put(10, b.cBid());
      r.put(11, b.cAsk());
      r.put(12, b.spreadMean());
      r.put(13, b.nTicks());
      r.put(14, b.vSum());
      r.put(15, b.tickFirstId());
      r.put(16, b.tickLastId());
      r.put(17, b.gapFlag());
      rows.accept(r);
    }
  }

  /**
   * Hands every tick of {@code block} as a slice row of the tick frame of {@code ticksPerBar} to
   * {@code rows}, in tick-id order. The one record is reused: a consumer must not keep it.
   */
  public static void slices(NumberedTicks block, long ticksPerBar, Consumer<GenericRecord> rows) {
    TickBlock t = block.ticks();
    GenericData.Record r = new GenericData.Record(TICK_SLICE);
    r.put(0, new Utf8(t.symbol()));
    for (int i = 0; i < t.size(); i++) {
      long id = block.tickId(i);
      r.put(1, id);
      r.put(2, id / ticksPerBar);
      r.put(3, t.timeNs(i));
      r.put(4, t.bid(i));
      r.put(5, t.ask(i));
      double bv = t.bidVolume(i);
      double av = t.askVolume(i);
      r.put(6, Double.isNaN(bv) ? null : bv);
      r.put(7, Double.isNaN(av) ? null : av);
      rows.accept(r);
    }
  }
}
