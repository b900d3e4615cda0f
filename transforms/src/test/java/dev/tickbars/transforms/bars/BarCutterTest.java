package dev.tickbars.transforms.bars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.transforms.JoinPartialBars;
import dev.tickbars.transforms.TestPipelineExtension;
import dev.tickbars.transforms.Ticks;
import dev.tickbars.transforms.coders.BarCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.JoinedBars;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.PriceBasis;
import dev.tickbars.transforms.values.TickBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
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
  private static final long MINUTE = 60 * S;

  private final transient TestPipeline pipeline = TestPipeline.create();

  /** The cut of {@code ticks}: whole bars, and partials by bar. */
  private static final class Cut implements BarCutter.Receiver {
    final BarCutter cutter;
    final List<Bar> whole = new ArrayList<>();
    final List<KV<BarKey, BarAccumulator>> partials = new ArrayList<>();

    Cut(BarCutter cutter) {
      this.cutter = cutter;
    }

    @Override
    public void whole(Bar bar) {
      whole.add(bar);
    }

    @Override
    public void partial(BarAccumulator part) {
      partials.add(KV.of(new BarKey(cutter.frame().name(), "X"), part));
    }
  }

  /** The cut of {@code ticks}, the symbol's ticks of the run having the ids {@code [runFirst, runEnd)}. */
  private static Cut cut(String frame, BarCutter.Span chunk, NumberedTicks ticks, long runFirst, long runEnd) {
    Cut c = new Cut(BarCutter.of(Frame.parse(frame), PriceBasis.MID, 60 * S));
    c.cutter.cut(ticks, chunk, runFirst, runEnd, c);
    return c;
  }

  @Test
  void tickBarsInsideTheChunkAreWholeAndTheRunsLastBarIsAPartial() {
    Ticks t = Ticks.of("X");
    for (int i = 0; i < 10; i++) {
      t.at((10 + i) * S, i, 1.0, 1.1);
    }
    NumberedTicks ids6to15 = new NumberedTicks(t.block(), 6, 9 * S, Cumulative.ZERO);
    // Bar 1 (ids 4..7) began in an earlier chunk; bar 2 (8..11) is whole here; bar 3 (12..15) is
    // full, but the last of the run (ids 0..15): a later run may not continue it, but it is
    // joined all the same.
    Cut last = cut("4t", BarCutter.Span.ALL, ids6to15, 0, 16);
    assertEquals(List.of(8L), last.whole.stream().map(Bar::tickFirstId).toList());
    assertEquals(List.of(1L, 3L), last.partials.stream().map(p -> p.getValue().bar).toList());
    assertEquals(2, last.partials.get(0).getValue().count);
    assertEquals(4, last.partials.get(1).getValue().count);
    // Of a run that goes on (ids 0..29), bar 3 is whole; bar 4 (ids 16..19) is not here at all.
    Cut inside = cut("4t", BarCutter.Span.ALL, ids6to15, 0, 30);
    assertEquals(List.of(8L, 12L), inside.whole.stream().map(Bar::tickFirstId).toList());
    assertEquals(List.of(1L), inside.partials.stream().map(p -> p.getValue().bar).toList());
  }

  @Test
  void theRunsFirstWindowIsAPartialThoughTheChunkHoldsIt() {
    // An earlier run (--append) may have ticks in the minute the run's first tick falls in.
    NumberedTicks first =
        new NumberedTicks(Ticks.of("X").at(61 * S, 1, 1.0, 1.1).at(119 * S, 2, 1.0, 1.1).at(121 * S, 3, 1.0, 1.1).block(),
            40, 30 * S, Cumulative.ZERO);
    Cut c = cut("1m", BarCutter.Span.ALL, first, 40, 100);
    assertEquals(List.of(120 * S), c.whole.stream().map(Bar::tOpenNs).toList());
    assertEquals(List.of(60_000L), c.partials.stream().map(p -> p.getValue().bar).toList());
    assertEquals(2, c.partials.get(0).getValue().count);
    Cut notFirst = cut("1m", BarCutter.Span.ALL, first, 0, 100);
    assertEquals(List.of(60 * S, 120 * S), notFirst.whole.stream().map(Bar::tOpenNs).toList());
  }

  @Test
  void aWindowThatCrossesTheChunkEndIsAPartial() {
    // A 2-minute window crosses the end of every odd minute.
    NumberedTicks minute1 = new NumberedTicks(Ticks.of("X").at(61 * S, 1, 1.0, 1.1).at(119 * S, 2, 1.0, 1.1).block(), 5, 59 * S, Cumulative.ZERO);
    BarCutter.Span secondMinute = new BarCutter.Span(MINUTE, 2 * MINUTE);
    Cut c = cut("2m", secondMinute, minute1, 0, 10);
    assertEquals(List.of(), c.whole);
    assertEquals(1, c.partials.size());
    assertEquals(0L, c.partials.get(0).getValue().bar, "the window of [0, 120 s) starts at 0 ms");
    Cut oneMinute = cut("1m", secondMinute, minute1, 0, 10);
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
    List<String> frames = List.of("1m", "7s", "2m", "7t", "100t", "1000t", "7v", "300v", "9dv");
    List<Bar> expected = new ArrayList<>();
    List<Bar> whole = new ArrayList<>();
    List<KV<BarKey, BarAccumulator>> partials = new ArrayList<>();
    Map<String, BarCutter> cutters = new java.util.LinkedHashMap<>();
    for (String frame : frames) {
      Cut entire = cut(frame, BarCutter.Span.ALL, new NumberedTicks(block, 0, NumberedTicks.NO_PREVIOUS, Cumulative.ZERO), 0, block.size());
      expected.addAll(entire.whole);
      assertTrue(List.of(1, 2).contains(entire.partials.size()), "only the run's first and last bar");
      entire.partials.forEach(p -> expected.add(entire.cutter.finish("X", p.getValue())));
      cutters.put(frame, BarCutter.of(Frame.parse(frame), PriceBasis.MID, 60 * S));
      int from = 0;
      while (from < block.size()) {
        long minute = Math.floorDiv(block.timeNs(from), MINUTE);
        int to = from;
        while (to < block.size() && Math.floorDiv(block.timeNs(to), MINUTE) == minute) {
          to++;
        }
        NumberedTicks chunk =
            new NumberedTicks(
                block.slice(from, to),
                from,
                from == 0 ? NumberedTicks.NO_PREVIOUS : block.timeNs(from - 1),
                Cumulative.ZERO.plus(block.slice(0, from), PriceBasis.MID));
        Cut c = cut(frame, new BarCutter.Span(minute * MINUTE, (minute + 1) * MINUTE), chunk, 0, block.size());
        whole.addAll(c.whole);
        partials.addAll(c.partials);
        from = to;
      }
    }
    PCollection<JoinedBars> joined =
        pipeline
            .apply(Create.of(partials).withCoder(JoinPartialBars.inputCoder()))
            .apply(JoinPartialBars.with(cutters));
    PCollection<Bar> joinedBars =
        joined
            .apply("Bars", MapElements.into(new TypeDescriptor<List<Bar>>() {}).via(JoinedBars::bars))
            .setCoder(ListCoder.of(BarCoder.of()))
            .apply("Unlist", Flatten.iterables());
    PAssert.that(joined)
        .satisfies(
            joins -> {
              for (JoinedBars j : joins) {
                Bar last = j.lastBar();
                assertEquals(last, cutters.get(last.frame()).finish("X", j.last()), "the last bar's partials");
              }
              return null;
            });
    PCollection<Bar> bars =
        org.apache.beam.sdk.values.PCollectionList.of(joinedBars)
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
        a.cBid(), a.cAsk(), e.spreadMean(), a.nTicks(), e.vSum(), a.tickFirstId(), a.tickLastId(), e.vwap(), e.value(),
        a.gapFlag());
  }
}
