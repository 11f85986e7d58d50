"""The benchmark stays runnable and keeps asserting esfkit's figures equal plain pandas'.

Not a timed test: a tiny size, one run. The real benchmark is `bench/run.py` (README,
Performance).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the fast loop leaves it out (docs/dev/testing.md)

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_benchmark_runs_and_figures_equal_the_pandas_baseline(tmp_path: Path) -> None:
    tiny = ["--sizes", "2000", "--runs", "1", "--scaling", "2000", "--data", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, str(BENCH), *tiny],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "esfkit's figures equal the baseline's" in done.stdout
    for fmt in ("csv", "csv-excel-sv", "xlsx"):
        assert f"| 2,000 | {fmt} |" in done.stdout


def test_suppression_benchmark_runs_and_counts_the_small_cells(tmp_path: Path) -> None:
    tiny = ["--sizes", "2000", "--runs", "1", "--growth", "2000", "--municipalities", "5,20"]
    done = subprocess.run(
        [sys.executable, str(BENCH.with_name("suppression.py")), *tiny, "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| 2,000 |" in done.stdout
    assert "| overhead s | check cpu | with suppression cpu | overhead cpu |" in done.stdout
    assert "| suppression s | suppression cpu |" in done.stdout  # CPU: a shared machine's
    growth = [line.split("|") for line in done.stdout.splitlines() if line.startswith("| 5 |")]
    assert len(growth) == 1 and int(growth[0][2]) > 0  # counts from 1 to 4 people
    more = [line.split("|") for line in done.stdout.splitlines() if line.startswith("| 20 |")]
    assert int(more[0][2]) > int(growth[0][2])  # more municipalities, more small cells


def test_benchmark_times_commands_from_bytecode_as_installed(monkeypatch) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # set in some development shells
    monkeypatch.syspath_prepend(str(BENCH.parent))
    import run  # bench/run.py

    written = [sys.executable, "-c", "import sys; sys.exit(sys.dont_write_bytecode)"]
    run._process(written, 1)  # exits the benchmark when a command fails
