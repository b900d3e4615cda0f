package dev.tickbars.pipeline;

import java.io.PrintStream;

/**
 * The tickbars command: {@code main} parses the options and calls {@link #run}; the exit code is
 * 0 on success, 1 when the job failed or the reject ratio was exceeded, 2 for a usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    if (Cli.wantsHelp(args)) {
      Cli.printHelp(out);
      return 0;
    }
    try {
      return run(Cli.parse(args), out);
    } catch (UsageException e) {
      err.println("tickbars: " + e.getMessage());
      return 2;
    } catch (JobFailedException e) {
      err.println("tickbars: job failed: " + e.getMessage());
      return 1;
    }
  }

  /** Runs the job of {@code options}, prints the summary, and returns the exit code. */
  public static int run(TickbarsOptions options, PrintStream out) {
    if (options.getWatch()) {
      try {
        return WatchJob.run(options, out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      } catch (java.io.IOException e) {
        throw new JobFailedException(JobFailedException.rootCause(e), e);
      }
    }
    RunReport report = TickbarsJob.run(options);
    Summary.print(report, out);
    return report.rejectRatioExceeded() ? 1 : 0;
  }
}
