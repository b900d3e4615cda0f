package dev.tickbars.pipeline;

import dev.tickbars.pipeline.batch.TickbarsJob;
import dev.tickbars.pipeline.common.JobFailedException;
import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.options.Cli;
import dev.tickbars.pipeline.options.TickbarsOptions;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.report.HeapPeak;
import dev.tickbars.pipeline.report.RunReport;
import dev.tickbars.pipeline.report.Summary;
import dev.tickbars.pipeline.tools.Chart;
import dev.tickbars.pipeline.tools.Inspect;
import dev.tickbars.pipeline.tools.Repair;
import dev.tickbars.pipeline.tools.SampleTicks;
import dev.tickbars.pipeline.watch.WatchJob;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

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
    HeapPeak.start();
    if (List.of(args).contains("--quiet") || List.of(args).contains("--quiet=true")) {
      // Before any library logs: only errors (slf4j-simple reads this when its first logger is made).
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
    if (Cli.wantsHelp(args)) {
      Cli.printHelp(out);
      return 0;
    }
    try {
      if (args.length > 0 && args[0].equals("inspect")) {
        return Inspect.run(List.of(args).subList(1, args.length), out, err);
      }
      if (args.length > 0 && args[0].equals("sample")) {
        return SampleTicks.run(List.of(args).subList(1, args.length), out);
      }
      if (args.length > 0 && args[0].equals("repair")) {
        return Repair.run(List.of(args).subList(1, args.length), out);
      }
      if (args.length > 0 && args[0].equals("chart")) {
        return Chart.run(List.of(args).subList(1, args.length), out);
      }
      if (Cli.wantsConfig(args)) {
        Cli.printConfig(args, out);
        return 0;
      }
      return run(Cli.parse(args), out, err);
    } catch (UsageException e) {
      err.println("tickbars: " + e.getMessage());
      return 2;
    } catch (JobFailedException e) {
      err.println("tickbars: job failed: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("tickbars: " + e);
      return 1;
    }
  }

  /**
   * Runs the job of {@code options}, shows its progress on {@code err}, prints the summary on
   * {@code out}, and returns the exit code.
   */
  public static int run(TickbarsOptions options, PrintStream out, PrintStream err) {
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
    RunReport report = TickbarsJob.run(options, err);
    Summary.print(report, out);
    if (report.failure() != null) {
      err.println("tickbars: run failed: " + report.failure() + "; its rejects are in " + Storage.resolve(report.output(), OutputFolder.REJECTS)
          + ", the earlier bars are kept");
      return 1;
    }
    return 0;
  }
}
