"""The history file: each run's figures, one row per goal and cell, so months can be compared.

``check --history FILE.csv`` takes the file's lock (:func:`locked`, ``FILE.csv.lock``), reads
the file, attaches to the Report the change of every cell since the previous recorded run
and each goal's trend (:func:`attach`), and, once the report is written, records this run's
rows in place of any rows of the same report date (:func:`record`), so a re-run is harmless;
two runs at once take turns, and neither loses the other's rows.

The file is UTF-8 CSV with the columns of :data:`COLUMNS`, one row per goal × cell, ``dims``
as compact JSON with sorted keys (``{}`` is the total), rows sorted by report date, goal (in
the goal file's order, which `esfkit history` shows) and dims: the same figures and goal
file give the same bytes. Each row names the project and the digest of
its goal's definition (``esfkit.goalfile.digest``): a file of another project is refused, and a
figure is only compared with earlier figures of the same definition (a goal whose definition
changed is named in the report's header instead), and the digest of the data the run read
(``data``: the participant file's sha256, or for several files one over theirs in the order
read). A file of an older esfkit, without these columns, is read and gets them on the next
write (its earlier rows with a blank ``data``).

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
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from esfkit.errors import DataError, DataLocation, EsfkitError, Said, say
from esfkit.escape import csv_field, json_document, json_text
from esfkit.goalfile.digest import goal_digest
from esfkit.goalfile.model import GoalFile
from esfkit.inputfile import MIB, read_input
from esfkit.limits import NUMBER_LIMIT, SUPPRESS_LIMIT, readable
from esfkit.privacy import mask_text
from esfkit.report import Cell, GoalResult, Report, Status, TrendSeries

OLD_COLUMNS = ("as_of", "goal", "measure", "dims", "value", "target", "status", "suppress_below")
NAMED_COLUMNS = (*OLD_COLUMNS, "project", "definition")  # before the data digest was recorded
COLUMNS = (*NAMED_COLUMNS, "data")
MEASURES = ("count", "percent", "mean")
_STATUSES = {s.value for s in Status}
SIZE_LIMIT = 64 * MIB  # about 500 000 rows: four years of daily runs of a large project
LOCK_TIMEOUT = 60.0  # seconds to wait for another run's lock


@dataclass(slots=True)
class HistoryRow:
    """One recorded figure (never changed once read: rows share their dims dicts)."""

    as_of: dt.date
    goal: str
    measure: str
    dims: dict[str, Any]
    value: float | None
    target: float | None
    status: str
    suppress_below: int | None = None
    project: str = ""  # blank: recorded by an esfkit that did not record it
    definition: str = ""  # the goal's digest (esfkit.goalfile.digest); blank: not recorded
    # the data's sha256 (several files: one over theirs, in order); blank: not recorded
    data: str = ""
    dims_key: str = field(default="", compare=False, repr=False)  # dims_text(dims)

    def __post_init__(self) -> None:
        if not self.dims_key:
            self.dims_key = dims_text(self.dims)


def dims_text(dims: dict[str, Any]) -> str:
    """The dims as the file holds them: compact JSON, keys sorted (a personnummer typed as a
    municipality masked, as in every output)."""
    return mask_text(json_document(dims, indent=None, sort_keys=True, separators=(",", ":")))


def definitions(goal_file: GoalFile) -> dict[str, str]:
    """Each goal's definition digest, by goal id."""
    return {goal.id: goal_digest(goal, goal_file) for goal in goal_file.goals}


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold ``FILE.lock`` beside the history file (the file a symlink points to) while it is
    read and rewritten; another run waits up to ``timeout`` seconds for it. The lock is the
    system's, released when its process ends, however it ends; the empty ``.lock`` file stays."""
    from filelock import FileLock, Timeout

    target = Path(os.path.realpath(path))
    lock_path = target.with_name(target.name + ".lock")
    wait = LOCK_TIMEOUT if timeout is None else timeout
    lock = FileLock(lock_path, timeout=wait)
    try:
        # filelock retries a lock file it cannot create (a folder that is gone, /proc) until
        # the timeout, as if another run held it: create it first to say why at once.
        os.close(os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK, 0o666))
        lock.acquire()
    except Timeout:
        raise EsfkitError(
            say("history.locked", path=path, wait=f"{wait:.0f}", lock=lock_path.name),
            hint=say("hint.locked"),
        ) from None
    except OSError as exc:
        raise EsfkitError(
            say("history.cannot_lock", path=path, lock=lock_path, why=exc.strerror or exc),
            hint=say("hint.cannot_lock"),
        ) from None
    try:
        yield
    finally:
        lock.release()


# --- reading -------------------------------------------------------------------------------


def read_history(path: Path, project: str | None = None) -> list[HistoryRow]:
    """The rows of a history file; none when it does not exist yet (the first run). With
    ``project``, a file of another project is refused."""
    if not path.exists():
        return []
    name = str(path)
    data = read_input(path, what="the history file", limit=SIZE_LIMIT, error=DataError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            say("history.not_utf8"), DataLocation(name), hint=say("hint.history_file")
        ) from exc
    if not text.strip():
        return []
    lines = csv.reader(io.StringIO(text, newline=""))
    try:
        return _read_rows(lines, name, project)
    except csv.Error as exc:  # a field over csv's limit of 128 KiB: no history has one
        raise DataError(
            say("history.line", why=exc), DataLocation(name, (lines.line_num,))
        ) from None


