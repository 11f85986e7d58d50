"""The witnesses ``search`` tries for a figure: small changes to the population, as arrays.

A witness is made of *corners*. A corner is a person of a class added to a cell (a
municipality and a gender; sign +1) or taken from it (-1), or a person in a cell whose
answers in one factor change; what it does to every predicate is its *vector* (-1, 0 or +1
per predicate), placed in its cell. A candidate has up to four corners, in different cells.
The families, in the order the search tries them, each in batches, the most promising first:

0. four people in the four corners of a rectangle of cells change an answer (+1 -1 / -1 +1:
   every total stays), a batch per change of answers (``turns``);
1. two people change gender in two municipalities, the second as like the first as can be
   found (fewest atoms differ), out of the figure or into it, or each also takes the other's
   answers: a batch per second municipality;
2. two people in one row or one column of cells change an answer, +1 -1: a batch per turn;
3. one person of the figure's kind moves into its cells, or out of them;
4. one person in its cells changes an answer;
5. one of its kind in its cells is copied or removed; then one of its own people, which is
   always possible.

Municipalities are tried the most populated first (six in the figure, six outside it),
people the most common classes first. A changed person only takes answers seen in the data:
seen in their municipality when a goal reads the municipality or the answers belong to one
municipality each in the data (districts, local programmes), seen with their gender when a
goal reads gender (``Factor.present``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from esfkit.suppression.problem import Problem

# Tried per axis (the most populated first) and per class or change of answers.
_LABELS = 6
_CLASSES = 12
_PEOPLE = 6  # classes of people tried in a cell
_NEAREST = 2  # partners tried for a person who changes gender
_COPIES = 50  # the figure's own people tried for copying or removing
FLIP, CLASS = 1, 2  # what a corner is: a change of answers, or a person added or taken
_MOVING = (1, 3)  # the families whose corners pair up as people moving
_PADDING = 2**40  # ranks no class reaches (atoms x classes in a cell is far below)


@dataclass
class Factor:
    atoms: np.ndarray  # indices into the atoms
    bits: np.ndarray  # (V, len(atoms)) bool: each value's answers
    of_class: np.ndarray  # (R,) each class's value
    stock: np.ndarray  # (M, G, V) people with the value
    present: np.ndarray  # (M, G, V) bool: the value is seen there (any gender unless read)


@dataclass
class Candidates:
    """Witnesses to try for a figure, in the order they are tried."""

    corners: np.ndarray  # (n, 4) corner keys (``Witnesses.key``), -1: no corner
    batch: np.ndarray  # (n,) the batch: the search may stop after one
    family: np.ndarray  # (n,)
    parts: np.ndarray  # (5, n, 4) per corner: m, g, what (FLIP, CLASS, 0), which, sign
    flips: _Flips  # what ``which`` of a FLIP refers to


@dataclass
class _Flips:
    """Per change of answers and way (``which`` = turn * 2 + way; way 0: a -> b, 1:
    b -> a) and per cell: the class of the person who changes (-1: nobody there), the
    corner's key, whether it can be made; and the factor and value taken."""

    cls: np.ndarray  # (W, cells)
    key: np.ndarray  # (W, cells)
    ok: np.ndarray  # (W, cells)
    factor: np.ndarray  # (W,)
    target: np.ndarray  # (W,)


@dataclass
class _Axes:
    """Where a figure's witnesses are looked for: its predicate, its municipalities and
    genders and those outside it, and the changes of answers that meet its predicate."""

    k: int
    m_in: np.ndarray
    m_out: np.ndarray
    g_in: np.ndarray
    g_out: np.ndarray
    turns: list[tuple[int, int, int]]


