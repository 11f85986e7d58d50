"""What a goal kind gets to evaluate one goal: its population, its breakdown, and judgement."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from esfkit.engine.evaluator import Dimension, Evaluator
from esfkit.engine.tabulate import Tally, tabulate
from esfkit.errors import GoalFileError
from esfkit.goalfile.model import Goal, GoalFile
from esfkit.report import Cell, Status


@dataclass
class GoalContext:
    goal: Goal
    ev: Evaluator
    goal_file: GoalFile
    population: np.ndarray  # the goal's rows: the report population, scope applied
    breakdown: tuple[str, ...]
    as_of: dt.date

    def dimensions(self, names: tuple[str, ...] | None = None) -> list[Dimension]:
        names = self.breakdown if names is None else names
        return [self.ev.dimension(name, self.goal.loc) for name in names]

    def tally(
        self,
        numerator: np.ndarray | None,
        denominator: np.ndarray | None = None,
        names: tuple[str, ...] | None = None,
    ) -> list[Tally]:
        base = self.population if denominator is None else self.population & denominator
        return tabulate(self.dimensions(names), base, numerator)

    @property
    def pacing(self) -> float | None:
        """Share of the project's time elapsed at the report date, while it runs."""
        return elapsed(self.goal_file.project.start, self.goal_file.project.end, self.as_of)

    def project_years(self) -> float:
        start, end = self.goal_file.project.start, self.goal_file.project.end
        if start is None or end is None:
            raise GoalFileError(
                f"goal '{self.goal.id}' has a per-year target, which needs project.start and project.end",
                where=self.goal.loc,
                hint="add start: and end: dates under project:",
            )
        months = round(((end - start).days + 1) / 365.2425 * 12)
        return months / 12

    def municipality_count(self) -> int:
        declared = self.goal_file.project.municipalities
        if declared:
            return len(declared)
        dim = self.ev.dimension("municipality", self.goal.loc)
        present = set(dim.codes[self.population].tolist())
        return len([i for i in present if dim.labels[i] is not None])


def elapsed(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> float | None:
    """Share of the project's time elapsed at the report date, while it runs."""
    if start is None or end is None or as_of >= end or as_of < start:
        return None
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def percent(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return 100.0 * numerator / denominator


def judge(cell: Cell, at_most: bool, pacing: float | None = None) -> Cell:
    """Status, gap and pacing of a cell against its target; the raw value is compared."""
    if cell.target is None:
        cell.status = Status.NO_TARGET
        return cell
    if cell.value is None:
        cell.status = Status.NO_DATA
        return cell
    value, target = cell.value, cell.target
    if at_most:
        cell.gap = value - target
        if value > target:
            cell.status = Status.NOT_MET
        else:
            cell.status = Status.ON_TRACK if pacing is not None else Status.MET
        return cell
    cell.gap = target - value
    if value >= target:
        cell.status = Status.MET
    elif pacing is not None:
        cell.expected = target * pacing
        cell.status = Status.ON_TRACK if value >= cell.expected else Status.BEHIND
    else:
        cell.status = Status.NOT_MET
    return cell


def persons_needed(cell: Cell, at_most: bool) -> int | None:
    """For a share: how many more (or fewer) matching persons would reach the target,
    the denominator unchanged."""
    if cell.target is None or cell.numerator is None or not cell.denominator:
        return None
    goal_count = cell.target * cell.denominator / 100
    if at_most:
        return max(0, math.ceil(cell.numerator - goal_count - 1e-9))
    return max(0, math.ceil(goal_count - cell.numerator - 1e-9))
