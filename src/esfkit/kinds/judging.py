"""Judging a figure against its target: the arithmetic every goal kind shares.

Pure functions of numbers and cells; suppression uses ``judge`` and ``elapsed`` too, to
tell whether a hidden figure's marker alone decides a status.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from esfkit.goalfile.model import Target
from esfkit.report import Cell, Status


def elapsed(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> float | None:
    """Share of the project's time elapsed at the report date, while it runs."""
    if start is None or end is None or as_of >= end or as_of < start:
        return None
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def pacing_window(
    project_start: dt.date | None,
    project_end: dt.date | None,
    phase: tuple[dt.date, dt.date] | None,
    due: dt.date | None,
) -> tuple[dt.date | None, dt.date | None]:
    """From when to when a goal's target is paced: its phase (``from``/``to``), else the
    project; to its ``by`` date when it has one."""
    start, end = phase if phase is not None else (project_start, project_end)
    return start, due or end


def has_no_target(dims: dict[str, Any]) -> bool:
    """Whether a cell is one no target is about: that of unknown gender (a blank Kön), shown
    but never judged, whatever the kind."""
    return dims.get("gender") == "unknown"


def percent(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return 100.0 * numerator / denominator


def percent_cell(
    dims: dict[str, Any],
    numerator: int | None,
    denominator: int,
    target: float | None = None,
) -> Cell:
    """A cell whose value is the percentage ``numerator`` of ``denominator``."""
    value = percent(numerator, denominator)
    return Cell(
        dims,
        value=value,
        numerator=numerator,
        denominator=denominator,
        percent=value,
        target=target,
    )


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


def by_municipality(breakdown: tuple[str, ...], target: Target | None) -> tuple[str, ...]:
    """A goal with a target per municipality is broken down by municipality: added first
    when its breakdown leaves it out."""
    if target is None or not target.by_municipality or "municipality" in breakdown:
        return breakdown
    return ("municipality", *breakdown)
