package dev.tickbars.pipeline.common;


/** The job ran and failed: one line that says why; exit code 1. */
public final class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The line that tells a user what went wrong: an unreadable input file's own account if there
   * is one, else the innermost cause's class and message.
   */
  public static String rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof InputFileException) {
        return "cannot read " + root.getMessage();
      }
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + message;
  }
}
