package dev.tickbars.pipeline;

import dev.tickbars.transforms.NumberedTicks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Plans the second pass from all files' scans (a side input: no shuffled record grows with them): one {@link ChunkTask} per chunk, or several when
 * its symbols hold more than {@link #TASK_TICKS} ticks together (a symbol is never split), each
 * with the ranges of the files that hold its symbols' ticks of the chunk. Tick ids (SPEC 3) are
 * counted here: a symbol's ticks in earlier chunks come before its ticks of a chunk.
 */
final class PlanChunks extends PTransform<PCollection<FileScan>, PCollection<ChunkTask>> {
  /** Ticks one task holds in memory at most, unless one symbol has more in one chunk. */
  static final long TASK_TICKS = 1_000_000;

  private PlanChunks() {}

  static PlanChunks create() {
    return new PlanChunks();
  }

  @Override
  public PCollection<ChunkTask> expand(PCollection<FileScan> scans) {
    PCollectionView<List<FileScan>> all = scans.apply("AllScans", View.asList());
    return scans
        .getPipeline()
        .apply("Once", Impulse.create())
        .apply("Plan", ParDo.of(new PlanFn(all)).withSideInputs(all))
        .setCoder(SerializableCoder.of(ChunkTask.class))
        .apply("SpreadTasks", Reshuffle.viaRandomKey());
  }

  /** The tasks of the scans of all files. */
  static List<ChunkTask> plan(List<FileScan> scans, long taskTicks) {
    List<FileScan> files = new ArrayList<>(scans);
    files.sort(Comparator.comparingInt(f -> f.rank()));
    // Each symbol's ticks and last tick time per chunk, over all files.
    Map<String, TreeMap<Long, long[]>> perSymbol = new TreeMap<>();
    Set<String> fileHas = new HashSet<>();
    for (FileScan f : files) {
      for (FileScan.ChunkCount c : f.counts()) {
        long[] sum = perSymbol.computeIfAbsent(c.symbol(), s -> new TreeMap<>())
            .computeIfAbsent(c.chunk(), k -> new long[] {0, Long.MIN_VALUE});
        sum[0] += c.ticks();
        sum[1] = Math.max(sum[1], c.lastNs());
        fileHas.add(f.rank() + "/" + c.symbol() + "/" + c.chunk());
      }
    }
    TreeMap<Long, TreeMap<String, ChunkTask.SymbolStart>> starts = new TreeMap<>();
    perSymbol.forEach(
        (symbol, chunks) -> {
          long symbolTicks = chunks.values().stream().mapToLong(c -> c[0]).sum();
          long id = 0;
          long previous = NumberedTicks.NO_PREVIOUS;
          for (Map.Entry<Long, long[]> c : chunks.entrySet()) {
            starts.computeIfAbsent(c.getKey(), k -> new TreeMap<>())
                .put(symbol, new ChunkTask.SymbolStart(id, c.getValue()[0], previous, symbolTicks));
            id += c.getValue()[0];
            previous = c.getValue()[1];
          }
        });
    List<ChunkTask> tasks = new ArrayList<>();
    starts.forEach(
        (chunk, symbols) -> {
          Map<String, ChunkTask.SymbolStart> group = new TreeMap<>();
          long groupTicks = 0;
          for (Map.Entry<String, ChunkTask.SymbolStart> s : symbols.entrySet()) {
            if (!group.isEmpty() && groupTicks + s.getValue().ticks() > taskTicks) {
              tasks.add(task(chunk, group, files, fileHas));
              group = new TreeMap<>();
              groupTicks = 0;
            }
            group.put(s.getKey(), s.getValue());
            groupTicks += s.getValue().ticks();
          }
          tasks.add(task(chunk, group, files, fileHas));
        });
    return tasks;
  }

  private static ChunkTask task(
      long chunk, Map<String, ChunkTask.SymbolStart> symbols, List<FileScan> files, Set<String> fileHas) {
    List<ChunkTask.Range> ranges = new ArrayList<>();
    for (FileScan f : files) {
      if (symbols.keySet().stream().noneMatch(s -> fileHas.contains(f.rank() + "/" + s + "/" + chunk))) {
        continue;
      }
      for (FileScan.Segment seg : f.segments()) {
        if (seg.covers(chunk)) {
          ranges.add(new ChunkTask.Range(f.rank(), f.source(), f.layout(), seg.start(), seg.end(), seg.firstLine()));
        }
      }
    }
    return new ChunkTask(chunk, ranges, symbols);
  }

  /** Plans the tasks once, from all scans. */
  static final class PlanFn extends DoFn<byte[], ChunkTask> {
    private final PCollectionView<List<FileScan>> scans;

    PlanFn(PCollectionView<List<FileScan>> scans) {
      this.scans = scans;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      plan(c.sideInput(scans), TASK_TICKS).forEach(c::output);
    }
  }
}
