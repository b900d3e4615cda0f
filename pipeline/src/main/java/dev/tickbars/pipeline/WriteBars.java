package dev.tickbars.pipeline;

import dev.tickbars.transforms.Bar;
import dev.tickbars.transforms.BarCoder;
import dev.tickbars.transforms.Frame;
import dev.tickbars.transforms.OutputRecords;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes every frame's bars as Parquet, {@code bars_<frame>/symbol=<SYMBOL>/<name>.parquet}, each
 * file sorted by open time. Time bars go to one file per UTC day (frames under a minute), month
 * (under an hour) or year, named after it ({@code 2025-07-01}, {@code 2025-07}, {@code 2025});
 * tick bars to files of {@link #TICK_BARS_PER_FILE} bars named after the first bar's index
 * ({@code bars-000000050000}). Bars travel in lists; a file's lists are grouped by its name.
 */
final class WriteBars extends PTransform<PCollection<List<Bar>>, PDone> {
  static final long TICK_BARS_PER_FILE = 50_000;

  private final String directory;
  private final CompressionCodecName compression;

  private WriteBars(String directory, CompressionCodecName compression) {
    this.directory = directory;
    this.compression = compression;
  }

  /** Bars into {@code directory}'s {@code bars_<frame>} folders. */
  static WriteBars to(String directory, CompressionCodecName compression) {
    return new WriteBars(directory, compression);
  }

  @Override
  public PDone expand(PCollection<List<Bar>> bars) {
    bars.apply("KeyBarsByFile", ParDo.of(new KeyByFileFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(BarCoder.of())))
        .apply("GroupByFile", GroupByKey.create())
        .apply("WriteBarFile", ParDo.of(new WriteFileFn(directory, compression)));
    return PDone.in(bars.getPipeline());
  }

  /** Splits a list of one frame and symbol's bars by the file each goes to. */
  static final class KeyByFileFn extends DoFn<List<Bar>, KV<String, List<Bar>>> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC);

    @ProcessElement
    public void process(@Element List<Bar> bars, OutputReceiver<KV<String, List<Bar>>> out) {
      Frame frame = Frame.parse(bars.get(0).frame());
      String file = null;
      List<Bar> same = new ArrayList<>();
      for (Bar bar : bars) {
        String f = file(frame, bar);
        if (!f.equals(file) && !same.isEmpty()) {
          out.output(KV.of(file, same));
          same = new ArrayList<>();
        }
        file = f;
        same.add(bar);
      }
      out.output(KV.of(file, same));
    }

    private static String file(Frame frame, Bar bar) {
      String name;
      if (frame.isTickFrame()) {
        long firstBar = bar.tickFirstId() / frame.ticksPerBar() / TICK_BARS_PER_FILE * TICK_BARS_PER_FILE;
        name = String.format("bars-%012d", firstBar);
      } else {
        DateTimeFormatter period = frame.millis() < 60_000 ? DAY : frame.millis() < 3_600_000 ? MONTH : YEAR;
        name = period.format(EpochNanos.toInstant(bar.tOpenNs()));
      }
      return "bars_" + frame + "/symbol=" + bar.symbol() + "/" + name;
    }
  }

  /** Writes one file's bars, sorted by open time. */
  static final class WriteFileFn extends DoFn<KV<String, Iterable<List<Bar>>>, Void> {
    private final String directory;
    private final CompressionCodecName compression;

    WriteFileFn(String directory, CompressionCodecName compression) {
      this.directory = directory;
      this.compression = compression;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<List<Bar>>> file) throws IOException {
      List<Bar> bars = new ArrayList<>();
      file.getValue().forEach(bars::addAll);
      bars.sort(Bar.FILE_ORDER);
      ParquetFiles.write(
          directory + "/" + file.getKey() + ".parquet",
          OutputRecords.BAR,
          compression,
          rows -> bars.forEach(bar -> rows.accept(OutputRecords.bar(bar))));
    }
  }
}
