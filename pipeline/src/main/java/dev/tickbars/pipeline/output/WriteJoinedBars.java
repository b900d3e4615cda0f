package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.JoinedBars;
import dev.tickbars.transforms.values.OutputRecords;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes the bars joined from partials, per frame and symbol: those that span chunks to the
 * symbol's {@code joined<suffix>} file of {@code bars_<frame>} ({@code EURUSD-joined.parquet} in
 * the flat layout), in bar order, and the symbol's last bar, the one a later run may continue,
 * alone to its {@code last} file. Returns the files it wrote.
 */
public final class WriteJoinedBars extends PTransform<PCollection<JoinedBars>, PCollection<WrittenFiles>> {
  public static final String LAST = "last";

  /** Where to write. */
  public record Destination(String directory, OutputLayout layout, String suffix, CompressionCodecName compression)
      implements Serializable {}

  private final Destination files;

  private WriteJoinedBars(Destination files) {
    this.files = files;
  }

  public static WriteJoinedBars to(Destination files) {
    return new WriteJoinedBars(files);
  }

  @Override
  public PCollection<WrittenFiles> expand(PCollection<JoinedBars> bars) {
    return bars.apply("WriteJoinedBarFiles", ParDo.of(new WriteFilesFn(files))).setCoder(JsonCoder.of(WrittenFiles.class));
  }

  /** Writes one frame and symbol's joined bars and its last bar. */
  static final class WriteFilesFn extends DoFn<JoinedBars, WrittenFiles> {
    private final Destination files;

    WriteFilesFn(Destination files) {
      this.files = files;
    }

    @ProcessElement
    public void process(@Element JoinedBars joined, OutputReceiver<WrittenFiles> out) throws IOException {
      Bar last = joined.lastBar();
      String folder = OutputLayout.barsFolder(last.frame());
      List<WrittenFiles.File> written = new ArrayList<>();
      if (!joined.closed().isEmpty()) {
        written.add(write(files.layout().file(files.directory(), folder, last.symbol(), "joined" + files.suffix()), joined.closed()));
      }
      written.add(write(files.layout().file(files.directory(), folder, last.symbol(), LAST), List.of(last)));
      out.output(new WrittenFiles(written));
    }

    private WrittenFiles.File write(String path, List<Bar> bars) throws IOException {
      Schema schema = files.layout().bars();
      try (ParquetFile file = ParquetFile.create(path, schema, files.compression())) {
        OutputRecords.bars(bars, schema, file);
      }
      return WrittenFiles.of(files.directory(), path, bars.size());
    }
  }
}
