package dev.tickbars.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * {@code --watch}: adds the new complete files of {@code --input} to the output every {@code
 * --pollInterval}, each time as an {@code --append} run (so the output always equals one batch
 * run over the files seen so far, and each step is published whole), until SIGTERM or SIGINT: the
 * run under way then finishes and publishes, and the watch ends with exit code 0. A restart with
 * the same options goes on from the output's ledger.
 */
final class Watcher {
  private final CountDownLatch stop = new CountDownLatch(1);

  private Watcher() {}

  /** Watches until told to stop; returns the exit code. */
  static int run(TickbarsOptions options, PrintStream out) throws InterruptedException {
    Watcher w = new Watcher();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> w.stop.countDown());
    }
    return w.watch(options, out);
  }

  private int watch(TickbarsOptions options, PrintStream out) throws InterruptedException {
    options.setAppend(true);
    long pollMillis = Math.round(options.getPollInterval() * 1000);
    out.println("tickbars: watching " + options.getInput() + " every " + options.getPollInterval() + " s (stop with Ctrl-C or SIGTERM)");
    while (stop.getCount() > 0) {
      Instant started = Instant.now();
      RunReport report = TickbarsJob.run(options);
      if (!report.plan().files().isEmpty()) {
        Summary.print(report, out);
      }
      long waitMillis = pollMillis - Duration.between(started, Instant.now()).toMillis();
      stop.await(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
    }
    out.println("tickbars: watch stopped; the output is complete up to the last run");
    return 0;
  }
}
