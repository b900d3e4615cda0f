package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.OutputRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writes a batch of one symbol's numbered ticks as one slice file, named after its first id. */
final class WriteSlicesFn extends DoFn<KV<String, Iterable<NumberedTicks>>, Void> {
  private final WatchPipeline.Folders folders;
  private final String folder;
  private final BarCutter sliceCutter;
  private final CompressionCodecName compression;

  WriteSlicesFn(WatchPipeline.Folders folders, String folder, BarCutter sliceCutter, CompressionCodecName compression) {
    this.folders = folders;
    this.folder = folder;
    this.sliceCutter = sliceCutter;
    this.compression = compression;
  }

  @ProcessElement
  @RequiresStableInput
  public void process(@Element KV<String, Iterable<NumberedTicks>> batch) throws IOException {
    List<NumberedTicks> blocks = new ArrayList<>();
    batch.getValue().forEach(blocks::add);
    blocks.sort(Comparator.comparingLong(NumberedTicks::firstTickId));
    String symbol = batch.getKey();
    Schema schema = folders.layout().slices();
    ParquetFile.writeWhole(
        folders.file(folder, symbol, String.format("w%d-%012d", folders.run(), blocks.get(0).firstTickId())),
        schema,
        compression,
        rows -> blocks.forEach(b -> OutputRecords.slices(b, sliceCutter.barIndexes(b), schema, rows)));
  }
}
