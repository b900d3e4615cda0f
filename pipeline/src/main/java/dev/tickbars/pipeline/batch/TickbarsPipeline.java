package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.ScanCounts;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.JobSettings;
import dev.tickbars.pipeline.output.OpenBars;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.WriteJoinedBars;
import dev.tickbars.pipeline.output.WriteJson;
import dev.tickbars.pipeline.output.WrittenFiles;
import dev.tickbars.pipeline.report.QualityParts;
import dev.tickbars.pipeline.report.WorkProgress;
import dev.tickbars.transforms.JoinPartialBars;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.JoinedBars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;

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
    WorkProgress progress = new WorkProgress(out.staged(OutputFolder.WORK_PROGRESS));
    ScanFiles.Folders folders =
        new ScanFiles.Folders(out.staged(OutputFolder.PIECE_REJECTS), out.staged(OutputFolder.INFLATED), progress);
    PCollectionTuple scanned = p.apply("ScanFiles", ScanFiles.of(files, s.scanPieceBytes(), filter, s.quality(), folders, s.amountBasis()));
    Map<String, BarCutter> cutters = s.cutters();
    String directory = out.staging();
    PCollectionTuple built =
        scanned
            .get(ScanFiles.SCANS)
            .apply("PlanChunks", PlanChunks.of(s.taskTicks(), carried.symbols()))
            .apply(
                "BuildChunks",
                BuildChunks.of(
                    new BuildChunks.Settings(
                        filter, List.copyOf(cutters.values()), s.sliceCutter(), directory, s.layout(), fileSuffix,
                        s.compression(), progress, s.quality())));
    writeCountsAndQuality(scanned, built, out);
    PCollection<JoinedBars> joined =
        withCarried(p, built.get(BuildChunks.PARTIALS), carried).apply("JoinPartialBars", JoinPartialBars.with(cutters));
    PCollection<WrittenFiles> joinedFiles =
        joined.apply(
            "WriteJoinedBars", WriteJoinedBars.to(new WriteJoinedBars.Destination(directory, s.layout(), fileSuffix, s.compression())));
    writeOpenBarsAndFiles(joined, PCollectionList.of(built.get(BuildChunks.WRITTEN)).and(joinedFiles), out);
  }

  /** Merges the read counts and the quality parts of the scan and the build, and writes them. */
  private static void writeCountsAndQuality(PCollectionTuple scanned, PCollectionTuple built, OutputFolder out) {
    scanned
        .get(ScanFiles.COUNTS)
        .apply("MergeScanCounts", Combine.globally(ScanCounts::merge))
        .apply("WriteScanCounts", WriteJson.to(out.staged(OutputFolder.SCAN_COUNTS)));
    PCollectionList.of(scanned.get(ScanFiles.QUALITY))
        .and(built.get(BuildChunks.QUALITY))
        .apply("AllQualityParts", Flatten.pCollections())
        .apply("MergeQualityParts", Combine.globally(QualityParts::merge))
        .apply("WriteQualityParts", WriteJson.to(out.staged(OutputFolder.QUALITY_PARTS)));
  }

  /** Merges each frame and symbol's last bar, for the ledger, and the files the writers wrote, and writes them. */
  private static void writeOpenBarsAndFiles(PCollection<JoinedBars> joined, PCollectionList<WrittenFiles> written, OutputFolder out) {
    joined
        .apply("KeepLastBars", MapElements.into(TypeDescriptor.of(OpenBars.class))
            .via(j -> OpenBars.of(j.lastBar().frame(), j.lastBar().symbol(), j.last())))
        .setCoder(JsonCoder.of(OpenBars.class))
        .apply("MergeOpenBars", Combine.globally(OpenBars::merge))
        .apply("WriteOpenBars", WriteJson.to(out.staged(OutputFolder.OPEN_BARS)));
    written
        .apply("AllWrittenFiles", Flatten.pCollections())
        .apply("MergeWrittenFiles", Combine.globally(WrittenFiles::merge))
        .apply("WriteWrittenFiles", WriteJson.to(out.staged(OutputFolder.WRITTEN_FILES)));
  }

  /** {@code partials} and, after earlier runs, the partials of each frame and symbol's last bar that they left open. */
  private static PCollection<KV<BarKey, BarAccumulator>> withCarried(
      Pipeline p, PCollection<KV<BarKey, BarAccumulator>> partials, Carried carried) {
    if (carried.openBars().isEmpty()) {
      return partials;
    }
    List<KV<BarKey, BarAccumulator>> open = new ArrayList<>();
    for (Carried.OpenBar b : carried.openBars()) {
      open.add(KV.of(new BarKey(b.frame(), b.symbol()), b.partials()));
    }
    return PCollectionList.of(partials)
        .and(p.apply("CarryOpenBars", Create.of(open).withCoder(JoinPartialBars.inputCoder())))
        .apply("AllPartials", Flatten.pCollections());
  }
}
