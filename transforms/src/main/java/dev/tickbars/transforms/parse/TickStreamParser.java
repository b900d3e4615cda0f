package dev.tickbars.transforms.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines and parses them with a {@link TickLineParser}: LF or CRLF
 * endings, a UTF-8 BOM, blank lines and the header line (when the layout has one) are passed
 * over. Lines are numbered from 1 as an editor shows them, counting every line.
 */
public final class TickStreamParser {
  private static final int INITIAL_BUFFER = 1 << 20;

  /** Receives each tick and each rejected line. */
  public interface Handler {
    void tick(TickLineParser tick, long line);

    void reject(long line, RejectReason reason, String raw);
  }

  private final Layout layout;

  public TickStreamParser(Layout layout) {
    this.layout = layout;
  }

  /** Parses the whole stream; returns the number of data lines (not blank, not the header). */
  public long parse(InputStream in, Handler handler) throws IOException {
    TickLineParser parser = new TickLineParser(layout);
    byte[] buf = new byte[INITIAL_BUFFER];
    int len = 0;
    int start = 0;
    long line = 0;
    long dataLines = 0;
    boolean headerPending = layout.header();
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
          start = 0;
        } else if (len == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2);
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
      start = nl < 0 ? len : nl + 1;
      line++;
      if (end > from && buf[end - 1] == '\r') {
        end--;
      }
      if (line == 1 && end - from >= 3 && (buf[from] & 0xff) == 0xEF
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
        handler.tick(parser, line);
      } else {
        handler.reject(line, reason, new String(buf, from, end - from, StandardCharsets.UTF_8));
      }
    }
    return dataLines;
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
