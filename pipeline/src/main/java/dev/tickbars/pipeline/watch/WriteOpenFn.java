package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.ParquetFile;
import dev.tickbars.pipeline.output.WriteJoinedBars;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.OutputRecords;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writes each frame and symbol's open bar at the end to its last.parquet. */
final class WriteOpenFn extends DoFn<KV<BarKey, BarAccumulator>, Void> {
  private final WatchPipeline.Folders folders;
  private final Map<String, BarCutter> cutters;
  private final CompressionCodecName compression;

  WriteOpenFn(WatchPipeline.Folders folders, Map<String, BarCutter> cutters, CompressionCodecName compression) {
    this.folders = folders;
    this.cutters = cutters;
    this.compression = compression;
  }

  @ProcessElement
  @RequiresStableInput
  public void process(@Element KV<BarKey, BarAccumulator> open) throws IOException {
    String frame = open.getKey().frame();
    String symbol = open.getKey().symbol();
    Bar bar = cutters.get(frame).finish(symbol, open.getValue());
    Schema schema = folders.layout().bars();
    ParquetFile.writeWhole(
        folders.file(OutputLayout.barsFolder(frame), symbol, WriteJoinedBars.LAST), schema, compression,
        rows -> OutputRecords.bars(List.of(bar), schema, rows));
  }
}
