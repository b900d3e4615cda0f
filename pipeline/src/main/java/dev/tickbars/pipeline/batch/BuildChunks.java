package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.QualityRules;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.WrittenFiles;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.JoinPartialBars;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The second pass. A {@link ChunkTask} reads each of its chunks' ranges of the input and keeps its
 * symbols' ticks of the chunk (all of them at most {@code --taskTicks} ticks, or one larger
 * chunk). Then, a symbol at a time and its chunks in time order, it sorts the ticks by (time,
 * input position), numbers them from the plan's first id (SPEC 3), writes the tick slices and
 * cuts every frame's bars, writing the whole ones; only one symbol's files are open at a time, so
 * that a task of many symbols needs no more memory. A task writes one file per output folder and
 * symbol, named after the symbol and its first chunk's UTC day ({@code
 * tick_slices_<frame>/<SYMBOL>-<yyyy-MM-dd>.parquet} in the flat layout, {@code
 * bars_<frame>/symbol=<SYMBOL>/<yyyy-MM-dd>.parquet} in the hive one, {@link OutputLayout}), and
 * hour ({@code yyyy-MM-ddThh}) when the chunk is not a whole day, so a retried task replaces its
 * own files.
 * Only the parts of bars that continue in another chunk leave the task, keyed (frame, symbol) and
 * tagged with their bar, a few per chunk: nothing that grows with the input goes through a
 * shuffle.
 */
final class BuildChunks
    extends PTransform<PCollection<ChunkTask>, PCollectionTuple> {
  /** The parts of bars that continue into another chunk. */
  public static final TupleTag<KV<BarKey, BarAccumulator>> PARTIALS = new TupleTag<>() {};
  /** Each task's quality numbers, in tick order. */
  public static final TupleTag<QualityParts> QUALITY = new TupleTag<>() {};
  /** The slice and bar files each task wrote. */
  public static final TupleTag<WrittenFiles> WRITTEN = new TupleTag<>() {};

  /**
   * What the second pass builds and where.
   *
   * @param filter the ticks the scan trimmed and rejected as late
   * @param directory the folder of the output folders
   * @param layout how the files there are named, and their columns
   * @param fileSuffix what an output file's name ends in before ".parquet": "" in a first run,
   *     the run's number in a later one, so that no run overwrites an earlier run's files
   */
  record Settings(
      TickFilter filter,
      List<BarCutter> cutters,
      BarCutter sliceCutter,
      String directory,
      OutputLayout layout,
      String fileSuffix,
      CompressionCodecName compression,
      WorkProgress progress,
      QualityRules quality)
      implements Serializable {}

  private final Settings settings;

  private BuildChunks(Settings settings) {
    this.settings = settings;
  }

  static BuildChunks of(Settings settings) {
    return new BuildChunks(settings);
  }

  @Override
  public PCollectionTuple expand(PCollection<ChunkTask> tasks) {
    PCollectionTuple built =
        tasks.apply("BuildChunk", ParDo.of(new BuildChunkFn(settings)).withOutputTags(PARTIALS, TupleTagList.of(QUALITY).and(WRITTEN)));
    built.get(PARTIALS).setCoder(JoinPartialBars.inputCoder());
    built.get(QUALITY).setCoder(JsonCoder.of(QualityParts.class));
    built.get(WRITTEN).setCoder(JsonCoder.of(WrittenFiles.class));
    return built;
  }
}
