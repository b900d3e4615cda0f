package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.InputFiles;
import dev.tickbars.pipeline.input.TickSpan;
import dev.tickbars.transforms.parse.LayoutDetector;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The complete new files of a watched input, as an unbounded source: every {@code poll} it lists
 * the input and emits the files it has not emitted and the ledger does not hold, each stamped
 * with its first tick's time less {@code maxOutOfOrder} (a file without ticks, whose lines are
 * all rejects, with the watermark); its watermark is the latest emitted file's last tick less
 * that. Once the stop file exists it lists one last time, emits what it found and then the stop,
 * stamped with the watermark and naming every symbol read, and its watermark goes to the end of
 * time, so the job drains and ends. Its checkpoint holds the files emitted, not those listed and
 * still waiting, so a restore emits each file once, and the stop once. (A source rather than
 * {@code Watch.growthOf}: on the Flink runner a pipeline rooted in an impulse either stops its
 * processing-time timers when the impulse ends, or never ends.)
 */
final class NewFilesSource extends UnboundedSource<Arrival, NewFilesSource.Mark> {
  /** What the source has emitted: the files' paths, the next rank, the watermark, the symbols, the stop. */
  record Mark(TreeSet<String> emitted, int nextRank, long watermarkMs, TreeSet<String> symbols, boolean stopped)
      implements CheckpointMark, Serializable {
    @Override
    public void finalizeCheckpoint() {}
  }

  private final String input;
  private final LayoutDetector detector;
  private final TreeSet<String> known;
  private final int firstRank;
  private final Duration poll;
  private final Duration maxOutOfOrder;
  private final String stop;

  NewFilesSource(
      String input, LayoutDetector detector, Set<String> known, int firstRank, Duration poll, Duration maxOutOfOrder, String stop) {
    this.input = input;
    this.detector = detector;
    this.known = new TreeSet<>(known);
    this.firstRank = firstRank;
    this.poll = poll;
    this.maxOutOfOrder = maxOutOfOrder;
    this.stop = stop;
  }

  @Override
  public List<NewFilesSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<Arrival> createReader(PipelineOptions options, Mark mark) {
    return new Reader(
        mark == null
            ? new Mark(new TreeSet<>(), firstRank, BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis(), new TreeSet<>(), false)
            : mark);
  }

  @Override
  public Coder<Mark> getCheckpointMarkCoder() {
    return SerializableCoder.of(Mark.class);
  }

  @Override
  public Coder<Arrival> getOutputCoder() {
    return SerializableCoder.of(Arrival.class);
  }

  /** A listed file, its timestamp, its symbols, and the watermark once it is emitted. */
  private record Listed(InputFile file, Instant timestamp, Set<String> symbols, long watermarkMs) {}

  private final class Reader extends UnboundedReader<Arrival> {
    private final TreeSet<String> emitted;
    private int nextRank;
    private long watermarkMs;
    private final TreeSet<String> symbols;
    private boolean stopped;
    private final Deque<Listed> ready = new ArrayDeque<>();
    private Arrival current;
    private Instant currentTimestamp;
    private long lastPollMs;
    private boolean stopping;

    Reader(Mark mark) {
      this.emitted = new TreeSet<>(mark.emitted());
      this.nextRank = mark.nextRank();
      this.watermarkMs = mark.watermarkMs();
      this.symbols = new TreeSet<>(mark.symbols());
      this.stopped = mark.stopped();
    }

    @Override
    public boolean start() throws IOException {
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      current = null;
      if (stopped) {
        return false;
      }
      long now = System.currentTimeMillis();
      if (ready.isEmpty() && !stopping && now - lastPollMs >= poll.getMillis()) {
        lastPollMs = now;
        stopping = Files.exists(Paths.get(stop));
        list();
      }
      Listed next = ready.poll();
      if (next != null) {
        emitted.add(next.file().path());
        nextRank = next.file().rank() + 1;
        watermarkMs = next.watermarkMs();
        symbols.addAll(next.symbols());
        current = Arrival.of(next.file());
        currentTimestamp = next.timestamp();
      } else if (stopping) {
        // The stop's time is the last watermark the data moved: the numbering tells by it which
        // frontiers the data moved and which the end of the input did.
        stopped = true;
        current = Arrival.stop(symbols);
        currentTimestamp = new Instant(watermarkMs);
      }
      return current != null;
    }

    /** Ranks the new files after those emitted and queues them, with the watermark after each. */
    private void list() {
      int rank = nextRank;
      long watermark = watermarkMs;
      for (InputFile f : InputFiles.plan(input, detector, true).files()) {
        if (known.contains(f.path()) || emitted.contains(f.path())) {
          continue;
        }
        InputFile ranked = new InputFile(f.path(), rank++, f.size(), f.layout());
        TickSpan span = TickSpan.of(ranked);
        long ms = watermark;
        if (span.hasTicks()) {
          ms = Math.max(watermark, span.firstNs() / 1_000_000L - maxOutOfOrder.getMillis());
          watermark = Math.max(watermark, span.lastNs() / 1_000_000L - maxOutOfOrder.getMillis());
        }
        ready.add(new Listed(ranked, new Instant(ms), span.symbols(), watermark));
      }
    }

    @Override
    public Arrival getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public Instant getWatermark() {
      return stopped ? BoundedWindow.TIMESTAMP_MAX_VALUE : new Instant(watermarkMs);
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return new Mark(new TreeSet<>(emitted), nextRank, watermarkMs, new TreeSet<>(symbols), stopped);
    }

    @Override
    public UnboundedSource<Arrival, ?> getCurrentSource() {
      return NewFilesSource.this;
    }

    @Override
    public void close() {}
  }
}
