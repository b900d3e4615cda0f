package dev.tickbars.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;

/**
 * The command line: Beam's {@code --name=value} flags, a {@code --config=job.json} file of the
 * same options that flags override, {@code --help}, and usage errors as one clear line.
 */
final class Cli {
  /** The embedded Flink's config.yaml, a resource of the jar (runners/). */
  static final String EMBEDDED_FLINK_CONFIG = "/tickbars-flink/config.yaml";
  /** Where a {@code --watch} on Flink checkpoints, in its output folder. */
  static final String CHECKPOINTS = ".checkpoints";

  private static final Pattern UNKNOWN = Pattern.compile("missing a property named '([^']+)'");
  private static final Pattern MISSING = Pattern.compile("Missing required value for \\[(--\\w+)");
  /**
   * The DirectRunner checks every element for mutation and re-encodes it: right for tests (which
   * keep the checks), a copy of all data and half the speed for a production run.
   */
  private static final List<String> DIRECT_RUNNER_DEFAULTS =
      List.of("enforceImmutability=false", "enforceEncodability=false");

  private Cli() {}

  static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.startsWith("--help=")) {
        return true;
      }
    }
    return false;
  }

  /** The options of {@code args}, with those of {@code --config} below them. */
  static TickbarsOptions parse(String[] args) {
    PipelineOptionsFactory.register(TickbarsOptions.class);
    try {
      return PipelineOptionsFactory.fromArgs(
              withEmbeddedFlinkDefaults(withWatchDefaults(withDirectRunnerDefaults(withConfig(args)))))
          .withValidation()
          .as(TickbarsOptions.class);
    } catch (IllegalArgumentException e) {
      throw new UsageException(clean(e.getMessage()), e);
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
      out.add("--stateBackendStoragePath=" + Paths.get(output).toAbsolutePath().normalize().resolve(CHECKPOINTS).toUri());
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

  /** {@code args} after the options of its {@code --config} file that no flag gives. */
  static String[] withConfig(String[] args) {
    String config = null;
    List<String> given = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument '" + a + "' (options are --name=value)");
      }
      String name = a.substring(2).split("=", 2)[0];
      given.add(name);
      if (name.equals("config")) {
        config = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
      }
    }
    if (config == null) {
      return args;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(Paths.get(config)));
    } catch (IOException e) {
      throw new UsageException("cannot read --config " + config + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UsageException("--config " + config + " must hold one JSON object of options");
    }
    List<String> merged = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!given.contains(e.getKey()) && !e.getValue().isNull()) {
        merged.add("--" + e.getKey() + "=" + value(config, e.getKey(), e.getValue()));
      }
    }
    merged.addAll(List.of(args));
    return merged.toArray(new String[0]);
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

  static void printHelp(PrintStream out) {
    out.println("Usage: java -jar tickbars.jar --input=FILES --output=DIR [options]");
    out.println();
    out.println("Turns tick CSV files into time bars, tick bars and tick slices in Parquet.");
    out.println("Options (--name=value; --config=job.json gives the same names, flags override it):");
    for (OptionDoc o : options()) {
      out.printf(Locale.ROOT, "  --%-16s %s%n", o.name(), o.description());
      out.printf(Locale.ROOT, "  %-18s %s%n", "", o.required() ? "(required)" : "default: " + o.defaultValue());
    }
    out.println("Runner options:");
    out.println("  --runner           DirectRunner (default, embedded) or FlinkRunner");
    out.println("  --flinkMaster      FlinkRunner: [local] (embedded, default) or host:port of a Flink cluster");
    out.println("  --parallelism      FlinkRunner: parallel tasks (default: the cores of this machine)");
    out.println("Exit codes: 0 done, 1 the job failed or --maxRejectRatio was exceeded, 2 usage error.");
  }

  /** One tickbars option as --help, the README and the manifest show it. */
  record OptionDoc(String name, String defaultValue, boolean required, String description, Method getter) {}

  /** The options of {@link TickbarsOptions}: required ones first, then by name. */
  static List<OptionDoc> options() {
    List<OptionDoc> out = new ArrayList<>();
    for (Method m : TickbarsOptions.class.getDeclaredMethods()) {
      if (!m.getName().startsWith("get") || m.getParameterCount() != 0) {
        continue;
      }
      String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      out.add(
          new OptionDoc(
              name,
              defaultOf(m),
              m.isAnnotationPresent(Validation.Required.class),
              m.getAnnotation(Description.class).value(),
              m));
    }
    out.sort(Comparator.comparing((OptionDoc o) -> !o.required()).thenComparing(OptionDoc::name));
    return out;
  }

  private static String defaultOf(Method m) {
    if (m.isAnnotationPresent(Default.String.class)) {
      return m.getAnnotation(Default.String.class).value();
    }
    if (m.isAnnotationPresent(Default.Double.class)) {
      double d = m.getAnnotation(Default.Double.class).value();
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
    if (m.isAnnotationPresent(Default.Boolean.class)) {
      return String.valueOf(m.getAnnotation(Default.Boolean.class).value());
    }
    if (m.isAnnotationPresent(Default.Long.class)) {
      return String.valueOf(m.getAnnotation(Default.Long.class).value());
    }
    return "none";
  }
}
