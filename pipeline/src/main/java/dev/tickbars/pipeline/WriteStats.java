package dev.tickbars.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/** Merges the per-file {@link ReadStats} and writes them as one JSON file for the manifest. */
final class WriteStats extends PTransform<PCollection<ReadStats>, PDone> {
  private final String file;

  private WriteStats(String file) {
    this.file = file;
  }

  static WriteStats to(String file) {
    return new WriteStats(file);
  }

  @Override
  public PDone expand(PCollection<ReadStats> stats) {
    return stats
        .apply("MergeStats", Combine.globally(ReadStats::merge))
        .setCoder(ReadStatsCoder.of())
        .apply("FormatStats", ParDo.of(new ToJsonFn()))
        .setCoder(StringUtf8Coder.of())
        .apply("WriteStatsFile", TextIO.write().to(file).withoutSharding());
  }

  /** The stats as one line of JSON. */
  static final class ToJsonFn extends DoFn<ReadStats, String> {
    @ProcessElement
    public void process(@Element ReadStats s, OutputReceiver<String> out)
        throws JsonProcessingException {
      out.output(Json.MAPPER.writeValueAsString(s));
    }
  }
}
