package dev.tickbars.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark of issue 3: on generated TrueFX-layout ticks of 3 symbols, the default job by
 * tickbars on the DirectRunner and on the embedded Flink, each started by the launcher
 * ({@code runners/target/tickbars}), and the DirectRunner by {@code java -jar} too; by its peer, a
 * DuckDB SQL script ({@link DuckDbBars}), in a JVM of its own with the same heap limit; by the same
 * job as a Polars script ({@link PolarsPeer}), the peer a Python quant would pick; and by tickbars
 * from S3 to S3 (S3Proxy on loopback, {@link S3Server}), the cost of object storage (up to 30M
 * ticks, as {@code java -jar}). They run alternating, several rounds. It checks that all wrote the same number of rows
 * per output and prints (and writes to {@code WORKDIR/benchmark.md}) the median wall time,
 * ticks/s, the largest peak RSS (VmHWM, polled from /proc) and each run's ratio to DuckDB's and
 * Polars' times. A peer that fails (killed for want of memory, say) is reported as such, with its
 * time and memory until then; tickbars must not fail. An input named {@code <N>trades} is N
 * generated trades instead ({@link TradeFiles}, Databento's columns, no bad lines), and the job
 * then makes {@link #TRADE_FRAMES}: 1m, 1000t and 500v bars on the trade price with VWAP and value,
 * and slices with price, size and side.
 *
 * <p>{@code java -Dtickbars.jar=JAR Benchmark WORKDIR TICKS[,TICKS...] ROUNDS HEAP}, run by {@code mvn
 * -Pbenchmark}.
 */
public final class Benchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OUTPUTS = List.of("bars_1m", "bars_100t", "bars_1000t", "tick_slices_1000t");
  /** The job of a trades input, and what it writes. */
  static final String TRADE_FRAMES = "1m,1000t,500v";
  private static final List<String> TRADE_OUTPUTS = List.of("bars_1m", "bars_1000t", "bars_500v", "tick_slices_1000t");

  /** A command under test; a peer tells its rows per output on its log, tickbars in its manifest. */
  record Contender(String name, List<String> command, Path output, boolean peer) {}

  /** One run's wall time, peak resident memory and exit code (a signal's is 128 + its number). */
  record Run(double seconds, long peakRssKb, int exit) {}

  /**
   * The largest input that the S3 contender copies into S3Proxy, and that {@code java -jar} runs
   * (above it the launcher starts the same JVM but for the archive, a second of a long run).
   */
  private static final long LARGEST_EXTRA_INPUT = 30_000_000;

  /** How long a peer may run before it is stopped and reported as not finished. */
  private static final long PEER_MINUTES = 15;

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Jar.JAR.toAbsolutePath();
    Path work = Paths.get(args[0]).toAbsolutePath().normalize();
    List<String> sizes = Arrays.stream(args[1].split(",")).map(s -> s.replace("_", "").strip()).toList();
    int rounds = Integer.parseInt(args[2]);
    String heap = args[3];
    Files.createDirectories(work);
    try (S3Server s3 = S3Server.start(work.resolve("s3"), "ticks", "bars")) {
      run(jar, work, sizes, rounds, heap, s3);
    }
  }

  private static void run(Path jar, Path work, List<String> sizes, int rounds, String heap, S3Server s3) throws Exception {
    Path python = PolarsPeer.python(work);
    StringBuilder report = new StringBuilder();
    report.append(String.format("%s, %d cores, Java %s, -Xmx%s (the JVMs), median of %d rounds%n%n",
        LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), heap, rounds));
    report.append("| ticks | run | wall s | ticks/s | peak RSS MB | time vs DuckDB | time vs Polars |\n");
    report.append("|---:|---|---:|---:|---:|---:|---:|\n");
    for (String size : sizes) {
      boolean trades = size.endsWith("trades");
      long ticks = Long.parseLong(trades ? size.substring(0, size.length() - "trades".length()) : size);
      Path data = trades ? generateTrades(work, ticks) : generate(jar, work, ticks);
      List<String> job = trades ? List.of("--frames=" + TRADE_FRAMES) : List.of();
      List<String> outputs = trades ? TRADE_OUTPUTS : OUTPUTS;
      String kind = trades ? "trades" : "quotes";
      String java = Jar.javaBinary();
      Contender duckDb = new Contender("DuckDB 1.1.3 (JDBC, 2 threads)",
          List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
              DuckDbBars.class.getName(), data.toString(), work.resolve("out-duckdb").toString(), "2", kind),
          work.resolve("out-duckdb"), true);
      Contender polars = new Contender("Polars " + PolarsPeer.VERSION,
          List.of(python.toString(), PolarsPeer.SCRIPT.toString(), data.toString(), work.resolve("out-polars").toString(), kind),
          work.resolve("out-polars"), true);
      List<Contender> contenders = new ArrayList<>(List.of(
          tickbars("tickbars DirectRunner", launcher(heap, jar), data, work.resolve("out-direct"), "DirectRunner", job),
          tickbars("tickbars FlinkRunner", launcher(heap, jar), data, work.resolve("out-flink"), "FlinkRunner", job)));
      if (ticks <= LARGEST_EXTRA_INPUT) {
        contenders.add(1, tickbars("tickbars DirectRunner, java -jar", javaJar(java, heap, jar), data, work.resolve("out-jar"),
            "DirectRunner", job));
        contenders.add(s3(launcher(heap, jar), data, s3, job));
      }
      contenders.add(duckDb);
      contenders.add(polars);
      Map<String, List<Run>> runs = new LinkedHashMap<>();
      Map<Contender, Path> logs = new LinkedHashMap<>();
      for (int i = 0; i < contenders.size(); i++) {
        logs.put(contenders.get(i), work.resolve("run-" + i + ".log"));
      }
      for (int round = 1; round <= rounds; round++) {
        for (Contender c : contenders) {
          Run r = run(c, logs.get(c));
          System.out.printf("%,d ticks, round %d, %s: %.2f s, %,d MB%s%n", ticks, round, c.name(), r.seconds(),
              r.peakRssKb() / 1024, r.exit() == 0 ? "" : ", " + failure(r));
          runs.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(r);
        }
        if (round == 1) {
          checkSameRows(contenders.stream().filter(c -> runs.get(c.name()).get(0).exit() == 0).toList(), logs, outputs);
        }
      }
      double duck = median(runs.get(duckDb.name()));
      double pol = median(runs.get(polars.name()));
      for (Contender c : contenders) {
        List<Run> r = runs.get(c.name());
        double wall = median(r);
        long rss = r.stream().mapToLong(Run::peakRssKb).max().orElse(0);
        Run failed = r.stream().filter(x -> x.exit() != 0).findFirst().orElse(null);
        String shown = failed == null ? String.format("%.2f", wall) : failure(failed) + String.format(" after %.0f s", failed.seconds());
        double finished = failed == null ? wall : Double.NaN;
        report.append(String.format("| %,d%s | %s | %s | %s | %,d | %s | %s |%n", ticks, trades ? " trades" : "", c.name(), shown,
            failed == null ? String.format("%,.0f", ticks / wall) : "-", rss / 1024, ratio(finished, duck), ratio(finished, pol)));
      }
    }
    System.out.println();
    System.out.print(report);
    Files.writeString(work.resolve("benchmark.md"), report.toString(), StandardCharsets.UTF_8);
    System.out.println("\nwritten to " + work.resolve("benchmark.md"));
  }

  /** The launcher beside {@code jar}, with the heap limit and this JVM's Java. */
  private static List<String> launcher(String heap, Path jar) {
    return List.of("env", "TICKBARS_JAVA_OPTS=-Xmx" + heap, "JAVA_HOME=" + System.getProperty("java.home"),
        jar.resolveSibling("tickbars").toString());
  }

  private static List<String> javaJar(String java, String heap, Path jar) {
    return List.of(java, "-Xmx" + heap, "-jar", jar.toString());
  }

  private static Contender tickbars(String name, List<String> start, Path data, Path out, String runner, List<String> job) {
    List<String> command = new ArrayList<>(start);
    command.addAll(List.of("--input=" + data, "--output=" + out, "--runner=" + runner));
    command.addAll(job);
    return new Contender(name, command, out, false);
  }

  /** A failed run's outcome: what killed it, or its exit code, or that it did not finish. */
  private static String failure(Run r) {
    return switch (r.exit()) {
      case 137 -> "killed (SIGKILL, as the kernel's OOM killer sends)";
      case -1 -> "stopped after " + PEER_MINUTES + " min";
      default -> "exit " + r.exit();
    };
  }

  private static String ratio(double wall, double peer) {
    return Double.isNaN(wall) || Double.isNaN(peer) ? "-" : String.format("%.2fx", wall / peer);
  }

  /** tickbars on the DirectRunner from a copy of {@code data} in S3 to an output in S3. */
  private static Contender s3(List<String> launcher, Path data, S3Server s3, List<String> job) throws IOException {
    Path copy = s3.local("ticks", data.getFileName().toString());
    if (!Files.isDirectory(copy)) {
      Files.createDirectories(copy);
      try (java.util.stream.Stream<Path> files = Files.list(data)) {
        for (Path f : files.toList()) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    List<String> command = new ArrayList<>(List.of("env"));
    s3.env().forEach((k, v) -> command.add(k + "=" + v));
    command.addAll(launcher.subList(1, launcher.size()));
    command.addAll(List.of("--input=s3://ticks/" + data.getFileName(),
        "--output=s3://bars/bench", "--runner=DirectRunner", "--endpoint=" + s3.endpoint()));
    command.addAll(job);
    return new Contender("tickbars DirectRunner, S3 to S3 (S3Proxy)", command, s3.local("bars", "bench"), false);
  }

  /** The ticks of the benchmark, generated once: 3 files, seed 1, no bad lines. */
  private static Path generate(Path jar, Path work, long ticks) throws IOException, InterruptedException {
    Path data = work.resolve("ticks-" + ticks);
    Path done = work.resolve("ticks-" + ticks + ".complete");
    if (!Files.exists(done)) {
      System.out.printf("generating %,d ticks into %s%n", ticks, data);
      Process p = new ProcessBuilder(Jar.javaBinary(), "-jar", jar.toString(), "sample",
          data.toString(), Long.toString(ticks), "3", "1").inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("generating the ticks failed");
      }
      Files.createFile(done);
    }
    return data;
  }

  /** The trades of the benchmark, generated once: 3 files, seed 1, no bad lines. */
  private static Path generateTrades(Path work, long trades) throws IOException {
    Path data = work.resolve("trades-" + trades);
    Path done = work.resolve("trades-" + trades + ".complete");
    if (!Files.exists(done)) {
      System.out.printf("generating %,d trades into %s%n", trades, data);
      TradeFiles.write(data, (int) trades, 3, 1, false, false);
      Files.createFile(done);
    }
    return data;
  }

  /**
   * Runs {@code c} to its end, polling its peak RSS; fails if tickbars fails, and stops a peer
   * after {@link #PEER_MINUTES}.
   */
  static Run run(Contender c, Path log) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(c.command()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path status = Paths.get("/proc", Long.toString(p.pid()), "status");
    long peak = 0;
    boolean stopped = false;
    while (p.isAlive()) {
      peak = Math.max(peak, vmHwmKb(status));
      if (System.nanoTime() - start > PEER_MINUTES * 60_000_000_000L) {
        p.destroyForcibly().waitFor();
        stopped = true;
      }
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int exit = stopped ? -1 : p.exitValue();
    if (exit != 0 && !c.peer()) {
      throw new IllegalStateException(c.name() + " exited " + exit + ":\n" + Files.readString(log));
    }
    return new Run(seconds, peak, exit);
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between the check and the read.
    }
    return 0;
  }

  /** Every contender wrote the same rows per output: tickbars' manifests, the peers' logs. */
  private static void checkSameRows(List<Contender> contenders, Map<Contender, Path> logs, List<String> outputs)
      throws IOException {
    Map<String, Map<String, Long>> rows = new TreeMap<>();
    for (Contender c : contenders) {
      Map<String, Long> r = new TreeMap<>();
      if (c.peer()) {
        for (String line : Files.readAllLines(logs.get(c))) {
          String[] f = line.split(" ");
          if (f.length == 2 && outputs.contains(f[0])) {
            r.put(f[0], Long.parseLong(f[1]));
          }
        }
      } else {
        JsonNode written = JSON.readTree(c.output().resolve("manifest.json").toFile()).get("outputs");
        for (String name : outputs) {
          r.put(name, written.get(name).get("rows").asLong());
        }
      }
      rows.put(c.name(), r);
    }
    if (rows.values().stream().distinct().count() != 1) {
      throw new IllegalStateException("the runs wrote different rows: " + rows);
    }
    System.out.println("same rows from all: " + rows.values().iterator().next());
  }

  private static double median(List<Run> runs) {
    double[] s = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
