package dev.tickbars.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.transforms.parse.InputFormat;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.parse.LayoutDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanFilesTest {
  private static final Layout TRUEFX =
      new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null).detect("f", "");

  @Test
  void smallFilesGoTogetherUpToAPieceAndLargeOnesAreCut() {
    List<InputFile> files = List.of(
        new InputFile("a.csv", 0, 40, TRUEFX),
        new InputFile("b.csv", 1, 50, TRUEFX),
        new InputFile("c.csv", 2, 30, TRUEFX),
        new InputFile("d.csv", 3, 250, TRUEFX),
        new InputFile("e.csv.gz", 4, 500, TRUEFX),
        new InputFile("f.csv", 5, 10, TRUEFX));
    List<String> groups = ScanFiles.groups(files, 100).stream()
        .map(g -> String.join(" ", g.stream().map(p -> p.file().path() + ":" + p.index() + "@" + p.start()).toList()))
        .toList();
    assertEquals(
        List.of("a.csv:0@0 b.csv:0@0", "c.csv:0@0", "d.csv:0@0", "d.csv:1@100", "d.csv:2@200", "e.csv.gz:0@0", "f.csv:0@0"),
        groups,
        "a and b fill 90 of 100 bytes; d's last piece (50 bytes) and f would fit, but e, compressed, is one piece between");
    assertEquals(Long.MAX_VALUE, ScanFiles.groups(files, 100).get(4).get(0).end(), "a file's last piece runs to its end");
  }
}
