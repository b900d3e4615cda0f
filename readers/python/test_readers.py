"""The readers users run open tickbars' output without options (SPEC 8).

For both layouts, each reader (pandas with pyarrow, pandas with fastparquet, Polars, DuckDB) opens
each bar folder and the slice folder whole, and every single file of them. It gets the manifest's
row count, the column types of SPEC 5 and 6, and a symbol column holding the run's symbols; in the
hive layout a single file has no symbol column (the folder's name holds it), but in DuckDB, which
takes it from the file's path. Spark is readers/src/test/java.
"""

import dataclasses
import re

import duckdb
import pandas as pd
import polars as pl
import pytest

FOLDERS = ["bars_1m", "bars_1h", "bars_100t", "bars_1000t", "tick_slices_1000t"]

BAR_COLUMNS = {
    "symbol": "string", "frame": "string", "t_open_ns": "int64", "t_close_ns": "int64",
    "o": "float64", "h": "float64", "l": "float64", "c": "float64",
    "o_bid": "float64", "o_ask": "float64", "c_bid": "float64", "c_ask": "float64",
    "spread_mean": "float64", "n_ticks": "int32", "v_sum": "float64",
    "tick_first_id": "int64", "tick_last_id": "int64", "vwap": "float64", "value": "float64",
    "gap_flag": "int32",
}
SLICE_COLUMNS = {
    "symbol": "string", "tick_id": "int64", "bar_idx": "int64", "t_ns": "int64",
    "bid": "float64", "ask": "float64", "bid_volume": "float64", "ask_volume": "float64",
    "price": "float64", "size": "float64", "side": "string",
}


@dataclasses.dataclass
class Read:
    """What a reader made of a folder or file: rows, each column's kind, the symbols, the ticks."""

    rows: int
    kinds: dict
    symbols: list | None
    n_ticks: int | None


def pandas_kind(dtype):
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    if dtype == object or isinstance(dtype, pd.StringDtype):
        return "string"
    return str(dtype)


def from_pandas(df):
    return Read(
        len(df),
        {c: pandas_kind(t) for c, t in df.dtypes.items()},
        sorted(df["symbol"].astype(str).unique()) if "symbol" in df else None,
        int(df["n_ticks"].sum()) if "n_ticks" in df else None,
    )


def pandas_pyarrow(path, layout):
    return from_pandas(pd.read_parquet(path))


def pandas_fastparquet(path, layout):
    return from_pandas(pd.read_parquet(path, engine="fastparquet"))


POLARS_KINDS = {pl.Int64: "int64", pl.Int32: "int32", pl.Float64: "float64", pl.String: "string", pl.Categorical: "string"}


def polars(path, layout):
    df = pl.read_parquet(path)
    return Read(
        df.height,
        {c: POLARS_KINDS.get(t.base_type(), str(t)) for c, t in df.schema.items()},
        sorted(df["symbol"].cast(pl.String).unique().to_list()) if "symbol" in df.columns else None,
        int(df["n_ticks"].sum()) if "n_ticks" in df.columns else None,
    )


DUCKDB_KINDS = {"BIGINT": "int64", "INTEGER": "int32", "DOUBLE": "float64", "VARCHAR": "string"}


def duckdb_sql(path, layout):
    """DuckDB on a file, or on a folder's files as the README writes it: *.parquet, or */*.parquet in hive folders."""
    source = str(path)
    if path.is_dir():
        source += "/*.parquet" if layout == "flat" else "/*/*.parquet"
    con = duckdb.connect()
    rel = con.sql(f"select * from '{source}'")
    kinds = {c: DUCKDB_KINDS.get(str(t), str(t)) for c, t in zip(rel.columns, rel.types)}
    rows = con.sql(f"select count(*) from '{source}'").fetchone()[0]
    symbols = [r[0] for r in con.sql(f"select distinct symbol from '{source}' order by 1").fetchall()] if "symbol" in kinds else None
    n_ticks = con.sql(f"select sum(n_ticks) from '{source}'").fetchone()[0] if "n_ticks" in kinds else None
    return Read(rows, kinds, symbols, None if n_ticks is None else int(n_ticks))


READERS = [pandas_pyarrow, pandas_fastparquet, polars, duckdb_sql]
# Readers that give a single file of a symbol=S folder the symbol S from its path.
SYMBOL_FROM_A_FILES_FOLDER = [duckdb_sql]


def columns(folder):
    return BAR_COLUMNS if folder.startswith("bars_") else SLICE_COLUMNS


def test_the_run_wrote_the_folders_read_here(output):
    assert output.parquet_folders() == sorted(FOLDERS)
    assert len(output.symbols()) == 3


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
@pytest.mark.parametrize("folder", FOLDERS)
def test_a_folder_reads_whole(output, reader, folder):
    read = reader(output.root / folder, output.layout)

    assert read.rows == output.rows(folder)
    assert read.symbols == output.symbols()
    assert read.kinds == columns(folder), f"{reader.__name__} types of {folder}"
    if folder.startswith("bars_"):
        assert read.n_ticks == output.manifest["ticks"]["accepted"], "every accepted tick is in one bar of each frame"


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
@pytest.mark.parametrize("folder", FOLDERS)
def test_every_single_file_reads(output, reader, folder):
    files = output.files(folder)
    assert len(files) >= 3
    for name, rows in files.items():
        read = reader(output.root / folder / name, output.layout)

        assert read.rows == rows, name
        expected = dict(columns(folder))
        if output.layout == "flat" or reader in SYMBOL_FROM_A_FILES_FOLDER:
            assert read.symbols == [re.search(r"([A-Z]+)[-/]", name).group(1)], name
        else:
            del expected["symbol"]
            assert read.symbols is None, f"{name}: a hive file holds no symbol column"
        assert read.kinds == expected, f"{reader.__name__} types of {folder}/{name}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_rows_of_each_file_are_in_order(output, folder):
    key = "t_open_ns" if folder.startswith("bars_") else "tick_id"
    for name in output.files(folder):
        df = pd.read_parquet(output.root / folder / name)
        assert df[key].is_monotonic_increasing, f"{folder}/{name} by {key}"


def test_the_seed_users_validation_loop(output):
    """pd.read_parquet(path), len(df) and df.head() on every output the manifest lists."""
    for folder in output.parquet_folders():
        df = pd.read_parquet(output.root / folder)
        assert len(df) == output.rows(folder), folder
        assert len(df.head()) == 5, folder
    rejects = pd.concat(pd.read_json(output.root / "rejects" / f, lines=True) for f in output.files("rejects"))
    assert len(rejects) == output.manifest["ticks"]["rejected"] > 0
    assert list(rejects.columns) == ["file", "line", "reason", "raw"]
