package dev.tickbars.pipeline;

import dev.tickbars.transforms.parse.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;

/**
 * One input file: its path, its rank in sorted path order (the first part of a tick's input
 * position), its size, and its layout.
 */
public record InputFile(String path, int rank, long size, Layout layout) implements Serializable {

  /** The file's bytes, decompressed by its name (.gz, .bz2, .zip, ...). */
  public InputStream open() throws IOException {
    return open(path);
  }

  static InputStream open(String path) throws IOException {
    return Channels.newInputStream(
        Compression.detect(path)
            .readDecompressed(FileSystems.open(FileSystems.matchNewResource(path, false))));
  }
}
