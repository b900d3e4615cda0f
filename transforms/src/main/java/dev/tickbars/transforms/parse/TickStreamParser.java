package dev.tickbars.transforms.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines and parses them with a {@link TickLineParser}: LF or CRLF
 * endings, a UTF-8 BOM, blank lines and the header line (when the layout has one) are passed
 * over. Lines are numbered from 1 as an editor shows them, counting every line, and each line's
 * byte offset in the file is told with it, so a later reader can start at any line.
 *
 * <p>Memory stays bounded whatever the lines: a line longer than {@link #MAX_LINE} bytes is no
 * tick ({@link RejectReason#LINE_TOO_LONG}) and is read past, not kept, and a rejected line's
 * text is told cut to its first {@link #RAW_LIMIT} bytes, with the line's length in bytes.
 */
public final class TickStreamParser {
  /** The longest line read as a tick, in bytes; a tick line has a few dozen. */
  public static final int MAX_LINE = 1 << 20;
  /** The most of a rejected line's bytes that its reject keeps. */
  public static final int RAW_LIMIT = 4096;

  /** Receives each tick and each rejected line, with the line's number and byte offset. */
  public interface Handler {
    /** Takes a tick; returns null, or why it is rejected after all (then {@link #reject} follows). */
    RejectReason tick(TickLineParser tick, long line, long offset);

    /**
     * Takes a rejected line: {@code raw} is its text, cut to the first {@link #RAW_LIMIT} bytes,
     * and {@code bytes} its whole length.
     */
    void reject(long line, long offset, RejectReason reason, String raw, long bytes);

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
    byte[] buf = new byte[MAX_LINE];
    long base = offset;
    int len = 0;
    int start = 0;
    long lineNo = line - 1;
    long dataLines = 0;
    boolean atFileStart = offset == 0;
    boolean headerPending = atFileStart && layout.header();
    boolean eof = false;
    int searched = 0; // bytes before this hold no line end after start
    while (!eof || start < len) {
      int nl = -1;
      for (int i = Math.max(start, searched); i < len; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0) {
        searched = len;
      }
      if (nl < 0 && !eof && len - start == MAX_LINE) {
        long lineOffset = base + start;
        if (lineOffset >= limit) {
          this.end = lineOffset;
          lines = lineNo - (line - 1);
          return dataLines;
        }
        lineNo++;
        String raw = new String(buf, start, RAW_LIMIT, StandardCharsets.UTF_8);
        long bytes = MAX_LINE;
        base += len;
        len = 0;
        start = 0;
        searched = 0;
        while (true) {
          int r = in.read(buf, 0, buf.length);
          if (r < 0) {
            eof = true;
            break;
          }
          int i = indexOf(buf, r, (byte) '\n');
          if (i >= 0) {
            bytes += i;
            len = r;
            start = i + 1;
            break;
          }
          bytes += r;
          base += r;
        }
        if (headerPending) {
          headerPending = false;
        } else {
          dataLines++;
          handler.reject(lineNo, lineOffset, RejectReason.LINE_TOO_LONG, raw, bytes);
        }
        continue;
      }
      if (nl < 0 && !eof) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, len - start);
          len -= start;
          base += start;
          searched -= start;
          start = 0;
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
        handler.reject(lineNo, lineOffset, reason, parser.lineText(RAW_LIMIT), parser.lineBytes());
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

  private static int indexOf(byte[] b, int to, byte value) {
    for (int i = 0; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
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
