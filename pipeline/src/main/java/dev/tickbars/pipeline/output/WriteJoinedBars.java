package dev.tickbars.pipeline.output;

import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.JoinedBars;
import dev.tickbars.transforms.values.OutputRecords;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes the bars joined from partials, per frame and symbol: those that span chunks to the
 * symbol's {@code joined<suffix>} file of {@code bars_<frame>} ({@code EURUSD-joined.parquet} in
 * the flat layout), in bar order, and the symbol's last bar, the one a later run may continue,
 * alone to its {@code last} file; that bar's partials go to {@code <open>/<frame>/<SYMBOL>.bin}
 * for the ledger.
 */
public final class WriteJoinedBars extends PTransform<PCollection<JoinedBars>, PDone> {
  public static final String LAST = "last";

  /** Where to write. */
  public record Destination(String directory, OutputLayout layout, String open, String suffix, CompressionCodecName compression)
      implements Serializable {}

  private final Destination files;

  private WriteJoinedBars(Destination files) {
    this.files = files;
  }

  public static WriteJoinedBars to(Destination files) {
    return new WriteJoinedBars(files);
  }

  @Override
  public PDone expand(PCollection<JoinedBars> bars) {
    bars.apply("WriteJoinedBarFiles", ParDo.of(new WriteFilesFn(files)));
    return PDone.in(bars.getPipeline());
  }

  /** Writes one frame and symbol's joined bars and its last bar's partials. */
  static final class WriteFilesFn extends DoFn<JoinedBars, Void> {
    private final Destination files;

    WriteFilesFn(Destination files) {
      this.files = files;
    }

    @ProcessElement
    public void process(@Element JoinedBars joined) throws IOException {
      Bar last = joined.lastBar();
      String folder = OutputLayout.barsFolder(last.frame());
      if (!joined.closed().isEmpty()) {
        write(files.layout().file(files.directory(), folder, last.symbol(), "joined" + files.suffix()), joined.closed());
      }
      write(files.layout().file(files.directory(), folder, last.symbol(), LAST), List.of(last));
      Ledger.writeOpenBar(files.open(), last.frame(), last.symbol(), joined.last());
    }

    private void write(String path, List<Bar> bars) throws IOException {
      Schema schema = files.layout().bars();
      try (ParquetFile file = ParquetFile.create(path, schema, files.compression())) {
        OutputRecords.bars(bars, schema, file);
      }
    }
  }
}
