package dev.tickbars.transforms;

import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.coders.BarAccumulatorCoder;
import dev.tickbars.transforms.coders.CumulativeCoder;
import dev.tickbars.transforms.coders.TickBlockCoder;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.BarKey;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.FileTicks;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.TickBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The stateful DoFn of {@link NumberInEventTime}, per symbol: holds the symbol's ticks until the
 * frontier passes them, numbers them, and cuts and closes their bars.
 */
final class NumberTicksFn extends DoFn<KV<String, FileTicks>, KV<String, NumberedTicks>> {
  /** A symbol's numbering state. */
  static final class Numbering {
    long nextId;
    long lastNs = NumberedTicks.NO_PREVIOUS;
    /** The volume and value of the numbered ticks, kept where a frame is cut by them. */
    Cumulative sums = Cumulative.ZERO;
    /** Ticks before this time (ns) are numbered; a tick that comes later is late. */
    long frontierNs = Long.MIN_VALUE;
    /** When the frontier timer is set for (ms), or Long.MAX_VALUE. */
    long timerMs = Long.MAX_VALUE;
    /** Each frame's open bar, empty for none. */
    List<BarAccumulator> open = new ArrayList<>();
  }

  /** Encodes {@link Numbering}. */
  static final class NumberingCoder extends CustomCoder<Numbering> {
    private static final Coder<Long> LONG = BigEndianLongCoder.of();
    private static final Coder<List<BarAccumulator>> OPEN_BARS = ListCoder.of(BarAccumulatorCoder.of());

    @Override
    public void encode(Numbering p, OutputStream out) throws IOException {
      LONG.encode(p.nextId, out);
      LONG.encode(p.lastNs, out);
      LONG.encode(p.frontierNs, out);
      LONG.encode(p.timerMs, out);
      CumulativeCoder.of().encode(p.sums, out);
      OPEN_BARS.encode(p.open, out);
    }

    @Override
    public Numbering decode(InputStream in) throws IOException {
      Numbering p = new Numbering();
      p.nextId = LONG.decode(in);
      p.lastNs = LONG.decode(in);
      p.frontierNs = LONG.decode(in);
      p.timerMs = LONG.decode(in);
      p.sums = CumulativeCoder.of().decode(in);
      p.open = new ArrayList<>(OPEN_BARS.decode(in));
      return p;
    }
  }

  private static final long NANOS_PER_MILLI = 1_000_000L;

  @StateId("pending")
  private final StateSpec<BagState<TickBlock>> pendingSpec = StateSpecs.bag(TickBlockCoder.of());

  @StateId("numbering")
  private final StateSpec<ValueState<Numbering>> numberingSpec = StateSpecs.value(new NumberingCoder());

  /** The time of the symbol's end mark (ms): a frontier timer after it fires for the drain. */
  @StateId("endMark")
  private final StateSpec<ValueState<Long>> endMarkSpec = StateSpecs.value(BigEndianLongCoder.of());

  @TimerId("frontier")
  private final TimerSpec frontierSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @TimerId("end")
  private final TimerSpec endSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final Counter lateTicks = Metrics.counter(NumberInEventTime.class, "lateTicks");
  private final List<BarCutter> cutters;
  private final long stepMs;
  private final long latenessMs;
  private final Map<String, NumberInEventTime.Resumed> carried;
  private final boolean sumsAmounts;

  NumberTicksFn(List<BarCutter> cutters, Duration step, Duration allowedLateness, Map<String, NumberInEventTime.Resumed> carried) {
    this.cutters = cutters;
    this.stepMs = step.getMillis();
    this.latenessMs = allowedLateness.getMillis();
    this.carried = carried;
    this.sumsAmounts = cutters.stream().anyMatch(c -> c.frame().isAmountFrame());
  }

  @ProcessElement
  public void process(
      @Element KV<String, FileTicks> element,
      @Timestamp Instant timestamp,
      @StateId("pending") BagState<TickBlock> pending,
      @StateId("numbering") ValueState<Numbering> numbering,
      @StateId("endMark") ValueState<Long> endMark,
      @TimerId("frontier") Timer frontier,
      @TimerId("end") Timer end,
      MultiOutputReceiver out) {
    String symbol = element.getKey();
    FileTicks read = element.getValue();
    if (read.size() == 0) {
      // The mark may come before the symbol's last blocks: it is kept apart from the numbering.
      endMark.write(timestamp.getMillis());
      return;
    }
    Numbering p = numbering.read();
    if (p == null) {
      p = start(symbol);
      end.set(GlobalWindow.INSTANCE.maxTimestamp());
    }
    TickBlock kept = keepOnTime(symbol, read, p, out);
    if (kept.size() > 0) {
      pending.add(kept);
      long fireMs = stepEndMs(kept.earliestNs()) + latenessMs;
      if (fireMs < p.timerMs) {
        p.timerMs = fireMs;
        frontier.withOutputTimestamp(Instant.ofEpochMilli(Math.max(fireMs, timestamp.getMillis()))).set(Instant.ofEpochMilli(fireMs));
      }
    }
    numbering.write(p);
  }

  /** The ticks of {@code read} that are not behind the symbol's frontier; outputs the others as late. */
  private TickBlock keepOnTime(String symbol, FileTicks read, Numbering p, MultiOutputReceiver out) {
    TickBlock ticks = read.ticks;
    FileTicks.Builder late = new FileTicks.Builder(read.file, symbol);
    TickBlock.Builder keep = new TickBlock.Builder(symbol);
    for (int i = 0; i < ticks.size(); i++) {
      long t = ticks.timeNs(i);
      if (t < p.frontierNs || (p.lastNs != NumberedTicks.NO_PREVIOUS && t < p.lastNs)) {
        late.add(read, i);
      } else {
        keep.add(ticks, i);
      }
    }
    if (late.size() > 0) {
      lateTicks.inc(late.size());
      out.get(NumberInEventTime.LATE).output(KV.of(symbol, late.build()));
    }
    return keep.build();
  }

