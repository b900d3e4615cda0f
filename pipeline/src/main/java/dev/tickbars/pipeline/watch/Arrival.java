package dev.tickbars.pipeline.watch;

import dev.tickbars.pipeline.input.InputFile;
import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the watched input brings: a new complete file, or, after the last file, the stop with the
 * symbols of every file read, so that each of them is told that its input ends.
 */
record Arrival(InputFile file, TreeSet<String> symbols) implements Serializable {
  static Arrival of(InputFile file) {
    return new Arrival(file, null);
  }

  static Arrival stop(Set<String> symbols) {
    return new Arrival(null, new TreeSet<>(symbols));
  }

  boolean isStop() {
    return file == null;
  }
}
