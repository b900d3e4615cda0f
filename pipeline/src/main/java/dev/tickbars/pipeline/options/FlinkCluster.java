package dev.tickbars.pipeline.options;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.UsageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The Flink session cluster that {@code --flinkMaster=host:port} submits to, as its REST API tells
 * it: a job whose parallelism needs more task slots than are free would wait for them for ever,
 * so the client says so before it submits ({@link #requireFreeSlots}), and while a submitted job
 * waits for slots its progress says that instead of 0% ({@link #waiting}).
 */
public final class FlinkCluster {
  /**
   * The two options of Beam's {@code FlinkPipelineOptions} this reads, with its defaults (Beam
   * wants one default for a property on all its getters); the pipeline module has no Flink.
   */
  public interface SubmitOptions extends PipelineOptions {
    @Default.String("[auto]")
    String getFlinkMaster();

    void setFlinkMaster(String value);

    @Default.Integer(-1)
    Integer getParallelism();

    void setParallelism(Integer value);
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** How long free slots may take to come. */
  static final Duration SLOTS_GRACE = Duration.ofSeconds(5);
  /** How long {@link #waiting} tells the same answer before it asks the cluster again. */
  private static final long ASK_EVERY_MS = 2_000;
  private static final Set<String> LOCAL = Set.of("[local]", "[auto]", "[collection]");

  private final String master;
  private final URI rest;
  private final Integer parallelism;
  private final String jobName;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private long askedMs = Long.MIN_VALUE / 2;
  private String lastWaiting;

  private FlinkCluster(String master, Integer parallelism, String jobName) {
    this.master = master;
    this.rest = URI.create(master.contains("://") ? master : "http://" + master);
    this.parallelism = parallelism;
    this.jobName = jobName;
  }

  /** The cluster a run of {@code options} submits to, or null when it runs in this JVM. */
  public static FlinkCluster of(TickbarsOptions options) {
    SubmitOptions submit = options.as(SubmitOptions.class);
    String master = submit.getFlinkMaster();
    if (!RunnerDefaults.isFlink(options.getRunner().getSimpleName()) || master == null || LOCAL.contains(master)) {
      return null;
    }
    Integer p = submit.getParallelism();
    return new FlinkCluster(master, p != null && p > 0 ? p : null, options.getJobName());
  }

  /**
   * A usage error, before anything is submitted, when the cluster does not answer or has fewer
   * free task slots than the job's parallelism ({@code --parallelism}, else the cluster's {@code
   * parallelism.default}) for {@link #SLOTS_GRACE} (a job that has just ended frees its slots a
   * moment later, and a TaskManager that has just started registers them a moment later).
   */
  public void requireFreeSlots() {
    try {
      int needed = neededSlots();
      long until = System.nanoTime() + SLOTS_GRACE.toNanos();
      JsonNode overview = get("/overview");
      while (overview.path("slots-available").asInt() < needed && System.nanoTime() < until) {
        Thread.sleep(250);
        overview = get("/overview");
      }
      int free = overview.path("slots-available").asInt();
      if (needed > free) {
        throw new UsageException(String.format(Locale.ROOT,
            "--parallelism=%d needs %d task slots, and the Flink cluster at %s has %d free (%d in all, %d TaskManagers):"
                + " lower --parallelism or add TaskManagers",
            needed, needed, master, free, overview.path("slots-total").asInt(), overview.path("taskmanagers").asInt()));
      }
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new UsageException("cannot reach the Flink cluster at " + master + " (its REST API at " + rest + "): " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException("interrupted while asking the Flink cluster at " + master + " for its task slots", e);
    }
  }

  /**
   * While the submitted job has tasks waiting for a slot and none running: {@code "waiting for 2
   * task slots, 1 free"}; else, or when the cluster does not answer, null. Asks the cluster at most
   * every two seconds.
   */
  public synchronized String waiting() {
    long now = System.nanoTime() / 1_000_000;
    if (now - askedMs >= ASK_EVERY_MS) {
      askedMs = now;
      lastWaiting = askWaiting();
    }
    return lastWaiting;
  }

  private String askWaiting() {
    try {
      for (JsonNode job : get("/jobs/overview").path("jobs")) {
        JsonNode tasks = job.path("tasks");
        if (job.path("name").asText().equals(jobName) && tasks.path("running").asInt() == 0
            && tasks.path("scheduled").asInt() > 0) {
          return "waiting for " + neededSlots() + " task slots, " + get("/overview").path("slots-available").asInt() + " free";
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The job's parallelism: {@code --parallelism}, else the cluster's {@code parallelism.default}. */
  private int neededSlots() throws IOException, InterruptedException {
    return parallelism != null ? parallelism : defaultParallelism();
  }

  /** The cluster's {@code parallelism.default}, what a job without {@code --parallelism} gets. */
  private int defaultParallelism() throws IOException, InterruptedException {
    for (JsonNode entry : get("/jobmanager/config")) {
      if (entry.path("key").asText().equals("parallelism.default")) {
        return Integer.parseInt(entry.path("value").asText("1").strip());
      }
    }
    return 1;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(rest.resolve(path)).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered HTTP " + response.statusCode());
    }
    return Json.MAPPER.readTree(response.body());
  }
}
