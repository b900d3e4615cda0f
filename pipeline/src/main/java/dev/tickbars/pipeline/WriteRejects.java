package dev.tickbars.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes rejected lines to {@code rejects/} as JSON lines: {@code {"file", "line", "reason",
 * "raw"}}, one object per rejected line.
 */
final class WriteRejects extends PTransform<PCollection<Reject>, WriteFilesResult<Void>> {
  private final String directory;

  private WriteRejects(String directory) {
    this.directory = directory;
  }

  static WriteRejects to(String directory) {
    return new WriteRejects(directory);
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<Reject> rejects) {
    return rejects
        .apply("FormatRejects", ParDo.of(new ToJsonLineFn()))
        .setCoder(StringUtf8Coder.of())
        .apply(
            "WriteRejectFiles",
            TextIO.write().to(directory + "/rejects").withSuffix(".jsonl").withOutputFilenames());
  }

  /** One reject as one JSON line. */
  static final class ToJsonLineFn extends DoFn<Reject, String> {
    @ProcessElement
    public void process(@Element Reject r, OutputReceiver<String> out) throws JsonProcessingException {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("file", r.file());
      o.put("line", r.line());
      o.put("reason", r.reason());
      o.put("raw", r.raw());
      out.output(Json.MAPPER.writeValueAsString(o));
    }
  }
}
