"""Benchmark esfkit against plain pandas and against the bare cost of reading the file.

    .venv/bin/python bench/run.py                      # 10^4, 10^5, 10^6 rows; a few minutes
    .venv/bin/python bench/run.py --sizes 2000 --runs 1  # a smoke run

For each size it generates a synthetic register (cached in the system's temp folder, never
in the repository) as UTF-8 CSV, as Swedish Excel exports CSV, and as XLSX, and measures:

(a) a plain-pandas baseline (bench/baseline.py) computing the goal figures from the
    register already read into a DataFrame of text cells;
(b) esfkit's engine (the data checks, clean and evaluate) on that same DataFrame;
(c) ``esfkit check`` end to end, as a subprocess, per format;
(d) the floor: a bare process that only imports the fastest reader and reads the file
    (pandas' C engine for CSV, python-calamine for XLSX), and (d2) fastexcel's floor for XLSX
    (calamine to Arrow), the reader a large .xlsx goes through when it is installed;
(e) ``esfkit validate`` and ``esfkit explain`` on the first format's file, against (c);
and the command line: ``esfkit --help``, ``check`` on a 500-row XLSX register and on an
example.

It prints medians, peak memory and the ratios (b)/(a), (c)/(d) and (e)/(c) as Markdown
tables, and fails when esfkit's figures (in-process and from ``--format json`` of every
file) differ from the baseline's. Beside each process's wall time it prints its CPU time
(user + system), which tells less of what else the machine was doing.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import baseline
import generate

from esfkit.api import checked_participants, load_goal_file
from esfkit.data.read import RawTable, read_table
from esfkit.data.register import join_tables
from esfkit.engine.run import evaluate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vagar-till-egen-forsorjning"
SMALL = 500  # rows of the small project whose `check` should take at most half a second
EXPLAINED = "job_or_studies"  # the goal `explain` is timed on
FLOOR = {
    "csv": "import pandas as pd; pd.read_csv({path!r}, sep=',', encoding='utf-8')",
    "csv-excel-sv": "import pandas as pd; pd.read_csv({path!r}, sep=';', encoding='cp1252')",
    "xlsx": "import python_calamine as c; "
    "c.CalamineWorkbook.from_path({path!r}).get_sheet_by_index(0).to_python()",
}
# A second floor where esfkit has a second reader (data/fastsheet.py), measured when installed.
FAST_FLOOR = {
    "xlsx": "import fastexcel; fastexcel.read_excel({path!r}).load_sheet(0, eager=True)",
}


def main() -> int:
    args = _arguments()
    folder = Path(args.data)
    goals = folder / "goals.yml"
    engine_rows, e2e_rows, scaling_rows, command_rows = [], [], [], []
    failures: list[str] = []
    for size in args.sizes:
        runs = args.runs if size < 1_000_000 else min(args.runs, 3)
        print(
            f"# {size:,} rows: generating or reusing files in {folder}", file=sys.stderr, flush=True
        )
        paths = generate.files(size, folder, tuple(args.formats))
        goal_file = load_goal_file(goals)
        raw = read_table(paths[args.formats[0]])
        expected = baseline.figures(raw.frame, generate.as_of())
        actual = _report_figures(_engine(raw, goal_file))
        failures += [f"{size} in-process: {p}" for p in baseline.differences(expected, actual)]
        run_a = partial(baseline.figures, raw.frame, generate.as_of())
        run_b = partial(_engine, raw, goal_file)
        a, b = _timed(run_a, runs), _timed(run_b, runs)
        a_peak, b_peak = _traced_peak(run_a), _traced_peak(run_b)
        engine_rows.append([f"{size:,}", _s(a), _mib(a_peak), _s(b), _mib(b_peak), f"{b / a:.2f}"])
        if size == args.scaling:
            scaling_rows += _goal_scaling(raw, goal_file, runs)
        for fmt in [] if args.engine_only else args.formats:
            print(f"#   {fmt}", file=sys.stderr, flush=True)
            path = paths[fmt]
            failures += [
                f"{size} {fmt} --format json: {p}"
                for p in baseline.differences(expected, _json_figures(goals, path))
            ]
            check = [*_esfkit(), "check", str(goals), str(path), "--as-of", generate.AS_OF]
            c, c_cpu, c_rss = _process(check, runs)
            row = [f"{size:,}", fmt, _s(c), _s(c_cpu), _mib(c_rss)]
            e2e_rows.append(row + _floors(fmt, path, (c, c_cpu), runs))
            if fmt == args.formats[0]:
                command_rows += _commands(size, fmt, goals, path, (c, c_cpu), runs)
    cli_rows = [] if args.engine_only else _cli(args.runs, folder)
    print("\n(a) plain pandas and (b) esfkit's engine, from the same DataFrame of text cells")
    print("(medians; peak = memory allocated at the peak, traced)\n")
    _table(["rows", "(a) s", "(a) peak", "(b) s", "(b) peak", "(b)/(a)"], engine_rows)
    if e2e_rows:
        print("\n(c) `esfkit check` end to end, (d) the floor process and (d2) fastexcel's")
        print("(medians of wall and of CPU seconds; peak RSS)\n")
        _table(
            [
                "rows",
                "format",
                "(c) s",
                "(c) cpu",
                "(c) peak",
                "(d) s",
                "(d) cpu",
                "(d) peak",
                "(c)/(d)",
                "cpu (c)/(d)",
                "(d2) s",
                "(d2) cpu",
                "(c)/(d2)",
                "cpu (c)/(d2)",
            ],
            e2e_rows,
        )
    if command_rows:
        print("\n(e) `esfkit validate` and `esfkit explain` against (c) `check`, same file\n")
        _table(
            ["rows", "format", "command", "(e) s", "(e) cpu", "(e) peak", "(e)/(c)", "cpu (e)/(c)"],
            command_rows,
        )
    if scaling_rows:
        print(f"\nesfkit's engine on {args.scaling:,} rows, by number of goals\n")
        _table(["goals", "(b) s", "s per goal"], scaling_rows)
    if cli_rows:
        print("\nThe command line\n")
        _table(["command", "s", "cpu", "peak"], cli_rows)
    return _verdict(failures, args.engine_only)


def _floors(fmt: str, path: Path, check: tuple[float, float], runs: int) -> list[str]:
    """(d) the floor and (d2) fastexcel's (when installed; else dashes), each against
    ``check``'s wall and CPU seconds."""
    c, c_cpu = check
    d, d_cpu, d_rss = _process([sys.executable, "-c", FLOOR[fmt].format(path=str(path))], runs)
    cells = [_s(d), _s(d_cpu), _mib(d_rss), f"{c / d:.2f}", f"{c_cpu / d_cpu:.2f}"]
    if fmt not in FAST_FLOOR or importlib.util.find_spec("fastexcel") is None:
        return [*cells, *["—"] * 4]
    fast = [sys.executable, "-c", FAST_FLOOR[fmt].format(path=str(path))]
    d2, d2_cpu, _ = _process(fast, runs)
    return [*cells, _s(d2), _s(d2_cpu), f"{c / d2:.2f}", f"{c_cpu / d2_cpu:.2f}"]


