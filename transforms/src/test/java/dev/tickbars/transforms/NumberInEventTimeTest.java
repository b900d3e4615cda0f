package dev.tickbars.transforms;

import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.bars.Frame;
import dev.tickbars.transforms.coders.FileTicksCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.FileTicks;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.PriceBasis;
import dev.tickbars.transforms.values.TickBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event-time numbering with TestStream: on-time ticks, ticks within the allowed lateness, late
 * ticks, a watermark that jumps over empty minutes, an idle symbol whose windows still close, a
 * drain that leaves the last window open, decided by the end mark's time; and bars closed plus bars left open equal the bars of
 * the same ticks cut at once, with the same ids.
 */
@ExtendWith(TestPipelineExtension.class)
class NumberInEventTimeTest {
  private static final long S = 1_000_000_000L;
  /** 2025-07-07 12:00:00 UTC. */
  private static final Instant NOON = Instant.parse("2025-07-07T12:00:00Z");
  private static final List<String> FRAMES = List.of("1m", "3t");

  private final transient TestPipeline pipeline = TestPipeline.create();

  /** A tick of {@code symbol} at {@code seconds} after noon, from input line {@code line}. */
  private static TimestampedValue<KV<String, FileTicks>> tick(String symbol, double seconds, long line) {
    long ns = NOON.getMillis() * 1_000_000L + Math.round(seconds * S);
    double bid = 1.0 + line * 0.001;
    String text = "line " + line;
    FileTicks.Builder b = new FileTicks.Builder("ticks.csv", symbol);
    b.ticks().add(ns, TickBlock.position(0, line), bid, bid + 0.0002, Double.NaN, Double.NaN, Double.NaN, Double.NaN, (byte) 0);
    FileTicks read = b.line(line, text, text.length()).build();
    return TimestampedValue.of(KV.of(symbol, read), new Instant(ns / 1_000_000L));
  }

  private static Instant at(double seconds) {
    return NOON.plus(Duration.millis(Math.round(seconds * 1000)));
  }