  @OnTimer("frontier")
  public void onFrontier(
      @Key String symbol,
      @Timestamp Instant fired,
      @StateId("pending") BagState<TickBlock> pending,
      @StateId("numbering") ValueState<Numbering> numbering,
      @StateId("endMark") ValueState<Long> endMark,
      @TimerId("frontier") Timer frontier,
      MultiOutputReceiver out) {
    Numbering p = numbering.read();
    long frontierNs = (fired.getMillis() - latenessMs) * NANOS_PER_MILLI;
    TickBlock.Builder ready = new TickBlock.Builder(symbol);
    TickBlock.Builder rest = new TickBlock.Builder(symbol);
    for (TickBlock b : pending.read()) {
      for (int i = 0; i < b.size(); i++) {
        long t = b.timeNs(i);
        TickBlock.Builder to = t < frontierNs ? ready : rest;
        to.add(b, i);
      }
    }
    pending.clear();
    if (ready.size() > 0) {
      number(symbol, TickBlock.sortedUnion(List.of(ready.build())), p, out);
    }
    p.frontierNs = Math.max(p.frontierNs, frontierNs);
    // A timer after the end mark fires because the watermark ran to the end: the mark comes
    // before the watermark passes its time, so it is here whenever that holds.
    Long endMs = endMark.read();
    closeBars(symbol, p, endMs != null && fired.getMillis() > endMs, out);
    p.timerMs = Long.MAX_VALUE;
    if (rest.size() > 0) {
      TickBlock waiting = rest.build();
      pending.add(waiting);
      p.timerMs = stepEndMs(waiting.earliestNs()) + latenessMs;
      frontier.set(Instant.ofEpochMilli(p.timerMs));
    }
    numbering.write(p);
  }

  @OnTimer("end")
  public void onEnd(@Key String symbol, @StateId("numbering") ValueState<Numbering> numbering, MultiOutputReceiver out) {
    Numbering p = numbering.read();
    for (int i = 0; i < cutters.size(); i++) {
      if (!p.open.get(i).isEmpty()) {
        out.get(NumberInEventTime.OPEN).output(KV.of(new BarKey(cutters.get(i).frame().name(), symbol), p.open.get(i)));
      }
    }
  }

  private Numbering start(String symbol) {
    Numbering p = new Numbering();
    NumberInEventTime.Resumed c = carried.get(symbol);
    if (c != null) {
      p.nextId = c.nextTickId();
      p.lastNs = c.lastTickNs();
      p.sums = c.sums();
    }
    for (BarCutter cutter : cutters) {
      BarAccumulator open = c == null ? null : c.openBars().get(cutter.frame().name());
      p.open.add(open == null ? new BarAccumulator() : open);
    }
    return p;
  }

  /** Numbers the sorted {@code ticks} after the symbol's earlier ones and cuts them into its bars. */
  private void number(String symbol, TickBlock ticks, Numbering p, MultiOutputReceiver out) {
    NumberedTicks numbered = new NumberedTicks(ticks, p.nextId, p.lastNs, p.sums);
    out.get(NumberInEventTime.SLICES).output(KV.of(symbol, numbered));
    for (int i = 0; i < cutters.size(); i++) {
      BarCutter cutter = cutters.get(i);
      int frame = i;
      // Ticks after these are later than all of them: only the first and last bar can go on.
      cutter.cut(
          numbered,
          BarCutter.Span.ALL,
          numbered.firstTickId(),
          numbered.firstTickId() + ticks.size(),
          new BarCutter.Receiver() {
            @Override
            public void whole(Bar bar) {
              out.get(NumberInEventTime.BARS).output(bar);
            }

            @Override
            public void partial(BarAccumulator part) {
              BarAccumulator open = p.open.get(frame);
              if (!open.isEmpty() && open.bar == part.bar) {
                open.merge(part);
              } else {
                if (!open.isEmpty()) {
                  out.get(NumberInEventTime.BARS).output(cutter.finish(symbol, open));
                }
                p.open.set(frame, part);
              }
            }
          });
    }
    p.nextId += ticks.size();
    p.lastNs = ticks.timeNs(ticks.size() - 1);
    if (sumsAmounts) {
      p.sums = p.sums.plus(ticks, cutters.get(0).basis());
    }
  }

  /**
   * Closes the open bars that can get no more ticks: a tick, volume or value bar that the numbered
   * ticks have passed the end of ({@link BarCutter#isFull}); a time bar whose window
   * ends before the frontier, unless the input is being drained and it holds the symbol's last
   * tick.
   */
  private void closeBars(String symbol, Numbering p, boolean drain, MultiOutputReceiver out) {
    for (int i = 0; i < cutters.size(); i++) {
      BarCutter cutter = cutters.get(i);
      BarAccumulator open = p.open.get(i);
      if (open.isEmpty()) {
        continue;
      }
      Bar bar = cutter.finish(symbol, open);
      boolean closed =
          !cutter.frame().isTimeFrame()
              ? cutter.isFull(open, p.nextId, p.sums)
              : bar.tCloseNs() <= p.frontierNs && !(open.lastNs == p.lastNs && drain);
      if (closed) {
        out.get(NumberInEventTime.BARS).output(bar);
        p.open.set(i, new BarAccumulator());
      }
    }
  }

  private long stepEndMs(long timeNs) {
    long ms = Math.floorDiv(timeNs, NANOS_PER_MILLI);
    return Math.floorDiv(ms, stepMs) * stepMs + stepMs;
  }
}
