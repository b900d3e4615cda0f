package dev.tickbars.transforms.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * The Avro schemas of the outputs ({@code bar.avsc}, {@code tick_slice.avsc}) and the rows. Each
 * comes with the {@code symbol} column, for files that stand side by side with other symbols'
 * files, and without it, for files in a {@code symbol=<SYMBOL>/} folder, whose name gives it.
 */
public final class OutputRecords {
  public static final String SYMBOL = "symbol";
  public static final Schema BAR = load("bar.avsc");
  public static final Schema TICK_SLICE = load("tick_slice.avsc");
  public static final Schema BAR_WITHOUT_SYMBOL = withoutSymbol(BAR);
  public static final Schema TICK_SLICE_WITHOUT_SYMBOL = withoutSymbol(TICK_SLICE);

  /** The slices' side strings, by the side's letter. */
  private static final Utf8[] SIDES = new Utf8[128];

  static {
    for (char side : new char[] {'B', 'S', 'N'}) {
      SIDES[side] = new Utf8(String.valueOf(side));
    }
  }

  private OutputRecords() {}

  /** A value of a nullable column: NaN stands for null. */
  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static Schema load(String name) {
    try (InputStream in = OutputRecords.class.getResourceAsStream("/dev/tickbars/transforms/" + name)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema withoutSymbol(Schema schema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      if (!f.name().equals(SYMBOL)) {
        fields.add(new Schema.Field(f, f.schema()));
      }
    }
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  /** The first column after the symbol: 1 when {@code schema} has the symbol column, else 0. */
  private static int afterSymbol(Schema schema) {
    return schema.getField(SYMBOL) == null ? 0 : 1;
  }

  /**
   * Hands each of {@code bars}, bars of one frame and symbol, as a row of {@code schema} ({@link
   * #BAR} or {@link #BAR_WITHOUT_SYMBOL}) to {@code rows}. The one record is reused: a consumer
   * must not keep it.
   */
  public static void bars(List<Bar> bars, Schema schema, Consumer<GenericRecord> rows) {
    GenericData.Record r = new GenericData.Record(schema);
    int c = afterSymbol(schema);
    if (c == 1) {
      r.put(0, new Utf8(bars.get(0).symbol()));
    }
    r.put(c, new Utf8(bars.get(0).frame()));
    for (Bar b : bars) {
      r.put(c + 1, b.tOpenNs());
      r.put(c + 2, b.tCloseNs());
      r.put(c + 3, b.o());
      r.put(c + 4, b.h());
      r.put(c + 5, b.l());
      r.put(c + 6, b.c());
      r.put(c + 7, orNull(b.oBid()));
      r.put(c + 8, orNull(b.oAsk()));
      r.put(c + 9, orNull(b.cBid()));
      r.put(c + 10, orNull(b.cAsk()));
      r.put(c + 11, orNull(b.spreadMean()));
      r.put(c + 12, b.nTicks());
      r.put(c + 13, b.vSum());
      r.put(c + 14, b.tickFirstId());
      r.put(c + 15, b.tickLastId());
      r.put(c + 16, orNull(b.vwap()));
      r.put(c + 17, orNull(b.value()));
      r.put(c + 18, b.gapFlag());
      rows.accept(r);
    }
  }

  /**
   * Hands every tick of {@code block} as a slice row of {@code schema} ({@link #TICK_SLICE} or
   * {@link #TICK_SLICE_WITHOUT_SYMBOL}) to {@code rows}, in tick-id order, tick {@code i} in bar
   * {@code bars[i]} of the slice frame. The one record is reused: a consumer must not keep it.
   */
  public static void slices(NumberedTicks block, long[] bars, Schema schema, Consumer<GenericRecord> rows) {
    TickBlock t = block.ticks();
    GenericData.Record r = new GenericData.Record(schema);
    int c = afterSymbol(schema);
    if (c == 1) {
      r.put(0, new Utf8(t.symbol()));
    }
    for (int i = 0; i < t.size(); i++) {
      long id = block.tickId(i);
      r.put(c, id);
      r.put(c + 1, bars[i]);
      r.put(c + 2, t.timeNs(i));
      r.put(c + 3, orNull(t.bid(i)));
      r.put(c + 4, orNull(t.ask(i)));
      r.put(c + 5, orNull(t.bidVolume(i)));
      r.put(c + 6, orNull(t.askVolume(i)));
      r.put(c + 7, orNull(t.tradePrice(i)));
      r.put(c + 8, orNull(t.tradeSize(i)));
      byte side = t.tradeSide(i);
      r.put(c + 9, side == 0 ? null : SIDES[side]);
      rows.accept(r);
    }
  }
}
