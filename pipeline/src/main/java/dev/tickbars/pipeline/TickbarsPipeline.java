package dev.tickbars.pipeline;

import dev.tickbars.transforms.Bar;
import dev.tickbars.transforms.Chunking;
import dev.tickbars.transforms.Frame;
import dev.tickbars.transforms.NumberTicks;
import dev.tickbars.transforms.NumberedTicks;
import dev.tickbars.transforms.OrderTicks;
import dev.tickbars.transforms.TickBars;
import dev.tickbars.transforms.TimeBars;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * The batch job graph: read the files into tick blocks, order and number each symbol's ticks,
 * then build every frame's bars and the tick slices, and write them, the rejects and the read
 * counts into the staging folder.
 */
public final class TickbarsPipeline {
  /** A symbol's ticks are sorted and numbered a UTC day at a time; a slice file holds one day. */
  static final Chunking CHUNKING = Chunking.of(Duration.standardDays(1));

  private TickbarsPipeline() {}

  public static void build(Pipeline p, JobSettings s, List<InputFile> files, OutputFolder out) {
    PCollectionTuple read =
        p.apply("ListInputFiles", Create.of(files).withCoder(SerializableCoder.of(InputFile.class)))
            .apply("ReadTicks", ReadTicks.with(CHUNKING, s.weekend()));
    PCollection<NumberedTicks> ticks =
        read.get(ReadTicks.BLOCKS)
            .apply("OrderTicks", OrderTicks.create())
            .apply("NumberTicks", NumberTicks.create());
    for (Frame frame : s.frames()) {
      PTransform<PCollection<NumberedTicks>, PCollection<Bar>> bars =
          frame.isTickFrame()
              ? TickBars.of(frame, s.basis(), s.maxGapNs())
              : TimeBars.of(frame, s.basis(), s.maxGapNs(), CHUNKING);
      ticks
          .apply("BuildBars_" + frame, bars)
          .apply("WriteBars_" + frame, WriteBars.to(out.staged("bars_" + frame), frame, s.compression()));
    }
    Frame slices = s.sliceFrame();
    ticks.apply(
        "WriteSlices_" + slices,
        WriteSlices.to(out.staged("tick_slices_" + slices), slices, s.compression()));
    read.get(ReadTicks.REJECTS).apply("WriteRejects", WriteRejects.to(out.staged("rejects")));
    read.get(ReadTicks.STATS).apply("WriteStats", WriteStats.to(out.staged(OutputFolder.STATS)));
  }
}
