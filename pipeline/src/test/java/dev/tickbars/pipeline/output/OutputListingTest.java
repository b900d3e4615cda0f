package dev.tickbars.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputListingTest {
  @TempDir Path root;

  private void touch(String path) throws Exception {
    Files.createDirectories(root.resolve(path).getParent());
    Files.writeString(root.resolve(path), "");
  }

  @Test
  void theWritersFilesAreListedByFolderAndPathWithTheRowsTheyReturned() throws Exception {
    touch("bars_1m/symbol=EURUSD/2025-07-01.parquet");
    touch("bars_1m/symbol=EURUSD/joined.parquet");
    touch("rejects/rejects-00000.jsonl");
    touch(".open/1m/EURUSD.bin");
    List<WrittenFiles.File> files = List.of(
        WrittenFiles.of(root.toString(), root + "/rejects/rejects-00000.jsonl", 2),
        new WrittenFiles.File("bars_1m", "symbol=EURUSD/joined.parquet", 3),
        WrittenFiles.of(root.toString(), root + "/bars_1m/symbol=EURUSD/2025-07-01.parquet", 5));

    List<OutputListing.Folder> folders = OutputListing.of(files, root.toString());

    assertEquals(
        List.of(
            new OutputListing.Folder("bars_1m", List.of(
                new OutputListing.FileRows("symbol=EURUSD/2025-07-01.parquet", 5),
                new OutputListing.FileRows("symbol=EURUSD/joined.parquet", 3))),
            new OutputListing.Folder("rejects", List.of(new OutputListing.FileRows("rejects-00000.jsonl", 2)))),
        folders);
  }

  @Test
  void aFileNoWriterReturnedOrOneThatIsNotThereFailsTheListing() throws Exception {
    touch("bars_1m/EURUSD-2025-07-01.parquet");
    touch("bars_1m/EURUSD-2025-07-02.parquet");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputListing.of(
        List.of(new WrittenFiles.File("bars_1m", "EURUSD-2025-07-01.parquet", 1),
            new WrittenFiles.File("bars_1m", "EURUSD-2025-07-03.parquet", 1)),
        root.toString()));
    assertTrue(e.getMessage().contains("not returned [bars_1m/EURUSD-2025-07-02.parquet]"), e.getMessage());
    assertTrue(e.getMessage().contains("not there [bars_1m/EURUSD-2025-07-03.parquet]"), e.getMessage());
  }
}