  private static TestStream.Builder<KV<String, FileTicks>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), FileTicksCoder.of()));
  }

  private static List<BarCutter> cutters() {
    return FRAMES.stream().map(f -> BarCutter.of(Frame.parse(f), PriceBasis.MID, 60 * S)).toList();
  }

  private PCollectionTuple number(TestStream<KV<String, FileTicks>> ticks, Duration lateness) {
    return pipeline
        .apply(ticks)
        .apply(NumberInEventTime.of(cutters(), Duration.standardMinutes(1), lateness, Map.of()));
  }

  /** {@code symbol}'s end mark, stamped at {@code seconds} after noon. */
  private static TimestampedValue<KV<String, FileTicks>> endMark(String symbol, double seconds) {
    return TimestampedValue.of(NumberInEventTime.endMark(symbol), at(seconds));
  }

  /** The closed bars as "SYMBOL frame ids first-last". */
  private static PCollection<String> bars(PCollectionTuple out) {
    return out.get(NumberInEventTime.BARS)
        .apply("DescribeBars", MapElements.into(TypeDescriptors.strings())
            .via(b -> b.symbol() + " " + b.frame() + " ids " + b.tickFirstId() + "-" + b.tickLastId()));
  }

  /** The bars left open at the end, described the same way. */
  private static PCollection<String> open(PCollectionTuple out) {
    return out.get(NumberInEventTime.OPEN)
        .apply("DescribeOpen", MapElements.into(TypeDescriptors.strings())
            .via(kv -> kv.getKey().symbol() + " " + kv.getKey().frame() + " ids " + kv.getValue().firstId + "-" + kv.getValue().lastId));
  }

  /** The late ticks as "SYMBOL line: text", from the lines they carry. */
  private static PCollection<String> late(PCollectionTuple out) {
    return out.get(NumberInEventTime.LATE)
        .apply("DescribeLate", FlatMapElements.into(TypeDescriptors.strings())
            .via(kv -> {
              List<String> lines = new ArrayList<>();
              for (int i = 0; i < kv.getValue().size(); i++) {
                lines.add(kv.getKey() + " " + kv.getValue().line(i) + ": " + kv.getValue().text(i));
              }
              return lines;
            }));
  }

  @Test
  void onTimeTicksAreNumberedAndTheirBarsClosedWhenTheWatermarkPasses() {
    PCollectionTuple out =
        number(
            stream()
                .addElements(tick("A", 10, 1), tick("A", 50, 2), tick("A", 65, 3))
                .advanceWatermarkTo(at(61))
                .addElements(tick("A", 90, 4))
                .advanceWatermarkToInfinity(),
            Duration.ZERO);
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-1", "A 1m ids 2-3", "A 3t ids 0-2");
    PAssert.that(open(out)).containsInAnyOrder("A 3t ids 3-3");
    PAssert.that(out.get(NumberInEventTime.LATE)).empty();
    pipeline.run();
  }

  @Test
  void aTickWithinTheAllowedLatenessTakesItsPlaceInTimeOrder() {
    PCollectionTuple out =
        number(
            stream()
                .addElements(tick("A", 10, 1), tick("A", 65, 2))
                .advanceWatermarkTo(at(70)) // past 12:01, not past 12:01 + 30 s
                .addElements(tick("A", 50, 3))
                .advanceWatermarkToInfinity(),
            Duration.standardSeconds(30));
    // Ids by time: 12:00:10 is 0, 12:00:50 (line 3) is 1, 12:01:05 is 2.
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-1", "A 1m ids 2-2", "A 3t ids 0-2");
    PAssert.that(late(out)).empty();
    pipeline.run();
  }

  @Test
  void aTickAfterTheAllowedLatenessIsLateAndCountsNowhere() {
    PCollectionTuple out =
        number(
            stream()
                .addElements(tick("A", 10, 1), tick("A", 65, 2))
                .advanceWatermarkTo(at(91)) // 12:01 + 30 s has passed: 12:00 is numbered
                .addElements(tick("A", 59, 3), tick("A", 70, 4))
                .advanceWatermarkToInfinity(),
            Duration.standardSeconds(30));
    PAssert.that(late(out)).containsInAnyOrder("A 3: line 3");
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-0", "A 1m ids 1-2", "A 3t ids 0-2");
    pipeline.run();
  }

  @Test
  void aWatermarkThatJumpsOverEmptyMinutesClosesOnlyMinutesWithTicks() {
    PCollectionTuple out =
        number(
            stream()
                .addElements(tick("A", 10, 1), tick("A", 310, 2), tick("A", 311, 3))
                .advanceWatermarkTo(at(600))
                .advanceWatermarkToInfinity(),
            Duration.ZERO);
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-0", "A 1m ids 1-2", "A 3t ids 0-2");
    PAssert.that(open(out)).empty();
    pipeline.run();
  }

  @Test
  void anIdleSymbolsWindowClosesWhileOthersTickAndADrainLeavesTheLastWindowOpen() {
    PCollectionTuple out =
        number(
            stream()
                .addElements(tick("A", 10, 1), tick("B", 20, 2), tick("B", 180, 3))
                .advanceWatermarkTo(at(240)) // A has been idle since 12:00:10
                .addElements(tick("B", 300, 4), tick("B", 301, 5))
                .addElements(endMark("A", 240), endMark("B", 240)) // the data moved the watermark to 12:04
                .advanceWatermarkToInfinity(), // the end of the input: a drain
            Duration.ZERO);
    // A's 12:00 closed at 12:04; B's 12:05, holding its last tick, stays open through the drain.
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-0", "B 1m ids 0-0", "B 1m ids 1-1", "B 3t ids 0-2");
    PAssert.that(open(out)).containsInAnyOrder("A 3t ids 0-0", "B 1m ids 2-3", "B 3t ids 3-3");
    pipeline.run();
  }

  @Test
  void theEndMarkDecidesByItsTimeNotByWhenItArrives() {
    PCollectionTuple out =
        number(
            stream()
                .addElements(tick("A", 10, 1), tick("B", 10, 2))
                // Both marks come before any timer runs: A's data had moved the watermark past
                // 12:01 before the stop, B's only to 12:00:30.
                .addElements(endMark("A", 120), endMark("B", 30))
                .advanceWatermarkToInfinity(),
            Duration.ZERO);
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-0");
    PAssert.that(open(out)).containsInAnyOrder("A 3t ids 0-0", "B 1m ids 0-0", "B 3t ids 0-0");
    pipeline.run();
  }

  /**
   * Why the time bars are cut here and not by {@code Window.into(FixedWindows)}: the watermark is
   * one for all symbols, and a second symbol's file, behind the first one's watermark, would be
   * late for every window. The numbering keeps a frontier per symbol and takes it whole.
   */
  @Test
  void aSymbolWhoseTicksComeBehindAnothersWatermarkIsNumberedWhereBeamsWindowsDropThem() {
    PCollection<KV<String, FileTicks>> blocks =
        pipeline.apply(
            stream()
                .addElements(tick("A", 10, 1), tick("A", 100, 2))
                .advanceWatermarkTo(at(95)) // A's file moved it to its last tick less 5 s
                .addElements(tick("B", 20, 3), tick("B", 50, 4)) // B's file, of the same minute
                .advanceWatermarkToInfinity());
    PCollectionTuple out =
        blocks.apply(NumberInEventTime.of(cutters(), Duration.standardMinutes(1), Duration.ZERO, Map.of()));
    PAssert.that(bars(out)).containsInAnyOrder("A 1m ids 0-0", "A 1m ids 1-1", "B 1m ids 0-1");
    PAssert.that(out.get(NumberInEventTime.LATE)).empty();

    PCollection<String> windowed =
        blocks
            .apply("WindowByMinute", Window.<KV<String, FileTicks>>into(FixedWindows.of(Duration.standardMinutes(1)))
                .withAllowedLateness(Duration.ZERO))
            .apply("CountPerSymbol", Count.perKey())
            .apply("DescribeCounts", MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + " " + kv.getValue()));
    PAssert.that(windowed).containsInAnyOrder("A 1", "A 1");
    pipeline.run();
  }

  @Test
  void closedAndOpenBarsOfTicksStreamedOutOfOrderAreTheBarsOfTheTicksCutAtOnce() {
    Random random = new Random(3);
    List<TimestampedValue<KV<String, FileTicks>>> ticks = new ArrayList<>();
    double t = 0;
    for (int line = 1; line <= 400; line++) {
      t += random.nextInt(4) == 0 ? 0 : random.nextDouble() * 4 + (line == 200 ? 300 : 0);
      ticks.add(tick(random.nextBoolean() ? "A" : "B", t, line));
    }
    // Out of order within 5 s, the watermark 5 s behind the latest tick.
    List<TimestampedValue<KV<String, FileTicks>>> shuffled = new ArrayList<>(ticks);
    shuffled.sort(Comparator.comparingDouble(v -> v.getTimestamp().getMillis() + random.nextDouble() * 5000));
    TestStream.Builder<KV<String, FileTicks>> stream = stream();
    long latest = Long.MIN_VALUE;
    for (TimestampedValue<KV<String, FileTicks>> v : shuffled) {
      stream = stream.addElements(v);
      latest = Math.max(latest, v.getTimestamp().getMillis());
      stream = stream.advanceWatermarkTo(new Instant(latest - 5000));
    }
    PCollectionTuple out = number(stream.advanceWatermarkToInfinity(), Duration.standardSeconds(6));

    List<String> expected = new ArrayList<>();
    for (String symbol : List.of("A", "B")) {
      TickBlock.Builder all = new TickBlock.Builder(symbol);
      ticks.stream().filter(v -> v.getValue().getKey().equals(symbol)).forEach(v -> all.addAll(v.getValue().getValue().ticks));
      NumberedTicks numbered = new NumberedTicks(TickBlock.sortedUnion(List.of(all.build())), 0, NumberedTicks.NO_PREVIOUS, Cumulative.ZERO);
      for (BarCutter cutter : cutters()) {
        List<Bar> bars = new ArrayList<>();
        cutter.cut(numbered, BarCutter.Span.ALL, -1, Long.MAX_VALUE, new BarCutter.Receiver() {
          @Override
          public void whole(Bar bar) {
            bars.add(bar);
          }

          @Override
          public void partial(BarAccumulator part) {
            bars.add(cutter.finish(symbol, part));
          }
        });
        bars.forEach(b -> expected.add(b.toString()));
      }
    }
    List<BarCutter> cutters = cutters();
    PCollection<String> openBars =
        out.get(NumberInEventTime.OPEN)
            .apply("FinishOpen", MapElements.into(TypeDescriptors.strings())
                .via(kv -> cutters.stream().filter(c -> c.frame().name().equals(kv.getKey().frame())).findFirst()
                    .orElseThrow().finish(kv.getKey().symbol(), kv.getValue()).toString()));
    PCollection<String> closed =
        out.get(NumberInEventTime.BARS).apply("Show", MapElements.into(TypeDescriptors.strings()).via(Bar::toString));
    PAssert.that(org.apache.beam.sdk.values.PCollectionList.of(closed).and(openBars)
            .apply(org.apache.beam.sdk.transforms.Flatten.pCollections()))
        .containsInAnyOrder(expected);
    PAssert.that(late(out)).empty();
    pipeline.run();
  }
}
