package dev.tickbars.pipeline.batch;

import dev.tickbars.pipeline.output.RejectFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes JSON lines to a file created at the first line. */
final class RejectWriter implements AutoCloseable {
  private final String path;
  private OutputStream out;

  RejectWriter(String path) {
    this.path = path;
  }

  void write(String file, long line, String reason, String raw, long bytes) {
    try {
      if (out == null) {
        out = ScanFileFn.create(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RejectFiles.write(out, file, line, reason, raw, bytes);
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
