package dev.tickbars.pipeline.tools;

import dev.tickbars.pipeline.common.EpochNanos;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.options.ChartOptions;
import dev.tickbars.pipeline.options.Cli;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.OutputListing;
import dev.tickbars.transforms.parse.Symbols;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.text.DecimalFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.CandlestickRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.ohlc.OHLCSeries;
import org.jfree.data.time.ohlc.OHLCSeriesCollection;
import org.jfree.data.xy.XYBarDataset;

/**
 * {@code tickbars chart --bars=OUT/bars_1m --symbol=EURUSD [--from=T] [--to=T] [--panel=ticks|spread|volume]
 * --out=eurusd.png} ({@link ChartOptions}): a candlestick chart of a symbol's bars (JFreeChart), open time on a UTC time
 * axis (so that a stretch without bars is a stretch without candles), price on the bars' basis, and
 * below it a panel of ticks per bar, mean spread or volume. Bars are read from the folder's Parquet files.
 */
public final class Chart {
  private static final Configuration NO_HADOOP_DEFAULTS = new Configuration(false);
  private static final Color UP = new Color(0x26, 0xa6, 0x9a);
  private static final Color DOWN = new Color(0xef, 0x53, 0x50);

  private Chart() {}

  /** A bar's open time and what the chart shows of it; the spread NaN for bars of trades alone. */
  private record Candle(long openNs, double o, double h, double l, double c, int ticks, double spread, double volume) {}

  /** What the panel below the candles shows of each bar. */
  private enum Panel {
    TICKS("ticks per bar", "ticks"),
    SPREAD("mean spread", "spread"),
    VOLUME("volume (v_sum)", "volume");

    final String title;
    final String axis;

    Panel(String title, String axis) {
      this.title = title;
      this.axis = axis;
    }

    double of(Candle c) {
      return this == TICKS ? c.ticks() : this == SPREAD ? c.spread() : c.volume();
    }
  }

  public static int run(List<String> args, PrintStream out) throws IOException {
    ChartOptions o = Cli.parse(args, ChartOptions.class, "chart: ");
    Cli.useFileSystems(o);
    String symbol = Symbols.normalize(o.getSymbol());
    long from = o.getFrom() != null ? time(o.getFrom(), "from") : Long.MIN_VALUE;
    long to = o.getTo() != null ? time(o.getTo(), "to") : Long.MAX_VALUE;
    Panel panel;
    try {
      panel = Panel.valueOf(o.getPanel().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("chart: --panel must be ticks, spread or volume, not '" + o.getPanel() + "'", e);
    }
    String folder = Storage.folder(o.getBars());
    if (folder == null) {
      throw new UsageException("chart: --bars " + Paths.get(o.getBars()).toAbsolutePath().normalize() + " is not a folder of bars");
    }
    List<Candle> candles;
    try {
      candles = read(folder, symbol, from, to);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("chart: cannot read --bars " + folder + ": " + Storage.why(e), e);
    }
    if (candles.isEmpty()) {
      throw new UsageException("chart: no bar of " + symbol + " in " + folder
          + (o.getFrom() != null || o.getTo() != null ? " between --from and --to" : ""));
    }
    String frame = folder.substring(folder.lastIndexOf('/') + 1).replaceFirst("^bars_", "");
    System.setProperty("java.awt.headless", "true");
    JFreeChart chart = chart(candles, symbol, frame, panel);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, o.getWidth(), o.getHeight());
    String at = Storage.isLocal(o.getOut()) ? Paths.get(o.getOut()).toAbsolutePath().toString() : o.getOut();
    Storage.writeWhole(at, png.toByteArray());
    out.printf(Locale.ROOT, "tickbars: %s: %,d %s bars of %s, %s to %s%n", o.getOut(), candles.size(), frame, symbol,
        EpochNanos.toInstant(candles.get(0).openNs()), EpochNanos.toInstant(candles.get(candles.size() - 1).openNs()));
    return 0;
  }

