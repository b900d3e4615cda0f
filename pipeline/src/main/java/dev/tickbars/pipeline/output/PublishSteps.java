package dev.tickbars.pipeline.output;

/**
 * Counts the steps of a publish; for the tests that kill a publish at each step, {@code
 * -Dtickbars.publishPauseAt=N} stops the process before step N and says so on stderr.
 */
final class PublishSteps {
  static final String PAUSE_AT = "tickbars.publishPauseAt";

  private final int pauseAt = Integer.getInteger(PAUSE_AT, -1);
  private int step;

  void next(String what) {
    if (step++ == pauseAt) {
      System.err.println("tickbars: paused before publish step " + pauseAt + ": " + what);
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
