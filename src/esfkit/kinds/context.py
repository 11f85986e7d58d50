"""What a goal kind gets to evaluate one goal: the kinds' side of the contract with the engine.

A kind's ``evaluate(goal, ctx)`` reads the population only through a :class:`GoalContext`,
which the engine fills in (``esfkit.engine.context``): the rows a filter selects, a
breakdown dimension's codes, the tallies for every level of the breakdown, and the project's
pacing, length in years and number of municipalities. The plain types it answers in,
:class:`Tally` and :class:`Dimension`, are defined here, so that a kind imports nothing of
the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from esfkit.goalfile.model import Filter, Goal
from esfkit.kinds.rows import Condition, RowSet


@dataclass(frozen=True)
class Tally:
    """The counts of one level of a breakdown (``dims`` ``{}``: the total): rows in the
    denominator, and of those the rows in the numerator (None when no numerator was asked)."""

    dims: dict[str, Any]
    numerator: int | None
    denominator: int


@dataclass(frozen=True)
class Dimension:
    """Integer codes per row into ``labels``; a blank value has the label None."""

    name: str
    codes: np.ndarray
    labels: tuple[Any, ...]
    always: tuple[Any, ...] = ()  # labels shown even when no row has them


class GoalContext(Protocol):
    """One goal's view of the report population.

    ``population`` is a boolean per counted row: the goal's rows (the report population,
    the goal's scope applied); ``breakdown`` the dimensions its cells are broken down by.
    """

    goal: Goal[Any]
    population: np.ndarray
    breakdown: tuple[str, ...]

    def mask(self, f: Filter | None) -> np.ndarray:
        """One boolean per counted row: whether the row matches ``f`` (None: every row)."""
        ...

    def conditions(self, f: Filter | None) -> RowSet:
        """The rows of ``f`` as a row set: an ``all:`` split into its parts (None: every
        row, no condition)."""
        ...

    def negation(self, f: Filter | None) -> Condition:
        """The rows ``f`` leaves out, as one condition (None: no row)."""
        ...

    def dimension(self, name: str) -> Dimension:
        """The codes and labels of a breakdown dimension (a field or a column)."""
        ...

    def tally(
        self,
        numerator: np.ndarray | None,
        denominator: np.ndarray | None = None,
        names: tuple[str, ...] | None = None,
    ) -> list[Tally]:
        """Counts for the total and every level of ``names`` (by default the breakdown),
        over the goal's rows within ``denominator``."""
        ...

    def numbers(self, name: str, limit: float | None = None) -> np.ndarray:
        """A number per counted row from a numeric field or column (NaN: blank); a located
        DataError naming the rows whose number is beyond ±``limit``."""
        ...

    def days(self, start: str, end: str) -> np.ndarray:
        """Days from one date field or column to another, per counted row (NaN: either
        blank)."""
        ...

    @property
    def pacing(self) -> float | None:
        """Share of the project's time elapsed at the report date, while it runs."""
        ...

    def years(self) -> float:
        """The goal's length in years (whole months / 12): its phase's, else the project's;
        a located error for a goal without a phase in a project without start and end."""
        ...

    def municipality_count(self) -> int:
        """The declared municipalities, else those among the goal's rows."""
        ...
