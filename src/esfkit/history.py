"""The history file: each run's figures, one row per goal and cell, so months can be compared.

``check --history FILE.csv`` reads the file, attaches to the Report the change of every cell
since the previous recorded run and each goal's trend (:func:`attach`), and, once the report
is written, records this run's rows in place of any rows of the same report date
(:func:`record`), so a re-run is harmless.

The file is UTF-8 CSV with the columns of :data:`COLUMNS`, one row per goal × cell, ``dims``
as compact JSON with sorted keys (``{}`` is the total), rows sorted by report date, goal and
dims: the same figures give the same bytes.

Suppression: a run with small-number suppression records a hidden figure as a blank value,
and its threshold in ``suppress_below``; the file holds no figure the report did not show. A
change or trend point is only taken from an earlier run that hid at least as much as this one
(its threshold at least this run's), and never for a figure hidden in either run: a change
from a run recorded without suppression would give away a figure this report hides.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from esfkit.engine.report import Cell, GoalResult, Report, Status, TrendSeries
from esfkit.errors import DataError, DataLocation
from esfkit.escape import json_document, json_text

COLUMNS = ("as_of", "goal", "measure", "dims", "value", "target", "status", "suppress_below")
MEASURES = ("count", "percent")
_STATUSES = {s.value for s in Status}


@dataclass(frozen=True)
class HistoryRow:
    as_of: dt.date
    goal: str
    measure: str
    dims: dict[str, Any]
    value: float | None
    target: float | None
    status: str
    suppress_below: int | None = None

    @property
    def dims_key(self) -> str:
        return dims_text(self.dims)


def dims_text(dims: dict[str, Any]) -> str:
    """The dims as the file holds them: compact JSON, keys sorted."""
    return json_document(dims, indent=None, sort_keys=True, separators=(",", ":"))


# --- reading -------------------------------------------------------------------------------


def read_history(path: Path) -> list[HistoryRow]:
    """The rows of a history file; none when it does not exist yet (the first run)."""
    if not path.exists():
        return []
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            "the history file is not UTF-8 text",
            DataLocation(name),
            hint="give a file written by esfkit check --history",
        ) from exc
    if not text.strip():
        return []
    lines = csv.reader(io.StringIO(text, newline=""))
    header = next(lines)
    if tuple(header) != COLUMNS:
        raise DataError(
            f"the header is '{','.join(header)}', expected '{','.join(COLUMNS)}'",
            DataLocation(name, (1,)),
            hint="is this a history file written by esfkit check --history?",
        )
    rows = []
    for fields in lines:
        line = lines.line_num
        if not fields:
            continue
        if len(fields) != len(COLUMNS):
            raise DataError(
                f"{len(fields)} fields, expected {len(COLUMNS)}", DataLocation(name, (line,))
            )
        rows.append(_row(dict(zip(COLUMNS, fields, strict=True)), name, line))
    return rows


def _row(fields: dict[str, str], name: str, line: int) -> HistoryRow:
    def bad(column: str, what: str, hint: str | None = None) -> DataError:
        return DataError(
            f"{what}: '{fields[column]}'", DataLocation(name, (line,), column), hint=hint
        )

    try:
        as_of = dt.date.fromisoformat(fields["as_of"])
    except ValueError:
        raise bad("as_of", "not a date", "write it as YYYY-MM-DD") from None
    if not fields["goal"]:
        raise bad("goal", "no goal id")
    if fields["measure"] not in MEASURES:
        raise bad("measure", "unknown measure", f"one of {', '.join(MEASURES)}")
    try:
        dims = json.loads(fields["dims"])
    except ValueError:
        dims = None
    if not isinstance(dims, dict):
        raise bad("dims", "not a JSON object", 'e.g. {} or {"gender":"women"}')
    if fields["status"] not in _STATUSES:
        raise bad("status", "unknown status", f"one of {', '.join(sorted(_STATUSES))}")
    value, target = (_number(fields, c, bad) for c in ("value", "target"))
    threshold = _number(fields, "suppress_below", bad)
    if threshold is not None and (threshold < 2 or not threshold.is_integer()):
        raise bad("suppress_below", "not a whole number of at least 2")
    return HistoryRow(
        as_of,
        fields["goal"],
        fields["measure"],
        dims,
        value,
        target,
        fields["status"],
        None if threshold is None else int(threshold),
    )


def _number(fields: dict[str, str], column: str, bad) -> float | None:
    text = fields[column]
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise bad(column, "not a number", "a number with a decimal point, or blank")
    return number


# --- writing -------------------------------------------------------------------------------


def rows_of(report: Report) -> list[HistoryRow]:
    """This run's rows: every cell's value as the report shows it (a hidden one blank)."""
    rows = []
    for goal in report.goals:
        for cell in goal.cells:
            hidden = "value" in cell.suppressed
            rows.append(
                HistoryRow(
                    report.as_of,
                    goal.id,
                    goal.measure,
                    cell.dims,
                    None if hidden else cell.value,
                    cell.target,
                    cell.status.value,
                    report.suppress_below,
                )
            )
    return rows


def record(earlier: list[HistoryRow], report: Report, whole_run: bool = True) -> list[HistoryRow]:
    """The history with this run's rows in place of any of the same report date. A run of
    only some goals (``whole_run=False``) replaces only those goals' rows of that date."""
    goals = {g.id for g in report.goals}
    kept = [
        r for r in earlier if r.as_of != report.as_of or (not whole_run and r.goal not in goals)
    ]
    return sorted([*kept, *rows_of(report)], key=lambda r: (r.as_of, r.goal, r.dims_key))


