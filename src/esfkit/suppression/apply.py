"""Writing the hidden figures into a copy of the Report, with what is built on them.

A hidden count is None in the copy and named in ``suppressed`` ("small": shown "<N";
"secondary": shown ".."), so no renderer can show it. What is computed from a hidden count
goes with it: a percentage, a value, the gap to the target, the persons needed, the share of
the whole a parity target is. A cell's status stays when every value its hidden count may
have (by its marker) gives the same status ("<5" against a target of 112: not met whatever
it is); otherwise it is ``hidden``, and so is a goal's status that such a cell could change.
"""

from __future__ import annotations

import copy
import math
from dataclasses import replace
from typing import Any

from esfkit import kinds
from esfkit.kinds.judging import elapsed, pacing_window
from esfkit.report import Cell, GoalResult, Report, Status
from esfkit.suppression.figures import Place
from esfkit.suppression.search import OPEN, SECONDARY, SMALL

_RANK = {Status.NOT_MET: 0, Status.BEHIND: 1, Status.ON_TRACK: 2, Status.MET: 3}
_JUDGED_ELSEWHERE = {Status.MET, Status.NOT_MET, Status.NO_DATA}
_MANY = 10**9


def shown_as(marker: str) -> str:
    """The marker a reader sees: "<N" for a small count, ".." for any other hidden one."""
    return SMALL if marker == SMALL else SECONDARY


def apply(
    report: Report,
    hidden: dict[Place, str],
    header: dict[str, str],
    threshold: int,
) -> Report:
    goals = [_copy(goal) for goal in report.goals]
    markers: dict[tuple[int, int], dict[str, str]] = {}
    for place, marker in hidden.items():
        if place.goal is None:
            header = {**header, place.field: marker}
            continue
        goal = goals[place.goal]
        if place.cell is None:
            setattr(goal, place.field, None)
            goal.suppressed[place.field] = shown_as(marker)
            continue
        markers.setdefault((place.goal, place.cell), {})[place.field] = marker
        cell = goal.cells[place.cell]
        if not place.field.startswith("target_"):
            setattr(cell, place.field, None)
            cell.suppressed[place.field] = shown_as(marker)
    for index, goal in enumerate(goals):
        window = pacing_window(report.project_start, report.project_end, goal.phase, goal.due)
        pacing = elapsed(*window, report.as_of)
        possible = [
            _derive(goal, cell, markers.get((index, j), {}), threshold, pacing)
            for j, cell in enumerate(goal.cells)
        ]
        _goal_status(goal, possible)
    return _header(replace(report, goals=goals, suppress_below=threshold), header)


def _copy(goal: GoalResult) -> GoalResult:
    """A copy of the goal that this module may change: its cells and every dict and list
    they hold (what else they hold is never changed)."""
    cells = [copy.copy(c) for c in goal.cells]  # as replace(), without its __init__ per cell
    for cell in cells:
        cell.dims, cell.suppressed = dict(cell.dims), dict(cell.suppressed)
    per = dict(goal.per) if goal.per is not None else None
    return replace(
        goal, cells=cells, suppressed=dict(goal.suppressed), trend=list(goal.trend), per=per
    )


def _derive(goal: GoalResult, cell: Cell, hidden: dict[str, str], n: int, pacing) -> set[Status]:
    """Hide what a cell builds on its hidden counts (as its kind says); the statuses the
    cell may have."""
    kind = kinds.lookup(goal.kind)
    if not kind.conceal(goal, cell, hidden, SECONDARY, pacing):
        return {cell.status}
    marker = hidden.get("numerator")
    counts = _counts(cell, marker, n, pacing) if marker is not None else set()
    possible = kind.rejudge(goal, cell, counts, pacing)
    if possible is None:
        possible = _JUDGED_ELSEWHERE
    if len(possible) > 1:
        cell.status = Status.HIDDEN
    return set(possible)


def _counts(cell: Cell, marker: str, n: int, pacing) -> set[int]:
    """The values a hidden count may have by its marker, those near the cell's target (and
    its "expected by now") standing for the rest."""
    if marker == SMALL:
        return set(range(1, n))
    turns = [] if cell.target is None else [cell.target]
    turns += [cell.target * pacing] if cell.target is not None and pacing is not None else []
    near = {v for t in turns for v in (math.floor(t) - 1, math.floor(t), math.ceil(t) + 1)}
    near |= {math.ceil(t) for t in turns}
    if marker == OPEN:
        return {*range(n + 1), _MANY, *(v for v in near if v >= 0)}
    return {0, n, _MANY, *(v for v in near if v >= n)}


def _goal_status(goal: GoalResult, possible: list[set[Status]]) -> None:
    """A goal's status stays only when no hidden figure could change it."""
    binding = _binding(goal)
    sets = [possible[j] for j in binding]
    if all(len(s) == 1 for s in sets):
        return
    # The worst status wins: it can be anything from each cell's worst to each one's best.
    lowest = min(min(_RANK.get(s, 4) for s in each) for each in sets)
    highest = min(max(_RANK.get(s, 4) for s in each) for each in sets)
    if lowest != highest:
        goal.status = Status.HIDDEN
    elif lowest == 4:  # nothing judged: no data if some cell surely has none
        surely = any(each == {Status.NO_DATA} for each in sets)
        maybe = any(Status.NO_DATA in each for each in sets)
        if maybe and not surely:
            goal.status = Status.HIDDEN


def _binding(goal: GoalResult) -> list[int]:
    """The cells a goal's status is made of (as its kind judged it)."""
    return [j for j, c in enumerate(goal.cells) if c.judged]


def _header(report: Report, header: dict[str, str]) -> Report:
    shown = {key: shown_as(marker) for key, marker in header.items()}
    population = report.population
    for name in ("enrolments", "persons", "outside_period"):
        if f"population.{name}" in shown:
            hidden: dict[str, Any] = {name: None}
            population = replace(population, **hidden)
    rows = None if "input.rows" in shown else report.input.rows
    files = report.input.files
    if files:  # each file's rows, hidden as the report shows them (InputInfo.file_rows)
        counts = replace(report.input, rows=rows).file_rows(report.suppress_below)
        files = tuple(replace(f, rows=n) for f, n in zip(files, counts, strict=True))
    # A file's last row number tells its row count (a sum row at its foot, a finding on
    # its last row): with the counts hidden, no finding names its rows.
    unnamed = rows is None or any(f.rows is None for f in files)
    findings = []
    for f in report.findings:
        if f"finding.{f.kind}" in shown:
            f = replace(f, rows=(), count=0)
        if unnamed:
            listed = {"rows": ".."} if "rows" in f.params else {}  # suppressed.secondary
            f = replace(f, rows=(), params={**f.params, **listed})
        if "persons" in f.params and "population.persons" in shown:
            f = replace(f, params={**f.params, "persons": ""})
        findings.append(f)
    return replace(
        report,
        population=population,
        input=replace(report.input, rows=rows, files=files),
        findings=findings,
        suppressed=shown,
    )
