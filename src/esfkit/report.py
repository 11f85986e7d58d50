"""The Report: everything a renderer may show, as plain dataclasses. Renderers read only this.

The goal kinds (esfkit.kinds) make the GoalResults and the engine the Report around them;
suppression and history return changed copies. It sits below all of them, so that each can
use it without importing the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from esfkit.findings import Finding

if TYPE_CHECKING:
    import pandas as pd


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    IN_PROGRESS = "in_progress"
    HIDDEN = "hidden"  # small-number suppression: the status would give a hidden count away


# Worst first: a goal's status is the worst of its cells' statuses.
_SEVERITY = (Status.NOT_MET, Status.BEHIND, Status.ON_TRACK, Status.MET)


def combine(statuses: list[Status]) -> Status:
    judged = [s for s in statuses if s in _SEVERITY]
    if not judged:
        return Status.NO_DATA if Status.NO_DATA in statuses else Status.NO_TARGET
    return next(s for s in _SEVERITY if s in judged)


# A cell's figures, as long formats (CSV) list them by name.
MEASURES = ("numerator", "denominator", "percent", "target", "expected", "gap")


@dataclass(frozen=True)
class Layout:
    """How a goal's figures read: plain data its kind fills in, so that renderers and the
    history file never ask which kind a goal is (esfkit.kinds.base.GoalKind.layout)."""

    # The goal's table: "grid" (rows by the first breakdown dimensions, columns by the last),
    # "inner" (a row per value of the goal's own dimension, each cell "count (percent)", the
    # bases below) or "none" (no figures).
    table: str = "grid"
    # Its summary row: "total" (target, the total's figure, women's and men's), "shares"
    # (each targeted share), "base" (how many rows) or "note" (the status and the note).
    summary: str = "total"
    # Its gap: "counts" (how many more or fewer people, per gender where targeted),
    # "persons" (how many more people reach the total's target), "points" (percentage points off,
    # per judged cell that is not met) or "" (none).
    gap: str = ""
    # A percentage target with this many decimals; None: as few as the target needs.
    target_decimals: int | None = None
    # Long formats (CSV): the cell's figures listed, in order.
    measures: tuple[str, ...] = MEASURES
    # A goal's sheet (Excel): the figure columns that may appear, in order; its "value"
    # column shows the cell's ``value_field``.
    columns: tuple[str, ...] = ("value", "numerator", "denominator", "target", "gap")
    value_field: str = "value"
    # The total's and the genders' figures are numbers: Excel's summary writes them as
    # numbers to compute with (else as the summary's words).
    figures: bool = False
    # They are figures against a target: Excel and HTML draw them as a bar chart.
    chart: bool = False
    # The cells ``check --history`` follows: "total", "judged" (each judged cell with a
    # target) or "" (none).
    trend: str = "total"


@dataclass
class Cell:
    """One figure of a goal for one combination of dimension values (``{}`` is the total).

    ``value`` is the count for count goals and the percentage for share, composition and
    parity goals; ``gap`` is how far the value is from the target in the direction that
    matters (positive: short of an at-least target, or over an at-most one).
    """

    dims: dict[str, Any]
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    percent: float | None = None
    target: float | None = None
    expected: float | None = None
    gap: float | None = None
    needed: int | None = None
    attainment: float | None = None  # count goals: value as a percentage of the target
    status: Status = Status.NO_TARGET
    # Figures hidden by small-number suppression (esfkit.suppression): field name -> "small"
    # (a count from 1 to N-1) or "secondary" (hidden so that no small count can be worked
    # out). A hidden figure's field is None.
    suppressed: dict[str, str] = field(default_factory=dict)
    # Since the previous recorded run (esfkit.history): value minus that run's value, in the
    # value's unit (percentage points for percentages). None: no comparable earlier figure.
    change: float | None = None
    # Whether the goal's status is made of this cell's status (as its kind judges).
    judged: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Outside:
    """Who a goal's denominator leaves out, in the goal's own terms (from its ``of:``), for
    the note under its table. ``reason``: "enrolled" (still enrolled: ``of: exited``),
    "exited" (already left: ``of: enrolled``), "unanswered" (a survey question in
    ``columns`` left blank), "unanswered_value" (a survey question answered none of
    ``values``, or left blank), "blank" (nothing in ``columns``), "other_value" (none of
    ``values`` in ``columns``), "other_exit" (left to another outcome), "no_exit" (left
    without an outcome) or "other" (``columns`` do not match the goal's selection). Made
    from the goal's definition alone, never from the rows (suppression)."""

    reason: str
    columns: tuple[str, ...] = ()
    values: tuple[str, ...] = ()


@dataclass
class TrendSeries:
    """One cell's value at each recorded report date up to this report's, oldest first
    (None: not recorded, or hidden by suppression)."""

    dims: dict[str, Any]
    points: list[tuple[dt.date, float | None]]
    target: float | None = None


@dataclass
class GoalResult:
    id: str
    title: str
    kind: str
    status: Status
    cells: list[Cell]
    breakdown: tuple[str, ...] = ()
    measure: str = "count"  # count | percent | mean
    at_most: bool = False
    at_least: bool = False  # a composition's targets are floors (at_most: ceilings)
    note: str | None = None
    dimension: str | None = None  # the inner dimension of composition and distribution goals
    population: int | None = 0  # rows this goal looks at (after scope)
    excluded_by_scope: int | None = 0
    outside_denominator: int | None = None
    outside: tuple[Outside, ...] = ()  # who they are, part by part of ``of:``
    tolerance: float | None = None
    per: dict[str, float] | None = None  # count targets per year / municipality: the factors
    group: str | None = None  # parity: the group whose share is compared
    trend: list[TrendSeries] = field(default_factory=list)  # with --history (esfkit.history)
    due: dt.date | None = None  # `by:` the date the target is due, to which it is paced
    phase: tuple[dt.date, dt.date] | None = None  # `from:`/`to:`: enrolments active then
    unit: str | None = None  # a mean of durations: days, weeks, months or years
    # Goal-level figures hidden by small-number suppression: field name -> marker (as Cell's)
    suppressed: dict[str, str] = field(default_factory=dict)
    layout: Layout = field(default_factory=Layout)
    # The rows behind the figures (esfkit.kinds.rows.GoalRows), for explain and suppression;
    # renderers never read them.
    rows: Any = field(default=None, repr=False, compare=False)

    def cell(self, **dims: Any) -> Cell | None:
        return next((c for c in self.cells if c.dims == dims), None)


@dataclass(frozen=True)
class InputInfo:
    """The participant data: its file, sha256, rows and sheet. Several files read as one
    register: ``path`` names them all, ``sha256`` is one digest over theirs in order
    (esfkit.data.register.data_digest), and ``files`` holds each file's own."""

    path: str
    sha256: str
    rows: int | None  # None: hidden by small-number suppression (Report.suppressed)
    sheet: str | None = None
    files: tuple[InputInfo, ...] = ()

    def file_rows(self, suppress_below: int | None) -> list[int | None]:
        """Each file's rows as a report shows them: hidden (None) under small-number
        suppression. A file often holds one municipality's rows, so its count could tell a
        figure the goal tables hide (a small one, or one hidden beside it), and the total
        less the other files' counts would tell a small file's."""
        return [None if suppress_below or self.rows is None else f.rows for f in self.files]


@dataclass(frozen=True)
class PopulationInfo:
    enrolments: int | None  # None: hidden by small-number suppression (Report.suppressed)
    persons: int | None
    outside_period: int | None
    unit: str


@dataclass
class Report:
    esfkit: str
    project: str
    as_of: dt.date
    period: tuple[dt.date, dt.date, str] | None
    input: InputInfo
    population: PopulationInfo
    goals: list[GoalResult]
    findings: list[Finding] = field(default_factory=list)
    project_start: dt.date | None = None
    project_end: dt.date | None = None
    lang: str | None = None
    suppress_below: int | None = None  # counts 1..N-1 hidden (esfkit.suppression)
    # Header figures hidden by suppression: "input.rows", "population.<field>",
    # "finding.<kind>" -> "small" ("<N") or "secondary" (".."); a hidden one is None above, a
    # hidden finding has no rows and a count of 0.
    suppressed: dict[str, str] = field(default_factory=dict)
    history: bool = False  # compared with a history file (esfkit.history)
    previous_as_of: dt.date | None = None  # the report date the changes are measured from
    # Goals whose definition differs from an earlier run's: not compared with those runs
    redefined: tuple[str, ...] = ()
    as_of_is_project_end: bool = False  # no --as-of, and the project ended before today

    def to_frame(self) -> pd.DataFrame:
        """The report as a tidy table, one row per cell (docs/python.md, "Report.to_frame").

        Columns: ``goal_id``, ``title``, ``kind``, ``measure`` ('count' or 'percent'),
        ``at_most``, ``goal_status``; ``breakdown``, the dimensions the cell is split by
        ('' for the total, 'municipality, gender' ...); one column per dimension of any goal
        (its value in this cell; None where the cell is not split by it, and for an unknown
        value, told apart by ``breakdown``); then the Cell's figures ``value``,
        ``numerator``, ``denominator``, ``percent``, ``target``, ``expected``, ``gap``,
        ``needed``, ``attainment``, ``status``, ``change``, and ``suppressed`` (the figures
        hidden by small-number suppression, as 'numerator=small, value=small'; a hidden
        figure is empty). Built from the Report alone, so totals and parts agree with every
        format's.
        """
        import pandas as pd

        dims = list(dict.fromkeys(d for g in self.goals for c in g.cells for d in c.dims))
        rows = [_cell_row(goal, cell, dims) for goal in self.goals for cell in goal.cells]
        frame = pd.DataFrame(rows, columns=[*_GOAL_COLUMNS, *dims, *_CELL_COLUMNS])
        return frame.astype(_DTYPES)


_GOAL_COLUMNS = ("goal_id", "title", "kind", "measure", "at_most", "goal_status", "breakdown")
_FIGURES = ("value", "numerator", "denominator", "percent", "target", "expected", "gap")
_CELL_COLUMNS = (*_FIGURES, "needed", "attainment", "status", "change", "suppressed")
_DTYPES = {
    **dict.fromkeys(("value", "percent", "target", "expected", "gap"), "float64"),
    **dict.fromkeys(("attainment", "change"), "float64"),
    **dict.fromkeys(("numerator", "denominator", "needed"), "Int64"),
    "at_most": "bool",
}


def _cell_row(goal: GoalResult, cell: Cell, dims: list[str]) -> list[Any]:
    """One row of Report.to_frame."""
    hidden = ", ".join(f"{name}={marker}" for name, marker in sorted(cell.suppressed.items()))
    return [
        goal.id,
        goal.title,
        goal.kind,
        goal.measure,
        goal.at_most,
        goal.status.value,
        ", ".join(cell.dims),
        *(cell.dims.get(d) for d in dims),
        *(getattr(cell, name) for name in _FIGURES),
        cell.needed,
        cell.attainment,
        cell.status.value,
        cell.change,
        hidden,
    ]