def _read_rows(lines, name: str, project: str | None) -> list[HistoryRow]:
    header = tuple(next(lines, ()))
    if header not in (COLUMNS, NAMED_COLUMNS, OLD_COLUMNS):
        raise DataError(
            say("history.header", header=",".join(header), expected=",".join(COLUMNS)),
            DataLocation(name, (1,)),
            hint=say("hint.history_header"),
        )
    rows = _Rows(name, None if project is None else csv_field(project))
    for fields in lines:
        if fields:
            rows.add(fields, header, lines.line_num)
    return rows.rows


class _Rows:
    """The rows read so far, and the checks that span rows: one project, no two rows for one
    cell and date that disagree, one measure and definition per goal and date."""

    def __init__(self, name: str, project: str | None) -> None:
        self.name, self.project = name, project
        self.rows: list[HistoryRow] = []
        self.first: dict[tuple, tuple[int, HistoryRow]] = {}
        self.goal_rows: dict[tuple, tuple[int, HistoryRow]] = {}
        self.owner: tuple[int, str] | None = None

    def add(self, fields: list[str], header: tuple[str, ...], line: int) -> None:
        if len(fields) != len(header):
            message = say("history.fields", n=len(fields), expected=len(header))
            raise DataError(message, DataLocation(self.name, (line,)))
        row = _row(dict(zip(header, fields, strict=True)), self.name, line)
        self._same_project(row, line)
        key = (row.as_of, row.goal, row.dims_key)
        if key in self.first:
            first_line, first = self.first[key]
            if first != row:
                raise self.error(
                    line,
                    "value",
                    say(
                        "history.second_row",
                        as_of=row.as_of,
                        goal=row.goal,
                        dims=row.dims_key,
                        first=first_line,
                    ),
                    say("hint.second_row"),
                )
            return  # the same row twice: one is enough
        self.first[key] = (line, row)
        self._same_goal(row, line)
        self.rows.append(row)

    def _same_project(self, row: HistoryRow, line: int) -> None:
        if not row.project:
            return
        if self.project is not None and row.project != self.project:
            raise self.error(
                line,
                "project",
                say("history.other_project", project=row.project, this=self.project),
                say("hint.other_project"),
            )
        if self.owner is None:
            self.owner = (line, row.project)
        elif row.project != self.owner[1]:
            raise self.error(
                line,
                "project",
                say(
                    "history.two_projects",
                    project=row.project,
                    row=self.owner[0],
                    other=self.owner[1],
                ),
                say("hint.two_projects"),
            )

    def _same_goal(self, row: HistoryRow, line: int) -> None:
        key = (row.as_of, row.goal)
        if key not in self.goal_rows:
            self.goal_rows[key] = (line, row)
            return
        first_line, first = self.goal_rows[key]
        for column in ("measure", "definition"):
            if getattr(row, column) != getattr(first, column):
                raise self.error(
                    line,
                    column,
                    say(
                        "history.two_definitions",
                        goal=row.goal,
                        as_of=row.as_of,
                        column=column,
                        value=getattr(row, column),
                        first=getattr(first, column),
                        row=first_line,
                    ),
                    say("hint.two_definitions"),
                )

    def error(self, line: int, column: str, message: Said, hint: Said) -> DataError:
        return DataError(message, DataLocation(self.name, (line,), column), hint=hint)


def _row(fields: dict[str, str], name: str, line: int) -> HistoryRow:
    def bad(column: str, what: Said, hint: Said | None = None) -> DataError:
        message = say("history.bad", what=what, value=fields[column])
        return DataError(message, DataLocation(name, (line,), column), hint=hint)

    try:
        as_of = dt.date.fromisoformat(fields["as_of"])
    except ValueError:
        raise bad("as_of", say("history.not_a_date"), say("hint.history_date")) from None
    if not fields["goal"]:
        raise bad("goal", say("history.no_goal"))
    measure = fields["measure"]
    if measure not in MEASURES:
        known = ", ".join(MEASURES)
        raise bad("measure", say("history.unknown_measure"), say("hint.one_of_these", known=known))
    dims, dims_key = _dims(fields["dims"])
    if dims is None:
        raise bad("dims", say("history.dims"), say("hint.history_dims"))
    if fields["status"] not in _STATUSES:
        known = ", ".join(sorted(_STATUSES))
        raise bad("status", say("history.unknown_status"), say("hint.one_of_these", known=known))
    highest = 100 if measure == "percent" else NUMBER_LIMIT
    value = _number(fields, "value", bad, highest, whole=measure == "count")
    target = _number(fields, "target", bad, highest)
    threshold = _number(fields, "suppress_below", bad, SUPPRESS_LIMIT)
    if threshold is not None and (threshold < 2 or not threshold.is_integer()):
        raise bad("suppress_below", say("history.threshold"))
    return HistoryRow(
        as_of,
        fields["goal"],
        measure,
        dims,
        value,
        target,
        fields["status"],
        None if threshold is None else int(threshold),
        csv_field(fields.get("project", "")),  # a file written before it was a CSV field
        fields.get("definition", ""),
        fields.get("data", ""),
        dims_key,
    )


