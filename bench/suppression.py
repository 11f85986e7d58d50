"""Benchmark small-number suppression: what ``--suppress-below 5`` adds to ``esfkit check``.

    .venv/bin/python bench/suppression.py                  # 10^4 and 10^5 rows; a few minutes
    .venv/bin/python bench/suppression.py --sizes 2000 --runs 1 --municipalities 5,20  # smoke

(a) ``esfkit check`` end to end on the synthetic registers of bench/generate.py (CSV), with
    and without ``--suppress-below 5``, run alternately after a warm-up of each: medians and
    the overhead (the difference of the medians), in wall time and in CPU time (user +
    system of the process: what to compare on a shared machine).
(b) How the cost grows with the number of small cells: the register of ``--growth`` rows
    spread over more and more municipalities (SCB's names; the goal file declares them), so
    that more of the cells count 1 to 4 people. For each: the counts from 1 to 4 the report
    shows (each hidden as "<5"), all the figures hidden, the searches for a witness made,
    and suppression's own time in the process, wall and CPU (medians; the report evaluated
    once before).

It prints Markdown tables. It is not a test: nothing fails on a slow figure.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
import numpy as np
from run import _s, _table

from esfkit.api import load_checked, load_goal_file
from esfkit.engine.run import evaluate, evaluator_for
from esfkit.suppression import SMALL, protect_report

ROOT = Path(__file__).resolve().parent.parent
SCB = ROOT / "src" / "esfkit" / "data" / "municipalities.csv"
THRESHOLD = 5


def main() -> int:
    args = _arguments()
    folder = Path(args.data)
    rows = []
    for size in args.sizes:
        print(f"# {size:,} rows: check with and without suppression", file=sys.stderr, flush=True)
        path = generate.files(size, folder, ("csv",))["csv"]
        (plain, hidden), (plain_cpu, hidden_cpu) = _alternately(
            _check(folder / "goals.yml", path), args.runs
        )
        rows.append([f"{size:,}", _s(plain), _s(hidden), _s(hidden - plain)])
        rows[-1] += [_s(plain_cpu), _s(hidden_cpu), _s(hidden_cpu - plain_cpu)]
    print("\n(a) `esfkit check` end to end, without and with `--suppress-below 5` (medians)\n")
    wall = ["check s", "with suppression s", "overhead s"]
    _table(["rows", *wall, *(name.removesuffix(" s") + " cpu" for name in wall)], rows)
    growth = []
    for count in args.municipalities:
        print(f"# {args.growth:,} rows in {count} municipalities", file=sys.stderr, flush=True)
        growth.append(_growth(folder, args.growth, count, args.runs))
    print(f"\n(b) suppression on {args.growth:,} rows by number of municipalities (medians)\n")
    columns = ["municipalities", "counts 1-4", "hidden", "searches", "suppression s"]
    _table([*columns, "suppression cpu"], growth)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    numbers = lambda text: [int(s) for s in text.split(",")]  # noqa: E731
    parser.add_argument("--sizes", type=numbers, default=[10**4, 10**5])
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    parser.add_argument("--growth", type=int, default=10**4, help="rows for the growth curve")
    parser.add_argument("--municipalities", type=numbers, default=[5, 10, 20, 40, 80, 160])
    parser.add_argument(
        "--data", default=str(Path(tempfile.gettempdir()) / "esfkit-bench"), help="file cache"
    )
    return parser.parse_args()


def _check(goals: Path, data: Path) -> list[str]:
    script = Path(sys.executable).with_name("esfkit")
    esfkit = [str(script)] if script.exists() else [sys.executable, "-m", "esfkit"]
    return [*esfkit, "check", str(goals), str(data), "--as-of", generate.AS_OF]


def _alternately(command: list[str], runs: int) -> tuple[tuple[float, float], ...]:
    """Median wall and CPU times of the command without and with suppression, run in
    turn: ((wall without, wall with), (cpu without, cpu with))."""
    times: dict[bool, list[float]] = {False: [], True: []}
    cpu: dict[bool, list[float]] = {False: [], True: []}
    for run in range(runs + 1):
        for hide in (False, True):
            extra = ["--suppress-below", str(THRESHOLD)] if hide else []
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run([*command, *extra], check=True, stdout=subprocess.DEVNULL)
            if run:  # the first of each only warms the caches
                times[hide].append(time.perf_counter() - start)
                cpu[hide].append(_children_cpu() - used)
    return tuple(
        (statistics.median(kept[False]), statistics.median(kept[True])) for kept in (times, cpu)
    )


def _children_cpu() -> float:
    """User + system time of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _growth(folder: Path, size: int, count: int, runs: int) -> list[str]:
    goals, data = _spread(folder, size, count)
    goal_file = load_goal_file(goals)
    participants = load_checked(data, goal_file, generate.as_of())
    report = evaluate(goal_file, participants, generate.as_of())
    times, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), time.process_time()
        ev = evaluator_for(report, goal_file, participants)  # timed, as it always was
        done = protect_report(report, THRESHOLD, ev).protection
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    small = sum(marker == SMALL for marker in done.markers.values())
    counts = [str(count), str(small), str(len(done.markers)), str(done.searches)]
    return [*counts, _s(statistics.median(times)), _s(statistics.median(cpu))]


def _spread(folder: Path, size: int, count: int) -> tuple[Path, Path]:
    """The register of ``size`` rows with its people spread evenly over ``count`` of SCB's
    municipalities (the blank ones stay blank), and its goal file."""
    lines = SCB.read_text(encoding="utf-8").splitlines()
    names = [line.split(";")[1] for line in lines if line[:1].isdigit()]
    data = folder / f"register-{size}-{count}-municipalities.csv"
    goals = folder / f"goals-{count}-municipalities.yml"
    if not data.exists():
        frame = generate.register(size)
        spread = np.random.default_rng(count).integers(0, count, size=size)
        chosen = np.array(names[:count], dtype=object)[spread]
        frame["Kommun"] = np.where(frame["Kommun"] == "", "", chosen).astype(object)
        generate.write(frame, data, "csv")
    text = generate.GOALS.format(municipalities=", ".join(names[:count]))
    goals.write_text(text, encoding="utf-8")
    return goals, data


if __name__ == "__main__":
    sys.exit(main())
