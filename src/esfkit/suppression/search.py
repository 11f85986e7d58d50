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
changes: four people in the four corners of a table's rectangle change an answer (+1 -1 /
-1 +1: every total stays), the classic rectangle of people moved, and the changes along one
axis or at one place. When no change leaves the shown figures alone, the cheapest one that
needs more figures hidden is taken (fewest; then no zeros, no totals, the smallest values),
and its newly hidden figures are protected by the same witness. Hiding more, or relaxing a
marker, never invalidates a witness found before, so one pass settles the report. A group
no change can protect first loses its "<N" (becomes ``OPEN``), then may take zeros with it,
and as a last resort every figure is hidden.

A changed person only takes answers seen in the data: seen in their municipality when a
goal reads the municipality or the answers belong to one municipality each in the data
(districts, local programmes), seen with their gender when a goal reads gender.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

import numpy as np

SMALL = "small"
SECONDARY = "secondary"
OPEN = "open"
_STATE = {SMALL: 1, SECONDARY: 2, OPEN: 3}
_MARKER = {1: SMALL, 2: SECONDARY, 3: OPEN}
# Tried per axis (the most populated first) and per class or change of answers.
_LABELS = 6
_CLASSES = 12
_PEOPLE = 6  # classes of people tried in a cell
_NEAREST = 2  # partners tried for a person who changes gender
_CHUNK = 4096


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


def protect(problem: Problem) -> Protection:
    return _Search(problem).run()


def answers(problem: Problem) -> list[np.ndarray]:
    """Per factor, the value (answers) of each class: what a witness's ``flip`` refers to."""
    search = _Search(problem)
    return [factor.of_class for factor in search.factors]


@dataclass
class _Factor:
    atoms: np.ndarray  # indices into the atoms
    bits: np.ndarray  # (V, len(atoms)) bool: each value's answers
    of_class: np.ndarray  # (R,) each class's value
    stock: np.ndarray  # (M, G, V) people with the value
    present: np.ndarray  # (M, G, V) bool: the value is seen there (any gender unless read)


