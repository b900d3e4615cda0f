package dev.tickbars.pipeline.watch;

import dev.tickbars.transforms.NumberInEventTime;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.joda.time.Instant;

/**
 * The input is being drained once the stop file exists. The file appears once, when the watch is
 * told to stop, and stays until the watch has ended, so a timer that runs again after a restore
 * can only find a stop that its first run did not: then the window of the symbol's last tick stays
 * open (and goes to {@code last.parquet}) where the first run closed it. That first run's bar was
 * never written: the bar writers have stable input, so they write only what a completed
 * checkpoint holds, and a checkpoint that held the bar holds the timer's state after it too.
 */
final class StopFileDrain implements NumberInEventTime.Draining {
  private final String stop;

  StopFileDrain(String stop) {
    this.stop = stop;
  }

  @Override
  public boolean at(Instant frontier) {
    return Files.exists(Paths.get(stop));
  }
}
