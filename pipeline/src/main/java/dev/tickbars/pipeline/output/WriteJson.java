package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.Storage;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes the one element of its input, a record merged by {@code Combine.globally}, as a JSON
 * file written whole to a path of the staging folder, where the client reads it after the
 * pipeline: the way small results of a run leave the graph.
 */
public final class WriteJson<T> extends PTransform<PCollection<T>, PDone> {
  private final String path;

  private WriteJson(String path) {
    this.path = path;
  }

  public static <T> WriteJson<T> to(String path) {
    return new WriteJson<>(path);
  }

  @Override
  public PDone expand(PCollection<T> merged) {
    merged.apply("WriteJsonFile", ParDo.of(new WriteJsonFn<>(path)));
    return PDone.in(merged.getPipeline());
  }

  /** Writes its element to {@code path}; a retry writes the same file again. */
  static final class WriteJsonFn<T> extends DoFn<T, Void> {
    private final String path;

    WriteJsonFn(String path) {
      this.path = path;
    }

    @ProcessElement
    public void process(@Element T value) throws IOException {
      Storage.writeWhole(path, Json.MAPPER.writeValueAsBytes(value));
    }
  }
}
