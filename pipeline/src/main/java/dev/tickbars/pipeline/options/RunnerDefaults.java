package dev.tickbars.pipeline.options;

import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.output.OutputFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The runners' settings that a tickbars run needs and the command line does not give: the
 * DirectRunner's production switches, the embedded Flink's config, and for {@code --watch} the
 * Flink runner with checkpoints and stable input drained at the stop.
 */
final class RunnerDefaults {
  /** The embedded Flink's config.yaml, a resource of the jar (runners/). */
  static final String EMBEDDED_FLINK_CONFIG = "/tickbars-flink/config.yaml";

  /**
   * The DirectRunner checks every element for mutation and re-encodes it: right for tests (which
   * keep the checks), a copy of all data and half the speed for a production run.
   */
  private static final List<String> DIRECT_RUNNER_DEFAULTS =
      List.of("enforceImmutability=false", "enforceEncodability=false");

  /** {@code args} after the production defaults of the DirectRunner that they do not set. */
  static String[] withDirectRunner(String[] args) {
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
  static String[] withWatch(String[] args) {
    String watch = OptionSources.value(args, "watch");
    boolean watching = Arrays.asList(args).contains("--watch") || (watch != null && !watch.equalsIgnoreCase("false"));
    if (!watching) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args));
    if (OptionSources.value(args, "runner") == null) {
      out.add("--runner=FlinkRunner");
    }
    if (!isFlink(OptionSources.value(out.toArray(new String[0]), "runner"))) {
      return out.toArray(new String[0]);
    }
    String flush = OptionSources.value(args, "flushInterval");
    double flushSeconds;
    try {
      flushSeconds = flush != null ? Double.parseDouble(flush) : defaultOf("getFlushInterval");
    } catch (NumberFormatException e) {
      throw new UsageException("--flushInterval must be a number of seconds, not '" + flush + "'", e);
    }
    addUnset(out, "checkpointingInterval", String.valueOf(Math.max(200L, Math.round(flushSeconds * 500))));
    addUnset(out, "enableStableInputDrain", "true");
    String output = OptionSources.value(args, "output");
    if (output != null && OptionSources.value(args, "stateBackendStoragePath") == null && OptionSources.value(args, "stateBackend") == null) {
      out.add("--stateBackend=filesystem");
      out.add("--stateBackendStoragePath=" + Paths.get(output).toAbsolutePath().normalize().resolve(OutputFolder.CHECKPOINTS).toUri());
    }
    return out.toArray(new String[0]);
  }

  static boolean isFlink(String runner) {
    return runner != null && runner.toLowerCase(Locale.ROOT).matches("(org\\.apache\\.beam\\.runners\\.flink\\.)?flink.*");
  }

  private static void addUnset(List<String> args, String name, String value) {
    if (OptionSources.value(args.toArray(new String[0]), name) == null) {
      args.add("--" + name + "=" + value);
    }
  }

  /** The default of a getter of {@link TickbarsOptions}, as {@link OptionDoc} reads it. */
  private static double defaultOf(String getter) {
    try {
      return Double.parseDouble(OptionDoc.defaultOf(TickbarsOptions.class.getMethod(getter)));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The S3 file system's upload buffer: S3's least part size. Each file being written in S3 holds
   * one buffer in the heap, and a build task writes a file per symbol and output folder at once:
   * with Beam's 64 MiB a run of 3M ticks from S3 to S3 ran out of a 768 MB heap.
   */
  private static final String S3_UPLOAD_BUFFER_BYTES = "5242880";

  /**
   * The region of a run that reads and writes nothing in S3. Beam's S3 file system is set up for
   * every run, and without a region it looks one up, last from EC2's instance metadata: 0.76 s of
   * every local run here, waiting for 169.254.169.254.
   */
  private static final String UNUSED_REGION = "us-east-1";

  /**
   * {@code args} with {@link #S3_UPLOAD_BUFFER_BYTES} unless they set it, and, when neither they nor
   * {@code locations} name anything in {@code s3://} and they give no region, {@link #UNUSED_REGION}.
   */
  static String[] withS3Defaults(String[] args, String... locations) {
    List<String> out = new ArrayList<>(List.of(args));
    addUnset(out, "s3UploadBufferSizeBytes", S3_UPLOAD_BUFFER_BYTES);
    boolean s3 = Stream.concat(Arrays.stream(args), Arrays.stream(locations)).anyMatch(a -> a.contains("s3://"));
    if (!s3) {
      addUnset(out, "awsRegion", UNUSED_REGION);
    }
    return out.toArray(new String[0]);
  }

  /** The jar a submission to a Flink cluster uploads, beside the jar that runs: without Flink's own classes (runners/). */
  static final String JOB_JAR = "tickbars-job.jar";

  /**
   * {@code args} of a submission to a Flink cluster ({@code --flinkMaster=host:port}) with {@code
   * --filesToStage} naming {@link #JOB_JAR}, when it is beside the running jar and they stage
   * nothing of their own: the cluster has Flink's classes, so the job need not upload them.
   */
  static String[] withJobJar(String[] args) {
    String master = OptionSources.value(args, "flinkMaster");
    if (!isFlink(OptionSources.value(args, "runner")) || master == null || master.equals("[local]") || master.equals("[auto]")
        || OptionSources.value(args, "filesToStage") != null) {
      return args;
    }
    Path jobJar;
    try {
      Path running = Paths.get(RunnerDefaults.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      jobJar = running.resolveSibling(JOB_JAR);
      if (!running.toString().endsWith(".jar") || !Files.isRegularFile(jobJar)) {
        return args;
      }
    } catch (URISyntaxException | RuntimeException e) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args));
    out.add("--filesToStage=" + jobJar);
    return out.toArray(new String[0]);
  }

  /**
   * {@code args} with {@code --flinkConfDir} pointing at the embedded Flink's settings ({@link
   * #EMBEDDED_FLINK_CONFIG} in the jar, copied to a temporary folder) when they run the FlinkRunner
   * without a Flink master or a conf dir of their own.
   */
  static String[] withEmbeddedFlink(String[] args) {
    String master = OptionSources.value(args, "flinkMaster");
    URL config = RunnerDefaults.class.getResource(EMBEDDED_FLINK_CONFIG);
    if (!isFlink(OptionSources.value(args, "runner"))
        || (master != null && !master.equals("[local]") && !master.equals("[auto]"))
        || OptionSources.value(args, "flinkConfDir") != null
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

  private RunnerDefaults() {}
}
