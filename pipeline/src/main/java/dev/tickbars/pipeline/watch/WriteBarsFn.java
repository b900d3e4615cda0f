package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.OutputRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writes a batch of one frame and symbol's closed bars as one file, named after its first bar. */
final class WriteBarsFn extends DoFn<KV<BarKey, Iterable<Bar>>, Void> {
  private final WatchPipeline.Folders folders;
  private final CompressionCodecName compression;

  WriteBarsFn(WatchPipeline.Folders folders, CompressionCodecName compression) {
    this.folders = folders;
    this.compression = compression;
  }

  @ProcessElement
  @RequiresStableInput
  public void process(@Element KV<BarKey, Iterable<Bar>> batch) throws IOException {
    List<Bar> bars = new ArrayList<>();
    batch.getValue().forEach(bars::add);
    bars.sort(Comparator.comparingLong(Bar::tOpenNs).thenComparingLong(Bar::tickFirstId));
    Bar first = bars.get(0);
    Schema schema = folders.layout().bars();
    ParquetFile.writeWhole(
        folders.file(OutputLayout.barsFolder(first.frame()), first.symbol(), String.format("w%d-%012d", folders.run(), first.tickFirstId())),
        schema,
        compression,
        rows -> OutputRecords.bars(bars, schema, rows));
  }
}