def history_text(rows: list[HistoryRow]) -> str:
    """The file's text. Goal ids and dims come from the goal file and the data: masked
    (esfkit.escape.json_text), like every other output; the csv module quotes the rest."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.as_of.isoformat(),
                json_text(r.goal),
                r.measure,
                json_text(r.dims_key),
                _number_text(r.value),
                _number_text(r.target),
                r.status,
                "" if r.suppress_below is None else str(r.suppress_below),
            ]
        )
    return out.getvalue()


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


# --- comparing -----------------------------------------------------------------------------


def attach(report: Report, earlier: list[HistoryRow]) -> Report:
    """A copy of the report with each cell's change since the previous recorded run (the
    latest report date strictly before this one) and each goal's trend."""
    before = [r for r in earlier if r.as_of < report.as_of]
    previous = max((r.as_of for r in before), default=None)
    threshold = report.suppress_below or 0
    usable = {
        (r.as_of, r.goal, r.dims_key): r.value
        for r in before
        if r.value is not None and (r.suppress_below or 0) >= threshold
    }
    dates = sorted({r.as_of for r in before})
    measures = {(r.as_of, r.goal): r.measure for r in before}
    goals = []
    for goal in report.goals:

        def earlier_value(date: dt.date, dims: dict[str, Any], goal=goal) -> float | None:
            if measures.get((date, goal.id)) != goal.measure:
                return None  # the goal measured something else then
            return usable.get((date, goal.id, dims_text(dims)))

        cells = [
            replace(cell, change=_change(cell, earlier_value(previous, cell.dims)))
            if previous is not None
            else cell
            for cell in goal.cells
        ]
        trend = [
            TrendSeries(
                cell.dims,
                [(d, earlier_value(d, cell.dims)) for d in dates]
                + [(report.as_of, None if "value" in cell.suppressed else cell.value)],
                cell.target,
            )
            for cell in _trend_cells(goal)
        ]
        goals.append(replace(goal, cells=cells, trend=trend))
    return replace(report, goals=goals, history=True, previous_as_of=previous)


def _change(cell: Cell, before: float | None) -> float | None:
    if before is None or cell.value is None or "value" in cell.suppressed:
        return None
    return cell.value - before


def _trend_cells(goal: GoalResult) -> list[Cell]:
    """The cells a goal's trend follows: the total; for a composition goal each share that
    has a target."""
    if goal.kind == "composition":
        inner = goal.dimension
        return [c for c in goal.cells if set(c.dims) == {inner} and c.target is not None]
    if goal.kind in ("count", "share", "parity"):
        total = goal.cell()
        return [total] if total is not None else []
    return []


# --- the trend table ----------------------------------------------------------------------


@dataclass(frozen=True)
class GoalTrend:
    """`esfkit history`: one goal's recorded figures per report date."""

    goal: str
    measure: str
    dims: list[dict[str, Any]]  # the columns: the total, else each one-dimension cell
    rows: list[tuple[dt.date, list[HistoryRow | None]]]  # oldest first, a row per column


def trends(rows: list[HistoryRow], goal_ids: tuple[str, ...] = ()) -> list[GoalTrend]:
    """Per goal (in the file's order), the total's value at each recorded date; a goal with
    no total (composition) shows each of its one-dimension cells instead."""
    out = []
    for goal_id in dict.fromkeys(r.goal for r in rows):
        if goal_ids and goal_id not in goal_ids:
            continue
        own = [r for r in rows if r.goal == goal_id]
        columns: list[dict[str, Any]] = [{}] if any(not r.dims for r in own) else []
        if not columns:
            columns = list({r.dims_key: r.dims for r in own if len(r.dims) == 1}.values())
        found = {(r.as_of, r.dims_key): r for r in own}
        dates = sorted({r.as_of for r in own})
        table = [(d, [found.get((d, dims_text(c))) for c in columns]) for d in dates]
        out.append(GoalTrend(goal_id, own[-1].measure, columns, table))
    return out
