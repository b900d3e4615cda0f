package dev.tickbars.pipeline;

import dev.tickbars.transforms.Bar;
import dev.tickbars.transforms.BarCoder;
import dev.tickbars.transforms.Frame;
import dev.tickbars.transforms.OutputRecords;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one frame's bars as Parquet under {@code symbol=<SYMBOL>/}, each file sorted by open
 * time by its sink. Time bars go to one file per UTC day (frames under a minute), month (under an hour) or
 * year, named after it ({@code 2025-07-01}, {@code 2025-07}, {@code 2025}); tick bars to files of
 * {@link #TICK_BARS_PER_FILE} bars named after the first bar's index ({@code bars-000000050000}).
 */
final class WriteBars extends PTransform<PCollection<Bar>, WriteFilesResult<String>> {
  static final long TICK_BARS_PER_FILE = 50_000;

  private final String directory;
  private final Frame frame;
  private final CompressionCodecName compression;

  private WriteBars(String directory, Frame frame, CompressionCodecName compression) {
    this.directory = directory;
    this.frame = frame;
    this.compression = compression;
  }

  static WriteBars to(String directory, Frame frame, CompressionCodecName compression) {
    return new WriteBars(directory, frame, compression);
  }

  @Override
  public WriteFilesResult<String> expand(PCollection<Bar> bars) {
    return bars.apply("KeyBarsByFile", ParDo.of(new KeyByFileFn(frame)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), BarCoder.of()))
        .apply(
            "WriteBarFiles",
            WriteParquet.to(
                directory,
                OutputRecords.BAR,
                (bar, rows) -> rows.accept(OutputRecords.bar(bar)),
                WriteBars::fileOrder,
                compression));
  }

  private static int fileOrder(Bar a, Bar b) {
    return Bar.FILE_ORDER.compare(a, b);
  }

  /** Names the file a bar goes to: its symbol's partition and its period or run of bars. */
  static final class KeyByFileFn extends DoFn<Bar, KV<String, Bar>> {
    private final long ticksPerFile;
    private final String periodPattern;
    private transient DateTimeFormatter period;

    KeyByFileFn(Frame frame) {
      if (frame.isTickFrame()) {
        this.ticksPerFile = frame.ticksPerBar() * TICK_BARS_PER_FILE;
        this.periodPattern = null;
      } else {
        this.ticksPerFile = 0;
        this.periodPattern =
            frame.millis() < 60_000 ? "yyyy-MM-dd" : frame.millis() < 3_600_000 ? "yyyy-MM" : "yyyy";
      }
    }

    @Setup
    public void setup() {
      if (periodPattern != null) {
        period = DateTimeFormatter.ofPattern(periodPattern).withZone(ZoneOffset.UTC);
      }
    }

    @ProcessElement
    public void process(@Element Bar bar, OutputReceiver<KV<String, Bar>> out) {
      String file;
      if (periodPattern == null) {
        long firstBar = bar.tickFirstId() / ticksPerFile * TICK_BARS_PER_FILE;
        file = String.format("bars-%012d", firstBar);
      } else {
        file = period.format(EpochNanos.toInstant(bar.tOpenNs()));
      }
      out.output(KV.of("symbol=" + bar.symbol() + "/" + file, bar));
    }
  }
}
