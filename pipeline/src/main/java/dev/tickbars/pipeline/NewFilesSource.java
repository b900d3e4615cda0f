package dev.tickbars.pipeline;

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
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The complete new files of a watched input, as an unbounded source: every {@code poll} it lists
 * the input and emits the files it has not emitted and the ledger does not hold, each stamped
 * with its first tick's time less {@code maxOutOfOrder}; its watermark is the latest file's last
 * tick less that. Once the stop file exists it lists one last time, emits what it found, and its
 * watermark goes to the end of time, so the job drains and ends. (A source rather than {@code
 * Watch.growthOf}: on the Flink runner a pipeline rooted in an impulse either stops its
 * processing-time timers when the impulse ends, or never ends.)
 */
final class NewFilesSource extends UnboundedSource<InputFile, NewFilesSource.Mark> {
  /** What the source has emitted: the files' paths, the next rank, the watermark. */
  record Mark(TreeSet<String> emitted, int nextRank, long watermarkMs) implements CheckpointMark, Serializable {
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
  public UnboundedReader<InputFile> createReader(PipelineOptions options, Mark mark) {
    return new Reader(mark == null ? new Mark(new TreeSet<>(), firstRank, BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis()) : mark);
  }

  @Override
  public Coder<Mark> getCheckpointMarkCoder() {
    return SerializableCoder.of(Mark.class);
  }

  @Override
  public Coder<InputFile> getOutputCoder() {
    return SerializableCoder.of(InputFile.class);
  }

  private final class Reader extends UnboundedReader<InputFile> {
    private final TreeSet<String> emitted;
    private int nextRank;
    private long watermarkMs;
    private final Deque<TimestampedValue<InputFile>> ready = new ArrayDeque<>();
    private TimestampedValue<InputFile> current;
    private long lastPollMs;
    private boolean stopping;

    Reader(Mark mark) {
      this.emitted = new TreeSet<>(mark.emitted());
      this.nextRank = mark.nextRank();
      this.watermarkMs = mark.watermarkMs();
    }

    @Override
    public boolean start() throws IOException {
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      long now = System.currentTimeMillis();
      if (ready.isEmpty() && !stopping && now - lastPollMs >= poll.getMillis()) {
        lastPollMs = now;
        stopping = Files.exists(Paths.get(stop));
        list();
      }
      current = ready.poll();
      return current != null;
    }

    private void list() {
      for (InputFile f : InputFiles.plan(input, detector, true)) {
        if (known.contains(f.path()) || emitted.contains(f.path())) {
          continue;
        }
        InputFile ranked = new InputFile(f.path(), nextRank++, f.size(), f.layout());
        long[] span = TickSpan.of(ranked);
        emitted.add(f.path());
        if (span[0] > span[1]) {
          continue; // no tick: nothing to stamp it with, nothing to number
        }
        long ms = Math.max(watermarkMs, span[0] / 1_000_000L - maxOutOfOrder.getMillis());
        ready.add(TimestampedValue.of(ranked, new Instant(ms)));
        watermarkMs = Math.max(watermarkMs, span[1] / 1_000_000L - maxOutOfOrder.getMillis());
      }
    }

    @Override
    public InputFile getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current.getValue();
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current.getTimestamp();
    }

    @Override
    public Instant getWatermark() {
      return stopping && ready.isEmpty() ? BoundedWindow.TIMESTAMP_MAX_VALUE : new Instant(watermarkMs);
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return new Mark(new TreeSet<>(emitted), nextRank, watermarkMs);
    }

    @Override
    public UnboundedSource<InputFile, ?> getCurrentSource() {
      return NewFilesSource.this;
    }

    @Override
    public void close() {}
  }
}
