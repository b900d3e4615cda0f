package dev.tickbars.pipeline.common;

import java.io.IOException;

/** An input file could not be read to its end: names the file and what went wrong. */
public final class InputFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public InputFileException(String path, IOException cause) {
    super(path + ": " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
  }
}
