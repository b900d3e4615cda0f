package dev.tickbars.pipeline.options;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.transforms.parse.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line: Beam's {@code --name=value} flags, a {@code --config=job.json} file of the
 * same options that flags override, {@code --help}, and usage errors as one clear line.
 */
public final class Cli {
  /** The embedded Flink's config.yaml, a resource of the jar (runners/). */
  static final String EMBEDDED_FLINK_CONFIG = "/tickbars-flink/config.yaml";
  /** The runner options --help lists, which the environment may give too. */
  private static final List<String> RUNNER_OPTIONS = List.of("runner", "flinkMaster", "parallelism");

  private static final Pattern UNKNOWN = Pattern.compile("missing a property named '([^']+)'");
  private static final Pattern MISSING = Pattern.compile("Missing required value for \\[(--\\w+)");
  /**
   * The DirectRunner checks every element for mutation and re-encodes it: right for tests (which
   * keep the checks), a copy of all data and half the speed for a production run.
   */
  private static final List<String> DIRECT_RUNNER_DEFAULTS =
      List.of("enforceImmutability=false", "enforceEncodability=false");

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
    return parse(layered(args, System.getenv()), true);
  }

  private static TickbarsOptions parse(Layered layered, boolean validate) {
    checkTypes(layered);
    PipelineOptionsFactory.register(TickbarsOptions.class);
    try {
      PipelineOptionsFactory.Builder b =
          PipelineOptionsFactory.fromArgs(
              withEmbeddedFlinkDefaults(withWatchDefaults(withDirectRunnerDefaults(layered.args()))));
      return (validate ? b.withValidation() : b).as(TickbarsOptions.class);
    } catch (IllegalArgumentException e) {
      throw new UsageException(clean(e.getMessage()), e);
    }
  }

  /** The options of a subcommand's {@code args}; a bad one is a usage error told after {@code prefix}. */
  public static <T extends PipelineOptions> T parse(List<String> args, Class<T> options, String prefix) {
    PipelineOptionsFactory.register(options);
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().as(options);
    } catch (IllegalArgumentException e) {
      throw new UsageException(prefix + clean(e.getMessage()), e);
    }
  }

  /** Whether {@code args} ask for {@code --showConfig}. */
  public static boolean wantsConfig(String[] args) {
    return Arrays.asList(args).contains("--showConfig") || Arrays.asList(args).contains("--showConfig=true");
  }

  /** Prints each option's value, where it came from, and its default. */
  public static void printConfig(String[] args, PrintStream out) {
    Layered layered = layered(args, System.getenv());
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
    for (String name : RUNNER_OPTIONS) {
      out.printf(Locale.ROOT, "%-18s %-34s %-28s %s%n", name, value(layered.args(), name),
          layered.sources().getOrDefault(name, "default"), name.equals("runner") ? "DirectRunner" : "-");
    }
  }

  /** {@code args} after the production defaults of the DirectRunner that they do not set. */
  static String[] withDirectRunnerDefaults(String[] args) {
    boolean direct =
        PipelineOptionsFactory.getRegisteredOptions().stream()
            .anyMatch(c -> c.getSimpleName().equals("DirectOptions"));
    if (!direct) {
      return args;
    }
    List<String> out = new ArrayList<>();
    for (String d : DIRECT_RUNNER_DEFAULTS) {
      String name = d.substring(0, d.indexOf('='));
      if (Arrays.stream(args).noneMatch(a -> a.startsWith("--" + name + "=") || a.equals("--" + name))) {
        out.add("--" + d);
      }
    }
    out.addAll(List.of(args));
    return out.toArray(new String[0]);
  }

  /**
   * {@code args} of a {@code --watch} with what it needs and they do not set: the embedded Flink as
   * the runner (the DirectRunner, a runner for tests, keeps a core busy all the time a watch waits
   * for files) and, on Flink, checkpoints every half {@code --flushInterval} into {@code
   * OUT/.checkpoints}, and the stable input of the writers drained when the watch stops.
   */
  static String[] withWatchDefaults(String[] args) {
    String watch = value(args, "watch");
    boolean watching = Arrays.asList(args).contains("--watch") || (watch != null && !watch.equalsIgnoreCase("false"));
    if (!watching) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args));
    if (value(args, "runner") == null) {
      out.add("--runner=FlinkRunner");
    }
    if (!isFlink(value(out.toArray(new String[0]), "runner"))) {
      return out.toArray(new String[0]);
    }
    String flush = value(args, "flushInterval");
    double flushSeconds;
    try {
      flushSeconds = flush != null ? Double.parseDouble(flush) : defaultOf("getFlushInterval");
    } catch (NumberFormatException e) {
      throw new UsageException("--flushInterval must be a number of seconds, not '" + flush + "'", e);
    }
    addUnset(out, "checkpointingInterval", String.valueOf(Math.max(200L, Math.round(flushSeconds * 500))));
    addUnset(out, "enableStableInputDrain", "true");
    String output = value(args, "output");
    if (output != null && value(args, "stateBackendStoragePath") == null && value(args, "stateBackend") == null) {
      out.add("--stateBackend=filesystem");
      out.add("--stateBackendStoragePath=" + Paths.get(output).toAbsolutePath().normalize().resolve(OutputFolder.CHECKPOINTS).toUri());
    }
    return out.toArray(new String[0]);
  }

  private static boolean isFlink(String runner) {
    return runner != null && runner.toLowerCase(Locale.ROOT).matches("(org\\.apache\\.beam\\.runners\\.flink\\.)?flink.*");
  }

  private static void addUnset(List<String> args, String name, String value) {
    if (value(args.toArray(new String[0]), name) == null) {
      args.add("--" + name + "=" + value);
    }
  }

  /** The {@code @Default.Double} of a getter of {@link TickbarsOptions}. */
  private static double defaultOf(String getter) {
    try {
      return TickbarsOptions.class.getMethod(getter).getAnnotation(Default.Double.class).value();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code args} with {@code --flinkConfDir} pointing at the embedded Flink's settings ({@link
   * #EMBEDDED_FLINK_CONFIG} in the jar, copied to a temporary folder) when they run the FlinkRunner
   * without a Flink master or a conf dir of their own.
   */
  static String[] withEmbeddedFlinkDefaults(String[] args) {
    String master = value(args, "flinkMaster");
    URL config = Cli.class.getResource(EMBEDDED_FLINK_CONFIG);
    if (!isFlink(value(args, "runner"))
        || (master != null && !master.equals("[local]") && !master.equals("[auto]"))
        || value(args, "flinkConfDir") != null
        || config == null) {
      return args;
    }
    try {
      Path dir = Files.createTempDirectory("tickbars-flink");
      Path file = dir.resolve("config.yaml");
      try (InputStream in = config.openStream()) {
        Files.copy(in, file);
      }
      dir.toFile().deleteOnExit();
      file.toFile().deleteOnExit();
      List<String> out = new ArrayList<>(List.of(args));
      out.add("--flinkConfDir=" + dir);
      return out.toArray(new String[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of the last {@code --name=value} of {@code args}, or null. */
  private static String value(String[] args, String name) {
    String v = null;
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        v = a.substring(name.length() + 3);
      }
    }
    return v;
  }

  /** The environment variable of an option: {@code maxRejectRatio} is {@code TICKBARS_MAX_REJECT_RATIO}. */
  static String envName(String option) {
    return "TICKBARS_" + option.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /**
   * Command-line arguments with every option's source: a flag, the environment ({@code
   * TICKBARS_<OPTION>} of each option --help lists, and of the runner options), or the {@code
   * --config} file, in that order of precedence.
   */
  record Layered(String[] args, Map<String, String> sources) {}

  /** {@code args} with the options of the environment and of the config file that they do not give. */
  static Layered layered(String[] args, Map<String, String> env) {
    Map<String, String> sources = new TreeMap<>();
    List<String> flags = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument " + Printable.quote(a) + " (options are --name=value)");
      }
      String name = a.substring(2).split("=", 2)[0];
      sources.put(name, "flag");
      flags.add(a);
    }
    List<String> fromEnv = new ArrayList<>();
    List<String> names = new ArrayList<>(RUNNER_OPTIONS);
    OptionDoc.all().forEach(o -> names.add(o.name()));
    for (String name : names) {
      String v = env.get(envName(name));
      if (v != null && !sources.containsKey(name)) {
        sources.put(name, "env " + envName(name));
        fromEnv.add("--" + name + "=" + v);
      }
    }
    String config = value(flags.toArray(new String[0]), "config");
    if (config == null) {
      config = value(fromEnv.toArray(new String[0]), "config");
    }
    List<String> merged = new ArrayList<>();
    if (config != null) {
      for (Map.Entry<String, String> e : configFile(config).entrySet()) {
        if (!sources.containsKey(e.getKey())) {
          sources.put(e.getKey(), "config " + config);
          merged.add("--" + e.getKey() + "=" + e.getValue());
        }
      }
    }
    merged.addAll(fromEnv);
    merged.addAll(flags);
    return new Layered(merged.toArray(new String[0]), sources);
  }

  /**
   * A usage error naming the option, its value and where it came from, for a value that is not of
   * its option's type (Beam's own message names neither).
   */
  private static void checkTypes(Layered layered) {
    Map<String, Class<?>> types = new TreeMap<>();
    OptionDoc.all().forEach(o -> types.put(o.name(), o.getter().getReturnType()));
    for (String a : layered.args()) {
      String[] nameValue = a.substring(2).split("=", 2);
      Class<?> type = types.get(nameValue[0]);
      if (type == null || nameValue.length < 2) {
        continue;
      }
      String v = nameValue[1].strip();
      String want = null;
      try {
        if (type == Double.class || type == double.class) {
          want = "a number";
          Double.parseDouble(v);
        } else if (type == Integer.class || type == int.class) {
          want = "a whole number";
          Integer.parseInt(v);
        } else if (type == Long.class || type == long.class) {
          want = "a whole number";
          Long.parseLong(v);
        } else if ((type == Boolean.class || type == boolean.class) && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new UsageException("--" + nameValue[0] + " must be true or false, not " + Printable.quote(v) + from(layered, nameValue[0]));
        }
      } catch (NumberFormatException e) {
        throw new UsageException("--" + nameValue[0] + " must be " + want + ", not " + Printable.quote(v) + from(layered, nameValue[0]), e);
      }
    }
  }

  private static String from(Layered layered, String name) {
    String source = layered.sources().getOrDefault(name, "flag");
    return source.equals("flag") ? "" : " (from " + source + ")";
  }

  /** The options of a {@code --config} file, by name. */
  private static Map<String, String> configFile(String config) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(Paths.get(config)));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException("--config " + config + " is no valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new UsageException("cannot read --config " + config + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UsageException("--config " + config + " must hold one JSON object of options");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        out.put(e.getKey(), value(config, e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  private static String value(String config, String name, JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new UsageException("--config " + config + ": option " + name + " must be a value or a list");
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
    out.println("        [--panel=ticks|spread] [--width=1400] [--height=800] --out=eurusd.png");
    out.println("                     a candlestick chart of a symbol's bars, as PNG");
    out.println("Exit codes: 0 done, 1 the job failed or --maxRejectRatio was exceeded, 2 usage error.");
  }
}
