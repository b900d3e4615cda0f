package dev.tickbars.pipeline.tools;

import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code tickbars repair OUT}: does to an output what the next run would do before it starts,
 * and nothing else: under the output's lock, completes a publish that a kill interrupted ({@link
 * PublishJournal}) and removes what killed runs left. Every run does this itself; repair is for
 * an output that readers need whole before the next run comes.
 */
public final class Repair {
  private Repair() {}

  public static int run(List<String> args, PrintStream out) throws IOException {
    if (args.size() != 1) {
      throw new UsageException("repair takes one output folder: java -jar tickbars.jar repair OUT");
    }
    Path root = Paths.get(args.get(0)).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UsageException("repair: " + root + " is not a folder");
    }
    OutputFolder.requireOwn(root);
    try (OutputLock lock = OutputLock.take(root)) {
      boolean finished = OutputFolder.clearLeftovers(root, out);
      out.println("tickbars: " + root + (finished ? " holds the run whose publish was interrupted, in place" : " needed no repair"));
    }
    return 0;
  }
}
