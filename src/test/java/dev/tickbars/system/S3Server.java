package dev.tickbars.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server, S3Proxy, as a process of its own on loopback: its buckets are the
 * folders under {@link #data}, which it serves with AWS v4 signatures and one access key. The
 * tests put inputs in and read outputs back through that folder, and the job talks S3 to it.
 */
final class S3Server implements AutoCloseable {
  static final String ACCESS_KEY = "tickbars-test";
  /** The secret the tests look for everywhere the job writes: it must appear nowhere. */
  static final String SECRET_KEY = "s3cr3t-n0t-to-be-l0gged";
  private static final Path JAR = Paths.get(System.getProperty("tickbars.s3proxy"));

  private final Process process;
  private final Path data;
  private final int port;

  private S3Server(Process process, Path data, int port) {
    this.process = process;
    this.data = data;
    this.port = port;
  }

  /** Starts a server whose buckets live under {@code dir/data}, with the buckets {@code buckets}. */
  static S3Server start(Path dir, String... buckets) throws IOException, InterruptedException {
    Path data = Files.createDirectories(dir.resolve("data"));
    for (String b : buckets) {
      Files.createDirectories(data.resolve(b));
    }
    int port = freePort();
    Path conf = dir.resolve("s3proxy.conf");
    Files.writeString(conf, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data,
        ""));
    Process p = new ProcessBuilder(Jar.javaBinary(), "-Xmx256m", "-jar", JAR.toString(), "--properties", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("s3proxy.log").toFile())
        .start();
    S3Server server = new S3Server(p, data, port);
    for (int i = 0; i < 600; i++) {
      if (!p.isAlive()) {
        throw new IllegalStateException("S3Proxy ended at start: " + Files.readString(dir.resolve("s3proxy.log")));
      }
      if (answers(port)) {
        return server;
      }
      Thread.sleep(50);
    }
    server.close();
    throw new IllegalStateException("S3Proxy did not answer on port " + port + " in 30 s");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Where the server keeps {@code s3://bucket/key}. */
  Path local(String bucket, String key) {
    return data.resolve(bucket).resolve(key);
  }

  /** The environment of a job that reaches the server: the AWS SDK's own variables. */
  Map<String, String> env() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-east-1");
  }

  /** {@code args} with the flag that points the job at this server. */
  List<String> args(String... args) {
    List<String> out = new ArrayList<>(List.of(args));
    out.add("--endpoint=" + endpoint());
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }
}
