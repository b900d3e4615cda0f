package dev.tickbars.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** The options of {@code tickbars chart}. */
public interface ChartOptions extends PipelineOptions {
  @Description("A folder of bars, e.g. OUT/bars_1m, local or s3://bucket/OUT/bars_1m (with --endpoint and --awsRegion as for a run).")
  @Validation.Required
  String getBars();

  void setBars(String value);

  @Description("The symbol to draw, e.g. EURUSD.")
  @Validation.Required
  String getSymbol();

  void setSymbol(String value);

  @Description("The PNG file to write, local or s3://.")
  @Validation.Required
  String getOut();

  void setOut(String value);

  @Description("The first bar's open time: a UTC date (2025-07-01) or date and time (2025-07-01T12:00), or one with an offset.")
  String getFrom();

  void setFrom(String value);

  @Description("The end of the span, exclusive, as --from.")
  String getTo();

  void setTo(String value);

  @Description("The panel below the candles: ticks (per bar), spread (mean) or volume (v_sum).")
  @Default.String("ticks")
  String getPanel();

  void setPanel(String value);

  @Description("Width of the picture in pixels.")
  @Default.Integer(1400)
  Integer getWidth();

  void setWidth(Integer value);

  @Description("Height of the picture in pixels.")
  @Default.Integer(800)
  Integer getHeight();

  void setHeight(Integer value);
}
