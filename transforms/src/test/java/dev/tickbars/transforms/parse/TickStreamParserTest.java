package dev.tickbars.transforms.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickStreamParserTest {
  private final List<String> seen = new ArrayList<>();
  private final List<Long> offsets = new ArrayList<>();

  private long parse(Layout layout, String text) throws IOException {
    return parse(layout, text.getBytes(StandardCharsets.UTF_8), 1, 0, Long.MAX_VALUE);
  }

  private long parse(Layout layout, byte[] file, long line, long offset, long limit) throws IOException {
    return new TickStreamParser(layout)
        .parse(
            new ByteArrayInputStream(file, (int) offset, file.length - (int) offset),
            line,
            offset,
            limit,
            new TickStreamParser.Handler() {
              @Override
              public RejectReason tick(TickLineParser t, long line, long offset) {
                offsets.add(offset);
                seen.add(line + ":" + t.symbol() + "@" + t.timeNs() + " " + t.bid() + "/" + t.ask()
                    + (Double.isNaN(t.bidVolume()) ? "" : " v" + t.bidVolume() + "/" + t.askVolume()));
                return null;
              }

              @Override
              public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
                offsets.add(offset);
                seen.add(line + ":" + reason.label() + (bytes > TickStreamParser.RAW_LIMIT ? " of " + bytes + " bytes" : "")
                    + " [" + (raw.length() > 100 ? raw.substring(0, 10) + "... " + raw.length() + " chars" : raw) + "]");
              }
            });
  }

  @Test
  void bomCrlfBlankLinesSpacesQuotesAndHeader() throws IOException {
    Layout l = new LayoutDetector(InputFormat.AUTO, List.of(), null, null).detect("f", "symbol,time,bid,ask");
    long data =
        parse(l, "\uFEFFsymbol,time,bid,ask\r\n\r\n \"eur/usd\" , 1970-01-01T00:00:01Z ,1.5,2\r\n\n   \nEURUSD,2,1,1");
    assertEquals(2, data);
    assertEquals(List.of("3:EURUSD@1000000000 1.5/2.0", "6:EURUSD@2000000000 1.0/1.0"), seen);
  }

  @Test
  void aRangeStartsAtAnyLineItsOffsetNames() throws IOException {
    Layout l = new LayoutDetector(InputFormat.AUTO, List.of(), null, null).detect("f", "symbol,time,bid,ask");
    byte[] file =
        "\uFEFFsymbol,time,bid,ask\r\nA,1,1,2\r\n\r\nB,2,1,2\nC,x,1,2\nD,4,1,2".getBytes(StandardCharsets.UTF_8);
    parse(l, file, 1, 0, Long.MAX_VALUE);
    List<String> whole = List.copyOf(seen);
    List<Long> wholeOffsets = List.copyOf(offsets);
    assertEquals(List.of(24L, 35L, 43L, 51L), wholeOffsets);
    seen.clear();
    offsets.clear();
    assertEquals(3, parse(l, file, 4, 35, Long.MAX_VALUE));
    assertEquals(whole.subList(1, 4), seen);
    assertEquals(wholeOffsets.subList(1, 4), offsets);
    seen.clear();
    offsets.clear();
    TickStreamParser parser = new TickStreamParser(l);
    parser.parse(new ByteArrayInputStream(file), 1, 0, 43, new TickStreamParser.Handler() {
      @Override
      public RejectReason tick(TickLineParser t, long line, long offset) {
        offsets.add(offset);
        return null;
      }

      @Override
      public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
        offsets.add(offset);
      }
    });
    assertEquals(List.of(24L, 35L), offsets, "the lines that start before the limit");
    assertEquals(4, parser.lines(), "header, A, a blank line and B");
    assertEquals(43, parser.end(), "where C starts");
  }

  @Test
  void everyRejectReason() throws IOException {
    Layout l = new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null).detect("f", "");
    parse(
        l,
        String.join(
            "\n",
            "A,1,1,2,3",
            ",1,1,2",
            "A,yesterday,1,2",
            "A,1,x,2",
            "A,1,0,2",
            "A,1,NaN,2",
            "A,1,3,2",
            "A,1,2,2",
            "/,1,1,2",
            "A,1,1e12,1e12",
            "A,1,1e12,1.0000001e12",
            "A,1,1e308,1e308"));
    assertEquals(
        List.of(
            "1:wrong_field_count [A,1,1,2,3]",
            "2:missing_symbol [,1,1,2]",
            "3:bad_timestamp [A,yesterday,1,2]",
            "4:bad_number [A,1,x,2]",
            "5:non_positive_or_non_finite_price [A,1,0,2]",
            "6:non_positive_or_non_finite_price [A,1,NaN,2]",
            "7:crossed_quote [A,1,3,2]",
            "8:A@1000000000 2.0/2.0",
            "9:bad_symbol [/,1,1,2]",
            "10:A@1000000000 1.0E12/1.0E12",
            "11:price_too_large [A,1,1e12,1.0000001e12]",
            "12:price_too_large [A,1,1e308,1e308]"),
        seen);
  }

  @Test
  void volumesAndLongLines() throws IOException {
    Layout l = new LayoutDetector(InputFormat.AUTO, List.of(), null, null)
        .detect("f", "symbol,time,bid,ask,bid_volume,ask_volume");
    String longSymbol = "S".repeat(3_000_000);
    parse(l, "symbol,time,bid,ask,bid_volume,ask_volume\nX,1,1,2,3.5,\nX,1,1,2,-1,1\n" + longSymbol + ",1,1,2,1,1\n");
    assertEquals("2:X@1000000000 1.0/2.0 v3.5/NaN", seen.get(0));
    assertEquals("3:bad_number [X,1,1,2,-1,1]", seen.get(1));
    assertEquals("4:line_too_long of " + (longSymbol.length() + 10) + " bytes [SSSSSSSSSS... 4096 chars]", seen.get(2));
    assertEquals(3, seen.size());
  }

  @Test
  void aLineOverTheLimitIsRejectedCutAndReadPastWithTheLinesAfterItWhereTheyAre() throws IOException {
    Layout l = new LayoutDetector(InputFormat.AUTO, List.of(), null, null).detect("f", "symbol,time,bid,ask");
    String huge = "X".repeat(3 * TickStreamParser.MAX_LINE + 17);
    String justLong = "Y".repeat(TickStreamParser.RAW_LIMIT + 1);
    String text = "symbol,time,bid,ask\nA,1,1,2\n" + huge + "\n" + justLong + "\nB,2,1,2\n" + huge;
    byte[] file = text.getBytes(StandardCharsets.UTF_8);
    // A stream that gives a few bytes at a time, as a decompressing one does.
    java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(file)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 7919));
      }
    };
    TickStreamParser parser = new TickStreamParser(l);
    long data = parser.parse(trickle, 1, 0, Long.MAX_VALUE, new TickStreamParser.Handler() {
      @Override
      public RejectReason tick(TickLineParser t, long line, long offset) {
        seen.add(line + ":" + t.symbol() + "@" + offset);
        return null;
      }

      @Override
      public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
        seen.add(line + ":" + reason.label() + "@" + offset + " " + raw.length() + " of " + bytes);
      }
    });
    long b = 20 + 8 + huge.length() + 1 + justLong.length() + 1;
    assertEquals(List.of(
        "2:A@20",
        "3:line_too_long@28 4096 of " + huge.length(),
        "4:wrong_field_count@" + (28 + huge.length() + 1) + " 4096 of " + justLong.length(),
        "5:B@" + b,
        "6:line_too_long@" + (b + 8) + " 4096 of " + huge.length()), seen);
    assertEquals(5, data);
    assertEquals(6, parser.lines());
    assertEquals(file.length, parser.end());
  }

  @Test
  void aTickTheHandlerTurnsDownIsRejectedWithItsLine() throws IOException {
    Layout l = new LayoutDetector(InputFormat.TRUEFX, List.of(), null, null).detect("f", "");
    byte[] file = "A,19700101 00:00:02.000,1,2\nA,19700101 00:00:01.000,1,2\n".getBytes(StandardCharsets.UTF_8);
    List<String> got = new ArrayList<>();
    new TickStreamParser(l)
        .parse(
            new ByteArrayInputStream(file),
            new TickStreamParser.Handler() {
              @Override
              public RejectReason tick(TickLineParser t, long line, long offset) {
                got.add(line + ":tick");
                return t.timeNs() < 2_000_000_000L ? RejectReason.LATE : null;
              }

              @Override
              public void reject(long line, long offset, RejectReason reason, String raw, long bytes) {
                got.add(line + ":" + reason.label() + " [" + raw + "]");
              }
            });
    assertEquals(List.of("1:tick", "2:tick", "2:late [A,19700101 00:00:01.000,1,2]"), got);
  }
}
