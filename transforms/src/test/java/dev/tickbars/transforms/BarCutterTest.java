package dev.tickbars.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * BarCutter on its own, and with JoinPartialBars on the DirectRunner (its immutability and
 * encodability checks on): a symbol's ticks cut a chunk at a time, partials joined, must give the
 * bars of the same ticks cut whole.
 */
@ExtendWith(TestPipelineExtension.class)
class BarCutterTest {
  private static final long S = 1_000_000_000L;
  private static final Chunking MINUTES = Chunking.of(Duration.standardMinutes(1));
  private static final Chunking ALL_AT_ONCE = Chunking.of(Duration.standardDays(100_000));

  private final transient TestPipeline pipeline = TestPipeline.create();

  /** The cut of {@code ticks}: whole bars, and partials by bar. */
  private static final class Cut implements BarCutter.Receiver {
    final BarCutter cutter;
    final List<Bar> whole = new ArrayList<>();
    final List<KV<KV<String, String>, KV<Long, BarAccumulator>>> partials = new ArrayList<>();

    Cut(BarCutter cutter) {
      this.cutter = cutter;
    }

    @Override
    public void whole(Bar bar) {
      whole.add(bar);
    }

    @Override
    public void partial(BarAccumulator part) {
      partials.add(KV.of(KV.of(cutter.frame().name(), "X"), KV.of(cutter.barOf(part), part)));
    }
  }

  private static Cut cut(String frame, Chunking chunking, NumberedTicks ticks, long symbolTicks) {
    Cut c = new Cut(BarCutter.of(Frame.parse(frame), PriceBasis.MID, 60 * S, chunking));
    c.cutter.cut(ticks, symbolTicks, c);
    return c;
  }

  @Test
  void tickBarsInsideTheChunkAreWholeAndTheSymbolsLastBarEndsWithItsTicks() {
    Ticks t = Ticks.of("X");
    for (int i = 0; i < 5; i++) {
      t.at((10 + i) * S, i, 1.0, 1.1);
    }
    // Ids 6..10 of a symbol of 11 ticks: bar 1 (ids 4..7) began in an earlier chunk; bar 2
    // (8..10) is the last bar, whole here.
    Cut c = cut("4t", ALL_AT_ONCE, new NumberedTicks(t.block(), 6, 9 * S), 11);
    assertEquals(1, c.whole.size());
    assertEquals(8, c.whole.get(0).tickFirstId());
    assertEquals(10, c.whole.get(0).tickLastId());
    assertEquals(1, c.partials.size());
    assertEquals(1L, c.partials.get(0).getValue().getKey());
    assertEquals(2, c.partials.get(0).getValue().getValue().count);
  }

  @Test
  void aWindowThatCrossesTheChunkEndIsAPartial() {
    // A 2-minute window crosses the end of every odd minute.
    NumberedTicks minute1 =
        new NumberedTicks(Ticks.of("X").at(61 * S, 1, 1.0, 1.1).at(119 * S, 2, 1.0, 1.1).block(), 0, NumberedTicks.NO_PREVIOUS);
    Cut c = cut("2m", MINUTES, minute1, 2);
    assertEquals(List.of(), c.whole);
    assertEquals(1, c.partials.size());
    assertEquals(0L, c.partials.get(0).getValue().getKey(), "the window of [0, 120 s) starts at 0 ms");
    Cut oneMinute = cut("1m", MINUTES, minute1, 2);
    assertEquals(1, oneMinute.whole.size());
    assertEquals(60 * S, oneMinute.whole.get(0).tOpenNs());
    assertEquals(120 * S, oneMinute.whole.get(0).tCloseNs());
  }

  @Test
  void chunksCutApartAndJoinedGiveTheBarsOfTheWholeRun() {
    // 600 ticks of X over 20 minutes, at random times with ties, a 3-minute gap, cut a minute at a
    // time; frames that divide a minute, do not, and span several.
    Random random = new Random(5);
    List<Long> times = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 600; i++) {
      long step = random.nextInt(4) == 0 ? 0 : random.nextInt(4000) * 1_000_000L + random.nextInt(1_000_000);
      t += step + (i == 300 ? 180 * S : 0);
      times.add(t);
    }
    Ticks all = Ticks.of("X");
    for (int i = 0; i < times.size(); i++) {
      double bid = 1.0 + random.nextInt(100) * 1e-4;
      all.at(times.get(i), i, bid, bid + random.nextInt(5) * 1e-4);
    }
    TickBlock block = all.block();
    List<String> frames = List.of("1m", "7s", "2m", "7t", "100t", "1000t");
    List<Bar> expected = new ArrayList<>();
    List<Bar> whole = new ArrayList<>();
    List<KV<KV<String, String>, KV<Long, BarAccumulator>>> partials = new ArrayList<>();
    Map<String, BarCutter> cutters = new java.util.LinkedHashMap<>();
    for (String frame : frames) {
      Cut entire = cut(frame, ALL_AT_ONCE, new NumberedTicks(block, 0, NumberedTicks.NO_PREVIOUS), block.size());
      expected.addAll(entire.whole);
      assertEquals(List.of(), entire.partials);
      cutters.put(frame, BarCutter.of(Frame.parse(frame), PriceBasis.MID, 60 * S, MINUTES));
      int from = 0;
      while (from < block.size()) {
        long minute = MINUTES.chunkOf(block.timeNs(from));
        int to = from;
        while (to < block.size() && MINUTES.chunkOf(block.timeNs(to)) == minute) {
          to++;
        }
        NumberedTicks chunk =
            new NumberedTicks(block.slice(from, to), from, from == 0 ? NumberedTicks.NO_PREVIOUS : block.timeNs(from - 1));
        Cut c = cut(frame, MINUTES, chunk, block.size());
        whole.addAll(c.whole);
        partials.addAll(c.partials);
        from = to;
      }
    }
    PCollection<List<Bar>> joined =
        pipeline
            .apply(Create.of(partials).withCoder(JoinPartialBars.inputCoder()))
            .apply(JoinPartialBars.with(cutters));
    PCollection<Bar> bars =
        org.apache.beam.sdk.values.PCollectionList.of(joined.apply("Unlist", Flatten.iterables()))
            .and(pipeline.apply("Whole", Create.of(whole).withCoder(BarCoder.of())))
            .apply(Flatten.pCollections());
    PAssert.that(bars)
        .satisfies(
            actual -> {
              List<Bar> got = new ArrayList<>();
              actual.forEach(got::add);
              assertEquals(expected.size(), got.size(), "bars");
              for (Bar e : expected) {
                Bar a = got.stream()
                    .filter(b -> b.frame().equals(e.frame()) && b.tOpenNs() == e.tOpenNs() && b.tickFirstId() == e.tickFirstId())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no bar like " + e));
                assertEquals(e, withSums(a, e), e.frame() + " bar at " + e.tOpenNs());
                assertEquals(e.spreadMean(), a.spreadMean(), 1e-12);
                assertEquals(e.vSum(), a.vSum(), 1e-9);
              }
              return null;
            });
    pipeline.run();
  }

  /** {@code a} with {@code e}'s floating sums, which may differ in the last bits by grouping. */
  private static Bar withSums(Bar a, Bar e) {
    return new Bar(a.symbol(), a.frame(), a.tOpenNs(), a.tCloseNs(), a.o(), a.h(), a.l(), a.c(), a.oBid(), a.oAsk(),
        a.cBid(), a.cAsk(), e.spreadMean(), a.nTicks(), e.vSum(), a.tickFirstId(), a.tickLastId(), a.gapFlag());
  }
}
