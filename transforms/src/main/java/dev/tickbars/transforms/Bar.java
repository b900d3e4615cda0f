package dev.tickbars.transforms;

import java.util.Comparator;

/** One finished bar: the columns of SPEC 5, in the order of the Parquet schema. */
public record Bar(
    String symbol,
    String frame,
    long tOpenNs,
    long tCloseNs,
    double o,
    double h,
    double l,
    double c,
    double oBid,
    double oAsk,
    double cBid,
    double cAsk,
    double spreadMean,
    int nTicks,
    double vSum,
    long tickFirstId,
    long tickLastId,
    int gapFlag) {

  /** The order of rows in a bar file (SPEC 8): symbol, then open time. */
  public static final Comparator<Bar> FILE_ORDER =
      Comparator.comparing(Bar::symbol).thenComparingLong(Bar::tOpenNs);
}