class _Search:
    def __init__(self, p: Problem):
        self.p = p
        self.n = p.threshold
        groups = len(p.value)
        self.state = np.zeros(groups, dtype=np.int8)
        self.state[p.displayed & (p.value >= 1) & (p.value < self.n)] = _STATE[SMALL]
        self.pinned = p.pinned.copy()
        if p.total is not None:
            self.pinned[p.total] = True
        self.allow_open = False
        self.everything = False
        self.used = np.arange(len(p.fig_group))  # every figure: each is checked on its own
        self.mg = (p.fig_m.T[:, None, :] & p.fig_g.T[None, :, :]).astype(np.int8)
        self.groups = groups
        self.population = p.counts.sum(axis=(1, 2))
        self.class_size = p.counts.sum(axis=(0, 1))
        self.holds = self._holds(p.member)  # (P, R): class r satisfies predicate p
        self.factors = [self._factor(f) for f in range(len(p.reads_gender))]
        self.realisable = self._realisable()  # (M, G, R): a person of the class may be there
        self.witnesses: dict[int, tuple[Change, ...]] = {}
        self.cache: dict[tuple, list[int]] = {}
        # The change each kind of corner makes to every figure, made once: a row per vector.
        self.vectors: dict[tuple, int] = {}
        self.buffer = np.zeros((0, len(self.used)), dtype=np.int8)

    def _factor(self, f: int) -> _Factor:
        p = self.p
        atoms = np.flatnonzero(p.factor == f)
        answers = p.member[atoms].T  # (R, k)
        if len(answers):
            bits, of_class = np.unique(answers, axis=0, return_inverse=True)
        else:
            bits, of_class = np.zeros((1, len(atoms)), dtype=bool), np.zeros(0, dtype=int)
        of_class = of_class.reshape(-1)
        m, g, _ = p.counts.shape
        stock = np.zeros((m, g, len(bits)), dtype=np.int64)
        for r in range(len(of_class)):
            stock[:, :, of_class[r]] += p.counts[:, :, r]
        present = stock > 0
        if not p.reads_gender[f]:  # answers seen with one gender are possible with any
            present = present.any(axis=1, keepdims=True)
        if not p.reads_municipality[f] and not _confined(stock):
            present = present.any(axis=0, keepdims=True)  # ... and in any municipality
        return _Factor(atoms, bits, of_class, stock, np.broadcast_to(present, stock.shape))

    def _holds(self, member: np.ndarray) -> np.ndarray:
        """Which predicates each column of atoms (a class) satisfies: all of their atoms
        (none of them failed)."""
        failed = self.p.conjunction.astype(np.float32) @ (~member).astype(np.float32)
        return failed == 0

    def _realisable(self) -> np.ndarray:
        m, g, r = self.p.counts.shape
        ok = np.ones((m, g, r), dtype=bool)
        for factor in self.factors:
            ok &= factor.present[:, :, factor.of_class]
        return ok

    # --- the pass over hidden groups ------------------------------------------------------

    def run(self) -> Protection:
        """Every shown place of every hidden group gets a witness that changes it (figures
        counting the same people in two tables may change apart in a witness)."""
        queue = list(np.flatnonzero(self.state))
        done = np.zeros(len(self.p.fig_group), dtype=bool)
        index = 0
        while index < len(queue):
            h = int(queue[index])
            index += 1
            for f in np.flatnonzero((self.p.fig_group == h) & self.p.fig_displayed).tolist():
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
        return Protection(markers, self.witnesses, self.everything)

    def _protect(self, h: int, f: int):
        found = self._best(h, f)
        if found is None and self.state[h] == _STATE[SMALL]:
            self.state[h] = _STATE[OPEN]  # its "<N" alone would pin it down
            found = self._best(h, f)
        if found is None and not self.allow_open:
            self.allow_open = True  # from now on zeros (and "<N" neighbours) may be hidden too
            found = self._best(h, f)
        return found

    def _hide_everything(self) -> None:
        self.everything = True
        self.allow_open = True
        if self.p.total is not None:
            self.pinned[self.p.total] = False
        self.state[:] = 0  # zeros are shown again: copying a person never changes one
        self.state[self.p.displayed & (self.p.value >= 1)] = _STATE[OPEN]

    # --- candidates -----------------------------------------------------------------------

    def _best(self, h: int, f: int):
        """The cheapest witness found that changes figure f (of group h)."""
        best = None
        figures = [f]
        axes = [self._axes(f)]
        makers = (
            self._cubes,
            self._rectangles,
            self._axis_flips,
            self._moves,
            self._flips,
            self._additions,
        )
        for family, make in enumerate(makers):
            batches = (batch for each in axes for batch in make(*each))
            if family == len(makers) - 1:
                copies = (batch for f in figures for batch in self._copies(int(f)))
                batches = (batch for source in (batches, copies) for batch in source)
            for batch in batches:
                rows = [row for row in batch if row is not None]  # None: nobody to change
                for start in range(0, len(rows), _CHUNK):
                    vectors = self.buffer[: len(self.vectors)]
                    found = self._evaluate(rows[start : start + _CHUNK], vectors, f, family)
                    if found is not None and (best is None or found[0] < best[0]):
                        best = found
                if best is not None and best[0][:2] == (0, 0):
                    return best[1]  # a witness that hides nothing more
        return None if best is None else best[1]

    def _axes(self, f: int):
        p = self.p
        k = int(p.fig_pred[f])
        by_size = lambda labels: labels[np.argsort(-self.population[labels], kind="stable")]  # noqa: E731
        m_in = [int(m) for m in by_size(np.flatnonzero(p.fig_m[f]))[:_LABELS]]
        m_out = [int(m) for m in by_size(np.flatnonzero(~p.fig_m[f]))[:_LABELS]]
        g_in = [int(g) for g in np.flatnonzero(p.fig_g[f])]
        g_out = [int(g) for g in np.flatnonzero(~p.fig_g[f])]
        return k, m_in, m_out, g_in, g_out, self._turns(k, m_in, g_in)

    def _people(self, m: int, g: int, k: int) -> list[int]:
        """Classes of people in (m, g) who satisfy predicate k, the most common first."""
        key = ("people", m, g, k)
        if key not in self.cache:
            counts = self.p.counts[m, g]
            found = np.flatnonzero((counts > 0) & self.holds[k])
            found = found[np.argsort(-counts[found], kind="stable")][:_PEOPLE]
            self.cache[key] = [int(c) for c in found]
        return self.cache[key]

    def _nearest(self, cls: int, m: int, g: int) -> list[int]:
        """Classes of people in (m, g) most like class cls (fewest atoms differ)."""
        key = ("nearest", cls, m, g)
        if key not in self.cache:
            found = np.flatnonzero(self.p.counts[m, g] > 0)
            member = self.p.member
            distance = (member[:, found] != member[:, [cls]]).sum(axis=0)
            order = np.lexsort((-self.p.counts[m, g][found], distance))[:_NEAREST]
            self.cache[key] = [int(found[i]) for i in order]
        return self.cache[key]

    def _turns(self, k: int, m_in: list[int], g_in: list[int]) -> list[tuple[int, int, int]]:
        """Changes of answers (factor, from value, to value) that meet the atoms of
        predicate k in that factor: those its own cells have people for first, then those
        changing the fewest other atoms."""
        out: list[tuple[int, tuple[int, int, int]]] = []
        atoms = np.flatnonzero(self.p.conjunction[k])
        for f in sorted({int(self.p.factor[a]) for a in atoms}):
            factor = self.factors[f]
            needed = np.isin(factor.atoms, atoms)
            meets = factor.bits[:, needed].all(axis=1)
            outside, inside = np.flatnonzero(~meets), np.flatnonzero(meets)
            if not len(outside) or not len(inside):
                continue
            here = factor.stock[np.ix_(m_in, g_in)].sum(axis=(0, 1))
            everywhere = factor.stock.sum(axis=(0, 1))
            outside, inside = (
                values[np.lexsort((-everywhere[values], -here[values]))][:20]
                for values in (outside, inside)
            )
            distance = (factor.bits[outside][:, None, :] != factor.bits[inside][None, :, :]).sum(2)
            local = (here[outside][:, None] > 0) | (here[inside][None, :] > 0)
            order = np.lexsort((distance.ravel(), ~local.ravel()))[:_CLASSES]
            rows, cols = np.unravel_index(order, distance.shape)
            for a, b, i in zip(rows, cols, order, strict=True):
                score = int(distance.ravel()[i]) - 100 * bool(local.ravel()[i])
                out.append((score, (f, int(outside[a]), int(inside[b]))))
        out.sort(key=lambda item: item[0])
        return [turn for _score, turn in out[:_CLASSES]]

    def _person(self, m: int, g: int, f: int, value: int, k: int) -> int:
        """A class of people in (m, g) with this value of factor f, one who meets the
        predicate's other atoms if there is one; -1 when nobody there has the value."""
        key = ("person", m, g, f, value, k)
        if key not in self.cache:
            counts = self.p.counts[m, g]
            found = np.flatnonzero((counts > 0) & (self.factors[f].of_class == value))
            others = self.p.conjunction[k] & (self.p.factor != f)
            meets = self.p.member[others][:, found].all(axis=0)
            order = np.lexsort((-counts[found], ~meets))
            self.cache[key] = [int(found[order[0]])] if len(found) else [-1]
        return self.cache[key][0]

    def _vector(self, key: tuple) -> int:
        """The change a corner makes to every predicate: a person of a class added (or,
        with the corner's sign -1, removed), or a person's answers in a factor changed."""
        if key not in self.vectors:
            if key[0] == "flip":
                _, cls, f, value = key
                before = self.p.member[:, cls]
                after = before.copy()
                after[self.factors[f].atoms] = self.factors[f].bits[value]
                vector = self._holds(after[:, None])[:, 0].astype(np.int8)
                vector -= self.holds[:, cls]
            else:
                vector = self.holds[:, key[1]].astype(np.int8)
            index = len(self.vectors)
            if index == len(self.buffer):  # room for twice as many
                grown = np.zeros((2 * len(self.buffer) + 64, len(self.used)), dtype=np.int8)
                grown[:index] = self.buffer
                self.buffer = grown
            self.buffer[index] = vector[self.p.fig_pred[self.used]]
            self.vectors[key] = index
        return self.vectors[key]

    def _flip(self, m: int, g: int, turn: tuple[int, int, int], sign: int, k: int):
        """One person in (m, g) changes answers: a -> b (sign 1) or b -> a (sign -1)."""
        f, a, b = turn
        factor = self.factors[f]
        source, target = (a, b) if sign > 0 else (b, a)
        if not factor.present[m, g, target]:
            return None
        cls = self._person(m, g, f, source, k)
        if cls < 0:
            return None
        change = ("flip", m, g, cls, f, target, -1, -1)
        return (m, g, self._vector(("flip", cls, f, target)), 1), change

    def _move(self, cls: int, m: int, g: int, to_m: int, to_g: int):
        if not self.p.counts[m, g, cls] or not self.realisable[to_m, to_g, cls]:
            return None
        vid = self._vector(("class", cls))
        return [(m, g, vid, -1), (to_m, to_g, vid, 1)], ("move", m, g, cls, -1, -1, to_m, to_g)

    def _become(self, cls: int, m: int, g: int, other: int, to_m: int, to_g: int):
        """A person of class cls in (m, g) goes to (to_m, to_g) with the answers of class
        other."""
        if not self.p.counts[m, g, cls] or not self.realisable[to_m, to_g, other]:
            return None
        corners = [(m, g, self._vector(("class", cls)), -1)]
        corners.append((to_m, to_g, self._vector(("class", other)), 1))
        return corners, ("become", m, g, cls, -1, other, to_m, to_g)

    def _combine(self, parts) -> tuple | None:
        if any(part is None for part in parts):
            return None
        corners, changes = [], []
        for corner, change in parts:
            corners += corner if isinstance(corner, list) else [corner]
            changes.append(change)
        return corners, tuple(changes)

    # Each family yields its candidates in batches, the most promising first, so that the
    # search can stop at the first witness that hides nothing more.

    def _cubes(self, k, m_in, m_out, g_in, g_out, turns):
        for t in turns:
            yield [
                self._combine(
                    [
                        self._flip(m1, g1, t, s, k),
                        self._flip(m1, g2, t, -s, k),
                        self._flip(m2, g1, t, -s, k),
                        self._flip(m2, g2, t, s, k),
                    ]
                )
                for m1, m2, g1, g2, s in product(m_in, m_out, g_in, g_out, (1, -1))
            ]

    def _rectangles(self, k, m_in, m_out, g_in, g_out, turns):
        """Two people change gender in two municipalities, the second as like the first as
        can be found: out of the figure, or into it."""
        for m2 in m_out:
            out = []
            for m1, g1, g2 in product(m_in, g_in, g_out):
                for leaving, staying in ((g1, g2), (g2, g1)):
                    for c1 in self._people(m1, leaving, k):
                        for c2 in self._nearest(c1, m2, staying):
                            moves = [self._move(c1, m1, leaving, m1, staying)]
                            moves.append(self._move(c2, m2, staying, m2, leaving))
                            out.append(self._combine(moves))
                            if c1 != c2:  # ... or each takes the other's answers too
                                swap = [self._become(c1, m1, leaving, c2, m1, staying)]
                                swap.append(self._become(c2, m2, staying, c1, m2, leaving))
                                out.append(self._combine(swap))
            yield out

    def _axis_flips(self, k, m_in, m_out, g_in, g_out, turns):
        for t in turns:
            along_m = [
                self._combine([self._flip(m1, g, t, s, k), self._flip(m2, g, t, -s, k)])
                for m1, m2, g, s in product(m_in, m_out, g_in, (1, -1))
            ]
            along_g = [
                self._combine([self._flip(m, g1, t, s, k), self._flip(m, g2, t, -s, k)])
                for m, g1, g2, s in product(m_in, g_in, g_out, (1, -1))
            ]
            yield along_m + along_g

    def _moves(self, k, m_in, m_out, g_in, g_out, turns):
        """One person of the figure's kind moves into its cells, or out of them."""
        out = []
        for m1, m2, g in product(m_in, m_out, g_in):
            out += [self._combine([self._move(c, m2, g, m1, g)]) for c in self._people(m2, g, k)]
            out += [self._combine([self._move(c, m1, g, m2, g)]) for c in self._people(m1, g, k)]
        for m, g1, g2 in product(m_in, g_in, g_out):
            out += [self._combine([self._move(c, m, g2, m, g1)]) for c in self._people(m, g2, k)]
            out += [self._combine([self._move(c, m, g1, m, g2)]) for c in self._people(m, g1, k)]
        yield out

    def _flips(self, k, m_in, m_out, g_in, g_out, turns):
        yield [
            self._combine([self._flip(m, g, t, s, k)])
            for m, g, t, s in product(m_in, g_in, turns, (1, -1))
        ]

    def _additions(self, k, m_in, m_out, g_in, g_out, turns):
        yield [
            self._one(m, g, c, s)
            for m, g in product(m_in, g_in)
            for c in self._people(m, g, k)
            for s in (1, -1)
        ]

    def _copies(self, f: int):
        """Copying or removing one of the figure's own people: always possible."""
        p = self.p
        inside = p.counts * p.fig_m[f][:, None, None] * p.fig_g[f][None, :, None]
        inside = inside * self.holds[p.fig_pred[f]][None, None, :]
        atoms = np.argwhere(inside > 0)[:50]
        yield [self._one(int(m), int(g), int(c), s) for m, g, c in atoms for s in (1, -1)]

    def _one(self, m: int, g: int, cls: int, sign: int):
        if not (self.p.counts[m, g, cls] if sign < 0 else self.realisable[m, g, cls]):
            return None
        kind = "add" if sign > 0 else "remove"
        return [(m, g, self._vector(("class", cls)), sign)], ((kind, m, g, cls, -1, -1, -1, -1),)

    # --- checking candidates --------------------------------------------------------------

    def _delta(self, m, g, v, s, figures: slice, vectors: np.ndarray) -> np.ndarray:
        """How much each candidate (rows of corners) changes each figure in ``figures``."""
        mg, pv = self.mg[:, :, figures], vectors[:, figures]
        delta = np.zeros((len(m), pv.shape[1]), dtype=np.int8)
        for j in range(m.shape[1]):
            sign = s[:, j].astype(np.int8)
            if sign.any():
                delta += sign[:, None] * mg[m[:, j], g[:, j]] * pv[v[:, j]]
        return delta

    def _evaluate(self, rows, vectors: np.ndarray, target: int, family: int):
        """The cheapest valid candidate of a batch: (cost, (changes, groups to hide as
        "..", groups whose marker it breaks, groups it changes)).

        Each figure is checked on its own: a shown group must keep its value in every place;
        a hidden group's figures (people who happen to be the same in two tables) may
        differ in the witness, each within the group's marker."""
        cand = np.array([corners for corners, _ in rows], dtype=np.int64)  # a family: one width
        m, g, v, s = cand[..., 0], cand[..., 1], cand[..., 2], cand[..., 3]
        figure_delta = self._delta(m, g, v, s, slice(None), vectors)
        touched = np.flatnonzero((figure_delta != 0).any(axis=0))  # the checks look only there
        delta = figure_delta[:, touched]
        p, n = self.p, self.n
        group = p.fig_group[touched]
        state, value, pinned = self.state[group], p.value[group], self.pinned[group]
        new = value + delta
        changed = delta != 0
        need = (state == 0) & p.displayed[group] & changed & ~pinned
        as_secondary = need & (value >= n) & ((new >= n) | (new == 0))
        # A hidden figure whose marker the change would break may lose its marker ("..").
        relax = (state == _STATE[SMALL]) & ((new < 1) | (new >= n))
        relax |= (state == _STATE[SECONDARY]) & changed & (new != 0) & (new < n)
        as_open = (need & ~as_secondary) | relax
        bad = changed & pinned
        bad |= (state != 0) & (new < 0)
        bad |= p.present[group] & (new < 1)
        if not self.allow_open:
            bad |= as_open
        valid = ~bad.any(axis=1) & (figure_delta[:, target] != 0)
        if not valid.any():
            return None
        # Per group (the valid candidates only): hidden as ".." when any figure needs it.
        rows_ = np.flatnonzero(valid)
        by_group = np.argsort(group, kind="stable")
        sorted_group = group[by_group]
        starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])
        groups = sorted_group[starts]

        def per_group(figures: np.ndarray) -> np.ndarray:
            return np.logical_or.reduceat(figures[rows_][:, by_group], starts, axis=1)

        opened = per_group(as_open)
        hidden = per_group(need) & ~opened
        moved = per_group(changed)
        keys = np.stack(
            [
                opened.sum(axis=1),
                (hidden * p.weight[groups]).sum(axis=1),
                (hidden * p.value[groups]).sum(axis=1),
                -(moved & (self.state[groups] != 0)).sum(axis=1),  # protects more at once
            ],
            axis=1,
        )
        best = int(np.lexsort(keys.T[::-1])[0])
        pick = int(rows_[best])
        cost = (*(int(k) for k in keys[best]), family)
        chosen = (groups[hidden[best]], groups[opened[best]], touched[changed[pick]])
        return cost, (_changes(rows[pick][1]), *chosen)


def _changes(parts: tuple[tuple, ...]) -> tuple[Change, ...]:
    return tuple(Change(*(int(x) if not isinstance(x, str) else x for x in p)) for p in parts)


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
