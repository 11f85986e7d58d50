"""Counting rows for every level of a breakdown, from the rows themselves.

For a breakdown ``(municipality, gender)`` the tallies are the total, each municipality, each
gender, and each municipality × gender. Every level is counted directly from the row masks
(one ``bincount`` per level), so a total is never the sum of rounded parts, and parts and
totals agree because they count the same rows.
"""

from __future__ import annotations

from itertools import combinations, product
from math import prod

import numpy as np

from esfkit.kinds.context import Dimension, Tally


def _shown(dimension: Dimension, counts: np.ndarray) -> list[int]:
    return [
        i for i, label in enumerate(dimension.labels) if counts[i] > 0 or label in dimension.always
    ]


def _except(axis: int, count: int) -> tuple[int, ...]:
    return tuple(i for i in range(count) if i != axis)


def cell_codes(dimensions: list[Dimension], rows: int) -> np.ndarray:
    """Per row of ``rows``, its cell at the finest level of ``dimensions``, one integer (of
    16 bits when that holds every cell: a breakdown's codes are kept for all its goals)."""
    code = np.zeros(rows, dtype=np.int64)
    for d in dimensions:
        code = code * len(d.labels) + d.codes
    small = prod(len(d.labels) for d in dimensions) <= np.iinfo(np.int16).max
    return code.astype(np.int16) if small else code


def _finest(
    code: np.ndarray, cells: int, denominator: np.ndarray, numerator: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """Per cell, the rows in ``denominator`` and those also in ``numerator``: one bincount
    of 3 per cell (outside, in the denominator only, in both), not one per mask of
    the rows each (selecting 10^6 rows by a mask costs more than counting them)."""
    key = code.astype(np.int32 if 3 * cells <= np.iinfo(np.int32).max else np.int64) * 3
    np.add(key, denominator, out=key)
    if numerator is not None:
        np.add(key, numerator & denominator, out=key)
    counts = np.bincount(key, minlength=3 * cells).reshape(cells, 3)
    in_both = counts[:, 2]
    return counts[:, 1] + in_both, in_both if numerator is not None else None


def tabulate(
    dimensions: list[Dimension],
    denominator: np.ndarray,
    numerator: np.ndarray | None = None,
    code: np.ndarray | None = None,
) -> list[Tally]:
    """Tallies for the total, then each dimension alone, then each combination. ``code``:
    :func:`cell_codes` of ``dimensions``, if known (goals broken down alike share it)."""
    # One pass over the rows: counts for the finest level; coarser levels add those integer
    # counts up (the same numbers as counting their rows, and nothing is rounded).
    sizes = [len(d.labels) for d in dimensions]
    code = cell_codes(dimensions, len(denominator)) if code is None else code
    den_all, num_all = _finest(code, prod(sizes), denominator, numerator)
    den_all = den_all.reshape(sizes)
    num_all = num_all.reshape(sizes) if num_all is not None else None
    shown = [_shown(d, den_all.sum(axis=_except(i, len(sizes)))) for i, d in enumerate(dimensions)]
    tallies: list[Tally] = []
    for size in range(len(dimensions) + 1):
        for subset in combinations(range(len(dimensions)), size):
            others = tuple(i for i in range(len(dimensions)) if i not in subset)
            den = den_all.sum(axis=others).ravel()
            num = num_all.sum(axis=others).ravel() if num_all is not None else None
            for combo in product(*(shown[i] for i in subset)):
                flat = 0
                for i, c in zip(subset, combo, strict=True):
                    flat = flat * len(dimensions[i].labels) + c
                dims = {
                    dimensions[i].name: dimensions[i].labels[c]
                    for i, c in zip(subset, combo, strict=True)
                }
                tallies.append(
                    Tally(dims, int(num[flat]) if num is not None else None, int(den[flat]))
                )
    return tallies
