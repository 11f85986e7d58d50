"""The rows behind a goal's figures, as its kind's evaluation found them.

A kind returns them with its cells (``GoalResult.rows``); ``esfkit explain`` lists them and
small-number suppression counts with them, so that neither works out a goal's rows again.
A row set is a conjunction of :class:`Condition` s, each the mask of one filter (an ``all:``
split into its parts, which may read different columns), kept as the engine counted with
it: one boolean per counted row. A cell's rows are a row set within the cell's breakdown
values (the shared dimension codes of the engine), so no mask is kept per cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from esfkit.goalfile.model import Filter


@dataclass(frozen=True)
class Condition:
    """The rows of one filter (``None``: every row), or with ``negated`` the rows it leaves
    out."""

    mask: np.ndarray = field(repr=False)
    filter: Filter | None
    negated: bool = False

    @property
    def rows(self) -> np.ndarray:
        return ~self.mask if self.negated else self.mask


# Rows that meet every condition (none: every counted row).
RowSet = tuple[Condition, ...]


def rows_of(row_set: RowSet, size: int) -> np.ndarray:
    """One boolean per counted row: whether it is in the row set."""
    rows = np.ones(size, dtype=bool)
    for condition in row_set:
        rows &= condition.rows
    return rows


@dataclass(frozen=True)
class GoalRows:
    """A goal's row sets. A cell's numerator counts the rows of ``numerator`` and its
    denominator those of ``denominator``, each within the cell's breakdown values."""

    scope: RowSet  # the goal's rows
    excluded: RowSet  # the report's rows the goal's scope leaves out
    denominator: RowSet | None  # None: no figure of the goal counts rows (manual)
    numerator: RowSet | None = None  # None: the kind has no numerator of its own
    outside: RowSet | None = None  # in scope, outside the denominator (a share's ``of``)
    table: RowSet | None = None  # the rows whose values the goal's table lists (None: the
    # denominator's)
    # A mean's value of each counted row, in its unit (NaN: none); None for other kinds.
    values: np.ndarray | None = field(default=None, repr=False, compare=False)
    unit: str | None = None

    @property
    def listed(self) -> RowSet:
        """The rows whose breakdown values the goal's table lists."""
        return self.table if self.table is not None else self.denominator or ()


@dataclass(frozen=True)
class Figure:
    """A count a cell shows (its field: numerator, denominator, target_numerator …): the rows
    of ``rows`` with the breakdown values ``dims``."""

    field: str
    rows: RowSet
    dims: dict[str, Any]
