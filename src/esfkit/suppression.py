"""Small-number suppression: no count from 1 to N-1 is shown, and none can be worked out.

**Primary suppression** hides every count from 1 to N-1 (shown as "<N") and every percentage
built on a hidden count. **Secondary suppression** then hides more figures (shown as "..")
until no hidden figure can be computed from what is shown: from a table's row and column
totals, the other cells of its row or column, and what the markers themselves say (a "<N" is
between 1 and N-1; a ".." is 0 or at least N).

A table with its totals is an *extended grid*: the last row holds the column totals, the last
column the row totals. A hidden figure is safe when some other table, equal to the real one
in every shown figure and in every total relation, and respecting what the markers say,
differs from it in that figure. The search looks for such a table one step away: +1 and -1
around a rectangle of four positions (a cell, one in its row, one in its column, and the
corner opposite), the classic move that keeps every row and column sum. If no rectangle of
already-hidden figures works, the cheapest rectangle that hides more (fewest new figures,
then no totals, then the smallest values) is taken, and its new figures are safe by the same
move. Hiding more never makes a safe figure unsafe, so one pass over the hidden figures
settles the grid. A figure that no rectangle can protect (a small total whose parts the
markers alone would pin down, say "<3" made of two "<3") leaves the whole table hidden as
"..", zeros too: then nothing but the sums is known, and any table can be doubled.

Each printed table is protected on its own; what is left out is said in docs/reports.md.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable
from dataclasses import dataclass, replace
from itertools import product
from typing import Any

from esfkit.engine.report import Cell, GoalResult, Report

SMALL = "small"
SECONDARY = "secondary"
UNBOUNDED = 10**12


@dataclass
class Grid:
    """An extended grid: ``values[r][c]``, last row and last column the totals. ``keys`` names
    the figure at each position; two positions showing the same figure share a key."""

    values: list[list[int]]
    keys: list[list[Hashable]]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.values), len(self.values[0])


def protect(grid: Grid, threshold: int) -> dict[Hashable, str]:
    """The figures of the grid to hide: key -> SMALL or SECONDARY."""
    rows, cols = grid.shape
    value_of = {grid.keys[r][c]: grid.values[r][c] for r in range(rows) for c in range(cols)}
    hidden = {k: SMALL for k, v in value_of.items() if 1 <= v < threshold}
    safe: set[Hashable] = set()
    for r, c in product(range(rows), range(cols)):
        key = grid.keys[r][c]
        if key not in hidden or key in safe:
            continue
        move = _best_rectangle(grid, r, c, hidden, value_of, threshold)
        if move is None:
            if not _any_rectangle_for_key(grid, key, hidden, value_of, threshold, safe):
                return dict.fromkeys(value_of, SECONDARY)
            continue
        for k in move:
            hidden.setdefault(k, SECONDARY)
            safe.add(k)
    return hidden


def _any_rectangle_for_key(grid, key, hidden, value_of, threshold, safe) -> bool:
    """Another position showing the same figure may have a rectangle where this one has none."""
    rows, cols = grid.shape
    for r, c in product(range(rows), range(cols)):
        if grid.keys[r][c] != key:
            continue
        move = _best_rectangle(grid, r, c, hidden, value_of, threshold)
        if move is not None:
            for k in move:
                hidden.setdefault(k, SECONDARY)
                safe.add(k)
            return True
    return False


def _best_rectangle(
    grid: Grid,
    r: int,
    c: int,
    hidden: dict[Hashable, str],
    value_of: dict[Hashable, int],
    threshold: int,
) -> dict[Hashable, int] | None:
    """The cheapest feasible ±1 rectangle through (r, c): key -> change."""
    rows, cols = grid.shape
    best: tuple[tuple[int, int, int], dict[Hashable, int]] | None = None
    for r2, c2, step in product(range(rows), range(cols), (1, -1)):
        if r2 == r or c2 == c:
            continue
        change = _rectangle(grid, ((r, c, step), (r, c2, -step), (r2, c, -step), (r2, c2, step)))
        if change is None:
            continue
        new = [k for k, d in change.items() if d and k not in hidden]
        if not all(
            _allowed(value_of[k], d, hidden.get(k, SECONDARY), threshold)
            for k, d in change.items()
            if d
        ):
            continue
        margins = sum(1 for k in new if _is_margin(grid, k))
        cost = (len(new), margins, sum(value_of[k] for k in new))
        if best is None or cost < best[0]:
            best = (cost, change)
    return None if best is None else best[1]


def _rectangle(grid: Grid, corners) -> dict[Hashable, int] | None:
    """The real change of each figure. In the extended grid a total moves against its cells,
    so the sign flips on the total row or column (not on the grand total)."""
    rows, cols = grid.shape
    change: dict[Hashable, int] = {}
    for r, c, step in corners:
        flip = -1 if (r == rows - 1) != (c == cols - 1) else 1
        key = grid.keys[r][c]
        delta = step * flip
        if change.get(key, delta) != delta:
            return None  # one figure shown twice would have to move two ways
        change[key] = delta
    return change


def _allowed(value: int, delta: int, marker: str, threshold: int) -> bool:
    new = value + delta
    if marker == SMALL:
        return 1 <= new < threshold
    return value >= threshold and new >= threshold  # a ".." stays 0 or >= N


def _is_margin(grid: Grid, key: Hashable) -> bool:
    rows, cols = grid.shape
    return any(grid.keys[r][cols - 1] == key for r in range(rows)) or any(
        grid.keys[rows - 1][c] == key for c in range(cols)
    )


# --- the Report ----------------------------------------------------------------------------


def suppress(report: Report, threshold: int) -> Report:
    """A copy of the report with small counts and what reveals them hidden. Hidden figures are
    None in the copy (no renderer can show them) and named in ``Cell.suppressed``."""
    goals = [_goal(goal, threshold) for goal in report.goals]
    return replace(report, goals=goals, suppress_below=threshold)


def _key(dims: dict[str, Any]) -> tuple:
    return tuple(sorted(dims.items(), key=str))


def _values(cells: list[Cell], dim: str) -> list[Any]:
    return list(dict.fromkeys(c.dims[dim] for c in cells if dim in c.dims))


def _goal(goal: GoalResult, threshold: int) -> GoalResult:
    goal = copy.deepcopy(goal)
    if goal.kind == "manual" or not goal.cells:
        return goal
    if goal.kind in ("composition", "distribution"):
        return _inner_goal(goal, threshold)
    dims = list(goal.breakdown)
    col_dim = dims[-1] if dims else None
    row_dims = dims[:-1]
    rows = [
        dict(zip(row_dims, combo, strict=True))
        for combo in product(*(_values(goal.cells, d) for d in row_dims))
    ]
    rows = [*(rows if row_dims else [{}]), {}]
    cols: list[dict] = [{col_dim: v} for v in _values(goal.cells, col_dim)] if col_dim else [{}]
    cols.append({})
    by_key = {_key(c.dims): c for c in goal.cells}
    shown = {_key({**row, **col}) for row in rows for col in cols}
    goal.cells = [c for c in goal.cells if _key(c.dims) in shown]  # only the printed table
    fields = ("numerator",) if goal.kind == "count" else ("numerator", "denominator")
    for name in fields:
        keys = [[(_key({**row, **col}), name) for col in cols] for row in rows]
        values = [[_count(by_key.get(k[0]), name) for k in line] for line in keys]
        for (dims_key, _name), marker in protect(Grid(values, keys), threshold).items():
            cell = by_key.get(dims_key)
            if cell is not None:
                _hide(cell, name, marker)
    for cell in goal.cells:
        if goal.kind == "count":
            cell.denominator = cell.percent = None  # the cell's population: not a goal figure
            if "numerator" in cell.suppressed:
                cell.suppressed["value"] = cell.suppressed["numerator"]
                cell.value = cell.attainment = cell.gap = cell.needed = None
        elif cell.suppressed:
            _hide_derived(cell, ("value", "percent"))
    return goal


def _inner_goal(goal: GoalResult, threshold: int) -> GoalResult:
    """Composition and distribution: inner values down, the last breakdown dimension across;
    the total row is each column's base (the cells' denominator)."""
    inner = goal.dimension or ""
    col_dim = goal.breakdown[-1] if goal.breakdown else None
    col_values = _values(goal.cells, col_dim) if col_dim else []
    cols: list[dict] = [{col_dim: v} for v in col_values] if col_dim else [{}]
    cols.append({})
    inner_values = _values(goal.cells, inner)
    by_key = {_key(c.dims): c for c in goal.cells}
    shown = {_key({inner: v, **col}) for v in inner_values for col in cols}
    goal.cells = [c for c in goal.cells if _key(c.dims) in shown]
    keys: list[list[Hashable]] = [
        [(_key({inner: v, **col}), "numerator") for col in cols] for v in inner_values
    ]
    keys.append([(_key(col), "base") for col in cols])
    bases = {}
    for col in cols:
        cell = next((c for c in goal.cells if _key(_outer(c, inner)) == _key(col)), None)
        bases[_key(col)] = cell.denominator if cell else 0
    values = [[_count(by_key.get(k[0]), "numerator") for k in line] for line in keys[:-1]]
    values.append([bases[_key(col)] or 0 for col in cols])
    for (dims_key, name), marker in protect(Grid(values, keys), threshold).items():
        if name == "numerator":
            cell = by_key.get(dims_key)
            if cell is not None:
                _hide(cell, "numerator", marker)
        else:
            for cell in goal.cells:
                if _key(_outer(cell, inner)) == dims_key:
                    _hide(cell, "denominator", marker)
    for cell in goal.cells:
        if cell.suppressed:
            _hide_derived(cell, ("value", "percent"))
        if goal.kind == "distribution" and "numerator" in cell.suppressed:
            cell.suppressed["value"] = cell.suppressed["numerator"]  # its value is the count
    return goal


def _outer(cell: Cell, inner: str) -> dict:
    return {k: v for k, v in cell.dims.items() if k != inner}


def _count(cell: Cell | None, name: str) -> int:
    value = getattr(cell, name) if cell is not None else None
    return int(value or 0)


def _hide(cell: Cell, name: str, marker: str) -> None:
    setattr(cell, name, None)
    cell.suppressed[name] = marker


def _hide_derived(cell: Cell, names: tuple[str, ...]) -> None:
    """A percentage (and the gap to its target) built on a hidden count is hidden too."""
    for name in names:
        if name not in cell.suppressed:
            cell.suppressed[name] = SECONDARY
        setattr(cell, name, None)
    cell.gap = cell.needed = None
