package dev.tickbars.pipeline.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Files and folders of an output or an input, local or in object storage ({@code s3://bucket/key}),
 * through Beam's {@link FileSystems}. A location is a string as Beam takes it; a folder is a
 * location that other locations start with and, in object storage, exists as long as one object
 * is under it. Object storage has no rename: what is written whole ({@link #writeWhole}) is one
 * upload, which appears whole when it ends; what is moved is copied, then deleted.
 */
public final class Storage {
  private Storage() {}

  /** Whether {@code location} is on the local file system (a path, or a {@code file:} URL). */
  public static boolean isLocal(String location) {
    int scheme = location.indexOf("://");
    return scheme <= 0 || location.substring(0, scheme).equals("file");
  }

  /** The location of {@code relative} ({@code a/b.parquet}) in the folder {@code folder}. */
  public static String resolve(String folder, String relative) {
    return folder.endsWith("/") ? folder + relative : folder + "/" + relative;
  }

  /**
   * The folder {@code given} names: a local one made absolute, or an object storage URL without a
   * trailing {@code /}; null for a local path that is no folder.
   */
  public static String folder(String given) {
    if (!isLocal(given)) {
      return given.replaceAll("/+$", "");
    }
    Path dir = path(given).toAbsolutePath().normalize();
    return Files.isDirectory(dir) ? dir.toString() : null;
  }

  /** The local path of a local location. */
  public static Path path(String location) {
    return Paths.get(location.startsWith("file:") ? location.substring("file:".length()) : location);
  }

  /** Whether there is a file at {@code location}. */
  public static boolean exists(String location) throws IOException {
    if (isLocal(location)) {
      return Files.isRegularFile(path(location));
    }
    MatchResult m = FileSystems.match(location, EmptyMatchTreatment.ALLOW);
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /** The files under {@code folder}, at any depth, relative to it with {@code /}, in name order; none when there is no folder. */
  public static List<String> list(String folder) throws IOException {
    List<String> out = new ArrayList<>();
    if (isLocal(folder)) {
      Path dir = path(folder);
      if (!Files.isDirectory(dir)) {
        return out;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile).forEach(f -> out.add(dir.relativize(f).toString().replace('\\', '/')));
      }
    } else {
      String prefix = folder.endsWith("/") ? folder : folder + "/";
      MatchResult m = FileSystems.match(prefix + "**", EmptyMatchTreatment.ALLOW);
      if (m.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata f : m.metadata()) {
          String name = f.resourceId().toString();
          if (name.startsWith(prefix) && !f.resourceId().isDirectory()) {
            out.add(name.substring(prefix.length()));
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The size of the file at {@code location}. */
  public static long size(String location) throws IOException {
    return FileSystems.matchSingleFileSpec(location).sizeBytes();
  }

  /** Reads the file at {@code location}. */
  public static InputStream open(String location) throws IOException {
    return Channels.newInputStream(FileSystems.open(resource(location, false)));
  }

  /** The bytes of the file at {@code location}; an {@link IOException} when there is none. */
  public static byte[] read(String location) throws IOException {
    try (InputStream in = open(location)) {
      return in.readAllBytes();
    }
  }

  /** A new file at {@code location}, its folders made where they need to be. */
  public static OutputStream create(String location) throws IOException {
    return Channels.newOutputStream(FileSystems.create(resource(location, false), MimeTypes.BINARY));
  }

  /**
   * Writes {@code bytes} to {@code location} so that it appears whole or not at all, in place of an
   * earlier file: locally under a hidden name and then one rename ({@link WholeFile}), in object
   * storage as one upload.
   */
  public static void writeWhole(String location, byte[] bytes) throws IOException {
    if (isLocal(location)) {
      WholeFile.write(path(location), bytes);
      return;
    }
    try (OutputStream out = create(location)) {
      out.write(bytes);
    }
  }

  /** Copies each file of {@code from} to the location of the same index in {@code to}. */
  public static void copy(List<String> from, List<String> to) throws IOException {
    if (!from.isEmpty()) {
      FileSystems.copy(resources(from), resources(to), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** Deletes the files at {@code locations}; those not there are passed over. */
  public static void delete(Collection<String> locations) throws IOException {
    if (!locations.isEmpty()) {
      FileSystems.delete(resources(locations), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** Deletes {@code folder} and everything under it; nothing when it is not there. */
  public static void deleteTree(String folder) throws IOException {
    if (isLocal(folder)) {
      Path dir = path(folder);
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      return;
    }
    delete(list(folder).stream().map(f -> resolve(folder, f)).toList());
  }

  /**
   * What went wrong with a file system, in one line: for object storage, what the user can do about
   * it (the AWS SDK's own messages run long, or say "null").
   */
  public static String why(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AwsServiceException s) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        if (s.statusCode() == 403) {
          return "access denied (HTTP 403" + (code == null ? "" : " " + code) + "): check the AWS credentials"
              + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the instance role) and their rights";
        }
        if ("NoSuchBucket".equals(code)) {
          return "no such bucket (HTTP 404 NoSuchBucket)";
        }
        return "HTTP " + s.statusCode() + (code == null ? "" : " " + code);
      }
      if (t instanceof SdkClientException c && c.getMessage() != null) {
        if (c.getMessage().startsWith("Unable to execute HTTP request")) {
          return "cannot reach the object store (" + c.getMessage().substring(c.getMessage().indexOf(':') + 1).strip()
              + "): check --endpoint and the network";
        }
        if (c.getMessage().contains("Unable to load credentials")) {
          return "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an instance role";
        }
        if (c.getMessage().contains("Unable to load region")) {
          return "no AWS region: set --awsRegion or AWS_REGION";
        }
      }
    }
    return e.toString();
  }

  private static List<ResourceId> resources(Collection<String> locations) {
    return locations.stream().map(l -> resource(l, false)).toList();
  }

  private static ResourceId resource(String location, boolean directory) {
    return FileSystems.matchNewResource(location, directory);
  }
}
