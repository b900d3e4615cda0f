package dev.tickbars.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.pipeline.common.Hours;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.transforms.parse.InputFormat;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.parse.LayoutDetector;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.NumberedTicks;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanChunksTest {
  private static final Layout TRUEFX =
      new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null).detect("f", "");

  private static final long DAY10 = 10 * Hours.PER_DAY;
  private static final long DAY11 = 11 * Hours.PER_DAY;
  private static final long DAY12 = 12 * Hours.PER_DAY;

  /** {@code ticks} ticks of {@code symbol} in {@code hour}, each of volume 100 units and value 1000. */
  private static FileScan.HourCount count(String symbol, long hour, long ticks, long lastNs) {
    return new FileScan.HourCount(symbol, hour, ticks, lastNs, BigInteger.valueOf(ticks * 100), BigInteger.valueOf(ticks * 1000));
  }

  /** The volume and value of {@code ticks} ticks of {@link #count}. */
  private static Cumulative sums(long ticks) {
    return new Cumulative(BigInteger.valueOf(ticks * 100), BigInteger.valueOf(ticks * 1000));
  }

  /** File 0 holds days 10 and 11 of A and B, file 1 ticks of A in days 11 and 12. */
  private static List<FileScan> scans() {
    FileScan f0 = new FileScan(0, 0, "f0", TRUEFX);
    f0.addSegment(0, 100, DAY10, DAY10 + 3);
    f0.addSegment(100, 200, DAY10 + 23, DAY11);
    f0.addSegment(200, 300, DAY11 + 1, DAY11 + 1);
    f0.counts().add(count("A", DAY10, 4, 1004));
    f0.counts().add(count("A", DAY10 + 23, 1, 1005));
    f0.counts().add(count("A", DAY11, 3, 1103));
    f0.counts().add(count("B", DAY10 + 3, 2, 1002));
    FileScan f1 = new FileScan(1, 0, "f1", TRUEFX);
    f1.addSegment(0, 50, DAY11 + 5, DAY12 + 7);
    f1.counts().add(count("A", DAY11 + 5, 1, 1109));
    f1.counts().add(count("A", DAY12 + 7, 4, 1201));
    return List.of(f1, f0);
  }

  @Test
  void idsCountEarlierChunksAndTheTickBeforeIsTheLatestOfThePreviousChunk() {
    List<ChunkTask> tasks = PlanChunks.plan(scans(), 100, Map.of());
    assertEquals(2, tasks.size(), "day 10 of A and B; days 11 and 12 of A");
    ChunkTask.Chunk c10 = tasks.get(0).chunks().get(0);
    assertEquals(new ChunkTask.SymbolStart(0, 5, NumberedTicks.NO_PREVIOUS, sums(0), 0, 13), c10.symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(0, 2, NumberedTicks.NO_PREVIOUS, sums(0), 0, 2), c10.symbols().get("B"));
    assertEquals(List.of(0L, 100L), c10.ranges().stream().map(ChunkTask.Range::start).toList(), "file 1 has no tick of day 10");
    List<ChunkTask.Chunk> a = tasks.get(1).chunks();
    assertEquals(List.of(DAY11, DAY12), a.stream().map(ChunkTask.Chunk::fromHour).toList());
    assertEquals(List.of(DAY12, DAY12 + 24), a.stream().map(ChunkTask.Chunk::toHour).toList());
    assertEquals(new ChunkTask.SymbolStart(5, 4, 1005, sums(5), 0, 13), a.get(0).symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(9, 4, 1109, sums(9), 0, 13), a.get(1).symbols().get("A"));
    assertEquals(
        List.of("f0@100", "f0@200", "f1@0"),
        a.get(0).ranges().stream().map(r -> r.source() + "@" + r.start()).toList(),
        "in file order");
    assertEquals(List.of("f1@0"), a.get(1).ranges().stream().map(r -> r.source() + "@" + r.start()).toList());
  }

  @Test
  void aSymbolOfAnEarlierRunGoesOnFromItsNextIdAndLastTick() {
    List<ChunkTask> tasks = PlanChunks.plan(scans(), 100, Map.of("A", new Carried.SymbolState(50, 900, sums(50))));
    ChunkTask.Chunk c10 = tasks.get(0).chunks().get(0);
    assertEquals(new ChunkTask.SymbolStart(50, 5, 900, sums(50), 50, 63), c10.symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(0, 2, NumberedTicks.NO_PREVIOUS, sums(0), 0, 2), c10.symbols().get("B"));
    assertEquals(new ChunkTask.SymbolStart(59, 4, 1109, sums(59), 50, 63), tasks.get(1).chunks().get(1).symbols().get("A"));
  }

  @Test
  void aSmallBudgetSplitsSymbolsAndDays() {
    List<ChunkTask> tasks = PlanChunks.plan(scans(), 5, Map.of());
    assertEquals(
        List.of("240-264[A]", "240-264[B]", "264-288[A]", "288-312[A]"),
        tasks.stream().map(PlanChunksTest::describe).toList());
  }

  @Test
  void aDayWithMoreTicksOfASymbolThanATaskHoldsIsCutIntoRunsOfHours() {
    FileScan f = new FileScan(0, 0, "f", TRUEFX);
    f.addSegment(0, 100, DAY10, DAY10 + 1);
    f.addSegment(100, 200, DAY10 + 1, DAY10 + 3);
    f.addSegment(200, 300, DAY10 + 10, DAY10 + 11);
    f.counts().add(count("A", DAY10, 3, 1));
    f.counts().add(count("A", DAY10 + 1, 3, 2));
    f.counts().add(count("B", DAY10 + 1, 1, 3));
    f.counts().add(count("A", DAY10 + 3, 3, 4));
    f.counts().add(count("A", DAY10 + 10, 10, 5));
    f.counts().add(count("A", DAY10 + 11, 1, 6));
    List<ChunkTask> tasks = PlanChunks.plan(List.of(f), 6, Map.of());
    // Hours 0-1 hold 6 of A; hour 3 would make 9; hour 10 alone holds 10, more than a task.
    assertEquals(
        List.of("240-243[A]", "240-243[B]", "243-250[A]", "250-251[A]", "251-264[A]"),
        tasks.stream().map(PlanChunksTest::describe).toList());
    assertEquals(new ChunkTask.SymbolStart(6, 3, 2, sums(6), 0, 20), tasks.get(2).chunks().get(0).symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(9, 10, 4, sums(9), 0, 20), tasks.get(3).chunks().get(0).symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(19, 1, 5, sums(19), 0, 20), tasks.get(4).chunks().get(0).symbols().get("A"));
    assertEquals(
        List.of(List.of(0L, 100L), List.of(0L, 100L), List.of(100L), List.of(200L), List.of(200L)),
        tasks.stream().map(t -> t.chunks().get(0).ranges().stream().map(ChunkTask.Range::start).toList()).toList(),
        "the segments whose hours meet the chunk's");
    assertEquals("1970-01-11", OutputLayout.chunk(DAY10));
    assertEquals("1970-01-11T03", OutputLayout.chunk(DAY10 + 3));
  }

  /** A task as its chunks' {@code from-to[symbols]}. */
  private static String describe(ChunkTask t) {
    String all = t.chunks().stream().map(c -> c.fromHour() + "-" + c.toHour() + c.symbols().keySet()).toList().toString();
    return all.substring(1, all.length() - 1);
  }

  @Test
  void adjacentSegmentsOfTheSameHoursJoin() {
    FileScan f = new FileScan(0, 0, "f", TRUEFX);
    f.addSegment(0, 10, 3, 3);
    f.addSegment(10, 20, 3, 3);
    f.addSegment(20, 30, 3, 4);
    assertEquals(
        List.of(new FileScan.Segment(0, 20, 3, 3), new FileScan.Segment(20, 30, 3, 4)), f.segments());
  }
}
