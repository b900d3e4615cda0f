"""The benchmark's second peer: tickbars' default job as the Polars script a Python quant would write.

1m, 100t and 1000t bars with all 18 columns, and the 1000t slices, each written to Parquet, for
TrueFX-layout files without bad lines: scan_csv, a row index for the input position, sort by
symbol, time and position, int_range().over(symbol) for tick ids, group_by minute or
tick_id // N. For trade files of Databento's columns (ts_event,symbol,price,size,side), the trades
job: 1m, 1000t and 500v bars on the trade price with VWAP and value (the volume bars by tickbars'
rule, the volume counted exactly in units of 1e-8), and the 1000t slices with price, size and side.
It prints the rows written per output, as DuckDbBars does, so the benchmark can check that all did
the same work.

    python polars_bars.py INPUT_DIR OUTPUT_DIR [quotes|trades]
"""
import os
import sys

import polars as pl

MINUTE_NS = 60_000_000_000
GAP_NS = 60_000_000_000


def ticks(input_dir):
    raw = pl.scan_csv(
        os.path.join(input_dir, "*.csv"),
        has_header=False,
        schema={"sym": pl.String, "ts": pl.String, "bid": pl.Float64, "ask": pl.Float64},
    ).with_row_index("line")
    parsed = raw.select(
        pl.col("sym").str.strip_chars().str.replace("/", "").str.to_uppercase().alias("symbol"),
        pl.col("ts").str.strptime(pl.Datetime("ns"), "%Y%m%d %H:%M:%S%.f").cast(pl.Int64).alias("t_ns"),
        "bid",
        "ask",
        "line",
    ).filter((pl.col("bid") > 0) & (pl.col("ask") > 0) & (pl.col("bid") <= pl.col("ask")))
    numbered = parsed.sort("symbol", "t_ns", "line").with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).over("symbol").alias("tick_id"),
        ((pl.col("bid") + pl.col("ask")) / 2).alias("price"),
    )
    gap = (pl.col("t_ns") - pl.col("t_ns").shift(1).over("symbol")) > GAP_NS
    return numbered.with_columns(gap.fill_null(False).cast(pl.Int32).alias("gap")).collect()


def trades(input_dir):
    raw = pl.scan_csv(
        os.path.join(input_dir, "*.csv"),
        has_header=True,
        schema={"ts_event": pl.String, "symbol": pl.String, "price": pl.Float64, "size": pl.Float64, "side": pl.String},
    ).with_row_index("line")
    parsed = raw.select(
        pl.col("symbol").str.strip_chars().str.to_uppercase().alias("symbol"),
        pl.col("ts_event").str.strptime(pl.Datetime("ns"), "%Y-%m-%dT%H:%M:%S%.fZ").cast(pl.Int64).alias("t_ns"),
        "price",
        "size",
        pl.col("side").str.to_uppercase().replace_strict({"B": "B", "S": "S", "A": "S"}, default="N").alias("side"),
        "line",
    ).filter((pl.col("price") > 0) & (pl.col("size") >= 0))
    numbered = parsed.sort("symbol", "t_ns", "line").with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).over("symbol").alias("tick_id"),
        pl.lit(None, pl.Float64).alias("bid"),
        pl.lit(None, pl.Float64).alias("ask"),
    )
    units = (pl.col("size") * 100_000_000).round().cast(pl.Int64)
    gap = (pl.col("t_ns") - pl.col("t_ns").shift(1).over("symbol")) > GAP_NS
    return numbered.with_columns(
        (units.cum_sum().over("symbol") - units).alias("units_before"),
        gap.fill_null(False).cast(pl.Int32).alias("gap"),
    ).collect()


def bars(t, frame, key, open_ns, close_ns, of_trades=False):
    volume = [
        pl.col("size").sum().alias("v_sum"),
        ((pl.col("price") * pl.col("size")).sum() / pl.col("size").sum()).alias("vwap"),
        (pl.col("price") * pl.col("size")).sum().alias("value"),
    ] if of_trades else [
        pl.len().cast(pl.Float64).alias("v_sum"),
        pl.lit(None, pl.Float64).alias("vwap"),
        pl.lit(None, pl.Float64).alias("value"),
    ]
    return (
        t.with_columns(key.alias("k"))
        .group_by("symbol", "k", maintain_order=True)
        .agg(
            open_ns.alias("t_open_ns"),
            close_ns.alias("t_close_ns"),
            pl.col("price").first().alias("o"),
            pl.col("price").max().alias("h"),
            pl.col("price").min().alias("l"),
            pl.col("price").last().alias("c"),
            pl.col("bid").first().alias("o_bid"),
            pl.col("ask").first().alias("o_ask"),
            pl.col("bid").last().alias("c_bid"),
            pl.col("ask").last().alias("c_ask"),
            (pl.col("ask") - pl.col("bid")).mean().alias("spread_mean"),
            pl.len().cast(pl.Int32).alias("n_ticks"),
            volume[0],
            pl.col("tick_id").first().alias("tick_first_id"),
            pl.col("tick_id").last().alias("tick_last_id"),
            volume[1],
            volume[2],
            pl.col("gap").first().alias("gap_flag"),
        )
        .drop("k")
        .with_columns(pl.lit(frame).alias("frame"))
        .sort("symbol", "t_open_ns")
    )


def quote_outputs(t):
    minute = pl.col("t_ns") // MINUTE_NS
    return {
        "bars_1m": bars(t, "1m", minute, (minute * MINUTE_NS).first(), ((minute + 1) * MINUTE_NS).first()),
        "bars_100t": bars(t, "100t", pl.col("tick_id") // 100, pl.col("t_ns").min(), pl.col("t_ns").max()),
        "bars_1000t": bars(t, "1000t", pl.col("tick_id") // 1000, pl.col("t_ns").min(), pl.col("t_ns").max()),
        "tick_slices_1000t": t.select(
            "symbol", "tick_id", (pl.col("tick_id") // 1000).alias("bar_idx"), "t_ns", "bid", "ask",
            pl.lit(None, pl.Float64).alias("bid_volume"), pl.lit(None, pl.Float64).alias("ask_volume"),
        ),
    }


def trade_outputs(t):
    minute = pl.col("t_ns") // MINUTE_NS
    return {
        "bars_1m": bars(t, "1m", minute, (minute * MINUTE_NS).first(), ((minute + 1) * MINUTE_NS).first(), True),
        "bars_1000t": bars(t, "1000t", pl.col("tick_id") // 1000, pl.col("t_ns").min(), pl.col("t_ns").max(), True),
        "bars_500v": bars(t, "500v", pl.col("units_before") // 50_000_000_000, pl.col("t_ns").min(), pl.col("t_ns").max(), True),
        "tick_slices_1000t": t.select(
            "symbol", "tick_id", (pl.col("tick_id") // 1000).alias("bar_idx"), "t_ns", "bid", "ask",
            pl.lit(None, pl.Float64).alias("bid_volume"), pl.lit(None, pl.Float64).alias("ask_volume"),
            "price", "size", "side",
        ),
    }


def main(input_dir, output_dir, kind="quotes"):
    os.makedirs(output_dir, exist_ok=True)
    outputs = trade_outputs(trades(input_dir)) if kind == "trades" else quote_outputs(ticks(input_dir))
    for name, frame in outputs.items():
        frame.write_parquet(os.path.join(output_dir, name + ".parquet"), compression="snappy")
        print(name, frame.height)


if __name__ == "__main__":
    main(*sys.argv[1:4])
