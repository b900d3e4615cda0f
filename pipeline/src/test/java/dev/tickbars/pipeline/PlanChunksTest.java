package dev.tickbars.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.transforms.NumberedTicks;
import dev.tickbars.transforms.parse.InputFormat;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.parse.LayoutDetector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanChunksTest {
  private static final Layout TRUEFX =
      new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null).detect("f", "");

  /** File 0 holds chunks 10 and 11 of A and B, file 1 ticks of A in chunks 11 and 12. */
  private static List<FileScan> scans() {
    FileScan f0 = new FileScan(0, 0, "f0", TRUEFX);
    f0.addSegment(0, 100, 10, 10);
    f0.addSegment(100, 200, 10, 11);
    f0.addSegment(200, 300, 11, 11);
    f0.counts().add(new FileScan.ChunkCount("A", 10, 5, 1005));
    f0.counts().add(new FileScan.ChunkCount("A", 11, 3, 1103));
    f0.counts().add(new FileScan.ChunkCount("B", 10, 2, 1002));
    FileScan f1 = new FileScan(1, 0, "f1", TRUEFX);
    f1.addSegment(0, 50, 11, 12);
    f1.counts().add(new FileScan.ChunkCount("A", 11, 1, 1109));
    f1.counts().add(new FileScan.ChunkCount("A", 12, 4, 1201));
    return List.of(f1, f0);
  }

  @Test
  void idsCountEarlierChunksAndTheTickBeforeIsTheLatestOfThePreviousChunk() {
    List<ChunkTask> tasks = PlanChunks.plan(scans(), 100, Map.of());
    assertEquals(2, tasks.size(), "chunk 10 of A and B; chunks 11 and 12 of A");
    ChunkTask.Chunk c10 = tasks.get(0).chunks().get(0);
    assertEquals(new ChunkTask.SymbolStart(0, 5, NumberedTicks.NO_PREVIOUS, 0, 13), c10.symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(0, 2, NumberedTicks.NO_PREVIOUS, 0, 2), c10.symbols().get("B"));
    assertEquals(List.of(0L, 100L), c10.ranges().stream().map(ChunkTask.Range::start).toList(), "file 1 has no tick of chunk 10");
    List<ChunkTask.Chunk> a = tasks.get(1).chunks();
    assertEquals(List.of(11L, 12L), a.stream().map(ChunkTask.Chunk::chunk).toList());
    assertEquals(new ChunkTask.SymbolStart(5, 4, 1005, 0, 13), a.get(0).symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(9, 4, 1109, 0, 13), a.get(1).symbols().get("A"));
    assertEquals(
        List.of("f0@100", "f0@200", "f1@0"),
        a.get(0).ranges().stream().map(r -> r.source() + "@" + r.start()).toList(),
        "in file order");
    assertEquals(List.of("f1@0"), a.get(1).ranges().stream().map(r -> r.source() + "@" + r.start()).toList());
  }

  @Test
  void aSymbolOfAnEarlierRunGoesOnFromItsNextIdAndLastTick() {
    List<ChunkTask> tasks = PlanChunks.plan(scans(), 100, Map.of("A", new Carried.SymbolState(50, 900)));
    ChunkTask.Chunk c10 = tasks.get(0).chunks().get(0);
    assertEquals(new ChunkTask.SymbolStart(50, 5, 900, 50, 63), c10.symbols().get("A"));
    assertEquals(new ChunkTask.SymbolStart(0, 2, NumberedTicks.NO_PREVIOUS, 0, 2), c10.symbols().get("B"));
    assertEquals(new ChunkTask.SymbolStart(59, 4, 1109, 50, 63), tasks.get(1).chunks().get(1).symbols().get("A"));
  }

  @Test
  void aSmallBudgetSplitsSymbolsAndDays() {
    List<ChunkTask> tasks = PlanChunks.plan(scans(), 5, Map.of());
    assertEquals(
        List.of("10[A]", "10[B]", "11[A]", "12[A]"),
        tasks.stream()
            .map(t -> t.chunks().stream().map(c -> c.chunk() + "" + c.symbols().keySet()).toList().toString())
            .map(s -> s.substring(1, s.length() - 1))
            .toList());
  }

  @Test
  void adjacentSegmentsOfTheSameChunksJoin() {
    FileScan f = new FileScan(0, 0, "f", TRUEFX);
    f.addSegment(0, 10, 3, 3);
    f.addSegment(10, 20, 3, 3);
    f.addSegment(20, 30, 3, 4);
    assertEquals(
        List.of(new FileScan.Segment(0, 20, 3, 3), new FileScan.Segment(20, 30, 3, 4)), f.segments());
  }
}
