"""The engine's side of what a goal kind gets: a GoalContext filled in from the Evaluator.

The contract is esfkit.kinds.context.GoalContext; the judging arithmetic is in
esfkit.kinds.judging.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from esfkit.engine.evaluator import Evaluator
from esfkit.engine.tabulate import tabulate
from esfkit.errors import DataError, GoalFileError, say
from esfkit.goalfile.model import AllOf, Filter, Goal, GoalFile
from esfkit.kinds.context import Dimension, GoalContext, Tally
from esfkit.kinds.judging import elapsed, pacing_window
from esfkit.kinds.rows import Condition, RowSet


@dataclass
class EvaluatorContext(GoalContext):
    """A goal's context answered by the Evaluator, which caches every mask and dimension."""

    goal: Goal[Any]
    ev: Evaluator
    goal_file: GoalFile
    population: np.ndarray  # the goal's rows: the report population, scope applied
    breakdown: tuple[str, ...]
    as_of: dt.date

    def mask(self, f: Filter | None) -> np.ndarray:
        return self.ev.mask(f)

    def conditions(self, f: Filter | None) -> RowSet:
        if f is None:
            return ()
        if isinstance(f, AllOf):
            return tuple(c for part in f.parts for c in self.conditions(part))
        return (Condition(self.ev.mask(f), f),)

    def negation(self, f: Filter | None) -> Condition:
        return Condition(self.ev.mask(f), f, negated=True)

    def dimension(self, name: str) -> Dimension:
        return self.ev.dimension(name, self.goal.loc)

    def dimensions(self, names: tuple[str, ...] | None = None) -> list[Dimension]:
        names = self.breakdown if names is None else names
        return [self.dimension(name) for name in names]

    def tally(
        self,
        numerator: np.ndarray | None,
        denominator: np.ndarray | None = None,
        names: tuple[str, ...] | None = None,
    ) -> list[Tally]:
        base = self.population if denominator is None else self.population & denominator
        dimensions = self.dimensions(names)
        return tabulate(dimensions, base, numerator, self.ev.cells(dimensions))

    def numbers(self, name: str, limit: float | None = None) -> np.ndarray:
        field = self.ev.resolve(name, self.goal.loc)
        values = self.ev.numbers(field, self.goal.loc).to_numpy(dtype=float)
        beyond = np.abs(np.nan_to_num(values)) > limit if limit is not None else None
        if beyond is not None and beyond.any():
            rows = self.ev.frame["_row"].to_numpy()[beyond]
            column = field.removeprefix("column:")
            raise DataError(
                say("eval.beyond_limit", column=column, goal=self.goal.id, limit=f"{limit:,.0f}"),
                where=self.ev.participants.where(tuple(int(r) for r in rows), column),
                hint=say("hint.beyond_limit"),
            )
        return values

    def days(self, start: str, end: str) -> np.ndarray:
        first, last = (
            self.ev.dates(self.ev.resolve(n, self.goal.loc), self.goal.loc) for n in (start, end)
        )
        return (last - first).dt.days.to_numpy(dtype=float)

    @property
    def pacing(self) -> float | None:
        """Share of the goal's time (its phase, else the project; up to its ``by``)
        elapsed at the report date, while it runs."""
        project = self.goal_file.project
        window = pacing_window(project.start, project.end, self.goal.phase, self.goal.by)
        return elapsed(*window, self.as_of)

    def years(self) -> float:
        start: dt.date | None
        end: dt.date | None
        if self.goal.phase is not None:
            start, end = self.goal.phase
        else:
            start, end = self.goal_file.project.start, self.goal_file.project.end
        if start is None or end is None:
            raise GoalFileError(
                say("eval.per_year_needs", goal=self.goal.id),
                where=self.goal.loc,
                hint=say("hint.per_year_needs"),
            )
        months = round(((end - start).days + 1) / 365.2425 * 12)
        if months == 0:  # the rate times no time: a target of 0, met by no one
            raise GoalFileError(
                say("eval.per_year_too_short", goal=self.goal.id, start=start, end=end),
                where=self.goal.loc,
                hint=say("hint.per_year_too_short"),
            )
        return months / 12

    def municipality_count(self) -> int:
        declared = self.goal_file.project.municipalities
        if declared:
            return len(declared)
        dim = self.dimension("municipality")
        present = set(dim.codes[self.population].tolist())
        return len([i for i in present if dim.labels[i] is not None])
