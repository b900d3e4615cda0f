package dev.tickbars.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * The options of a tickbars run (SPEC 1-9). Beam's own (--runner) and the Flink runner's
 * (--flinkMaster, --parallelism) come with the runners. The README's option table is checked
 * against this interface by a test.
 */
public interface TickbarsOptions extends PipelineOptions {
  @Description("Input CSV files: a path, a glob (data/EURUSD-2025-*.csv) or a directory. .gz, .bz2 and .zip are read directly.")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Output folder: bars_<frame>/, tick_slices_<frame>/, rejects/, ledger.json, manifest.json, progress.jsonl.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("s3:// input and output: address buckets by path (https://host/bucket/key) rather than by host name; default true when --endpoint names an S3-compatible store, else false. --endpoint and --awsRegion are Beam's; credentials come from the AWS environment, profile or instance role.")
  Boolean getS3PathStyle();

  void setS3PathStyle(Boolean s3PathStyle);

  @Description("Input layout: auto, truefx, histdata, dukascopy or csv.")
  @Default.String("auto")
  String getFormat();

  void setFormat(String value);

  @Description("Column names of a headerless file, e.g. timestamp,bid,ask,bid_volume,ask_volume ('_' skips a column).")
  String getColumns();

  void setColumns(String value);

  @Description("Symbol of files that have no symbol column, e.g. EURUSD.")
  String getSymbol();

  void setSymbol(String value);

  @Description("Zone of timestamps that carry no offset (an id such as America/New_York or -05:00); default UTC, HistData -05:00.")
  String getTimezone();

  void setTimezone(String value);

  @Description(
      "Bar frames: time frames (30s, 1m, 1h, 1d), tick frames (100t), volume frames (50000v) and dollar-value frames"
          + " (1000000dv).")
  @Default.String("1m,100t,1000t")
  String getFrames();

  void setFrames(String value);

  @Description(
      "Tick, volume or dollar-value frame that tick slices are cut by; default the largest tick frame of --frames.")
  String getSliceFrame();

  void setSliceFrame(String value);

  @Description("Price basis of o, h, l, c: mid, bid, ask or trade; auto: trade when the input has trades, else mid.")
  @Default.String(JobSettings.AUTO)
  String getPriceBasis();

  void setPriceBasis(String value);

  @Description("A bar's gap_flag is 1 when its first tick comes more than this many seconds after the symbol's previous tick.")
  @Default.Double(60)
  Double getMaxGapSeconds();

  void setMaxGapSeconds(Double value);

  @Description("Largest share of rejected lines among data lines; above it the run exits 1 (after writing rejects and manifest).")
  @Default.Double(0.01)
  Double getMaxRejectRatio();

  void setMaxRejectRatio(Double value);

  @Description("Drop ticks in the FX weekend, from --weekendStart to --weekendEnd (UTC).")
  @Default.Boolean(false)
  Boolean getTrimWeekend();

  void setTrimWeekend(Boolean value);

  @Description("Start of the weekend that --trimWeekend drops: a UTC day and time.")
  @Default.String("FRI-22:00")
  String getWeekendStart();

  void setWeekendStart(String value);

  @Description("End of the weekend that --trimWeekend drops: a UTC day and time.")
  @Default.String("SUN-22:00")
  String getWeekendEnd();

  void setWeekendEnd(String value);

  @Description("Parquet compression: snappy, gzip, zstd or uncompressed.")
  @Default.String("snappy")
  String getCompression();

  void setCompression(String value);

  @Description("Output layout: flat (bars_1m/EURUSD-2025-07-01.parquet, the symbol a column of every file: every reader opens a folder or a file) or hive (bars_1m/symbol=EURUSD/2025-07-01.parquet, the symbol only in the folder name, for data lakes that prune by it).")
  @Default.String("flat")
  String getLayout();

  void setLayout(String value);

  @Description("Ticks per task of the second pass: a task holds at most this many ticks in memory (or one chunk of more: a chunk is a UTC day, cut into runs of hours when a symbol has more ticks than this in a day) and writes one file per symbol and output folder, one symbol at a time.")
  @Default.Long(500_000)
  Long getTaskTicks();

  void setTaskTicks(Long value);

  @Description("Bytes of an uncompressed input file that one worker scans in the first pass, at least 65536 (a compressed file is scanned whole).")
  @Default.Long(16 << 20)
  Long getScanPieceBytes();

  void setScanPieceBytes(Long value);

  @Description("Add the input files not yet in --output's ledger to it, going on from where the earlier runs ended (a file already there is skipped; a changed one is an error).")
  @Default.Boolean(false)
  Boolean getAppend();

  void setAppend(Boolean value);

  @Description("Keep watching --input for new complete files and publish their bars as event time passes them, until SIGTERM or Ctrl-C, which drains what was read and exits 0; a restart goes on as --append does.")
  @Default.Boolean(false)
  Boolean getWatch();

  void setWatch(Boolean value);

  @Description("Seconds between two looks at --input for new files in --watch mode.")
  @Default.Double(10)
  Double getPollInterval();

  void setPollInterval(Double value);

  @Description("--watch: the longest time, in seconds, between two publications of new bar and slice files while data flows.")
  @Default.Double(60)
  Double getFlushInterval();

  void setFlushInterval(Double value);

  @Description("--watch: how far, in seconds, a tick may come before an earlier one; the watermark is the latest tick time less this.")
  @Default.Double(5)
  Double getMaxOutOfOrder();

  void setMaxOutOfOrder(Double value);

  @Description("--watch: how long, in seconds, after the watermark has passed a tick's minute it may still come; later ticks are rejected as late.")
  @Default.Double(0)
  Double getAllowedLateness();

  void setAllowedLateness(Double value);

  @Description("Quality report: a move of the price (on --priceBasis) between two consecutive ticks of more than this many pips is a jump.")
  @Default.Double(10)
  Double getJumpThreshold();

  void setJumpThreshold(Double value);

  @Description("Quality report: the pip of every symbol; default 0.01 for JPY pairs and 0.0001 for the rest.")
  Double getPipSize();

  void setPipSize(Double value);

  @Description("How progress is shown: auto (a bar updated in place on a terminal, else lines), bar, lines or none; OUT/progress.jsonl is written in any case.")
  @Default.String("auto")
  String getProgress();

  void setProgress(String value);

  @Description("Seconds between two progress lines when progress is shown as lines (a log, CI).")
  @Default.Double(10)
  Double getProgressInterval();

  void setProgressInterval(Double value);

  @Description("Print only errors and the closing summary.")
  @Default.Boolean(false)
  Boolean getQuiet();

  void setQuiet(Boolean value);

  @Description("Add a line at each stage of the run (scan, build, publishing) with its counts.")
  @Default.Boolean(false)
  Boolean getVerbose();

  void setVerbose(Boolean value);

  @Description("Print each option's value, where it came from (flag, environment, config file or default) and its default, and run nothing.")
  @Default.Boolean(false)
  Boolean getShowConfig();

  void setShowConfig(Boolean value);

  @Description("A JSON file of options (the same names); flags on the command line and TICKBARS_<OPTION> environment variables override it.")
  String getConfig();

  void setConfig(String value);
}
