"""What the suppression search takes for granted to be fast, checked on random reports.

The search (src/esfkit/suppression/search.py) picks the same witness as trying every
candidate in full would, because it rules candidates out only on a lower bound of their
cost: the figures of one municipality and one gender, each changed by one corner only. That
holds when a candidate's corners are in different cells, and when the bound never exceeds
the cost. ``figures`` counts each figure from the classes of people in each cell instead of
from its rows: checked here against the rows themselves.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.api import load_goal_file
from esfkit.engine.evaluator import Evaluator
from esfkit.engine.population import build_population
from esfkit.suppression import search as search_module
from esfkit.suppression.figures import build, printed_cells
from esfkit.suppression.search import _Search
from tests.test_suppression_report import GOALS, _goal_file, _report, _rows, rows_strategy

pytestmark = pytest.mark.slow  # property tests (docs/dev/testing.md)

reports = {
    "drawn": rows_strategy,
    "ids": st.lists(st.sampled_from(sorted(GOALS)), min_size=1, max_size=6, unique=True),
    "threshold": st.integers(2, 6),
}
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _figures(drawn, ids, threshold):
    """The report's figures, and the rows the report counts (their atoms and places)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "goals.yml").write_text(_goal_file(ids, threshold), encoding="utf-8")
        goal_file = load_goal_file(folder / "goals.yml")
        report, participants = _report(folder, goal_file, _rows(drawn))
    population = build_population(participants, report.as_of, None, goal_file.data.unit)
    ev = Evaluator(population, participants, goal_file)
    printed = replace(report, goals=[replace(g, cells=printed_cells(g)) for g in report.goals])
    return build(printed, ev, threshold)


def _everything(keys: np.ndarray) -> np.ndarray:
    return np.ones(len(keys), dtype=bool)


@SETTINGS
@given(**reports)
def test_every_candidates_corners_are_in_different_cells(drawn, ids, threshold) -> None:
    search = _Search(_figures(drawn, ids, threshold).problem)
    for f in np.flatnonzero(search.p.fig_displayed):
        for candidates in search.make.families(int(f), _everything):
            corners = candidates.corners
            cells = np.where(corners >= 0, search.make.decode(corners)[1], -1 - np.arange(4))
            cells.sort(axis=1)
            assert not (cells[:, 1:] == cells[:, :-1]).any(), f


@SETTINGS
@given(**reports, allow_open=st.booleans())
def test_the_bound_never_exceeds_the_cost_nor_rules_out_a_witness(
    drawn, ids, threshold, allow_open
) -> None:
    search = _Search(_figures(drawn, ids, threshold).problem)
    search.allow_open = allow_open
    table = search._table()
    for f in np.flatnonzero(search.p.fig_displayed):
        for candidates in search.make.families(int(f), _everything):
            each = search._values(candidates.corners).sum(axis=1)
            entries = search._entries(candidates.corners, table)
            cost, valid = search._costs(entries, len(candidates.corners), int(f))
            for bound, ruled_out, exact, witness in zip(
                each[:, :3].tolist(), each[:, 3] > 0, cost[:, :3].tolist(), valid, strict=True
            ):
                assert not (ruled_out and witness)
                assert bound <= exact or not witness


@SETTINGS
@given(**reports)
def test_each_figure_counts_its_rows_and_a_group_is_the_same_rows(drawn, ids, threshold) -> None:
    figures = _figures(drawn, ids, threshold)
    p = figures.problem
    atoms = p.member[:, figures.classes]  # (K, rows): each counted row's atoms
    rows_of = {}
    for f in range(len(p.fig_pred)):
        rows = atoms[p.conjunction[p.fig_pred[f]]].all(axis=0)
        rows &= p.fig_m[f][figures.m_codes] & p.fig_g[f][figures.g_codes]
        assert p.value[p.fig_group[f]] == rows.sum(), figures.figure_places[f]
        if rows.any():  # an empty figure is only itself
            rows_of.setdefault(rows.tobytes(), set()).add(int(p.fig_group[f]))
    assert all(len(groups) == 1 for groups in rows_of.values())
    assert len({g for groups in rows_of.values() for g in groups}) == len(rows_of)


@SETTINGS
@given(**reports)
def test_the_shortcuts_for_many_candidates_pick_the_same_witnesses(drawn, ids, threshold) -> None:
    """Checking the first batch's candidates bound to cost nothing before the others, and
    marking the figures candidates change rather than sorting them, are only faster: taken
    always or never, the search hides the same figures with the same witnesses."""
    problem = _figures(drawn, ids, threshold).problem
    found = []
    for many, sorted_below in ((10**9, 10**9), (0, 0)):
        with (
            patch.object(search_module, "_MANY", many),
            patch.object(search_module, "_SORTED", sorted_below),
        ):
            done = _Search(problem).run()
        found.append((done.markers, done.witnesses, done.everything))
    assert found[0] == found[1]
