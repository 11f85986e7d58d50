"""The protection: which figures to hide so that no hidden figure can be worked out.

**The model.** The report's population is a multiset of people, each in a municipality ``m``,
of a gender ``g`` and of a *class*: the set of predicates they satisfy (each goal's scope,
filter and ``of``, each value of a column a table lists, each data finding). Predicates read
columns; those reading the same columns form a *factor* (the exit outcome and exit date; one
survey answer; the birth date), and a person's answers in one factor can change without the
others changing. A count the report shows is a *figure* ``(k, Ms, Gs)``: the people whose
class satisfies predicate ``k``, whose municipality is in ``Ms`` and whose gender is in
``Gs`` (a cell, a margin, a total). Figures that count the same rows, in whatever table, are
one *group*, shown everywhere or hidden everywhere. A table also shows which labels it lists:
a label present counts at least one person of the table's population (``present``), an
absent one none (``pinned`` at 0).

**The reader** sees every shown figure, knows how figures relate (they count people), that a
"<N" is 1..N-1 and that a ".." is 0 or at least N (``OPEN``: a ".." that may be anything,
used where the markers themselves would pin a count down).

**A witness** for a hidden group is another population, made from the real one by changing
a few people's answers in one factor, moving a few to another municipality or gender, or
adding or removing one, in which every shown figure keeps its value, every hidden one stays
within what its marker says, every listed label keeps a person, and the hidden group
changes. A witness proves that the group cannot be worked out. The search tries small
changes (``witnesses``): four people in the four corners of a table's rectangle change an
answer (+1 -1 / -1 +1: every total stays), the classic rectangle of people moved, and the
changes along one axis or at one place. When no change leaves the shown figures alone, the
cheapest one that needs more figures hidden is taken (fewest; then no zeros, no totals, the
smallest values), and its newly hidden figures are protected by the same witness. Hiding
more, or relaxing a marker, never invalidates a witness found before, so one pass settles
the report. A group no change can protect first loses its "<N" (becomes ``OPEN``), then may
take zeros with it, and as a last resort every figure is hidden.

**Checking** a candidate means adding up what its corners do to every figure. Most are ruled
out, or shown to cost more than one already found, by the figures of one municipality and
one gender alone (each changed by one corner only): only the others are added up in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from esfkit.suppression.problem import Problem
from esfkit.suppression.witnesses import Candidates, Witnesses, spans

SMALL = "small"
SECONDARY = "secondary"
OPEN = "open"
_STATE = {SMALL: 1, SECONDARY: 2, OPEN: 3}
_MARKER = {1: SMALL, 2: SECONDARY, 3: OPEN}
_CHUNK = 1024  # candidates checked in full at once
_FIRST = 16  # ... at first, in the order of their bound
_MANY = 256  # ... those of the first batch before the others, when more than this
_SORTED = 8  # the figures candidates change are sorted when fewer than 1/8 of all of them
_BAD, _NEED, _OPEN = 1, 2, 4  # what a change to a figure means (``_table``)
_MOST = 4  # a candidate changes a figure by at most 4: four corners, each by one
_NONE = np.iinfo(np.int64).max  # the cost of what is not a witness


@dataclass(frozen=True)
class Change:
    """One person's change in a witness.

    ``flip``: a person of class ``cls`` in (m, g) takes value ``value`` of factor ``factor``;
    ``move``: a person of class ``cls`` goes from (m, g) to (to_m, to_g);
    ``become``: ... and takes every answer of class ``value``;
    ``add`` / ``remove``: a person of class ``cls`` in (m, g) is copied / removed."""

    kind: str
    m: int
    g: int
    cls: int
    factor: int = -1
    value: int = -1
    to_m: int = -1
    to_g: int = -1


@dataclass
class Protection:
    markers: dict[int, str]  # group -> SMALL / SECONDARY / OPEN
    # figure -> a witness that changes it: every figure of a hidden group has one
    witnesses: dict[int, tuple[Change, ...]] = field(default_factory=dict)
    everything: bool = False  # the last resort was needed: every figure is hidden
    searches: int = 0  # how many times a witness was looked for (bench/suppression.py)


def protect(problem: Problem) -> Protection:
    return _Search(problem).run()


def answers(problem: Problem) -> list[np.ndarray]:
    """Per factor, the value (answers) of each class: what a witness's ``flip`` refers to."""
    return [factor.of_class for factor in Witnesses(problem).factors]


