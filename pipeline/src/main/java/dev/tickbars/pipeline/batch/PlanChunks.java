package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.NumberedTicks;
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
 * Plans the second pass from all files' scans (a side input: no shuffled record grows with them).
 * A chunk is a UTC day, or a run of its hours when a symbol has more ticks in the day than a task
 * may hold ({@link #chunkSpans}), so that a task's memory holds at most {@code taskTicks} ticks,
 * or one symbol's hour, whatever the data's density. Each chunk's symbols are split into groups
 * of at most {@code taskTicks} ticks (a symbol is never split), each with the ranges of the files
 * that hold their ticks of the chunk; chunks of the same symbols then go, in time order, to one
 * {@link ChunkTask} while it holds at most {@code taskTicks} ticks, so that output files are few
 * and tasks many enough to share out. Tick ids (SPEC 3) are counted here: a symbol's ticks in
 * earlier chunks come before its ticks of a chunk, and its ticks of earlier runs ({@code
 * --append}) before all of them.
 */
final class PlanChunks extends PTransform<PCollection<List<FileScan>>, PCollection<ChunkTask>> {
  private final long taskTicks;
  private final Map<String, Carried.SymbolState> carried;

  private PlanChunks(long taskTicks, Map<String, Carried.SymbolState> carried) {
    this.taskTicks = taskTicks;
    this.carried = carried;
  }

  /**
   * @param taskTicks the ticks of one task; a task holds one chunk's in memory at a time
   * @param carried where each symbol stands after the earlier runs (none in a first run)
   */
  static PlanChunks of(long taskTicks, Map<String, Carried.SymbolState> carried) {
    return new PlanChunks(taskTicks, new TreeMap<>(carried));
  }

  @Override
  public PCollection<ChunkTask> expand(PCollection<List<FileScan>> scans) {
    PCollectionView<List<List<FileScan>>> all = scans.apply("AllScans", View.asList());
    return scans
        .getPipeline()
        .apply("Once", Impulse.create())
        .apply("Plan", ParDo.of(new PlanFn(all, taskTicks, carried)).withSideInputs(all))
        .setCoder(SerializableCoder.of(ChunkTask.class))
        .apply("SpreadTasks", Reshuffle.viaRandomKey());
  }

  /** The tasks of the scans of all files. */
  static List<ChunkTask> plan(List<FileScan> scans, long taskTicks, Map<String, Carried.SymbolState> carried) {
    List<FileScan> files = new ArrayList<>(scans);
    files.sort(Comparator.comparingInt(FileScan::rank).thenComparingInt(FileScan::piece));
    Map<String, TreeMap<Long, Totals>> perSymbol = hourCounts(files);
    TreeMap<Long, Long> spans = chunkSpans(perSymbol, taskTicks);
    TreeMap<Long, TreeMap<String, ChunkTask.SymbolStart>> starts = new TreeMap<>();
    perSymbol.forEach((symbol, hours) -> symbolStarts(symbol, hours, spans, carried.get(symbol), starts));
    Set<String> fileHas = fileHas(files, spans);
    List<ChunkTask.Chunk> chunks = new ArrayList<>();
    starts.forEach((from, symbols) -> group(from, spans.get(from), symbols, taskTicks, files, fileHas, chunks));
    return tasks(chunks, taskTicks);
  }

  /** A symbol's ticks of some hours: how many, the last one's time, their volume and value. */
  static final class Totals {
    long ticks;
    long lastNs = Long.MIN_VALUE;
    Cumulative sums = Cumulative.ZERO;

    void add(long ticks, long lastNs, Cumulative sums) {
      this.ticks += ticks;
      this.lastNs = Math.max(this.lastNs, lastNs);
      this.sums = this.sums.plus(sums);
    }
  }

  /** Each symbol's totals per hour, over all files. */
  private static Map<String, TreeMap<Long, Totals>> hourCounts(List<FileScan> files) {
    Map<String, TreeMap<Long, Totals>> perSymbol = new TreeMap<>();
    for (FileScan f : files) {
      for (FileScan.HourCount c : f.counts()) {
        perSymbol.computeIfAbsent(c.symbol(), s -> new TreeMap<>())
            .computeIfAbsent(c.hour(), k -> new Totals())
            .add(c.ticks(), c.lastNs(), new Cumulative(c.volume(), c.value()));
      }
    }
    return perSymbol;
  }

  /** Which file has ticks of which symbol in which chunk, as "rank/symbol/chunk". */
  private static Set<String> fileHas(List<FileScan> files, TreeMap<Long, Long> spans) {
    Set<String> fileHas = new HashSet<>();
    for (FileScan f : files) {
      for (FileScan.HourCount c : f.counts()) {
        fileHas.add(f.rank() + "/" + c.symbol() + "/" + spans.floorKey(c.hour()));
      }
    }
    return fileHas;
  }

  /**
   * Adds to {@code starts}, by chunk, where {@code symbol}'s ticks of each chunk stand in all of
   * its ticks: the ids, volume and value follow those of the earlier chunks and of the runs
   * before ({@code before}).
   */
  private static void symbolStarts(
      String symbol,
      TreeMap<Long, Totals> hours,
      TreeMap<Long, Long> spans,
      Carried.SymbolState before,
      TreeMap<Long, TreeMap<String, ChunkTask.SymbolStart>> starts) {
    // The symbol's totals per chunk, by the chunk's first hour.
    TreeMap<Long, Totals> chunks = new TreeMap<>();
    hours.forEach((hour, c) -> chunks.computeIfAbsent(spans.floorKey(hour), k -> new Totals()).add(c.ticks, c.lastNs, c.sums));
    long runFirstId = before == null ? 0 : before.nextTickId();
    long runEndId = runFirstId + chunks.values().stream().mapToLong(c -> c.ticks).sum();
    long id = runFirstId;
    long previous = before == null ? NumberedTicks.NO_PREVIOUS : before.lastTickNs();
    Cumulative sums = before == null ? Cumulative.ZERO : before.sums();
    for (Map.Entry<Long, Totals> c : chunks.entrySet()) {
      Totals t = c.getValue();
      starts.computeIfAbsent(c.getKey(), k -> new TreeMap<>())
          .put(symbol, new ChunkTask.SymbolStart(id, t.ticks, previous, sums, runFirstId, runEndId));
      id += t.ticks;
      previous = t.lastNs;
      sums = sums.plus(t.sums);
    }
  }

  /** Adds the chunk {@code [from, to)} to {@code chunks}, its symbols split into groups of at most {@code taskTicks}. */
  private static void group(
      long from,
      long to,
      TreeMap<String, ChunkTask.SymbolStart> symbols,
      long taskTicks,
      List<FileScan> files,
      Set<String> fileHas,
      List<ChunkTask.Chunk> chunks) {
    Map<String, ChunkTask.SymbolStart> group = new TreeMap<>();
    long groupTicks = 0;
    for (Map.Entry<String, ChunkTask.SymbolStart> s : symbols.entrySet()) {
      if (!group.isEmpty() && groupTicks + s.getValue().ticks() > taskTicks) {
        chunks.add(chunk(from, to, group, files, fileHas));
        group = new TreeMap<>();
        groupTicks = 0;
      }
      group.put(s.getKey(), s.getValue());
      groupTicks += s.getValue().ticks();
    }
    chunks.add(chunk(from, to, group, files, fileHas));
  }

  /**
   * The chunks, each as its first hour and the hour after its last: a UTC day with ticks, or,
   * where some symbol has more than {@code taskTicks} ticks in the day, the day cut into runs of
   * whole hours in which no symbol has more (unless one hour alone has).
   */
  static TreeMap<Long, Long> chunkSpans(Map<String, TreeMap<Long, Totals>> perSymbol, long taskTicks) {
    // Each day's ticks per hour and symbol.
    TreeMap<Long, TreeMap<Long, Map<String, Long>>> days = new TreeMap<>();
    perSymbol.forEach(
        (symbol, hours) ->
            hours.forEach(
                (hour, c) ->
                    days.computeIfAbsent(Math.floorDiv(hour, Hours.PER_DAY), d -> new TreeMap<>())
                        .computeIfAbsent(hour, h -> new TreeMap<>())
                        .put(symbol, c.ticks)));
    TreeMap<Long, Long> spans = new TreeMap<>();
    days.forEach(
        (day, hours) -> {
          long from = day * Hours.PER_DAY;
          Map<String, Long> inSpan = new TreeMap<>();
          for (Map.Entry<Long, Map<String, Long>> h : hours.entrySet()) {
            boolean over = h.getValue().entrySet().stream()
                .anyMatch(s -> inSpan.getOrDefault(s.getKey(), 0L) + s.getValue() > taskTicks);
            if (over && !inSpan.isEmpty()) {
              spans.put(from, h.getKey());
              from = h.getKey();
              inSpan.clear();
            }
            h.getValue().forEach((symbol, ticks) -> inSpan.merge(symbol, ticks, Long::sum));
          }
          spans.put(from, (day + 1) * Hours.PER_DAY);
        });
    return spans;
  }

  /** Runs of chunks (in time order) of the same symbols, of at most {@code taskTicks} ticks. */
  private static List<ChunkTask> tasks(List<ChunkTask.Chunk> chunks, long taskTicks) {
    List<ChunkTask> tasks = new ArrayList<>();
    List<ChunkTask.Chunk> run = new ArrayList<>();
    long runTicks = 0;
    for (ChunkTask.Chunk c : chunks) {
      boolean joins = !run.isEmpty()
          && run.get(0).symbols().keySet().equals(c.symbols().keySet())
          && runTicks + c.ticks() <= taskTicks;
      if (!run.isEmpty() && !joins) {
        tasks.add(new ChunkTask(run));
        run = new ArrayList<>();
        runTicks = 0;
      }
      run.add(c);
      runTicks += c.ticks();
    }
    if (!run.isEmpty()) {
      tasks.add(new ChunkTask(run));
    }
    return tasks;
  }

  private static ChunkTask.Chunk chunk(
      long from, long to, Map<String, ChunkTask.SymbolStart> symbols, List<FileScan> files, Set<String> fileHas) {
    List<ChunkTask.Range> ranges = new ArrayList<>();
    for (FileScan f : files) {
      if (symbols.keySet().stream().noneMatch(s -> fileHas.contains(f.rank() + "/" + s + "/" + from))) {
        continue;
      }
      for (FileScan.Segment seg : f.segments()) {
        if (seg.overlaps(from, to)) {
          ranges.add(new ChunkTask.Range(f.rank(), f.source(), f.layout(), seg.start(), seg.end()));
        }
      }
    }
    return new ChunkTask.Chunk(from, to, ranges, symbols);
  }

  /** Plans the tasks once, from all scans. */
  static final class PlanFn extends DoFn<byte[], ChunkTask> {
    private final PCollectionView<List<List<FileScan>>> scans;
    private final long taskTicks;
    private final TreeMap<String, Carried.SymbolState> carried;

    PlanFn(PCollectionView<List<List<FileScan>>> scans, long taskTicks, Map<String, Carried.SymbolState> carried) {
      this.scans = scans;
      this.taskTicks = taskTicks;
      this.carried = new TreeMap<>(carried);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      plan(c.sideInput(scans).stream().flatMap(List::stream).toList(), taskTicks, carried).forEach(c::output);
    }
  }
}
