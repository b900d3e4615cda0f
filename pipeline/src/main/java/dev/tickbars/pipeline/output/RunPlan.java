package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.input.Carried;
import dev.tickbars.pipeline.input.Fingerprint;
import dev.tickbars.pipeline.input.InputFile;
import dev.tickbars.pipeline.input.InputFiles;
import dev.tickbars.pipeline.input.ReadStats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;

/**
 * What a run reads and what it goes on from. A run without {@code --append}, or the first into an
 * output, reads every input file. An {@code --append} run reads the files its output's ledger does
 * not hold, ranked after the ledger's, and carries the ledger's state over; a file the ledger holds
 * with the same size and fingerprint is skipped, a changed one is a usage error, (the ledger's
 * options were checked when it was read, {@link Ledger#readFor}).
 *
 * @param files the files to read, ranked
 * @param fingerprints each file's fingerprint, by path
 * @param skipped notes on the files passed over
 * @param run this run's number, from 1
 */
public record RunPlan(
    Ledger before, List<InputFile> files, Map<String, String> fingerprints, List<String> skipped, Carried carried, int run) {

  public static RunPlan of(Ledger before, InputFiles.Found found) {
    try {
      if (before == null) {
        return new RunPlan(null, found.files(), fingerprints(found.files()), found.passedOver(), Carried.NOTHING, 1);
      }
      List<InputFile> fresh = new ArrayList<>();
      List<String> skipped = new ArrayList<>(found.passedOver());
      Map<String, String> fingerprints = new TreeMap<>();
      for (InputFile f : found.files()) {
        Ledger.FileEntry seen = before.file(f.path());
        if (seen == null) {
          fresh.add(new InputFile(f.path(), before.files.size() + fresh.size(), f.size(), f.layout()));
          fingerprints.put(f.path(), Fingerprint.of(f.path(), f.size()));
        } else if (seen.size() == f.size() && seen.fingerprint().equals(Fingerprint.of(f.path(), f.size()))) {
          skipped.add("skipped " + f.path() + ": run " + seen.run() + " read it");
        } else {
          throw new UsageException(
              "input file " + f.path() + " changed since run " + seen.run() + " read it ("
                  + seen.size() + " bytes then, " + f.size() + " now, or other bytes); its bars are in the output already");
        }
      }
      return new RunPlan(before, fresh, fingerprints, skipped, before.carried(), before.runs + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What this run's output file names end in: nothing for a first run, {@code -r<run>} after. */
  public String fileSuffix() {
    return run == 1 ? "" : "-r" + run;
  }

  /**
   * Fails when an input file is not as the run found it (SPEC 2: a file that changes while it is
   * read fails the run and is not recorded): its size and fingerprint, checked again once the
   * pipeline has read it.
   */
  public void checkUnchanged() throws IOException {
    for (InputFile f : files) {
      long size;
      try {
        size = FileSystems.matchSingleFileSpec(f.path()).sizeBytes();
      } catch (FileNotFoundException e) {
        throw new IllegalStateException("input file " + f.path() + " was removed while it was read");
      }
      if (size != f.size() || !Fingerprint.of(f.path(), size).equals(fingerprints.get(f.path()))) {
        throw new IllegalStateException(
            "input file " + f.path() + " changed while it was read (" + f.size() + " bytes at the start, " + size
                + " now, or other bytes); run again once it is complete");
      }
    }
  }

  private static Map<String, String> fingerprints(List<InputFile> files) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (InputFile f : files) {
      out.put(f.path(), Fingerprint.of(f.path(), f.size()));
    }
    return out;
  }

  /** The ledger after this run: the earlier one's files, counts and state, and this run's. */
  public Ledger after(Map<String, String> shape, ReadStats stats, List<Ledger.OpenBarEntry> openBars) {
    List<Ledger.FileEntry> read = new ArrayList<>();
    for (InputFile f : files) {
      read.add(new Ledger.FileEntry(f.path(), f.rank(), f.size(), fingerprints.get(f.path()), f.layout().format(), run));
    }
    return Ledger.next(before, shape, run, read, stats, openBars);
  }
}
