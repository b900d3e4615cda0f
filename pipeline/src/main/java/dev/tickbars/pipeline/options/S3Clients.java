package dev.tickbars.pipeline.options;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 clients of Beam's S3 file system, as Beam's default factory makes them (region, {@code
 * --endpoint}, credentials from the AWS sources), with two changes for S3-compatible stores
 * (MinIO, Ceph, R2, S3Proxy):
 *
 * <ul>
 *   <li>path-style access when {@code --s3PathStyle} asks for it or, by default, when {@code
 *       --endpoint} is set: such stores' buckets are rarely host names;
 *   <li>no {@code x-amz-server-side-encryption-bucket-key-enabled: false} header, which Beam sends
 *       with every upload and which stores without server-side encryption refuse (S3Proxy: "501
 *       Server-side encryption is not supported"); {@code --bucketKeyEnabled} still sends it.
 * </ul>
 */
public final class S3Clients implements S3ClientBuilderFactory {
  static final String BUCKET_KEY_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder builder = new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(pathStyle(options));
    ClientOverrideConfiguration set = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder override = set == null ? ClientOverrideConfiguration.builder() : set.toBuilder();
    return builder.overrideConfiguration(override.addExecutionInterceptor(new NoFalseBucketKey()).build());
  }

  static boolean pathStyle(S3Options options) {
    Boolean asked = options.as(TickbarsOptions.class).getS3PathStyle();
    return asked != null ? asked : options.getEndpoint() != null;
  }

  /** Makes Beam's S3 file system use these clients, unless the options name another factory. */
  public static void install(PipelineOptions options) {
    S3Options s3 = options.as(S3Options.class);
    if (s3.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class) {
      s3.setS3ClientFactoryClass(S3Clients.class);
    }
  }

  /** Drops the bucket key header when it says false, which is what S3 assumes without it. */
  static final class NoFalseBucketKey implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      SdkHttpRequest request = context.httpRequest();
      return request.firstMatchingHeader(BUCKET_KEY_HEADER).filter("false"::equalsIgnoreCase).isPresent()
          ? request.toBuilder().removeHeader(BUCKET_KEY_HEADER).build()
          : request;
    }
  }
}
