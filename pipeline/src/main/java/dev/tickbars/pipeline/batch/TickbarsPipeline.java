package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.JobSettings;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.WriteJoinedBars;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.JoinPartialBars;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.bars.Frame;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.PartialBar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The batch job graph, two passes over the input. The first scans every file (counts, where each
 * chunk's ticks are) and writes its rejects and read counts; the plan made from the scans numbers
 * the ticks of each symbol and chunk; the second pass reads, sorts and numbers a chunk's ticks at
 * a time, writes their slices and every frame's bars; the bars that span chunks are joined and
 * written apart, with the partials an {@code --append} run carries over from the runs before it;
 * everything goes into the staging folder. Memory holds a chunk's ticks, never the input's.
 */
public final class TickbarsPipeline {
  private TickbarsPipeline() {}

  /**
   * @param carried what the earlier runs of an {@code --append} leave to this one
   * @param fileSuffix what this run's output file names end in ("" for a first run)
   */
  public static void build(
      Pipeline p, JobSettings s, List<InputFile> files, OutputFolder out, Carried carried, String fileSuffix) {
    TickFilter filter = new TickFilter(s.weekend(), carried.lateTicks());
    ScanFiles.Folders folders =
        new ScanFiles.Folders(
            out.staged(OutputFolder.PIECE_REJECTS),
            out.staged(OutputFolder.STATS),
            out.staged(OutputFolder.INFLATED),
            out.staged(OutputFolder.QUALITY_PARTS),
            new WorkProgress(out.staged(OutputFolder.WORK_PROGRESS)));
    PCollection<List<FileScan>> scans =
        p.apply("ScanFiles", ScanFiles.of(files, s.scanPieceBytes(), filter, s.quality(), folders));
    Map<String, BarCutter> cutters = s.cutters();
    Frame slices = s.sliceFrame();
    String directory = out.staging().toString();
    PCollection<KV<BarKey, PartialBar>> partials =
        scans
            .apply("PlanChunks", PlanChunks.of(s.taskTicks(), carried.symbols()))
            .apply(
                "BuildChunks",
                BuildChunks.of(
                    new BuildChunks.Settings(
                        filter,
                        List.copyOf(cutters.values()),
                        slices,
                        directory,
                        s.layout(),
                        fileSuffix,
                        s.compression(),
                        new WorkProgress(out.staged(OutputFolder.WORK_PROGRESS)),
                        s.quality(),
                        out.staged(OutputFolder.QUALITY_PARTS))));
    if (!carried.openBars().isEmpty()) {
      List<KV<BarKey, PartialBar>> open = new ArrayList<>();
      for (Carried.OpenBar b : carried.openBars()) {
        BarCutter cutter = cutters.get(b.frame());
        open.add(KV.of(new BarKey(b.frame(), b.symbol()), new PartialBar(cutter.barOf(b.partials()), b.partials())));
      }
      partials =
          PCollectionList.of(partials)
              .and(p.apply("CarryOpenBars", Create.of(open).withCoder(JoinPartialBars.inputCoder())))
              .apply("AllPartials", Flatten.pCollections());
    }
    partials
        .apply("JoinPartialBars", JoinPartialBars.with(cutters))
        .apply(
            "WriteJoinedBars",
            WriteJoinedBars.to(
                new WriteJoinedBars.Destination(
                    directory, s.layout(), out.staged(OutputFolder.OPEN_BARS), fileSuffix, s.compression())));
  }
}
