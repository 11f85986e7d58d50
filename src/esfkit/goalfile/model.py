"""The typed goal model: what a goal file means once it has been validated.

Nothing here reads data. Column names stay as the user wrote them; the engine resolves them
against the participant file. The ``data:`` section's model, DataSettings, is the data
layer's own (esfkit.data.settings), which knows nothing of goals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, Generic, TypeVar

from esfkit.data.settings import DataSettings
from esfkit.errors import GoalFileLocation
from esfkit.text import key as text_key

# Fields esfkit derives from its own (esfkit.data.settings.COLUMN_FIELDS): a goal file names
# them like a column.
DERIVED_FIELDS = ("age", "age_band", "exited", "days_enrolled", "start_year")
BREAKDOWN_DIMENSIONS = ("municipality", "gender", "age_band", "start_year")
GENDER_VALUES = ("women", "men", "nonbinary")
_TRUE = {"true", "ja", "yes", "1", "sant", "x"}
_FALSE = {"false", "nej", "no", "0", "falskt"}

# A goal kind's typed definition, the kind's own dataclass (esfkit.kinds.*): a kind's methods
# take a Goal of their definition, the goal file holds Goal[Any], one of any kind.
D = TypeVar("D", covariant=True)


@dataclass(frozen=True)
class Scalar:
    """A value written in a filter: its source text and its YAML meaning."""

    text: str
    value: Any = _field(compare=False)
    loc: GoalFileLocation = _field(compare=False)

    def truth(self) -> bool | None:
        """The value read as true or false (YAML's, or a word: ja, nej, x ...); None:
        neither."""
        if isinstance(self.value, bool):
            return self.value
        word = self.text.casefold()
        return True if word in _TRUE else False if word in _FALSE else None


# --- filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Everyone:
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Exited:
    """Participants whose exit date is on or before the report date."""

    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Enrolled:
    """Participants still in the project at the report date."""

    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Equals:
    """The field equals one of the values (case and surrounding spaces ignored)."""

    field: str
    values: tuple[Scalar, ...]
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Between:
    """Number or date within bounds: min/max inclusive, after/before exclusive."""

    field: str
    loc: GoalFileLocation = _field(compare=False)
    min: Scalar | None = None
    max: Scalar | None = None
    after: Scalar | None = None
    before: Scalar | None = None


@dataclass(frozen=True)
class Missing:
    """The cell is blank (``missing: true``) or not blank (``missing: false``)."""

    field: str
    missing: bool
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Offset:
    """``plus: 13 months`` / ``minus: 2 weeks``: a signed whole number of days, weeks, months
    or years. A month moves the calendar month and keeps the day, clamped to the month's
    last day (31 January + 1 month = 28 or 29 February); a year is 12 months."""

    amount: int
    unit: str  # days, weeks, months, years


@dataclass(frozen=True)
class OtherField:
    """``{column: end, plus: 13 months}``: the value of another field on the same row."""

    field: str
    offset: Offset | None
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class SameAs:
    """The field equals another field of the same row (``{column: Kommun}``); with
    ``differ``, both are filled in and differ (``{not: {column: Kommun}}``). A blank on
    either side matches neither."""

    field: str
    other: OtherField
    differ: bool
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Compare:
    """The field against another field of the same row: ``min`` (>=), ``max`` (<=),
    ``after`` (>), ``before`` (<). A blank on either side does not hold."""

    field: str
    op: str
    other: OtherField
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Filter, ...]
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Filter, ...]
    loc: GoalFileLocation = _field(compare=False)


@dataclass(frozen=True)
class Not:
    part: Filter
    loc: GoalFileLocation = _field(compare=False)


Filter = (
    Everyone
    | Exited
    | Enrolled
    | Equals
    | Between
    | Missing
    | SameAs
    | Compare
    | AllOf
    | AnyOf
    | Not
)


# --- targets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A target per gender and/or in total; numbers are counts or percentages.

    ``total`` is None when the file gave none: for counts the engine then uses the sum of
    the gender targets, when every gender that has participants has one.
    """

    by_gender: dict[str, float]
    total: float | None
    loc: GoalFileLocation
    percent: bool = False
    # One target per municipality (``{Kiruna: 60, Pajala: {women: 15, men: 15}}``), by the
    # name's text key; each a number (``total``) or one per gender. ``total`` is then the
    # whole project's, judged only when the file gives it.
    by_municipality: dict[str, Target] = _field(default_factory=dict)
    # The municipality names as written, by text key, with where each was written.
    municipality_names: dict[str, tuple[str, GoalFileLocation]] = _field(default_factory=dict)

    def for_municipality(self, name: object) -> Target | None:
        """The target of the municipality ``name`` (a label of the data), if it has one."""
        return self.by_municipality.get(text_key(name)) if isinstance(name, str) else None


# --- goals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal(Generic[D]):
    """One goal: the keys every kind shares, plus the kind's own typed definition ``D``."""

    id: str
    title: str
    kind: str
    definition: D
    loc: GoalFileLocation
    note: str | None = None
    scope: Filter | None = None
    breakdown: tuple[str, ...] | None = None
    by: dt.date | None = None  # the date the target is due: pacing runs to it
    # `from:`/`to:`: a phase; its enrolments (active then) are the goal's, within `scope`
    phase: tuple[dt.date, dt.date] | None = None


@dataclass(frozen=True)
class Project:
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    municipalities: tuple[str, ...] | None = None
    lang: str | None = None
    loc: GoalFileLocation | None = None


@dataclass(frozen=True)
class AgeBand:
    label: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class NeededColumn:
    """A column an included library needs, as the user's file must call it."""

    key: str
    header: str
    values: tuple[str, ...]
    help: str
    used_by: tuple[str, ...]


@dataclass(frozen=True)
class Included:
    """One ``include:`` entry after expansion (esfkit.indicators): what it added and what it
    needs."""

    name: str
    loc: GoalFileLocation
    goal_ids: tuple[str, ...]
    columns: tuple[NeededColumn, ...]
    age_for: tuple[str, ...]  # indicator codes that need an age


@dataclass(frozen=True)
class GoalFile:
    path: str
    project: Project
    data: DataSettings
    outcomes: dict[str, tuple[str, ...]]
    breakdown: tuple[str, ...]
    goals: tuple[Goal[Any], ...]
    age_bands: tuple[AgeBand, ...] = ()
    includes: tuple[Included, ...] = ()  # one per `include:` entry
    suppress_below: int | None = None  # report.suppress_below: hide counts 1..N-1
    folder: str | None = None  # the goal file's folder: data.files are relative to it

    def goal(self, goal_id: str) -> Goal[Any] | None:
        return next((g for g in self.goals if g.id == goal_id), None)