class _Search:
    def __init__(self, p: Problem):
        self.p = p
        self.n = p.threshold
        self.state = np.zeros(len(p.value), dtype=np.int8)
        self.state[p.displayed & (p.value >= 1) & (p.value < self.n)] = _STATE[SMALL]
        self.pinned = p.pinned.copy()
        if p.total is not None:
            self.pinned[p.total] = True
        self.allow_open = False
        self.everything = False
        self.searches = 0
        self.witnesses: dict[int, tuple[Change, ...]] = {}
        self.make = Witnesses(p)
        self._index_figures()
        self.table = np.zeros((len(p.value), 2 * _MOST + 1), dtype=np.int8)
        self.table_state, self.table_pinned = self.state, self.pinned
        self.table_open: bool | None = None  # not worked out yet

    def _index_figures(self) -> None:
        """The figures that count each cell (municipality, gender), by predicate; and
        those of one municipality and one gender, by cell and group: only the corner in
        that cell changes those (a candidate's corners are in different cells)."""
        p = self.p
        cover = p.fig_m.T[:, None, :] & p.fig_g.T[None, :, :]  # (M, G, F)
        cell, figures = np.nonzero(cover.reshape(self.make.cells, -1))
        slot = cell * len(p.conjunction) + p.fig_pred[figures]  # by cell, then predicate
        order = np.argsort(slot, kind="stable")
        self.cover_figures = figures[order]
        slots = np.arange(self.make.cells * len(p.conjunction) + 1)
        self.cover_start = np.searchsorted(slot[order], slots)  # [cell * P + predicate]
        figures = np.flatnonzero((p.fig_m.sum(axis=1) == 1) & (p.fig_g.sum(axis=1) == 1))
        cell = p.fig_m[figures].argmax(axis=1) * p.fig_g.shape[1] + p.fig_g[figures].argmax(axis=1)
        order = np.lexsort((figures, p.fig_group[figures], cell))
        figures, cell = figures[order], cell[order]
        start = np.searchsorted(cell, np.arange(self.make.cells + 1))
        at = np.arange(len(figures)) - start[cell]
        # A row per cell: the predicate and group of each figure, padded with the predicate
        # no vector changes (``Witnesses.vectors``).
        shape = (self.make.cells, int(at.max(initial=0)) + 1)
        self.cell_pred = np.full(shape, len(p.conjunction))
        self.cell_group = np.zeros(shape, dtype=np.int64)
        self.cell_pred[cell, at] = p.fig_pred[figures]
        self.cell_group[cell, at] = p.fig_group[figures]
        self.by_rank = np.lexsort((np.arange(len(p.fig_group)), p.fig_group))  # group, figure
        self.rank = np.empty(len(p.fig_group), dtype=np.int64)
        self.rank[self.by_rank] = np.arange(len(p.fig_group))
        shown = np.flatnonzero(p.fig_displayed)  # the shown figures of each group, in order
        shown = shown[np.argsort(p.fig_group[shown], kind="stable")]
        self.shown = shown.tolist()
        self.shown_start = np.searchsorted(p.fig_group[shown], np.arange(len(p.value) + 1))

    # --- the pass over hidden groups ------------------------------------------------------

    def run(self) -> Protection:
        """Every shown place of every hidden group gets a witness that changes it (figures
        counting the same people in two tables may change apart in a witness)."""
        queue: list[Any] = list(np.flatnonzero(self.state))  # figure numbers
        done = np.zeros(len(self.p.fig_group), dtype=bool)
        index = 0
        while index < len(queue):
            h = int(queue[index])
            index += 1
            for f in self.shown[self.shown_start[h] : self.shown_start[h + 1]]:
                if done[f] or not self.state[h]:
                    continue
                found = self._protect(h, f)
                if found is None:  # the last resort: hide every figure, protect them all again
                    if self.everything:
                        raise RuntimeError(f"suppression: no witness for figure {f}")
                    self._hide_everything()
                    queue = list(np.flatnonzero(self.state))
                    done[:] = False
                    self.witnesses.clear()
                    index = 0
                    break
                changes, secondary, relaxed, changed = found
                hidden_before = self.state != 0
                self.state[secondary] = _STATE[SECONDARY]  # the shown figures it changes
                self.state[relaxed] = _STATE[OPEN]  # ... and those whose marker it breaks
                queue += np.flatnonzero((self.state != 0) & ~hidden_before).tolist()
                for changed_figure in changed.tolist():
                    if self.state[self.p.fig_group[changed_figure]] and not done[changed_figure]:
                        done[changed_figure] = True
                        self.witnesses[changed_figure] = changes
        markers = {int(g): _MARKER[int(s)] for g, s in enumerate(self.state) if s}
        return Protection(markers, self.witnesses, self.everything, self.searches)

    def _protect(self, h: int, f: int):
        found = self._best(f)
        if found is None and self.state[h] == _STATE[SMALL]:
            self.state[h] = _STATE[OPEN]  # its "<N" alone would pin it down
            found = self._best(f)
        if found is None and not self.allow_open:
            self.allow_open = True  # from now on zeros (and "<N" neighbours) may be hidden too
            found = self._best(f)
        return found

    def _hide_everything(self) -> None:
        self.everything = True
        self.allow_open = True
        if self.p.total is not None:
            self.pinned[self.p.total] = False
        self.state[:] = 0  # zeros are shown again: copying a person never changes one
        self.state[self.p.displayed & (self.p.value >= 1)] = _STATE[OPEN]

    # --- choosing ------------------------------------------------------------------------

    def _best(self, f: int):
        """The cheapest witness that changes figure f: the first of the least cost
        (opened, hidden weight, hidden value, protects more at once, family) among the
        candidates in their order, stopping after the first batch that has one hiding
        nothing more.

        Not every candidate is checked in full: a bound on its cost from the figures of
        one municipality and one gender (``_corner_values``) rules out most, and the
        others are checked (``_costs``) in the order of their bound until none left can be
        cheaper than the best found."""
        self.searches += 1
        table = self._table()
        best: tuple | None = None  # cost, candidates, which, what it changes

        def keep(keys: np.ndarray) -> np.ndarray:
            """Corners worth making: none rules its candidates out or costs more alone
            than the best found."""
            each = self._values(keys)
            worth = np.asarray(~each[..., 3].any(axis=-1))
            if best is not None:
                dearer = _above(each[..., :3].reshape(-1, 3), best[0][:3]).reshape(keys.shape)
                worth &= ~dearer.any(axis=-1)
            return worth

        for candidates in self.make.families(f, keep):
            found = self._cheapest(candidates, table, f, best)
            if found is None:
                continue
            cost, pick, entries, stop = found
            if best is None or cost < best[0]:
                best = (cost, candidates, pick, entries)
            if stop:  # a witness that hides nothing more: the search stops after its batch
                break
        return None if best is None else self._witness(*best[1:])

    def _cheapest(self, candidates: Candidates, table, f: int, best):
        """The first of the least cost in one family: (cost, which, the figures it changes
        and their flags, whether it hides nothing more), or None; only those that may cost
        no more than ``best``."""
        each = self._values(candidates.corners).sum(axis=1)
        bound, broken = each[:, :3], each[:, 3] > 0
        cost = np.full((len(bound), 5), _NONE, dtype=np.int64)  # _NONE: not a witness
        cost[:, 4] = candidates.family
        checked: list[tuple] = []  # (candidates, their entries)

        def check(chosen: np.ndarray) -> None:
            for start in range(0, len(chosen), _CHUNK):
                chunk = chosen[start : start + _CHUNK]
                entries = self._entries(candidates.corners[chunk], table)
                keys, valid = self._costs(entries, len(chunk), f)
                cost[chunk[valid], :4] = keys[valid]
                checked.append((chunk, entries))

        def found(pick: int, stop: bool) -> tuple:
            chunk, (rows, figures, flags) = next(c for c in checked if pick in c[0])
            mine = rows == np.flatnonzero(chunk == pick)[0]
            return tuple(cost[pick].tolist()), pick, (figures[mine], flags[mine]), stop

        free = ~broken & ~bound.any(axis=1)
        rest = np.flatnonzero(~broken)
        rest = rest[np.lexsort((rest, *bound[rest].T[::-1]))]  # those bound to cost 0 first
        frees = int(free.sum())
        chunk = frees + _FIRST  # and a few more: the best rules most others out
        # Only one bound to cost nothing may hide nothing more, and the search stops after
        # the first batch that has one: when they are many, those of the first such batch
        # are checked first (with few, one check costs less than two).
        first = np.zeros(len(free), dtype=bool)
        if frees > _MANY:
            first = free & (candidates.batch == candidates.batch[free].min())
            check(np.flatnonzero(first))
        nothing_more = (cost[:, 0] == 0) & (cost[:, 1] == 0)
        if not nothing_more.any():
            check(rest[:chunk][~first[rest[:chunk]]])
            nothing_more = (cost[:, 0] == 0) & (cost[:, 1] == 0)
        if nothing_more.any():  # the search stops after the first batch that has one
            last = candidates.batch[nothing_more].min()
            return found(_first(cost, candidates.batch <= last), True)
        rest, chunk = rest[chunk:], 2 * _FIRST
        while len(rest):
            pick = _first(cost, cost[:, 0] != _NONE)
            limit = cost[pick, :3] if pick >= 0 else None
            if best is not None and (limit is None or tuple(limit.tolist()) > best[0][:3]):
                limit = np.array(best[0][:3])
            if limit is not None:  # only those that may cost no more than the best found
                rest = rest[~_above(bound[rest], limit)]
            check(rest[:chunk])
            rest, chunk = rest[chunk:], min(2 * chunk, _CHUNK)
        pick = _first(cost, cost[:, 0] != _NONE)
        return None if pick < 0 else found(pick, False)

    def _witness(self, candidates: Candidates, pick: int, entries: tuple):
        """The chosen candidate: its changes, the groups it hides as "..", those whose
        marker it breaks, and the figures it changes."""
        figures, flags = entries
        group = self.p.fig_group[figures]
        opened = np.zeros(len(self.p.value), dtype=bool)
        opened[group[(flags & _OPEN) != 0]] = True
        hidden = np.zeros(len(self.p.value), dtype=bool)
        hidden[group[(flags & _NEED) != 0]] = True
        opened, hidden = np.flatnonzero(opened), np.flatnonzero(hidden & ~opened)
        changes = tuple(Change(*fields) for fields in self.make.changes(candidates, pick))
        return changes, hidden, opened, np.sort(figures)

    # --- checking candidates --------------------------------------------------------------

    def _table(self) -> np.ndarray:
        """(groups, 9): what changing a figure of each group by d (-4..4) means now, as
        flags: it rules the candidate out (_BAD), the figure must be hidden (_NEED), its
        marker must go (_OPEN). Kept from one search to the next: only the groups whose
        marker changed since are worked out again."""
        if self.allow_open is not self.table_open:
            again = np.arange(len(self.state))
        else:
            again = np.flatnonzero(
                (self.state != self.table_state) | (self.pinned != self.table_pinned)
            )
        if len(again):
            self.table[again] = self._flags(again)
            self.table_state, self.table_pinned = self.state.copy(), self.pinned.copy()
            self.table_open = self.allow_open
        return self.table

    def _flags(self, group: np.ndarray) -> np.ndarray:
        """Each figure is checked on its own: a shown group must keep its value in every
        place; a hidden group's figures (people who happen to be the same in two tables)
        may differ in the witness, each within the group's marker."""
        p, n = self.p, self.n
        value = p.value[group][:, None]
        state = self.state[group][:, None]
        pinned = self.pinned[group][:, None]
        d = np.arange(-_MOST, _MOST + 1)[None, :]
        new = value + d
        changed = d != 0
        need = (state == 0) & p.displayed[group][:, None] & changed & ~pinned
        as_secondary = need & (value >= n) & ((new >= n) | (new == 0))
        # A hidden figure whose marker the change would break may lose its marker ("..").
        relax = (state == _STATE[SMALL]) & ((new < 1) | (new >= n))
        relax |= (state == _STATE[SECONDARY]) & changed & (new != 0) & (new < n)
        as_open = (need & ~as_secondary) | relax
        bad = changed & pinned
        bad |= (state != 0) & (new < 0)
        bad |= p.present[group][:, None] & (new < 1)
        if not self.allow_open:
            bad |= as_open
        return (bad * _BAD | need * _NEED | as_open * _OPEN).astype(np.int8)

    def _values(self, corners: np.ndarray) -> np.ndarray:
        """corners.shape + (4,): what each corner costs alone (no corner: nothing)."""
        active = corners >= 0
        unique, inverse = _unique(corners[active])
        out = np.zeros((*corners.shape, 4), dtype=np.int64)
        out[active] = np.take(self._corner_values(unique), inverse, axis=0)
        return out

    def _corner_values(self, keys: np.ndarray) -> np.ndarray:
        """(n, 4) for distinct corner keys: the cost of each alone in the figures of its
        cell (opened, hidden weight, hidden value) and whether those rule it out. Only the
        corner in that cell changes those, so each corner's share of a candidate's is its
        own, and the figures that add cells up can only make a candidate dearer (more
        figures to hide, and a hidden one opened instead costs more)."""
        vector, cell, sign = self.make.decode(keys)
        at = (vector * self.make.vectors.shape[1])[:, None] + np.take(self.cell_pred, cell, 0)
        d = np.take(self.make.vectors, at) * sign[:, None]
        flat = np.flatnonzero(d)  # (flat indexes: np.take is quicker than a[rows, columns])
        owner, group = flat // d.shape[1], np.take(np.take(self.cell_group, cell, 0), flat)
        flags = np.take(self.table, group * self.table.shape[1] + np.take(d, flat) + _MOST)
        values = self._keys(owner, group, flags, len(keys))
        values[:, 3] = np.bincount(owner, (flags & _BAD) != 0, len(keys))
        return values

    def _distinct(self, corners: np.ndarray):
        """The distinct corners (vector, cell, sign), and each candidate's as indices
        into them (the last index: no corner)."""
        active = corners >= 0
        unique, inverse = _unique(corners[active])
        slots = np.full(corners.shape, len(unique))
        slots[active] = inverse.reshape(-1)
        return self.make.decode(unique), slots

    def _costs(self, entries: tuple, n: int, target: int) -> tuple[np.ndarray, np.ndarray]:
        """Each of n candidates' cost (opened, hidden weight, hidden value, minus the
        hidden groups it changes) from what it changes (``_entries``), and whether it is a
        witness for figure ``target``: changes it and rules nothing out."""
        rows, figures, flags = entries
        bad = np.bincount(rows, (flags & _BAD) != 0, n) > 0
        hit = np.zeros(n, dtype=bool)
        hit[rows[figures == target]] = True
        return self._keys(rows, self.p.fig_group[figures], flags, n), ~bad & hit

    def _entries(self, corners: np.ndarray, table: np.ndarray):
        """The figures each candidate changes, as entries (candidate, figure, flags), in
        the order of candidate, then group."""
        p = self.p
        (vector, cell, sign), slots = self._distinct(corners)
        moves = np.take(self.make.vectors, vector, axis=0)  # (Q, P + 1): each corner's change
        flat = np.flatnonzero(moves)  # (flat indexes: np.take is quicker than a[rows, columns])
        corner, predicate = np.divmod(flat, moves.shape[1])
        slot = cell[corner] * len(p.conjunction) + predicate
        at, figures = spans(self.cover_start[slot], self.cover_start[slot + 1])
        figures = self.cover_figures[figures]
        owner, d = corner[at], (sign[corner] * np.take(moves, flat))[at]
        columns, at = self._columns(figures)
        dense = np.zeros((len(cell) + 1, len(columns)), dtype=np.int8)  # the last: none
        np.put(dense, owner * len(columns) + at, d)
        delta = np.take(dense, slots, axis=0).sum(axis=1, dtype=np.int8)  # (rows copied whole)
        flat = np.flatnonzero(delta)
        rows, place = np.divmod(flat, len(columns))
        figures = columns[place]
        at = p.fig_group[figures] * table.shape[1] + np.take(delta, flat) + _MOST
        return rows, figures, np.take(table, at)

    def _columns(self, figures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The distinct figures, by group then figure, and where each is among them:
        sorted when they are few, else marked among all figures (no sort)."""
        rank = self.rank[figures]
        if _SORTED * len(rank) < len(self.by_rank):
            ordered, at = _unique(rank)
            return self.by_rank[ordered], at
        touched = np.zeros(len(self.by_rank), dtype=bool)
        touched[rank] = True
        return self.by_rank[touched], np.cumsum(touched)[rank] - 1

    def _keys(self, rows: np.ndarray, group: np.ndarray, flags: np.ndarray, n: int):
        """Per candidate (rows, entries in order of candidate and group): the groups whose
        marker it opens, the weight and value of those it hides as "..", and minus the
        hidden groups it changes."""
        p = self.p
        keys = np.zeros((n, 4), dtype=np.int64)
        if not len(rows):
            return keys
        pair = rows * len(p.value) + group
        new = np.empty(len(pair), dtype=bool)
        new[0] = True
        np.not_equal(pair[1:], pair[:-1], out=new[1:])
        first = np.flatnonzero(new)
        either = np.bitwise_or.reduceat(flags, first)
        opened = (either & _OPEN) != 0
        hidden = ((either & _NEED) != 0) & ~opened
        group, rows = group[first], rows[first]
        keys[:, 0] = np.bincount(rows, opened, n)
        keys[:, 1] = np.bincount(rows, hidden * p.weight[group], n)
        keys[:, 2] = np.bincount(rows, hidden * p.value[group], n)
        keys[:, 3] = -np.bincount(rows, self.state[group] != 0, n)
        return keys


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values in order, and where each value is among them (``np.unique``
    with ``return_inverse``, with less to do)."""
    order = np.argsort(values)
    ordered = values[order]
    new = np.ones(len(values), dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _first(cost: np.ndarray, among: np.ndarray) -> int:
    """The first of the least cost among these witnesses (-1: none)."""
    rows = np.flatnonzero(among & (cost[:, 0] != _NONE))
    if not len(rows):
        return -1
    return int(rows[np.lexsort(cost[rows].T[::-1])[0]])


def _above(bound: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """Rows of keys that come after ``limit`` (compared as tuples)."""
    above = np.zeros(len(bound), dtype=bool)
    equal = np.ones(len(bound), dtype=bool)
    for i in range(len(limit)):
        above |= equal & (bound[:, i] > limit[i])
        equal &= bound[:, i] == limit[i]
    return above
