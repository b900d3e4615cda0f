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
    LineReader reader = new LineReader(in, offset);
    long lineNo = line - 1;
    long dataLines = 0;
    boolean headerPending = offset == 0 && layout.header();
    end = -1;
    while (reader.next()) {
      long lineOffset = reader.offset;
      if (lineOffset >= limit) {
        end = lineOffset;
        break;
      }
      lineNo++;
      if (reader.tooLong) {
        String raw = new String(reader.buf, reader.from, RAW_LIMIT, StandardCharsets.UTF_8);
        long bytes = reader.skipRestOfLine();
        if (!headerPending) {
          dataLines++;
          handler.reject(lineNo, lineOffset, RejectReason.LINE_TOO_LONG, raw, bytes);
        }
        headerPending = false;
        continue;
      }
      int from = lineOffset == 0 ? afterBom(reader.buf, reader.from, reader.to) : reader.from;
      if (isBlank(reader.buf, from, reader.to)) {
        continue;
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      dataLines++;
      parseLine(parser, reader.buf, from, reader.to, lineNo, lineOffset, handler);
    }
    if (end < 0) {
      end = reader.position();
    }
    lines = lineNo - (line - 1);
    return dataLines;
  }

  /** Parses one data line and tells the handler its tick or why it is rejected. */
  private static void parseLine(
      TickLineParser parser, byte[] b, int from, int to, long lineNo, long lineOffset, Handler handler) {
    RejectReason reason = parser.parse(b, from, to);
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

  /** The lines, blank ones too, that the last {@link #parse} read. */
  public long lines() {
    return lines;
  }

  /** The offset where the last {@link #parse} stopped: the limit's line, or the end of the bytes. */
  public long end() {
    return end;
  }

  /** Where a line's text starts: past a UTF-8 byte order mark, which only the file's first line may have. */
  private static int afterBom(byte[] b, int from, int to) {
    boolean bom = to - from >= 3 && (b[from] & 0xff) == 0xEF && (b[from + 1] & 0xff) == 0xBB && (b[from + 2] & 0xff) == 0xBF;
    return bom ? from + 3 : from;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] > ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * A stream's bytes cut into lines in one buffer of {@link #MAX_LINE} bytes. After {@link #next},
   * the line is {@code buf[from, to)} without its LF or CRLF, starting at file offset {@code offset};
   * a line that does not fit is {@code tooLong}, with its first {@link #MAX_LINE} bytes there, and
   * {@link #skipRestOfLine} reads past the rest.
   */
  private static final class LineReader {
    final byte[] buf = new byte[MAX_LINE];
    private final InputStream in;
    private long base; // the file offset of buf[0]
    private int len;
    private int start; // where the next line starts
    private int searched; // bytes before this hold no line end after start
    private boolean eof;
    int from;
    int to;
    long offset;
    boolean tooLong;

    LineReader(InputStream in, long offset) {
      this.in = in;
      this.base = offset;
    }

    /** Moves to the next line; false when the bytes have ended. */
    boolean next() throws IOException {
      while (!eof || start < len) {
        int nl = indexOf(buf, Math.max(start, searched), len, (byte) '\n');
        if (nl >= 0 || eof) {
          from = start;
          to = nl < 0 ? len : nl;
          offset = base + from;
          tooLong = false;
          start = nl < 0 ? len : nl + 1;
          if (to > from && buf[to - 1] == '\r') {
            to--;
          }
          return true;
        }
        searched = len;
        if (len - start == MAX_LINE) {
          from = start;
          to = len;
          offset = base + from;
          tooLong = true;
          return true;
        }
        fill();
      }
      return false;
    }

    /** Reads past the rest of a line that is {@code tooLong}; returns its whole length in bytes. */
    long skipRestOfLine() throws IOException {
      long bytes = MAX_LINE;
      base += len;
      len = 0;
      start = 0;
      searched = 0;
      while (true) {
        int r = in.read(buf, 0, buf.length);
        if (r < 0) {
          eof = true;
          return bytes;
        }
        int i = indexOf(buf, 0, r, (byte) '\n');
        if (i >= 0) {
          len = r;
          start = i + 1;
          return bytes + i;
        }
        bytes += r;
        base += r;
      }
    }

    /** The offset just past the bytes read. */
    long position() {
      return base + len;
    }

    /** Moves the unfinished line to the buffer's start and reads more after it. */
    private void fill() throws IOException {
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
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
      for (int i = from; i < to; i++) {
        if (b[i] == value) {
          return i;
        }
      }
      return -1;
    }
  }
}
