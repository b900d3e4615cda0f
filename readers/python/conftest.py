"""Runs the tickbars jar once per layout on generated ticks, for the reader tests.

The ticks come from the jar's own generator (`tickbars sample`: three FX pairs in four files, with ties,
gaps, a weekend and bad lines of every kind), so the outputs have several symbols, several files
per folder and rejects. The jar is TICKBARS_TEST_JAR, else runners/target/tickbars.jar.
"""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
JAR = pathlib.Path(os.environ.get("TICKBARS_TEST_JAR", ROOT / "runners" / "target" / "tickbars.jar"))
LAYOUTS = ["flat", "hive"]
FRAMES = "1m,1h,100t,1000t"


class Output:
    """A run's output folder and its manifest."""

    def __init__(self, layout, root):
        self.layout = layout
        self.root = root
        self.manifest = json.loads((root / "manifest.json").read_text())

    def parquet_folders(self):
        """The bar and slice folders the manifest lists, by name."""
        return sorted(n for n in self.manifest["outputs"] if n.startswith(("bars_", "tick_slices_")))

    def rows(self, folder):
        return self.manifest["outputs"][folder]["rows"]

    def files(self, folder):
        """The manifest's files of a folder: path relative to it, and rows."""
        return {f["path"]: f["rows"] for f in self.manifest["outputs"][folder]["files"]}

    def symbols(self):
        return sorted(self.manifest["symbols"])


@pytest.fixture(scope="session")
def ticks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ticks")
    subprocess.run(
        ["java", "-jar", str(JAR), "sample", str(folder), "30000", "4", "5", "--defects"],
        check=True,
    )
    return folder


@pytest.fixture(scope="session", params=LAYOUTS)
def output(request, ticks, tmp_path_factory):
    layout = request.param
    root = tmp_path_factory.mktemp("out-" + layout)
    run = subprocess.run(
        ["java", "-jar", str(JAR), f"--input={ticks}", f"--output={root}", f"--layout={layout}",
         f"--frames={FRAMES}", "--progress=none", "--quiet"],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return Output(layout, root)
