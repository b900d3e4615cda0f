package dev.tickbars.pipeline;

import dev.tickbars.transforms.Bar;
import dev.tickbars.transforms.OutputRecords;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes the bars joined from partials, those that span chunks, one file per frame and symbol:
 * {@code bars_<frame>/symbol=<SYMBOL>/joined.parquet}, in bar order.
 */
final class WriteJoinedBars extends PTransform<PCollection<List<Bar>>, PDone> {
  private final String directory;
  private final CompressionCodecName compression;

  private WriteJoinedBars(String directory, CompressionCodecName compression) {
    this.directory = directory;
    this.compression = compression;
  }

  /** Into the {@code bars_<frame>} folders of {@code directory}. */
  static WriteJoinedBars to(String directory, CompressionCodecName compression) {
    return new WriteJoinedBars(directory, compression);
  }

  @Override
  public PDone expand(PCollection<List<Bar>> bars) {
    bars.apply("WriteJoinedBarFile", ParDo.of(new WriteFileFn(directory, compression)));
    return PDone.in(bars.getPipeline());
  }

  /** Writes one frame and symbol's joined bars. */
  static final class WriteFileFn extends DoFn<List<Bar>, Void> {
    private final String directory;
    private final CompressionCodecName compression;

    WriteFileFn(String directory, CompressionCodecName compression) {
      this.directory = directory;
      this.compression = compression;
    }

    @ProcessElement
    public void process(@Element List<Bar> bars) throws IOException {
      Bar first = bars.get(0);
      String path = OutputPaths.file(directory, "bars_" + first.frame(), first.symbol(), "joined");
      try (ParquetFile file = ParquetFile.create(path, OutputRecords.BAR, compression)) {
        OutputRecords.bars(bars, file);
      }
    }
  }
}