def _verdict(failures: list[str], engine_only: bool) -> int:
    """1, the differences on stderr, when a figure differs from the baseline's; else 0."""
    if failures:
        print(
            f"\nFIGURES DIFFER ({len(failures)}):",
            *failures[:40],
            sep="\n  ",
            file=sys.stderr,
            flush=True,
        )
        return 1
    checked = "in-process" if engine_only else "in-process and every file's JSON"
    print(f"\nesfkit's figures equal the baseline's ({checked}).")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=lambda t: [int(s) for s in t.split(",")], default=[10**4, 10**5, 10**6]
    )
    parser.add_argument("--formats", type=lambda t: t.split(","), default=list(generate.FORMATS))
    parser.add_argument(
        "--engine-only", action="store_true", help="only (a) and (b): no subprocesses"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per median (3 at 10^6 rows)")
    parser.add_argument("--scaling", type=int, default=10**5, help="rows for the goals curve")
    parser.add_argument(
        "--data", default=str(Path(tempfile.gettempdir()) / "esfkit-bench"), help="file cache"
    )
    args = parser.parse_args()
    unknown = set(args.formats) - set(generate.FORMATS)
    if unknown:
        parser.error(f"unknown formats {sorted(unknown)}; known: {', '.join(generate.FORMATS)}")
    return args


def _engine(raw: RawTable, goal_file, goal_ids: tuple[str, ...] = ()):
    """The checks (which stop on bad data, as `check` does), cleaning and evaluating."""
    todo = f"esfkit validate {goal_file.path} {raw.path}"
    register = join_tables([raw], goal_file.data)
    participants = checked_participants(register, goal_file, generate.as_of(), "bench", todo)
    return evaluate(goal_file, participants, generate.as_of(), goal_ids=goal_ids)


def _report_figures(report) -> dict:
    figures = baseline.esfkit_figures([dataclasses.asdict(goal) for goal in report.goals])
    figures["population"] = {
        "enrolments": report.population.enrolments,
        "persons": report.population.persons,
    }
    return figures


def _json_figures(goals: Path, path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [*_esfkit(), "check", str(goals), str(path), "--as-of", generate.AS_OF]
        subprocess.run([*command, "--format", "json", "-o", str(out)], check=True)
        report = json.loads(out.read_text(encoding="utf-8"))
    figures = baseline.esfkit_figures(report["goals"])
    figures["population"] = report["population"]
    return figures


def _goal_scaling(raw: RawTable, goal_file, runs: int) -> list[list[str]]:
    """The engine on the first 6, 12 and all goals: the cost per goal stays flat."""
    ids = [g.id for g in goal_file.goals]
    rows = []
    for count in (len(ids) // 4, len(ids) // 2, len(ids)):
        seconds = _timed(lambda c=count: _engine(raw, goal_file, tuple(ids[:c])), runs)
        rows.append([str(count), _s(seconds), f"{seconds / count * 1000:.1f} ms"])
    return rows


def _commands(
    size: int, fmt: str, goals: Path, path: Path, check: tuple[float, float], runs: int
) -> list[list[str]]:
    """`validate` and `explain` (one goal) on the file `check` read, timed beside it."""
    common = [str(goals), str(path)]
    rows = []
    for name, command in (
        ("validate", ["validate", *common]),
        ("explain", ["explain", *common, EXPLAINED]),
    ):
        seconds, cpu, rss = _process([*_esfkit(), *command, "--as-of", generate.AS_OF], runs)
        rows.append(
            [
                f"{size:,}",
                fmt,
                f"`{name}`",
                _s(seconds),
                _s(cpu),
                _mib(rss),
                f"{seconds / check[0]:.2f}",
                f"{cpu / check[1]:.2f}",
            ]
        )
    return rows


def _cli(runs: int, folder: Path) -> list[list[str]]:
    small = generate.files(SMALL, folder, ("xlsx",))["xlsx"]
    goals = folder / "goals.yml"
    example = [
        *_esfkit(),
        "check",
        str(EXAMPLE / "goals.yml"),
        str(EXAMPLE / "deltagare.xlsx"),
        "--as-of",
        "2022-06-30",
    ]
    check_small = [*_esfkit(), "check", str(goals), str(small), "--as-of", generate.AS_OF]
    rows = []
    for name, command in (
        ("esfkit --help", [*_esfkit(), "--help"]),
        (f"check, {SMALL}-row XLSX", check_small),
        ("check an example", example),
    ):
        seconds, cpu, rss = _process(command, runs)
        rows.append([f"`{name}`", _s(seconds), _s(cpu), _mib(rss)])
    return rows


def _esfkit() -> list[str]:
    script = Path(sys.executable).with_name("esfkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "esfkit"]


def _timed(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _traced_peak(call: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one call (numpy and pandas report to tracemalloc)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# Runs one command and reports its wall time and its own peak RSS. A child forked by the
# benchmark itself would report the benchmark's RSS (Linux keeps the high-water mark across
# fork and exec), so a small launcher without pandas forks it instead.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(time.perf_counter() - start, cpu, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status))
"""


def _process(command: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall time, median CPU time and the largest peak RSS (bytes) of ``runs`` runs,
    after a warm-up."""
    # The warm-up writes the bytecode an installed package has: with PYTHONDONTWRITEBYTECODE
    # an editable install would compile esfkit's modules on every run (0.1 s CPU).
    compiled = {
        name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
    }
    times, cpus, peaks = [], [], []
    for run in range(runs + 1):
        with tempfile.TemporaryFile() as errors:
            done = subprocess.run(
                [sys.executable, "-S", "-c", _LAUNCHER, *command],
                stdout=subprocess.PIPE,
                stderr=errors,
                check=True,
                env=compiled,
            )
            elapsed, cpu, peak, code = done.stdout.split()
            if int(code) != 0:
                errors.seek(0)
                message = errors.read().decode(errors="replace")
                raise SystemExit(f"{' '.join(command)} failed ({code}):\n{message}")
        if run:  # the first run only warms the caches
            times.append(float(elapsed))
            cpus.append(float(cpu))
            peaks.append(int(peak))
    return statistics.median(times), statistics.median(cpus), max(peaks)


def _s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def _table(header: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
