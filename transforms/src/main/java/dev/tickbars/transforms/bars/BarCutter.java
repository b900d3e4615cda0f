package dev.tickbars.transforms.bars;

import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.PriceBasis;
import dev.tickbars.transforms.values.TickBlock;
import java.io.Serializable;
import java.math.BigInteger;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Cuts one symbol's sorted, numbered ticks of one chunk (a span of event time) into the bars of a
 * frame (SPEC 4). A bar that lies wholly in the chunk is finished right there; the part of a bar
 * that continues in a neighbouring chunk is handed on as a partial, and {@link #finish} makes the
 * bar of a bar's merged partials. The symbol's first and last bar of a run are always partials:
 * an earlier run may have begun the first ({@code --append}), and a later run may continue the
 * last. Time bars are Beam {@link FixedWindows} of the frame's length, aligned to the epoch, open
 * and close being the window's bounds in nanoseconds; tick, volume and value bars are numbered by
 * {@link #barIndexes}, open and close being their first and last tick's times. Every part of a
 * bar carries the bar's index ({@link BarAccumulator#bar}), which joins the parts.
 */
public final class BarCutter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Receives the cut: finished bars and partials. */
  public interface Receiver {
    void whole(Bar bar);

    void partial(BarAccumulator part);
  }

  private final Frame frame;
  private final PriceBasis basis;
  private final long maxGapNs;
  private final FixedWindows windows;

  private BarCutter(Frame frame, PriceBasis basis, long maxGapNs) {
    this.frame = frame;
    this.basis = basis;
    this.maxGapNs = maxGapNs;
    this.windows = !frame.isTimeFrame() ? null : FixedWindows.of(Duration.millis(frame.millis()));
  }

  /** A cutter of {@code frame}'s bars from ticks sorted and numbered a chunk at a time. */
  public static BarCutter of(Frame frame, PriceBasis basis, long maxGapNs) {
    return new BarCutter(frame, basis, maxGapNs);
  }

  public Frame frame() {
    return frame;
  }

  public PriceBasis basis() {
    return basis;
  }

  /**
   * Cuts {@code ticks}, all of its symbol's ticks in their chunk, the event time {@code
   * [chunk.startNs, chunk.endNs)}; the symbol's ticks of this run have the ids {@code [runFirstId,
   * runEndId)}.
   */
  public void cut(NumberedTicks ticks, Span chunk, long runFirstId, long runEndId, Receiver out) {
    long firstId = ticks.firstTickId();
    boolean opensRun = firstId == runFirstId;
    boolean closesRun = firstId + ticks.ticks().size() == runEndId;
    if (frame.isTimeFrame()) {
      cutWindows(ticks, chunk, opensRun, closesRun, out);
    } else {
      cutCounted(ticks, opensRun, closesRun, out);
    }
  }

  /** Whether the bar of ticks {@code [from, to)} of a block of {@code size} is not a run's first or last. */
  private static boolean inside(int from, int to, int size, boolean opensRun, boolean closesRun) {
    return !(from == 0 && opensRun) && !(to == size && closesRun);
  }

  /**
   * The bar k of each tick of {@code block} in a tick, volume or value frame, and last, at {@code
   * block.ticks().size()}, the bar of a tick that would follow them. Tick bar k holds the ticks
   * with {@code k*N <= tick_id < (k+1)*N}; volume (value) bar k those whose cumulative volume
   * (value) before them lies in {@code [k*N, (k+1)*N)} (SPEC 4), summed exactly in {@link
   * Cumulative} units from {@code block.before()}.
   */
  public long[] barIndexes(NumberedTicks block) {
    int size = block.ticks().size();
    long[] bars = new long[size + 1];
    if (frame.isTickFrame()) {
      long n = frame.ticksPerBar();
      for (int i = 0; i <= size; i++) {
        bars[i] = block.tickId(i) / n;
      }
      return bars;
    }
    long n = frame.unitsPerBar();
    boolean volume = frame.kind() == Frame.Kind.VOLUME;
    BigInteger[] start = (volume ? block.before().volume() : block.before().value())
        .divideAndRemainder(BigInteger.valueOf(n));
    long bar = start[0].longValueExact();
    long rest = start[1].longValue();
    TickBlock t = block.ticks();
    for (int i = 0; i < size; i++) {
      bars[i] = bar;
      // rest < n <= 2^62 and a tick's units < 2^62: the sum fits a long.
      rest += volume ? Cumulative.volumeUnits(t, i) : Cumulative.valueUnits(t, i, basis);
      if (rest >= n) {
        bar += rest / n;
        rest %= n;
      }
    }
    bars[size] = bar;
    return bars;
  }

  /** Tick, volume and value bars: a bar is whole when the block holds its first and last tick. */
  private void cutCounted(NumberedTicks block, boolean opensRun, boolean closesRun, Receiver out) {
    long[] bars = barIndexes(block);
    int size = block.ticks().size();
    // Whether the block's first tick opens its bar: the tick before is not in the block.
    boolean opensFirst = frame.isTickFrame() && block.firstTickId() % frame.ticksPerBar() == 0;
    int from = 0;
    while (from < size) {
      int to = from + 1;
      while (to < size && bars[to] == bars[from]) {
        to++;
      }
      BarAccumulator a = BarAccumulator.ofTicks(block, from, to, basis, maxGapNs);
      a.bar = bars[from];
      boolean holdsFirst = from > 0 || opensFirst;
      boolean holdsLast = bars[to] != bars[from];
      if (holdsFirst && holdsLast && inside(from, to, size, opensRun, closesRun)) {
        out.whole(finish(block.ticks().symbol(), a));
      } else {
        out.partial(a);
      }
      from = to;
    }
  }

  /**
   * Whether {@code open}, the symbol's last bar so far, can get no more ticks: the symbol's next
   * tick, numbered {@code nextId} after the sums {@code after}, falls in a later bar. For tick,
   * volume and value frames only: a time bar closes with event time.
   */
  public boolean isFull(BarAccumulator open, long nextId, Cumulative after) {
    long next = switch (frame.kind()) {
      case TICKS -> nextId / frame.ticksPerBar();
      case VOLUME -> after.volume().divide(BigInteger.valueOf(frame.unitsPerBar())).longValueExact();
      case VALUE -> after.value().divide(BigInteger.valueOf(frame.unitsPerBar())).longValueExact();
      case TIME -> throw new IllegalStateException(frame + " is a time frame");
    };
    return next > open.bar;
  }

  private void cutWindows(NumberedTicks block, Span chunk, boolean opensRun, boolean closesRun, Receiver out) {
    TickBlock t = block.ticks();
    int from = 0;
    while (from < t.size()) {
      IntervalWindow window = window(t.timeNs(from));
      long startNs = window.start().getMillis() * NANOS_PER_MILLI;
      long endNs = window.end().getMillis() * NANOS_PER_MILLI;
      int to = from + 1;
      while (to < t.size() && t.timeNs(to) < endNs) {
        to++;
      }
      BarAccumulator a = BarAccumulator.ofTicks(block, from, to, basis, maxGapNs);
      a.bar = window.start().getMillis();
      if (chunk.startNs() <= startNs
          && endNs <= chunk.endNs()
          && inside(from, to, t.size(), opensRun, closesRun)) {
        out.whole(finish(t.symbol(), a));
      } else {
        out.partial(a);
      }
      from = to;
    }
  }

  /** A span of event time {@code [startNs, endNs)}, in UTC epoch nanoseconds. */
  public record Span(long startNs, long endNs) implements Serializable {
    /** All of time: for ticks that no other ticks continue but at the run's first and last bar. */
    public static final Span ALL = new Span(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The bar of {@code merged}, all partials of one bar merged. */
  public Bar finish(String symbol, BarAccumulator merged) {
    if (!frame.isTimeFrame()) {
      return merged.toBar(symbol, frame.name(), merged.firstNs, merged.lastNs);
    }
    IntervalWindow window = window(merged.firstNs);
    return merged.toBar(
        symbol,
        frame.name(),
        window.start().getMillis() * NANOS_PER_MILLI,
        window.end().getMillis() * NANOS_PER_MILLI);
  }

  private IntervalWindow window(long timeNs) {
    return windows.assignWindow(new Instant(Math.floorDiv(timeNs, NANOS_PER_MILLI)));
  }
}
