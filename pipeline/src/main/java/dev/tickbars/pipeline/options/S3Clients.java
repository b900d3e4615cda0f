package dev.tickbars.pipeline.options;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 clients of Beam's S3 file system, as Beam's default factory makes them (region,
 * {@code --endpoint}, credentials from the AWS sources), with path-style access when {@code
 * --s3PathStyle} asks for it or, by default, when {@code --endpoint} names an S3-compatible store
 * (MinIO, Ceph, S3Proxy), whose buckets are rarely host names.
 */
public final class S3Clients implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(pathStyle(options));
  }

  static boolean pathStyle(S3Options options) {
    Boolean asked = options.as(TickbarsOptions.class).getS3PathStyle();
    return asked != null ? asked : options.getEndpoint() != null;
  }

  /** Makes Beam's S3 file system use these clients, unless the options name another factory. */
  public static void install(TickbarsOptions options) {
    S3Options s3 = options.as(S3Options.class);
    if (s3.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class) {
      s3.setS3ClientFactoryClass(S3Clients.class);
    }
  }
}