class Witnesses:
    """What witnesses can be made of in one problem, and the candidates for a figure."""

    def __init__(self, p: Problem):
        self.p = p
        m, g, r = p.counts.shape
        self.genders = g
        self.cells = m * g
        self.counts = p.counts.reshape(self.cells, r)
        self.found_cell, self.found = np.nonzero(self.counts)  # the classes in each cell
        # Municipalities the most populated first (then in order): where witnesses are tried.
        self.by_size = np.argsort(-p.counts.sum(axis=(1, 2)), kind="stable")
        self.holds = self._holds(p.member)  # (P, R): class r satisfies predicate p
        self.factors = [self._factor(f) for f in range(len(p.reads_gender))]
        self.realisable = self._realisable().reshape(self.cells, r)  # may be there
        self._index_people()
        self.packed = as_words(p.member).astype(np.uint64)  # atoms as bits: distances
        self.packed_found: np.ndarray | None = None  # (words, cells, L), when first needed
        self.near = np.full((self.cells, r, _NEAREST), -2, dtype=np.int32)  # -2: not yet
        # The change each corner makes to every predicate: a row per vector (and a last
        # column of zeros, what a predicate index of len(p.conjunction) reads: padding).
        self.vectors = np.zeros((64, len(p.conjunction) + 1), dtype=np.int8)
        self.n_vectors = 0
        self.class_vector = np.full(r, -1, dtype=np.int64)
        # Sorted, (factor, value, class) as one number and the vector of that change; the
        # last is none: a code after every code.
        self.flip_codes = np.array([np.iinfo(np.int64).max])
        self.flip_ids = np.array([-1])
        self.cache: dict[tuple[Any, ...], Any] = {}  # np.ndarray, or _Flips, or a list

    def key(self, vector, cell, sign):
        """A corner as one number: vector, cell and sign."""
        return (vector * self.cells + cell) * 3 + sign + 1

    def decode(self, key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(vector, cell, sign) of corner keys."""
        rest, sign = np.divmod(key, 3)
        vector, cell = np.divmod(rest, self.cells)
        return vector, cell, sign - 1

    # --- what the problem's people are --------------------------------------------------

    def _factor(self, f: int) -> Factor:
        p = self.p
        atoms = np.flatnonzero(p.factor == f)
        answers = p.member[atoms]  # (k, R)
        if answers.shape[1]:
            first, of_class = distinct_columns(answers)
            bits = answers[:, first].T
        else:
            bits, of_class = np.zeros((1, len(atoms)), dtype=bool), np.zeros(0, dtype=int)
        m, g, _ = p.counts.shape
        cell, cls = self.found_cell, self.found
        people = self.counts[cell, cls]
        slot = cell * len(bits) + of_class[cls]  # each value: its classes' people added up
        stock = np.bincount(slot, people, m * g * len(bits)).astype(np.int64)
        stock = stock.reshape(m, g, len(bits))
        present = stock > 0
        if not p.reads_gender[f]:  # answers seen with one gender are possible with any
            present = np.asarray(present.any(axis=1, keepdims=True))
        if not p.reads_municipality[f] and not _confined(stock):
            present = np.asarray(present.any(axis=0, keepdims=True))  # ... and in any municipality
        return Factor(atoms, bits, of_class, stock, np.broadcast_to(present, stock.shape))

    def _holds(self, member: np.ndarray) -> np.ndarray:
        return satisfied(self.p.conjunction, member)

    def _realisable(self) -> np.ndarray:
        """(M, G, R): a person of the class may be there."""
        ok = np.ones(self.p.counts.shape, dtype=bool)
        for factor in self.factors:
            ok &= factor.present[:, :, factor.of_class]
        return ok

    def _index_people(self) -> None:
        """The classes of people in each cell: in class order (``found``, padded with -1
        per cell), and the most common first (``ranked``)."""
        cell, cls = self.found_cell, self.found
        self.found_start = np.searchsorted(cell, np.arange(self.cells + 1))
        rank = np.arange(len(cls)) - self.found_start[cell]
        self.found_padded = np.full((self.cells, max(rank.max(initial=-1) + 1, 1)), -1)
        self.found_padded[cell, rank] = cls
        order = np.lexsort((cls, -self.counts[cell, cls], cell))
        self.ranked_cell, self.ranked = cell[order], cls[order]
        # Each one's place in its cell's ``ranked`` (the padding after all of them).
        self.found_rank = np.full(self.found_padded.shape, _PADDING, dtype=np.int64)
        self.found_rank[cell[order], rank[order]] = np.arange(len(cls)) - self.found_start[cell]

    # --- the candidates for a figure ----------------------------------------------------

    def families(self, f: int, keep: Callable[[np.ndarray], np.ndarray]) -> Iterator[Candidates]:
        """The candidates for figure f that can be made, in the order they are tried: the
        first family, then all the others (the first's best rules out most of them).
        ``keep`` (corner keys -> bool) says which corners are worth making: a candidate
        with another is left out, as early as can be."""
        ax = self._axes(f)
        flips = self._flips(ax)
        cubes = self._cubes(ax)
        if len(cubes[1]):  # none for a figure of every gender (or every municipality)
            yield self._made([(0, cubes)], flips)
        rest = [(1, self._rectangles(ax, keep)), (2, self._axis_flips(ax)), (3, self._moves(ax))]
        rest += [(4, self._single_flips(ax)), (5, self._additions(ax)), (5, self._copies(f))]
        yield self._made(rest, flips)

    def _made(self, made: list[tuple[int, tuple]], flips: _Flips) -> Candidates:
        """Families' candidates as one, batches numbered on, those that can be made."""
        batches, families, parts, offset = [], [], [], 0
        for family, (part, batch) in made:
            parts.append(part)
            batches.append(batch + offset)
            families.append(np.full(len(batch), family))
            offset += int(batch.max()) + 1 if len(batch) else 0
        part = np.concatenate(parts, axis=1)
        corners, ok = self._corners(part, flips)
        batch, family = np.concatenate(batches)[ok], np.concatenate(families)[ok]
        return Candidates(corners[ok], batch, family, part[:, ok], flips)

    def changes(self, candidates: Candidates, i: int) -> list[tuple]:
        """The changes (a ``Change``'s fields) candidate i stands for."""
        parts = candidates.parts[:, i].T.tolist()  # per corner: m, g, what, which, sign
        flips = candidates.flips
        out: list[tuple[Any, ...]] = []
        paired = int(candidates.family[i]) in _MOVING
        j = 0
        while j < len(parts) and parts[j][2]:
            m, g, what, which, sign = parts[j]
            if what == FLIP:
                cls = int(flips.cls[which, m * self.genders + g])
                out.append(("flip", m, g, cls, int(flips.factor[which]), int(flips.target[which])))
            elif paired:  # leaves (m, g), arrives as ``other`` in the next corner's cell
                to_m, to_g, _, other, _ = parts[j + 1]
                if other == which:
                    out.append(("move", m, g, which, -1, -1, to_m, to_g))
                else:
                    out.append(("become", m, g, which, -1, other, to_m, to_g))
                j += 1
            else:
                out.append(("add" if sign > 0 else "remove", m, g, which))
            j += 1
        return out

    def _corners(self, parts: np.ndarray, flips: _Flips) -> tuple[np.ndarray, np.ndarray]:
        """Each candidate's corner keys, and whether every corner can be made: someone
        there to change or take, the answers or the class possible where they arrive."""
        m, g, what, which, sign = parts
        cell = m * self.genders + g
        keys = np.full(m.shape, -1, dtype=np.int64)
        ok = np.ones(m.shape, dtype=bool)
        flip = what == FLIP  # (flat indexes: np.take is quicker than a[rows, columns])
        at = which[flip] * self.cells + cell[flip]
        keys[flip], ok[flip] = np.take(flips.key, at), np.take(flips.ok, at)
        person = what == CLASS
        cls, cell, sign = which[person], cell[person], sign[person]
        keys[person] = self.key(self._class_vectors(cls), cell, sign)
        at = cell * self.counts.shape[1] + cls
        ok[person] = np.where(sign < 0, np.take(self.counts, at) > 0, np.take(self.realisable, at))
        return keys, np.asarray(ok.all(axis=1))

    def _axes(self, f: int) -> _Axes:
        p = self.p
        k = int(p.fig_pred[f])
        inside = p.fig_m[f][self.by_size]
        m_in, m_out = self.by_size[inside][:_LABELS], self.by_size[~inside][:_LABELS]
        g_in, g_out = np.flatnonzero(p.fig_g[f]), np.flatnonzero(~p.fig_g[f])
        return _Axes(k, m_in, m_out, g_in, g_out, self._turns(k, m_in.tolist(), g_in.tolist()))

    def _turns(self, k: int, m_in: list[int], g_in: list[int]) -> list[tuple[int, int, int]]:
        """Changes of answers (factor, from value, to value) that meet the atoms of
        predicate k in that factor: those its own cells have people for first, then those
        changing the fewest other atoms."""
        out: list[tuple[int, tuple[int, int, int]]] = []
        for f, outside, inside, bits, everywhere in self._answers(k):
            here = self.factors[f].stock[m_in][:, g_in].sum(axis=(0, 1))
            # the most people here first, then the most everywhere, then in value order
            most = -(here * (int(everywhere.max()) + 1) + everywhere)
            a = np.argsort(most[outside], kind="stable")[:20]
            b = np.argsort(most[inside], kind="stable")[:20]
            near = _distances(bits[outside[a]], bits[inside[b]]).ravel()
            local = ((here[outside[a]] > 0)[:, None] | (here[inside[b]] > 0)[None, :]).ravel()
            order = np.lexsort((near, ~local))[:_CLASSES]
            scores = (near[order] - 100 * local[order]).tolist()
            froms, tos = outside[a][order // len(b)].tolist(), inside[b][order % len(b)].tolist()
            out += [(s, (f, x, y)) for s, x, y in zip(scores, froms, tos, strict=True)]
        out.sort(key=lambda item: item[0])
        return [turn for _score, turn in out[:_CLASSES]]

    def _answers(self, k: int) -> list[tuple]:
        """Per factor predicate k reads: the values that fail its atoms there and those
        that meet them, each value's atoms, and each value's people."""
        key = ("answers", k)
        if key not in self.cache:
            found: list[tuple[Any, ...]] = []
            for f in np.unique(self.p.factor[self.p.conjunction[k]]).tolist():
                factor = self.factors[f]
                meets = factor.bits[:, self.p.conjunction[k][factor.atoms]].all(axis=1)
                outside, inside = np.flatnonzero(~meets), np.flatnonzero(meets)
                if len(outside) and len(inside):
                    found.append((f, outside, inside, factor.bits, factor.stock.sum(axis=(0, 1))))
            self.cache[key] = found
        return self.cache[key]

    # Each family is arrays of corners (``_family``), in the order of the loops that
    # describe it: ``_grid`` gives every combination of its axes, the last varying fastest.
    # A flip's ``which`` is turn * 2 + way, way 0 taking the turn's second value.

    def _cubes(self, ax: _Axes):
        t, m1, m2, g1, g2, s = _grid(
            range(len(ax.turns)), ax.m_in, ax.m_out, ax.g_in, ax.g_out, range(2)
        )
        one, other = 2 * t + s, 2 * t + 1 - s
        corners = [(FLIP, m1, g1, one, 1), (FLIP, m1, g2, other, 1)]
        corners += [(FLIP, m2, g1, other, 1), (FLIP, m2, g2, one, 1)]
        return _family(corners, t)

    def _rectangles(self, ax: _Axes, keep: Callable[[np.ndarray], np.ndarray]):
        """For each second municipality, each cell of the figure and gender outside it,
        each way (out of the figure, into it), each person leaving and the two most like
        them in the second municipality: both move, or (another class) also swap answers."""
        batch, m1, g1, g2, way, i = _grid(
            range(len(ax.m_out)), ax.m_in, ax.g_in, ax.g_out, range(2), range(_PEOPLE)
        )
        leaving, staying = np.where(way == 0, g1, g2), np.where(way == 0, g2, g1)
        c1 = self._people(ax.k)[m1, leaving, i]
        there = c1 >= 0
        batch, m1, leaving, staying, c1 = (x[there] for x in (batch, m1, leaving, staying, c1))
        leaves = self.key(self._class_vectors(c1), m1 * self.genders + leaving, -1)
        there = keep(leaves[:, None])  # the first to leave alone rules out the rest
        batch, m1, leaving, staying, c1 = (x[there] for x in (batch, m1, leaving, staying, c1))
        m2 = ax.m_out[batch]
        near = self._nearest(c1, m2, staying)
        batch, m1, m2, leaving, staying, c1 = (
            np.repeat(x, 2 * _NEAREST) for x in (batch, m1, m2, leaving, staying, c1)
        )
        c2 = np.repeat(near, 2, axis=1).reshape(-1)
        swap = np.tile([False, True], len(c2) // 2)
        there = (c2 >= 0) & (~swap | (c1 != c2))
        batch, m1, m2, leaving, staying, c1, c2, swap = (
            x[there] for x in (batch, m1, m2, leaving, staying, c1, c2, swap)
        )
        arrives1, arrives2 = np.where(swap, c2, c1), np.where(swap, c1, c2)
        corners = [(CLASS, m1, leaving, c1, -1), (CLASS, m1, staying, arrives1, 1)]
        corners += [(CLASS, m2, staying, c2, -1), (CLASS, m2, leaving, arrives2, 1)]
        return _family(corners, batch)

    def _axis_flips(self, ax: _Axes):
        """Per turn: along the municipalities, then along the genders."""
        turns = range(len(ax.turns))
        t, m1, m2, g, s = _grid(turns, ax.m_in, ax.m_out, ax.g_in, range(2))
        along_m = _family([(FLIP, m1, g, 2 * t + s, 1), (FLIP, m2, g, 2 * t + 1 - s, 1)], t)
        t, m, g1, g2, s = _grid(turns, ax.m_in, ax.g_in, ax.g_out, range(2))
        along_g = _family([(FLIP, m, g1, 2 * t + s, 1), (FLIP, m, g2, 2 * t + 1 - s, 1)], t)
        parts = np.concatenate([along_m[0], along_g[0]], axis=1)
        batch = np.concatenate([along_m[1], along_g[1]])
        order = np.argsort(batch, kind="stable")
        return parts[:, order], batch[order]

    def _moves(self, ax: _Axes):
        """Per cell of the figure and municipality outside it: in from there, then out to
        there; per cell and gender outside it: in, then out."""
        m1, m2, g, way, i = _grid(ax.m_in, ax.m_out, ax.g_in, range(2), range(_PEOPLE))
        across = (np.where(way == 0, m2, m1), g, np.where(way == 0, m1, m2), g, i)
        m, g1, g2, way, i = _grid(ax.m_in, ax.g_in, ax.g_out, range(2), range(_PEOPLE))
        within = (m, np.where(way == 0, g2, g1), m, np.where(way == 0, g1, g2), i)
        from_m, from_g, to_m, to_g, i = (
            np.concatenate(x) for x in zip(across, within, strict=True)
        )
        cls = self._people(ax.k)[from_m, from_g, i]
        keep = cls >= 0
        from_m, from_g, to_m, to_g, cls = (x[keep] for x in (from_m, from_g, to_m, to_g, cls))
        corners = [(CLASS, from_m, from_g, cls, -1), (CLASS, to_m, to_g, cls, 1)]
        return _family(corners, np.zeros(len(cls), dtype=np.int64))

    def _single_flips(self, ax: _Axes):
        m, g, t, s = _grid(ax.m_in, ax.g_in, range(len(ax.turns)), range(2))
        return _family([(FLIP, m, g, 2 * t + s, 1)], np.zeros(len(m), dtype=np.int64))

    def _additions(self, ax: _Axes):
        m, g, i, s = _grid(ax.m_in, ax.g_in, range(_PEOPLE), range(2))
        cls = self._people(ax.k)[m, g, i]
        keep = cls >= 0
        sign = np.where(s[keep] == 0, 1, -1)
        corners = [(CLASS, m[keep], g[keep], cls[keep], sign)]
        return _family(corners, np.zeros(int(keep.sum()), dtype=np.int64))

    def _copies(self, f: int):
        """The figure's own people (the first, in the order of cell and class), each
        copied, then removed."""
        p = self.p
        cells = np.flatnonzero(p.fig_m[f])[:, None] * self.genders + np.flatnonzero(p.fig_g[f])
        owner, at = spans(self.found_start[cells.ravel()], self.found_start[cells.ravel() + 1])
        cls = self.found[at]
        own = np.flatnonzero(self.holds[p.fig_pred[f]][cls])[:_COPIES]
        cell = cells.ravel()[owner[own]]
        atoms = np.stack([cell // self.genders, cell % self.genders, cls[own]])
        m, g, cls = np.repeat(atoms, 2, axis=1)
        sign = np.tile([1, -1], len(m) // 2)
        return _family([(CLASS, m, g, cls, sign)], np.zeros(len(m), dtype=np.int64))

    # --- the people and the vectors candidates are made of --------------------------------

    def _people(self, k: int) -> np.ndarray:
        """(M, G, _PEOPLE): the classes of people in each cell who satisfy predicate k,
        the most common first (-1: no more)."""
        key = ("people", k)
        if key not in self.cache:
            ok = self.holds[k][self.ranked]
            rank = np.cumsum(ok) - 1
            rank -= (rank + 1 - ok)[self.found_start[self.ranked_cell]]
            keep = ok & (rank < _PEOPLE)
            table = np.full((self.cells, _PEOPLE), -1, dtype=np.int64)
            table[self.ranked_cell[keep], rank[keep]] = self.ranked[keep]
            self.cache[key] = table.reshape(*self.p.counts.shape[:2], _PEOPLE)
        return self.cache[key]

    def _nearest(self, cls: np.ndarray, m: np.ndarray, g: np.ndarray) -> np.ndarray:
        """(n, _NEAREST): for each, classes of people in (m, g) most like class cls
        (fewest atoms differ; then the most common; then the first), -1: no more."""
        cell = m * self.genders + g
        near = self.near[cell, cls]
        unknown = near[:, 0] == -2
        if unknown.any():
            pairs = np.unique(cell[unknown] * self.near.shape[1] + cls[unknown])
            cells, classes = np.divmod(pairs, self.near.shape[1])
            self.near[cells, classes] = self._nearest_in(cells, classes)
            near = self.near[cell, cls]
        return near

    def _nearest_in(self, cells: np.ndarray, classes: np.ndarray) -> np.ndarray:
        found = self.found_padded[cells]  # (n, L)
        if self.packed_found is None:  # each cell's classes' atoms, padded as found_padded
            self.packed_found = self.packed[:, self.found_padded]
        differ = self.packed[:, classes][:, :, None] ^ self.packed_found[:, cells]  # (words, n, L)
        distance = np.bitwise_count(differ).sum(axis=0, dtype=np.int64)
        key = distance * found.shape[1] + self.found_rank[cells]  # then the most common
        never = np.iinfo(np.int64).max
        out = np.full((len(cells), _NEAREST), -1, dtype=np.int32)
        rows = np.arange(len(cells))
        for i in range(min(_NEAREST, found.shape[1])):  # the first of the least, in turn
            first = key.argmin(axis=1)
            out[:, i] = np.where(key[rows, first] < _PADDING, found[rows, first], -1)
            key[rows, first] = never
        return out

    def _persons(self, k: int, f: int) -> np.ndarray:
        """(cells, V): for each cell and value of factor f, a class of people there with
        the value, one who meets predicate k's other atoms if there is one, the most common
        first (-1: nobody there has the value)."""
        key = ("persons", k, f)
        if key not in self.cache:
            p, factor = self.p, self.factors[f]
            values = len(factor.bits)
            slot = self.ranked_cell * values + factor.of_class[self.ranked]
            order = np.argsort(slot, kind="stable")
            slot, cls = slot[order], self.ranked[order]
            table = np.full(self.cells * values, -1, dtype=np.int64)
            if len(cls):
                others = p.conjunction[k] & (p.factor != f)
                meets = p.member[others].all(axis=0)[cls]
                starts = np.flatnonzero(np.r_[True, slot[1:] != slot[:-1]])
                first = np.minimum.reduceat(np.where(meets, np.arange(len(cls)), len(cls)), starts)
                table[slot[starts]] = cls[np.where(first < len(cls), first, starts)]
            self.cache[key] = table.reshape(self.cells, values)
        return self.cache[key]

    def _flips(self, ax: _Axes) -> _Flips:
        """The person in each cell who changes, for each of the axes' turns and ways."""
        key = ("flips", ax.k, tuple(ax.turns))
        if key not in self.cache:
            ways = [(f, s, v) for f, a, b in ax.turns for s, v in ((a, b), (b, a))]
            new = [w for w in dict.fromkeys(ways) if ("flip", ax.k, *w) not in self.cache]
            if new:
                for way, table in zip(new, self._flip_tables(ax.k, new), strict=True):
                    self.cache["flip", ax.k, *way] = table
            tables = [self.cache["flip", ax.k, *w] for w in ways]
            cls, keys, ok = np.stack(tables or [np.zeros((3, self.cells), dtype=np.int64)], axis=1)
            factor, _, target = np.array(ways, dtype=np.int64).reshape(-1, 3).T
            self.cache[key] = _Flips(cls, keys, ok.astype(bool), factor, target)
        return self.cache[key]

    def _flip_tables(self, k: int, ways: list[tuple[int, int, int]]) -> np.ndarray:
        """(ways, 3, cells): for each change of answers (factor, source, value), who in each
        cell changes from source to value, the corner's key, and whether the change can be
        made there."""
        factor, source, target = np.array(ways, dtype=np.int64).T
        cls = np.full((len(ways), self.cells), -1, dtype=np.int64)
        ok = np.zeros(cls.shape, dtype=bool)
        for f in np.unique(factor).tolist():
            mine = factor == f
            cls[mine] = self._persons(k, f)[:, source[mine]].T
            ok[mine] = self.factors[f].present[:, :, target[mine]].reshape(self.cells, -1).T
        ok &= cls >= 0
        keys = np.full(cls.shape, -1, dtype=np.int64)
        way, cell = np.nonzero(ok)
        vectors = self._flip_vectors(cls[way, cell], factor[way], target[way])
        keys[way, cell] = self.key(vectors, cell, 1)
        return np.stack([cls, keys, ok], axis=1)

    def _class_vectors(self, classes: np.ndarray) -> np.ndarray:
        """The vector of a person of each class added (a corner's sign -1: taken)."""
        missing = self.class_vector[classes] < 0
        if missing.any():
            missing = np.unique(classes[missing])
            self.class_vector[missing] = self._add_vectors(self.holds[:, missing].T)
        return self.class_vector[classes]

    def _flip_vectors(self, classes: np.ndarray, factors: np.ndarray, values: np.ndarray):
        """The vector of a person of each class whose answers in the factor become the
        value's: one per (factor, value, class), kept by its code in ``flip_codes``."""
        r = len(self.class_vector) + 1  # more than the classes, and than a factor's values
        code = (factors * r + values) * r + classes
        at = np.searchsorted(self.flip_codes, code)
        known = self.flip_codes[at] == code
        if not known.all():
            new = np.unique(code[~known])
            rest, cls = np.divmod(new, r)
            factor, value = np.divmod(rest, r)
            after = self.p.member[:, cls]
            for f in np.unique(factor).tolist():
                mine = np.flatnonzero(factor == f)
                atoms = self.factors[f].atoms
                after[atoms[:, None], mine] = self.factors[f].bits[value[mine]].T
            change = self._holds(after).astype(np.int8) - self.holds[:, cls]
            place = np.searchsorted(self.flip_codes, new)
            self.flip_codes = np.insert(self.flip_codes, place, new)
            self.flip_ids = np.insert(self.flip_ids, place, self._add_vectors(change.T))
            at = np.searchsorted(self.flip_codes, code)
        return self.flip_ids[at]

    def _add_vectors(self, rows: np.ndarray) -> np.ndarray:
        start = self.n_vectors
        while start + len(rows) > len(self.vectors):  # room for twice as many
            self.vectors = np.concatenate([self.vectors, np.zeros_like(self.vectors)])
        self.vectors[start : start + len(rows), : rows.shape[1]] = rows
        self.n_vectors += len(rows)
        return np.arange(start, self.n_vectors)


def _grid(*axes) -> list[np.ndarray]:
    """Every combination of the axes' values, the last varying fastest (as
    ``itertools.product``); an axis is an array, or a range (its values are its indexes)."""
    sizes = tuple(len(axis) for axis in axes)
    digits = np.unravel_index(np.arange(math.prod(sizes)), sizes)
    return [d if isinstance(a, range) else a[d] for a, d in zip(axes, digits, strict=True)]


def _family(corners: list[tuple], batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidates as arrays: (5, n, 4) per corner m, g, what, which, sign (a number
    stands for every candidate), and each one's batch."""
    parts = np.zeros((5, len(batch), 4), dtype=np.int64)
    for j, (what, m, g, which, sign) in enumerate(corners):
        parts[0, :, j], parts[1, :, j], parts[2, :, j] = m, g, what
        parts[3, :, j], parts[4, :, j] = which, sign
    return parts, batch


def spans(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ranges start..end one after the other: (which range, position) per element."""
    lengths = ends - starts
    owner = np.repeat(np.arange(len(starts)), lengths)
    offsets = np.cumsum(lengths) - lengths
    return owner, np.arange(int(lengths.sum())) - np.repeat(offsets - starts, lengths)


def satisfied(conjunction: np.ndarray, member: np.ndarray) -> np.ndarray:
    """(P, R): which predicates (rows of atoms they need) each column of atoms (a class)
    satisfies: none of their atoms fails."""
    needs = np.packbits(conjunction, axis=1)  # (P, bytes)
    lacks = np.packbits(~member, axis=0)  # (bytes, R)
    return ~((needs[:, :, None] & lacks[None, :, :]) != 0).any(axis=1)


def distinct_columns(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns of a bool matrix, in the order of their bits (as
    ``np.unique(bits.T, axis=0)``): the first column of each, and each column's."""
    if not len(bits):  # no rows: every column is the same
        return np.zeros(min(bits.shape[1], 1), dtype=np.int64), np.zeros(
            bits.shape[1], dtype=np.int64
        )
    words = as_words(bits).T  # (n, words): compare as the bits do
    order = np.lexsort(words.T[::-1])  # stable: the first column of each first
    ordered = words[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    which = np.empty(len(order), dtype=np.int64)
    which[order] = np.cumsum(new) - 1
    return order[new], which


def as_words(bits: np.ndarray) -> np.ndarray:
    """(words, R) big-endian uint64: each column of bits, 64 to a word (the words of two
    columns compare as their bits do)."""
    packed = np.packbits(bits, axis=0)
    padded = np.zeros((-(-len(packed) // 8) * 8, bits.shape[1]), dtype=np.uint8)
    padded[: len(packed)] = packed
    return np.ascontiguousarray(padded.T).view(">u8").T


def _confined(stock: np.ndarray) -> bool:
    """Answers that in the data belong to one municipality each (a district, a local
    programme): taken to depend on the municipality, though no goal reads it."""
    by_place = stock.sum(axis=1)  # (M, V)
    people = by_place.sum(axis=0)
    places = (by_place > 0).sum(axis=0)
    common = people >= 2
    if by_place.shape[0] < 2 or common.sum() < 2:
        return False
    return people[common & (places == 1)].sum() >= 0.9 * people[common].sum()


def _distances(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """How many atoms tell each row of ``first`` from each row of ``second`` (boolean rows);
    asked only of the few values a turn is chosen from: all pairs of a factor of thousands
    of values would be an array of values x values x atoms."""
    return (first[:, None, :] != second[None, :, :]).sum(2)
