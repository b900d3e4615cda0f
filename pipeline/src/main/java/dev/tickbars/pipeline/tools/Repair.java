package dev.tickbars.pipeline.tools;

import dev.tickbars.pipeline.common.Storage;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.options.Cli;
import dev.tickbars.pipeline.output.OutputFolder;
import dev.tickbars.pipeline.output.OutputLock;
import dev.tickbars.pipeline.output.StoredPublish;
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
 * an output that readers need whole before the next run comes. An output in object storage
 * ({@code s3://}) has no lock: its publish is rolled forward ({@link StoredPublish}).
 */
public final class Repair {
  private Repair() {}

  public static int run(List<String> args, PrintStream out) throws IOException {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new UsageException(
          "repair takes one output folder, and for s3:// its store's flags: java -jar tickbars.jar repair OUT [--endpoint=URL]");
    }
    Cli.useFileSystems(args.get(0), args.subList(1, args.size()), "repair: ");
    String output = args.get(0);
    if (!Storage.isLocal(output)) {
      boolean finished;
      try {
        finished = StoredPublish.clearLeftovers(Storage.folder(output), out);
      } catch (IOException | RuntimeException e) {
        throw new UsageException("repair: cannot repair " + output + ": " + Storage.why(e), e);
      }
      out.println("tickbars: " + output + (finished ? " holds the run whose publish was interrupted, in place" : " needed no repair"));
      return 0;
    }
    Path root = Paths.get(output).toAbsolutePath().normalize();
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
