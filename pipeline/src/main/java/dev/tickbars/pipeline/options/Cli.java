package dev.tickbars.pipeline.options;

import dev.tickbars.pipeline.common.UsageException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line: Beam's {@code --name=value} flags, a {@code --config=job.json} file of the
 * same options that flags override, {@code --help}, and usage errors as one clear line.
 */
public final class Cli {

  private static final Pattern UNKNOWN = Pattern.compile("missing a property named '([^']+)'");
  private static final Pattern MISSING = Pattern.compile("Missing required value for \\[(--\\w+)");

  private Cli() {}

  public static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.startsWith("--help=")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The options of {@code args}, with those of the environment below them and those of {@code
   * --config} below both.
   */
  public static TickbarsOptions parse(String[] args) {
    return parse(OptionSources.layered(args, System.getenv()), true);
  }

  private static TickbarsOptions parse(OptionSources.Layered layered, boolean validate) {
    OptionSources.checkTypes(layered);
    register(TickbarsOptions.class);
    try {
      PipelineOptionsFactory.Builder b =
          PipelineOptionsFactory.fromArgs(
              RunnerDefaults.withS3Defaults(RunnerDefaults.withJobJar(
                  RunnerDefaults.withEmbeddedFlink(RunnerDefaults.withWatch(RunnerDefaults.withDirectRunner(layered.args()))))));
      TickbarsOptions options = (validate ? b.withValidation() : b).as(TickbarsOptions.class);
      S3Clients.install(options);
      return options;
    } catch (IllegalArgumentException e) {
      throw new UsageException(clean(e.getMessage()), e);
    }
  }

  /** The options of a subcommand's {@code args}; a bad one is a usage error told after {@code prefix}. */
  public static <T extends PipelineOptions> T parse(List<String> args, Class<T> options, String prefix) {
    register(options);
    try {
      return PipelineOptionsFactory.fromArgs(RunnerDefaults.withS3Defaults(args.toArray(new String[0]))).withValidation().as(options);
    } catch (IllegalArgumentException e) {
      throw new UsageException(prefix + clean(e.getMessage()), e);
    }
  }

  /**
   * Sets Beam's file systems up from a subcommand's {@code flags} ({@code --endpoint}, {@code
   * --awsRegion}, {@code --s3PathStyle}), for {@code location} in object storage; a bad flag is a
   * usage error told after {@code prefix}.
   */
  public static void useFileSystems(String location, List<String> flags, String prefix) {
    register(TickbarsOptions.class);
    try {
      useFileSystems(PipelineOptionsFactory.fromArgs(RunnerDefaults.withS3Defaults(flags.toArray(new String[0]), location)).create());
    } catch (IllegalArgumentException e) {
      throw new UsageException(prefix + clean(e.getMessage()), e);
    }
  }

  /** Sets Beam's file systems up from {@code options}, object storage through {@link S3Clients}. */
  public static void useFileSystems(PipelineOptions options) {
    S3Clients.install(options);
    FileSystems.setDefaultPipelineOptions(options);
  }

  /**
   * Registers {@code options} and the S3 file system's, whose flags ({@code --s3UploadBufferSizeBytes},
   * {@code --s3StorageClass}, ...) no registrar of Beam's announces.
   */
  private static void register(Class<? extends PipelineOptions> options) {
    PipelineOptionsFactory.register(options);
    PipelineOptionsFactory.register(S3Options.class);
  }

  /** Whether {@code args} ask for {@code --showConfig}. */
  public static boolean wantsConfig(String[] args) {
    return Arrays.asList(args).contains("--showConfig") || Arrays.asList(args).contains("--showConfig=true");
  }

  /** Prints each option's value, where it came from, and its default. */
  public static void printConfig(String[] args, PrintStream out) {
    OptionSources.Layered layered = OptionSources.layered(args, System.getenv());
    TickbarsOptions options = parse(layered, false);
    out.printf(Locale.ROOT, "%-18s %-34s %-28s %s%n", "option", "value", "from", "default");
    for (OptionDoc o : OptionDoc.all()) {
      Object value;
      try {
        value = o.getter().invoke(options);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      String from = layered.sources().getOrDefault(o.name(), o.required() && value == null ? "(required, not set)" : "default");
      out.printf(Locale.ROOT, "%-18s %-34s %-28s %s%n", o.name(), value, from, o.required() ? "(required)" : o.defaultValue());
    }
    for (String name : OptionSources.RUNNER_OPTIONS) {
      out.printf(Locale.ROOT, "%-18s %-34s %-28s %s%n", name, OptionSources.value(layered.args(), name),
          layered.sources().getOrDefault(name, "default"), name.equals("runner") ? "DirectRunner" : "-");
    }
  }

  private static String clean(String beamMessage) {
    String message = beamMessage == null ? "bad options" : beamMessage.strip();
    Matcher unknown = UNKNOWN.matcher(message);
    if (unknown.find()) {
      return "unknown option --" + unknown.group(1) + " (see --help)";
    }
    Matcher missing = MISSING.matcher(message);
    if (missing.find()) {
      return "missing required option " + missing.group(1);
    }
    return message.lines().findFirst().orElse(message);
  }

  public static void printHelp(PrintStream out) {
    out.println("Usage: java -jar tickbars.jar --input=FILES --output=DIR [options]");
    out.println();
    out.println("Turns tick CSV files into time bars, tick bars and tick slices in Parquet.");
    out.println("Options (--name=value). Each may also come from the environment, TICKBARS_<OPTION> in upper");
    out.println("snake case (TICKBARS_MAX_REJECT_RATIO=0.05), or from --config=job.json (the same names);");
    out.println("flags override the environment, which overrides the file. --showConfig prints each");
    out.println("option's value, where it came from and its default, and runs nothing.");
    for (OptionDoc o : OptionDoc.all()) {
      out.printf(Locale.ROOT, "  --%-16s %s%n", o.name(), o.description());
      out.printf(Locale.ROOT, "  %-18s %s%n", "", o.required() ? "(required)" : "default: " + o.defaultValue());
    }
    out.println("Runner options:");
    out.println("  --runner           DirectRunner (default, embedded) or FlinkRunner");
    out.println("  --flinkMaster      FlinkRunner: [local] (embedded, default) or host:port of a Flink cluster");
    out.println("  --parallelism      FlinkRunner: parallel tasks (default: the cores of this machine)");
    out.println("Other commands:");
    out.println("  inspect OUT        what an output folder holds; exit 1 unless it is one whole run");
    out.println("  repair OUT         completes a publish a kill interrupted (every run does it first)");
    out.println("  sample DIR TICKS [FILES] [SEED] [--defects]");
    out.println("                     writes generated TrueFX-layout ticks of three FX pairs to try tickbars on");
    out.println("  chart --bars=OUT/bars_1m --symbol=EURUSD [--from=2025-07-01] [--to=2025-07-02T12:00]");
    out.println("        [--panel=ticks|spread|volume] [--width=1400] [--height=800] --out=eurusd.png");
    out.println("                     a candlestick chart of a symbol's bars, as PNG");
    out.println("Exit codes: 0 done, 1 the job failed or --maxRejectRatio was exceeded, 2 usage error.");
  }
}
