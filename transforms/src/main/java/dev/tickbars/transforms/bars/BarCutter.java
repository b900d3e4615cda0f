package dev.tickbars.transforms.bars;

import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.PriceBasis;
import dev.tickbars.transforms.values.TickBlock;
import java.io.Serializable;
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
 * and close being the window's bounds in nanoseconds; tick bar k holds the ticks with {@code
 * k*N <= tick_id < (k+1)*N}, open and close being its first and last tick's times.
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
    this.windows = frame.isTickFrame() ? null : FixedWindows.of(Duration.millis(frame.millis()));
  }

  /** A cutter of {@code frame}'s bars from ticks sorted and numbered a chunk at a time. */
  public static BarCutter of(Frame frame, PriceBasis basis, long maxGapNs) {
    return new BarCutter(frame, basis, maxGapNs);
  }

  public Frame frame() {
    return frame;
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
    if (frame.isTickFrame()) {
      cutTickBars(ticks, opensRun, closesRun, out);
    } else {
      cutWindows(ticks, chunk, opensRun, closesRun, out);
    }
  }

  /** Whether the bar of ticks {@code [from, to)} of a block of {@code size} is not a run's first or last. */
  private static boolean inside(int from, int to, int size, boolean opensRun, boolean closesRun) {
    return !(from == 0 && opensRun) && !(to == size && closesRun);
  }

  private void cutTickBars(NumberedTicks block, boolean opensRun, boolean closesRun, Receiver out) {
    long n = frame.ticksPerBar();
    int size = block.ticks().size();
    long firstId = block.firstTickId();
    int from = 0;
    while (from < size) {
      long barFirstId = block.tickId(from) / n * n;
      long barEndId = barFirstId + n;
      int to = (int) Math.min(size, barEndId - firstId);
      BarAccumulator a = BarAccumulator.ofTicks(block, from, to, basis, maxGapNs);
      if (barFirstId >= firstId && barEndId <= firstId + size && inside(from, to, size, opensRun, closesRun)) {
        out.whole(finish(block.ticks().symbol(), a));
      } else {
        out.partial(a);
      }
      from = to;
    }
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

  /** Which bar a partial belongs to: its window's start in milliseconds, or its tick bar index. */
  public long barOf(BarAccumulator part) {
    return frame.isTickFrame()
        ? part.firstId / frame.ticksPerBar()
        : window(part.firstNs).start().getMillis();
  }

  /** The bar of {@code merged}, all partials of one bar merged. */
  public Bar finish(String symbol, BarAccumulator merged) {
    if (frame.isTickFrame()) {
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
