"""One table alone, as the search sees it: the grid the property test's oracle checks.

A grid is a table with its totals (the last row holds the column totals, the last column
the row totals); ``keys`` names the figure at each position, two positions showing the same
figure share a key. Rows play municipalities and columns genders of one kind of person.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from esfkit.suppression.problem import Problem
from esfkit.suppression.search import protect as search


@dataclass
class Grid:
    values: list[list[int]]
    keys: list[list[Hashable]]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.values), len(self.values[0])


def protect(grid: Grid, threshold: int) -> dict[Hashable, str]:
    """The figures of the grid to hide: key -> "small", "secondary" or "open"."""
    rows, cols = grid.shape
    counts = np.zeros((max(rows - 1, 1), max(cols - 1, 1), 1), dtype=np.int64)
    for r in range(rows - 1):
        for c in range(cols - 1):
            counts[r, c, 0] = grid.values[r][c]
    groups: dict[Hashable, int] = {}
    fig_m: list[np.ndarray] = []
    fig_g: list[np.ndarray] = []
    fig_group: list[int] = []
    value: list[int] = []
    weight: list[int] = []
    for r in range(rows):
        for c in range(cols):
            m = np.zeros(counts.shape[0], dtype=bool)
            g = np.zeros(counts.shape[1], dtype=bool)
            m[:] = r == rows - 1
            g[:] = c == cols - 1
            if r < rows - 1:
                m[r] = True
            if c < cols - 1:
                g[c] = True
            group = groups.setdefault(grid.keys[r][c], len(groups))
            fig_m.append(m)
            fig_g.append(g)
            fig_group.append(group)
            if group == len(value):
                value.append(grid.values[r][c])
                weight.append(1)
            weight[group] = max(weight[group], 1 + 2 * (r == rows - 1) + (c == cols - 1))
    n = len(value)
    problem = Problem(
        threshold=threshold,
        counts=counts,
        member=np.ones((1, 1), dtype=bool),
        conjunction=np.ones((1, 1), dtype=bool),
        factor=np.zeros(1, dtype=np.int64),
        reads_gender=np.zeros(1, dtype=bool),
        reads_municipality=np.zeros(1, dtype=bool),
        fig_pred=np.zeros(len(fig_group), dtype=np.int64),
        fig_m=np.array(fig_m),
        fig_g=np.array(fig_g),
        fig_group=np.array(fig_group),
        fig_displayed=np.ones(len(fig_group), dtype=bool),
        value=np.array(value, dtype=np.int64),
        displayed=np.ones(n, dtype=bool),
        pinned=np.zeros(n, dtype=bool),
        present=np.zeros(n, dtype=bool),
        weight=np.array(weight, dtype=np.int64),
    )
    markers = search(problem).markers
    keys = {group: key for key, group in groups.items()}
    return {keys[group]: marker for group, marker in markers.items()}
