"""What the protection protects: the report's figures as counts of classes of people.

The model is described in ``esfkit.suppression.search``; ``figures`` builds a Problem from a
Report, ``grid`` from a plain table, and ``search`` and ``witnesses`` read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Problem:
    threshold: int
    counts: np.ndarray  # (M, G, R) people per municipality, gender and class
    member: np.ndarray  # (K, R) bool: class r satisfies atom k
    conjunction: np.ndarray  # (P, K) bool: the atoms predicate p needs, all of them
    factor: np.ndarray  # (K,) the factor of each atom
    reads_gender: np.ndarray  # (factors,) bool: the factor's answers depend on gender
    reads_municipality: np.ndarray  # (factors,) bool: ... or on the municipality
    fig_pred: np.ndarray  # (F,) the predicate (conjunction of atoms) of each figure
    fig_m: np.ndarray  # (F, M) bool: municipalities the figure counts
    fig_g: np.ndarray  # (F, G) bool: genders the figure counts
    fig_group: np.ndarray  # (F,) the group (rows counted) of each figure
    fig_displayed: np.ndarray  # (F,) bool: the figure is shown somewhere (not only a label)
    value: np.ndarray  # (Gr,) each group's count
    displayed: np.ndarray  # (Gr,) bool: shown somewhere as a figure
    pinned: np.ndarray  # (Gr,) bool: may never change (a label a table does not list)
    present: np.ndarray  # (Gr,) bool: must stay at least 1 (a label a table lists)
    weight: np.ndarray  # (Gr,) what hiding it costs: a cell 1, totals more (hidden last)
    total: int | None = None  # the population total: pinned unless everything is hidden
