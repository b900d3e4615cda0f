package dev.tickbars.pipeline;

import dev.tickbars.transforms.Frame;
import dev.tickbars.transforms.NumberedTicks;
import dev.tickbars.transforms.NumberedTicksCoder;
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
 * Writes tick slices (SPEC 6): every accepted tick with its id and its bar's index in the slice
 * frame. One file per symbol and chunk (a UTC day), {@code symbol=<SYMBOL>/<yyyy-MM-dd>}, its
 * pieces written in tick-id order.
 */
final class WriteSlices extends PTransform<PCollection<NumberedTicks>, WriteFilesResult<String>> {
  private static final DateTimeFormatter FILE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String directory;
  private final Frame frame;
  private final CompressionCodecName compression;

  private WriteSlices(String directory, Frame frame, CompressionCodecName compression) {
    this.directory = directory;
    this.frame = frame;
    this.compression = compression;
  }

  static WriteSlices to(String directory, Frame frame, CompressionCodecName compression) {
    return new WriteSlices(directory, frame, compression);
  }

  @Override
  public WriteFilesResult<String> expand(PCollection<NumberedTicks> ticks) {
    long ticksPerBar = frame.ticksPerBar();
    return ticks
        .apply("KeySlicesByFile", ParDo.of(new KeyByFileFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), NumberedTicksCoder.of()))
        .apply(
            "WriteSliceFiles",
            WriteParquet.to(
                directory,
                OutputRecords.TICK_SLICE,
                (block, rows) -> OutputRecords.slices(block, ticksPerBar, rows),
                WriteSlices::fileOrder,
                compression));
  }

  private static int fileOrder(NumberedTicks a, NumberedTicks b) {
    return Long.compare(a.firstTickId(), b.firstTickId());
  }

  /** Names a block's file after its symbol and its day. */
  static final class KeyByFileFn extends DoFn<NumberedTicks, KV<String, NumberedTicks>> {
    @ProcessElement
    public void process(@Element NumberedTicks block, OutputReceiver<KV<String, NumberedTicks>> out) {
      String date = FILE_DATE.format(EpochNanos.toInstant(block.ticks().timeNs(0)));
      out.output(KV.of("symbol=" + block.ticks().symbol() + "/" + date, block));
    }
  }
}
