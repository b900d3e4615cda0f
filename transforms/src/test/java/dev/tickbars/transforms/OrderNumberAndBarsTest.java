package dev.tickbars.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OrderTicks, NumberTicks, TimeBars and TickBars together on the DirectRunner (with its
 * immutability and encodability checks): blocks of one-minute chunks given out of time order, a
 * chunk in two blocks with a tie between them, a late arrival inside a block, and bars that span
 * chunks.
 */
@ExtendWith(TestPipelineExtension.class)
class OrderNumberAndBarsTest {
  private static final long S = 1_000_000_000L;
  private static final Chunking MINUTES = Chunking.of(Duration.standardMinutes(1));

  /** Spread sum of minute 0's run, added tick by tick as a bar's runs are. */
  private static final double MINUTE_0 = 0 + (1.1 - 1.0) + (1.2 - 1.1) + (1.2 - 1.0);

  private final transient TestPipeline pipeline = TestPipeline.create();

  /** Ticks of X: minute 0 has ids 0-2, minute 1 ids 3-5 (a tie at 70 s), minute 3 id 6. */
  private PCollection<NumberedTicks> numbered() {
    return numbered(OrderTicks.create());
  }

  private PCollection<NumberedTicks> numbered(OrderTicks order) {
    Create.TimestampedValues<KV<KV<String, Long>, TickBlock>> blocks =
        Create.timestamped(
                chunk(3, Ticks.of("X").at(200 * S, 9, 1.5, 1.6).block()),
                chunk(1, Ticks.of("X").at(70 * S, 7, 1.3, 1.4).at(61 * S, 8, 1.2, 1.3).block()),
                chunk(0, Ticks.of("X").at(1 * S, 1, 1.0, 1.1).at(2 * S, 2, 1.1, 1.2).at(3 * S, 3, 1.0, 1.2).block()),
                chunk(1, Ticks.of("X").at(70 * S, 4, 1.4, 1.5).block()))
            .withCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), TickBlockCoder.of()));
    return pipeline.apply(blocks).apply(order).apply(NumberTicks.create());
  }

  private static org.apache.beam.sdk.values.TimestampedValue<KV<KV<String, Long>, TickBlock>> chunk(
      long minute, TickBlock block) {
    return org.apache.beam.sdk.values.TimestampedValue.of(KV.of(KV.of("X", minute), block), MINUTES.start(minute));
  }

  @Test
  void ticksAreNumberedInTimeThenInputOrderWhateverTheArrivalOrder() {
    PAssert.that(numbered())
        .satisfies(
            blocks -> {
              List<NumberedTicks> sorted = new ArrayList<>();
              blocks.forEach(sorted::add);
              sorted.sort(Comparator.comparingLong(NumberedTicks::firstTickId));
              assertEquals(List.of(0L, 3L, 6L), sorted.stream().map(NumberedTicks::firstTickId).toList());
              assertEquals(NumberedTicks.NO_PREVIOUS, sorted.get(0).previousTickNs());
              assertEquals(3 * S, sorted.get(1).previousTickNs());
              TickBlock m1 = sorted.get(1).ticks();
              assertEquals(List.of(61 * S, 70 * S, 70 * S), List.of(m1.timeNs(0), m1.timeNs(1), m1.timeNs(2)));
              assertEquals(1.4, m1.bid(1), "line 4 before line 7 at the same time");
              assertEquals(70 * S, sorted.get(2).previousTickNs());
              return null;
            });
    pipeline.run();
  }

  @Test
  void timeBarsSpanningChunksAreCombinedAndInsideOnesFinishedInPlace() {
    PCollection<Bar> bars = numbered().apply(TimeBars.of(Frame.parse("2m"), PriceBasis.BID, 60 * S, MINUTES));
    PAssert.that(bars)
        .containsInAnyOrder(
            new Bar("X", "2m", 0, 120 * S, 1.0, 1.4, 1.0, 1.3, 1.0, 1.1, 1.3, 1.4,
                (0 + MINUTE_0 + (0 + (1.3 - 1.2) + (1.5 - 1.4) + (1.4 - 1.3))) / 6, 6, 6, 0, 5, 0),
            new Bar("X", "2m", 120 * S, 240 * S, 1.5, 1.5, 1.5, 1.5, 1.5, 1.6, 1.5, 1.6, 0 + (0 + (1.6 - 1.5)), 1, 1, 6, 6, 1));
    pipeline.run();
  }

  @Test
  void piecesOfTwoTicksGiveTheSameBars() {
    PCollection<NumberedTicks> pieces = numbered(OrderTicks.withPieces(2));
    PAssert.that(pieces.apply("Time", TimeBars.of(Frame.parse("2m"), PriceBasis.BID, 60 * S, MINUTES)))
        .containsInAnyOrder(
            new Bar("X", "2m", 0, 120 * S, 1.0, 1.4, 1.0, 1.3, 1.0, 1.1, 1.3, 1.4,
                (0 + (0 + (1.1 - 1.0) + (1.2 - 1.1)) + (0 + (1.2 - 1.0)) + (0 + (1.3 - 1.2) + (1.5 - 1.4))
                        + (0 + (1.4 - 1.3))) / 6, 6, 6, 0, 5, 0),
            new Bar("X", "2m", 120 * S, 240 * S, 1.5, 1.5, 1.5, 1.5, 1.5, 1.6, 1.5, 1.6, 0 + (0 + (1.6 - 1.5)), 1, 1, 6, 6, 1));
    PAssert.that(pieces.apply("Ticks", TickBars.of(Frame.parse("3t"), PriceBasis.BID, 60 * S)))
        .containsInAnyOrder(
            new Bar("X", "3t", 1 * S, 3 * S, 1.0, 1.1, 1.0, 1.0, 1.0, 1.1, 1.0, 1.2,
                (0 + (0 + (1.1 - 1.0) + (1.2 - 1.1)) + (0 + (1.2 - 1.0))) / 3, 3, 3, 0, 2, 0),
            new Bar("X", "3t", 61 * S, 70 * S, 1.2, 1.4, 1.2, 1.3, 1.2, 1.3, 1.3, 1.4,
                (0 + (0 + (1.3 - 1.2) + (1.5 - 1.4)) + (0 + (1.4 - 1.3))) / 3, 3, 3, 3, 5, 0),
            new Bar("X", "3t", 200 * S, 200 * S, 1.5, 1.5, 1.5, 1.5, 1.5, 1.6, 1.5, 1.6, 0 + (0 + (1.6 - 1.5)), 1, 1, 6, 6, 1));
    pipeline.run();
  }

  @Test
  void tickBarsSpanningChunksAndTheLastPartialBar() {
    PCollection<Bar> bars = numbered().apply(TickBars.of(Frame.parse("4t"), PriceBasis.BID, 60 * S));
    PAssert.that(bars)
        .containsInAnyOrder(
            new Bar("X", "4t", 1 * S, 61 * S, 1.0, 1.2, 1.0, 1.2, 1.0, 1.1, 1.2, 1.3,
                (0 + MINUTE_0 + (0 + (1.3 - 1.2))) / 4, 4, 4, 0, 3, 0),
            new Bar("X", "4t", 70 * S, 200 * S, 1.4, 1.5, 1.3, 1.5, 1.4, 1.5, 1.5, 1.6,
                (0 + (0 + (1.5 - 1.4) + (1.4 - 1.3)) + (0 + (1.6 - 1.5))) / 3, 3, 3, 4, 6, 0));
    pipeline.run();
  }
}