  private static JFreeChart chart(List<Candle> candles, String symbol, String frame, Panel panel) {
    OHLCSeries prices = new OHLCSeries(symbol);
    TimeSeries below = new TimeSeries(panel.title);
    for (Candle c : candles) {
      FixedMillisecond at = new FixedMillisecond(Math.floorDiv(c.openNs(), 1_000_000L));
      if (prices.indexOf(at) >= 0) {
        continue; // tick bars opened within one millisecond: the first stands for them
      }
      prices.add(at, c.o(), c.h(), c.l(), c.c());
      below.addOrUpdate(at, panel.of(c));
    }
    XYPlot top = pricePlot(prices, symbol);
    XYPlot bottom = panelPlot(below, panel, barWidthMs(candles));

    DateAxis time = new DateAxis("time (UTC)");
    time.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(8);
    plot.add(top, 4);
    plot.add(bottom, 1);
    JFreeChart chart = new JFreeChart(symbol + "  " + frame + " bars", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** The candles, on a price axis of the symbol's decimals. */
  private static XYPlot pricePlot(OHLCSeries prices, String symbol) {
    OHLCSeriesCollection ohlc = new OHLCSeriesCollection();
    ohlc.addSeries(prices);
    CandlestickRenderer candle = new CandlestickRenderer();
    candle.setAutoWidthMethod(CandlestickRenderer.WIDTHMETHOD_SMALLEST);
    candle.setUpPaint(UP);
    candle.setDownPaint(DOWN);
    candle.setUseOutlinePaint(false);
    candle.setSeriesPaint(0, Color.DARK_GRAY); // wicks
    candle.setDefaultStroke(new BasicStroke(1f));
    candle.setDrawVolume(false);
    NumberAxis priceAxis = new NumberAxis("price");
    priceAxis.setAutoRangeIncludesZero(false);
    priceAxis.setNumberFormatOverride(new DecimalFormat(symbol.endsWith("JPY") ? "#,##0.000" : "#,##0.00000"));
    XYPlot top = new XYPlot(ohlc, null, priceAxis, candle);
    top.setRangeGridlinePaint(Color.LIGHT_GRAY);
    top.setDomainGridlinePaint(Color.LIGHT_GRAY);
    top.setBackgroundPaint(Color.WHITE);
    return top;
  }

  /** The panel below the candles: ticks per bar, mean spread or volume. */
  private static XYPlot panelPlot(TimeSeries below, Panel panel, double barWidthMs) {
    XYBarRenderer bars = new XYBarRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x54, 0x6e, 0x7a));
    XYPlot bottom = new XYPlot(new XYBarDataset(new TimeSeriesCollection(below), barWidthMs), null,
        new NumberAxis(panel.axis), bars);
    bottom.setBackgroundPaint(Color.WHITE);
    bottom.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return bottom;
  }

  /** The shortest time between two bars' opens, the width of a panel's bar (a minute when there is one bar). */
  private static double barWidthMs(List<Candle> candles) {
    long shortest = 60_000_000_000L;
    for (int i = 1; i < candles.size(); i++) {
      long step = candles.get(i).openNs() - candles.get(i - 1).openNs();
      if (step > 0) {
        shortest = Math.min(shortest, step);
      }
    }
    return Math.max(1, shortest / 1_000_000L) * 0.8;
  }

  /**
   * The symbol's bars in [from, to), by open time, from the symbol's Parquet files of the folder,
   * as the layout its output records names them.
   */
  private static List<Candle> read(String dir, String symbol, long from, long to) throws IOException {
    OutputLayout layout = OutputLayout.recorded(dir.substring(0, dir.lastIndexOf('/')), dir);
    List<String> files = Storage.list(dir).stream()
        .filter(f -> f.endsWith(".parquet") && !f.substring(f.lastIndexOf('/') + 1).startsWith("."))
        .filter(f -> symbol.equals(layout.symbolOf(Paths.get(f))))
        .toList();
    List<Candle> out = new ArrayList<>();
    for (String f : files) {
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(new OutputListing.StoredFile(Storage.resolve(dir, f)))
              .withConf(NO_HADOOP_DEFAULTS).build()) {
        for (GenericRecord r; (r = reader.read()) != null; ) {
          long open = (Long) r.get("t_open_ns");
          if (open >= from && open < to) {
            Double spread = (Double) r.get("spread_mean");
            out.add(new Candle(open, (Double) r.get("o"), (Double) r.get("h"), (Double) r.get("l"), (Double) r.get("c"),
                (Integer) r.get("n_ticks"), spread == null ? Double.NaN : spread, (Double) r.get("v_sum")));
          }
        }
      }
    }
    out.sort(Comparator.comparingLong(Candle::openNs));
    return out;
  }

  /** UTC epoch nanoseconds of an ISO date ({@code 2025-07-01}) or date and time ({@code 2025-07-01T12:00}, an offset optional). */
  private static long time(String text, String name) {
    try {
      Instant t;
      if (text.length() == 10) {
        t = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } else if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        t = Instant.parse(text);
      } else {
        t = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      }
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    } catch (DateTimeParseException e) {
      throw new UsageException("chart: --" + name + " '" + text + "' is no date (2025-07-01) or time (2025-07-01T12:00)", e);
    }
  }
}
