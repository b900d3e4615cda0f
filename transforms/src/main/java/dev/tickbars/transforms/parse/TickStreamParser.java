package dev.tickbars.transforms.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and parses them with a {@link TickLineParser}: LF or CRLF
 * endings, a UTF-8 BOM, blank lines and the header line (when the layout has one) are passed
 * over. Lines are numbered from 1 as an editor shows them, counting every line, and each line's
 * byte offset in the file is told with it, so a later reader can start at any line.
 */
public final class TickStreamParser {
  private static final int INITIAL_BUFFER = 1 << 20;

  /** Receives each tick and each rejected line, with the line's number and byte offset. */
  public interface Handler {
    /** Takes a tick; returns null, or why it is rejected after all (then {@link #reject} follows). */
    RejectReason tick(TickLineParser tick, long line, long offset);

    void reject(long line, long offset, RejectReason reason, String raw);

    /** Sees a crossed quote (bid > ask, all of it read) before its {@link #reject}. */
    default void crossed(TickLineParser quote) {}
  }

  private final Layout layout;
  private long lines;
  private long end;

  public TickStreamParser(Layout layout) {
    this.layout = layout;
  }

  /** Parses a whole file; returns the number of data lines (not blank, not the header). */
  public long parse(InputStream in, Handler handler) throws IOException {
    return parse(in, 1, 0, Long.MAX_VALUE, handler);
  }

  /**
   * Parses the lines of {@code in}, a file's bytes from offset {@code offset} on, which is the
   * start of line {@code line}, up to the first line that starts at {@code limit} or later; at
   * offset 0 the BOM and header are looked for. Returns the number of data lines.
   */
  public long parse(InputStream in, long line, long offset, long limit, Handler handler) throws IOException {
    TickLineParser parser = new TickLineParser(layout);
    byte[] buf = new byte[INITIAL_BUFFER];
    long base = offset;
    int len = 0;
    int start = 0;
    long lineNo = line - 1;
    long dataLines = 0;
    boolean atFileStart = offset == 0;
    boolean headerPending = atFileStart && layout.header();
    boolean eof = false;
    while (!eof || start < len) {
      int nl = -1;
      for (int i = start; i < len; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0 && !eof) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, len - start);
          len -= start;
          base += start;
          start = 0;
        } else if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
          eof = true;
        } else {
          len += r;
        }
        continue;
      }
      int end = nl < 0 ? len : nl;
      int from = start;
      long lineOffset = base + from;
      if (lineOffset >= limit) {
        this.end = lineOffset;
        lines = lineNo - (line - 1);
        return dataLines;
      }
      start = nl < 0 ? len : nl + 1;
      lineNo++;
      if (end > from && buf[end - 1] == '\r') {
        end--;
      }
      if (atFileStart && lineOffset == 0 && end - from >= 3 && (buf[from] & 0xff) == 0xEF
          && (buf[from + 1] & 0xff) == 0xBB && (buf[from + 2] & 0xff) == 0xBF) {
        from += 3;
      }
      if (isBlank(buf, from, end)) {
        continue;
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      dataLines++;
      RejectReason reason = parser.parse(buf, from, end);
      if (reason == null) {
        reason = handler.tick(parser, lineNo, lineOffset);
      }
      if (reason == RejectReason.CROSSED_QUOTE) {
        handler.crossed(parser);
      }
      if (reason != null) {
        handler.reject(lineNo, lineOffset, reason, new String(buf, from, end - from, StandardCharsets.UTF_8));
      }
    }
    this.end = base + len;
    lines = lineNo - (line - 1);
    return dataLines;
  }

  /** The lines, blank ones too, that the last {@link #parse} read. */
  public long lines() {
    return lines;
  }

  /** The offset where the last {@link #parse} stopped: the limit's line, or the end of the bytes. */
  public long end() {
    return end;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] > ' ') {
        return false;
      }
    }
    return true;
  }
}
