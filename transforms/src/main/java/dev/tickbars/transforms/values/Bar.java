package dev.tickbars.transforms.values;

import java.io.Serializable;

/**
 * One finished bar: the columns of SPEC 5, in the order of the Parquet schema. NaN stands for a
 * column the bar has no data for (written as null): the quotes of trades alone, and the VWAP and
 * value of quotes.
 */
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
    double vwap,
    double value,
    int gapFlag)
    implements Serializable {}
