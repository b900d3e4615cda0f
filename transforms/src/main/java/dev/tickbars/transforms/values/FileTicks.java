package dev.tickbars.transforms.values;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ticks of one symbol from one file, each with its line: its number, its text (cut as a reject's
 * is) and its length in bytes, so that a tick found late after it was read is rejected with its
 * line, as a bad line is. The element that {@code --watch} reads files into.
 */
public final class FileTicks {
  public final String file;
  public final TickBlock ticks;
  private final long[] lines;
  private final String[] texts;
  private final int[] bytes;

  public FileTicks(String file, TickBlock ticks, long[] lines, String[] texts, int[] bytes) {
    this.file = file;
    this.ticks = ticks;
    this.lines = lines;
    this.texts = texts;
    this.bytes = bytes;
  }

  public int size() {
    return ticks.size();
  }

  /** The line number of tick {@code i}. */
  public long line(int i) {
    return lines[i];
  }

  /** The text of tick {@code i}'s line. */
  public String text(int i) {
    return texts[i];
  }

  /** The length of tick {@code i}'s line in bytes. */
  public int bytes(int i) {
    return bytes[i];
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileTicks f)) {
      return false;
    }
    int n = size();
    return file.equals(f.file) && ticks.equals(f.ticks)
        && Arrays.equals(lines, 0, n, f.lines, 0, n)
        && Arrays.equals(texts, 0, n, f.texts, 0, n)
        && Arrays.equals(bytes, 0, n, f.bytes, 0, n);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, ticks);
  }

  @Override
  public String toString() {
    return "FileTicks{" + file + " " + ticks + "}";
  }

  /** Appends ticks of one symbol from one file. */
  public static final class Builder {
    private final String file;
    private final TickBlock.Builder ticks;
    private long[] lines = new long[16];
    private String[] texts = new String[16];
    private int[] bytes = new int[16];

    public Builder(String file, String symbol) {
      this.file = file;
      this.ticks = new TickBlock.Builder(symbol);
    }

    public int size() {
      return ticks.size();
    }

    /** The builder of the ticks themselves; each tick added to it must get its line by {@link #line}. */
    public TickBlock.Builder ticks() {
      return ticks;
    }

    /** Records the line of the tick added last to {@link #ticks()}. */
    public Builder line(long line, String text, int length) {
      int i = ticks.size() - 1;
      if (i == lines.length) {
        lines = Arrays.copyOf(lines, i * 2);
        texts = Arrays.copyOf(texts, i * 2);
        bytes = Arrays.copyOf(bytes, i * 2);
      }
      lines[i] = line;
      texts[i] = text;
      bytes[i] = length;
      return this;
    }

    /** Adds tick {@code i} of {@code from}, with its line. */
    public Builder add(FileTicks from, int i) {
      ticks.add(from.ticks, i);
      return line(from.line(i), from.text(i), from.bytes(i));
    }

    /** The ticks added so far; the builder must not be used afterwards. */
    public FileTicks build() {
      return new FileTicks(file, ticks.build(), lines, texts, bytes);
    }
  }
}
