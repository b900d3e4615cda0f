package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.common.JsonCoder;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.TickFilter;
import dev.tickbars.pipeline.options.JobSettings;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OpenBars;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.pipeline.output.WriteJson;
import dev.tickbars.transforms.NumberInEventTime;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.coders.BarCoder;
import dev.tickbars.transforms.coders.BarKeyCoder;
import dev.tickbars.transforms.coders.FileTicksCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.NumberedTicks;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The unbounded job of {@code --watch}: new complete files of {@code --input} as they land
 * ({@link NewFilesSource}, whose timestamps and watermark follow the ticks: each file stamped with
 * its first tick's time, the watermark at the latest file's last tick, both less {@code
 * --maxOutOfOrder}), each file read into per-symbol blocks of ticks, numbered and cut
 * into bars in event time ({@link NumberInEventTime}), and the slices and closed bars written at
 * least every {@code --flushInterval} into files of their own, each complete when it appears. The
 * watch ends when the stop file appears: the source's stop becomes each symbol's end mark, and the
 * open bars then go to {@code last.parquet} and, with each file's counts, to the work folder for
 * the ledger.
 */
final class WatchPipeline {
  private static final Duration STEP = Duration.standardMinutes(1);
  /** The work folder's file of each frame and symbol's open bar at the end, for the ledger. */
  static final String OPEN_BARS = "open-bars.json";

  /**
   * Where the job writes: the output folder and its layout, its work folder (files, stats, open
   * bars), the stop file.
   */
  record Folders(String output, OutputLayout layout, String work, String stop, int run) implements Serializable {
    /** The path of {@code symbol}'s file of {@code what} in the output's {@code folder}. */
    String file(String folder, String symbol, String what) {
      return layout.file(output, folder, symbol, what);
    }
  }

  /** What the watch is told. */
  record Settings(Duration poll, Duration flush, Duration maxOutOfOrder, Duration allowedLateness) implements Serializable {}

  private WatchPipeline() {}

  /** Where each symbol stands after the runs of {@code before} (none for a first run). */
  private static Map<String, NumberInEventTime.Resumed> resumed(Ledger before) {
    Map<String, NumberInEventTime.Resumed> carried = new HashMap<>();
    if (before == null) {
      return carried;
    }
    try {
      Carried c = before.carried();
      Map<String, Map<String, BarAccumulator>> open = new HashMap<>();
      c.openBars().forEach(b -> open.computeIfAbsent(b.symbol(), k -> new HashMap<>()).put(b.frame(), b.partials()));
      c.symbols().forEach((symbol, st) -> carried.put(symbol,
          new NumberInEventTime.Resumed(st.nextTickId(), st.lastTickNs(), st.sums(), open.getOrDefault(symbol, Map.of()))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return carried;
  }

  static void build(
      Pipeline p, JobSettings s, String input, Folders folders, Settings watch, Ledger before, int firstRank) {
    List<BarCutter> list = List.copyOf(s.cutters().values());
    Set<String> known = new TreeSet<>();
    if (before != null) {
      before.files.forEach(f -> known.add(f.path()));
    }
    Map<String, NumberInEventTime.Resumed> carried = resumed(before);
    PCollection<Arrival> arrivals =
        p.apply(
            "WatchNewFiles",
            Read.from(new NewFilesSource(input, s.detector(), known, firstRank, watch.poll(), watch.maxOutOfOrder(), folders.stop())));
    PCollectionTuple numbered =
        arrivals
            .apply("ReadTickBlocks", ParDo.of(new ReadBlocksFn(TickFilter.trimming(s.weekend()), folders, s.amountBasis())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), FileTicksCoder.of()))
            .apply("NumberInEventTime", NumberInEventTime.of(list, STEP, watch.allowedLateness(), carried));
    // A batch waits at most half the flush interval; on Flink its file is written once the next
    // checkpoint completes (stable input), every half flush interval (RunnerDefaults.withWatch).
    writeSlicesAndBars(numbered, s, folders, watch.flush().dividedBy(2));
    writeLateAndOpenBars(numbered, s, folders);
  }

  /** Writes the slices and the closed bars in batches of at most {@code batchWait}. */
  private static void writeSlicesAndBars(PCollectionTuple numbered, JobSettings s, Folders folders, Duration batchWait) {
    String slices = OutputLayout.slicesFolder(s.sliceFrame());
    numbered
        .get(NumberInEventTime.SLICES)
        .apply("BatchSlices", GroupIntoBatches.<String, NumberedTicks>ofSize(1_000).withMaxBufferingDuration(batchWait))
        .apply("WriteSliceFiles", ParDo.of(new WriteSlicesFn(folders, slices, s.sliceCutter(), s.compression())));
    numbered
        .get(NumberInEventTime.BARS)
        .apply("KeyBars", MapElements.into(TypeDescriptors.kvs(TypeDescriptor.of(BarKey.class), TypeDescriptor.of(Bar.class)))
            .via(b -> KV.of(new BarKey(b.frame(), b.symbol()), b)))
        .setCoder(KvCoder.of(BarKeyCoder.of(), BarCoder.of()))
        .apply("BatchBars", GroupIntoBatches.<BarKey, Bar>ofSize(100_000).withMaxBufferingDuration(batchWait))
        .apply("WriteBarFiles", ParDo.of(new WriteBarsFn(folders, s.compression())));
  }

  /** Writes the late ticks to the rejects, and at the end the open bars to last.parquet and for the ledger. */
  private static void writeLateAndOpenBars(PCollectionTuple numbered, JobSettings s, Folders folders) {
    numbered.get(NumberInEventTime.LATE).apply("WriteLateTicks", ParDo.of(new WriteLateFn(folders, s.amountBasis())));
    PCollection<KV<BarKey, BarAccumulator>> open = numbered.get(NumberInEventTime.OPEN);
    open.apply("WriteOpenBars", ParDo.of(new WriteOpenFn(folders, s.cutters(), s.compression())));
    // At the end only: the global window's one pane fires when the watermark has run out.
    open.apply("KeepLastBars", MapElements.into(TypeDescriptor.of(OpenBars.class))
            .via(kv -> OpenBars.of(kv.getKey().frame(), kv.getKey().symbol(), kv.getValue())))
        .setCoder(JsonCoder.of(OpenBars.class))
        .apply("AtTheEnd", Window.<OpenBars>configure().triggering(AfterWatermark.pastEndOfWindow())
            .withAllowedLateness(Duration.ZERO).discardingFiredPanes())
        .apply("MergeOpenBars", Combine.globally(OpenBars::merge).withoutDefaults())
        .apply("WriteOpenBarsForLedger", WriteJson.to(Paths.get(folders.work(), OPEN_BARS).toString()));
  }
}