@lru_cache(maxsize=4096)
def _dims(text: str) -> tuple[dict[str, Any] | None, str]:
    """A cell's dims as written, and as the file holds them; (None, '') unless an object of
    names and plain values. A file repeats a few cells on every date: each is read once (the
    rows share the dict, which nothing changes)."""
    try:
        dims = json.loads(text)
    except (ValueError, RecursionError):
        return None, ""
    if not isinstance(dims, dict) or not all(_plain_value(v) for v in dims.values()):
        return None, ""
    return dims, dims_text(dims)


def _plain_value(value: Any) -> bool:
    return value is None or (isinstance(value, str | int) and not isinstance(value, bool))


def _number(fields: dict[str, str], column: str, bad, highest: float, whole: bool = False):
    """A number from 0 to ``highest`` (a whole one for a count), or None when blank."""
    text = fields[column]
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        raise bad(column, say("history.not_a_number"), say("hint.history_number")) from None
    if not math.isfinite(number) or not 0 <= number <= highest:
        range_ = say("history.number_range", highest=readable(highest))
        raise bad(column, range_, say("hint.hand_edit"))
    if whole and not number.is_integer():
        raise bad(column, say("history.not_whole"), say("hint.whole_count"))
    return number


# --- writing -------------------------------------------------------------------------------


def rows_of(report: Report, digests: dict[str, str]) -> list[HistoryRow]:
    """This run's rows: every cell's value as the report shows it (a hidden one blank); the
    project's name as a CSV field (never a formula when the file is opened in Excel)."""
    project = csv_field(report.project)
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
                    project,
                    digests.get(goal.id, ""),
                    report.input.sha256,
                )
            )
    return rows


def record(
    earlier: list[HistoryRow],
    report: Report,
    digests: dict[str, str],
    whole_run: bool = True,
) -> list[HistoryRow]:
    """The history with this run's rows in place of any of the same report date. A run of
    only some goals (``whole_run=False``) replaces only those goals' rows of that date. Rows
    of an older esfkit, without a project, are this project's from now on. Each date's rows
    are in the goal file's order (``digests`` is by goal id in that order), goals it no
    longer has last, by id; a goal's rows by dims."""
    goals = {g.id for g in report.goals}
    project = csv_field(report.project)
    kept = [
        r if r.project else replace(r, project=project)
        for r in earlier
        if r.as_of != report.as_of or (not whole_run and r.goal not in goals)
    ]
    rank = {goal_id: n for n, goal_id in enumerate(digests)}  # the goal file's order

    def order(r: HistoryRow) -> tuple:
        known = r.goal in rank  # a goal no longer in the goal file: last, by id
        return (r.as_of, rank[r.goal] if known else len(rank), "" if known else r.goal, r.dims_key)

    return sorted([*kept, *rows_of(report, digests)], key=order)


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
                r.project,
                r.definition,
                r.data,
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


def attach(report: Report, earlier: list[HistoryRow], digests: dict[str, str]) -> Report:
    """A copy of the report with each cell's change since the previous recorded run (the
    latest report date strictly before this one) and each goal's trend; only from earlier
    figures of the goal's present definition (``digests``, by goal id; a blank recorded one
    is taken as the same). The goals an earlier definition left out are named in the
    report's ``redefined``."""
    before = [r for r in earlier if r.as_of < report.as_of]
    previous = max((r.as_of for r in before), default=None)
    threshold = report.suppress_below or 0
    changed = {r.goal for r in before if r.definition and r.definition != digests.get(r.goal, "")}
    changed &= {g.id for g in report.goals}
    usable = {
        (r.as_of, r.goal, r.dims_key): r.value
        for r in before
        if r.value is not None
        and (r.suppress_below or 0) >= threshold
        and r.definition in ("", digests.get(r.goal, ""))
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
    redefined = tuple(g.id for g in report.goals if g.id in changed)
    return replace(report, goals=goals, history=True, previous_as_of=previous, redefined=redefined)


def _change(cell: Cell, before: float | None) -> float | None:
    if before is None or cell.value is None or "value" in cell.suppressed:
        return None
    return cell.value - before


def _trend_cells(goal: GoalResult) -> list[Cell]:
    """The cells a goal's trend follows, as its kind lays it out: the total, or each judged
    cell with a target (a composition goal's shares)."""
    if goal.layout.trend == "judged":
        return [c for c in goal.cells if c.judged and c.target is not None]
    if goal.layout.trend == "total":
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
    """Per goal, the total's value at each recorded date; a goal with no total (composition)
    shows each of its one-dimension cells instead. The goals in the goal file's order as the
    latest run recorded it, then goals only earlier runs had, as the latest of those did."""
    out = []
    newest_first = sorted(rows, key=lambda r: r.as_of, reverse=True)  # stable: each run's order
    for goal_id in dict.fromkeys(r.goal for r in newest_first):
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
