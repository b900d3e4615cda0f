"""The benchmark's second peer: tickbars' default job as the Polars script a Python quant would write.

1m, 100t and 1000t bars with all 18 columns, and the 1000t slices, each written to Parquet, for
TrueFX-layout files without bad lines: scan_csv, a row index for the input position, sort by
symbol, time and position, int_range().over(symbol) for tick ids, group_by minute or
tick_id // N. It prints the rows written per output, as DuckDbBars does, so the benchmark can check
that all did the same work.

    python polars_bars.py INPUT_DIR OUTPUT_DIR
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


def bars(t, frame, key, open_ns, close_ns):
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
            pl.len().cast(pl.Float64).alias("v_sum"),
            pl.col("tick_id").first().alias("tick_first_id"),
            pl.col("tick_id").last().alias("tick_last_id"),
            pl.col("gap").first().alias("gap_flag"),
        )
        .drop("k")
        .with_columns(pl.lit(frame).alias("frame"))
        .sort("symbol", "t_open_ns")
    )


def main(input_dir, output_dir):
    os.makedirs(output_dir, exist_ok=True)
    t = ticks(input_dir)
    minute = pl.col("t_ns") // MINUTE_NS
    outputs = {
        "bars_1m": bars(t, "1m", minute, (minute * MINUTE_NS).first(), ((minute + 1) * MINUTE_NS).first()),
        "bars_100t": bars(t, "100t", pl.col("tick_id") // 100, pl.col("t_ns").min(), pl.col("t_ns").max()),
        "bars_1000t": bars(t, "1000t", pl.col("tick_id") // 1000, pl.col("t_ns").min(), pl.col("t_ns").max()),
        "tick_slices_1000t": t.select(
            "symbol", "tick_id", (pl.col("tick_id") // 1000).alias("bar_idx"), "t_ns", "bid", "ask",
            pl.lit(None, pl.Float64).alias("bid_volume"), pl.lit(None, pl.Float64).alias("ask_volume"),
        ),
    }
    for name, frame in outputs.items():
        frame.write_parquet(os.path.join(output_dir, name + ".parquet"), compression="snappy")
        print(name, frame.height)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
