"""Every count a report shows, as the rows it counts: the Problem ``search`` protects.

For each figure of the Report (a cell's numerator or denominator, a parity target's two
counts, a goal's population and its notes, the population total, a data finding that counts
people of the report) this finds its rows with the very masks the goal kinds count with, and
checks that they give the Report's number. A figure becomes (predicate, municipalities,
genders). A predicate is a conjunction of *atoms*: the goal's scope, its filter, its ``of``,
one value of a breakdown dimension other than municipality and gender (an outcome, an age
band, a column), a data note's rows; each atom knows the columns it reads, so that a
person's answers to one can change without the others. Each table also says which labels it lists (a row
"Ostersund" says someone there is counted; no column "Icke-binära" says no one is): those
become figures too, that must stay at least 1 or stay 0.

Header figures that do not count people of the report (rows of the file, rows outside the
report date, re-enrolments, data findings about other rows) are left to ``header``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise, product
from typing import Any

import numpy as np

from esfkit import kinds
from esfkit.engine.evaluator import Evaluator
from esfkit.findings import NO_ONE
from esfkit.goalfile.model import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Enrolled,
    Equals,
    Exited,
    Missing,
    Not,
    SameAs,
)
from esfkit.kinds.base import inner_key
from esfkit.kinds.rows import GoalRows, RowSet
from esfkit.report import Cell, GoalResult, Report
from esfkit.suppression.problem import Problem
from esfkit.suppression.witnesses import distinct_columns, satisfied

# The columns an esfkit field reads (a derived one, those it is computed from).
_EXIT = frozenset({"exit", "end"})
_BIRTH = frozenset({"birth_date", "id", "start"})
_FIELD_COLUMNS = {
    "exit": _EXIT,
    "end": _EXIT,  # an exit date decides whether the outcome counts
    "exited": _EXIT,
    "enrolled": _EXIT,
    "days_enrolled": _EXIT | {"start"},
    "age": _BIRTH,
    "age_band": _BIRTH,
    "birth_date": _BIRTH,
    "start_year": frozenset({"start"}),
}
# The columns a data finding is about; any other kind is taken to read every column.
EVERYTHING = "*"
_FINDING_COLUMNS = {
    "no_outcome": _EXIT,
    "outcome_without_date": _EXIT,
    "no_start_date": frozenset({"start"}),
    "invalid_personnummer": frozenset({"id"}),
    "missing_id": frozenset({"id"}),
    "unknown_gender": frozenset({"gender"}),
    "gender_code": frozenset({"gender"}),
    "unknown_municipality": frozenset({"municipality"}),
    "municipality_spelling": frozenset({"municipality"}),
    "not_a_municipality": frozenset({"municipality"}),
}


@dataclass(frozen=True)
class Place:
    """Where a figure is shown: a cell's field, a goal's field, or a header key."""

    goal: int | None  # index into report.goals; None: the report header
    cell: int | None  # index into the goal's cells; None: the goal itself
    field: str  # numerator, denominator, target_numerator, target_denominator, population,
    # excluded_by_scope, outside_denominator; in the header population.persons,
    # population.enrolments or finding.<kind>


@dataclass
class Figures:
    problem: Problem
    places: dict[int, list[Place]]  # group -> where it is shown
    header_findings: list[str]  # finding kinds left to the header
    # How the population maps onto atoms (the property test rebuilds witnesses as data):
    rows: np.ndarray  # (n,) the user's row number of each counted row
    m_codes: np.ndarray
    g_codes: np.ndarray
    classes: np.ndarray
    m_labels: tuple[Any, ...]
    g_labels: tuple[Any, ...]
    factor_columns: list[set[str]]  # the fields each factor reads
    figure_places: list[Place | None]  # where each figure of the problem is shown


@dataclass
class _Figure:
    predicate: int
    m: np.ndarray  # (M,) bool
    g: np.ndarray  # (G,) bool
    place: Place | None
    rule: str  # shown | present | absent
    expected: float | None = None  # what the report says it counts
    value: int = 0  # what it counts (``_problem``)


Part = tuple[np.ndarray, frozenset[str]]  # a mask (one filter, one value) and the columns it reads


@dataclass
class _Builder:
    ev: Evaluator
    figures: list[_Figure] = field(default_factory=list)
    atoms: list[np.ndarray] = field(default_factory=list)  # one filter or one value each
    atom_ids: dict[bytes, int] = field(default_factory=dict)
    columns: list[set[str]] = field(default_factory=list)  # what each atom reads
    predicates: list[tuple[int, ...]] = field(default_factory=list)  # atoms that must all hold
    predicate_ids: dict[tuple[int, ...], int] = field(default_factory=dict)
    # A mask's atom (None: it holds for everyone), by the mask (kept, so its id stays its)
    known: dict[int, tuple[np.ndarray, int | None]] = field(default_factory=dict)
    values: dict[tuple[str, Any], np.ndarray] = field(default_factory=dict)  # dims' masks
    # Parity targets to check once figures are counted: (figure, group's, everyone's, target)
    parities: list[tuple[int, _Figure, _Figure, float | None, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        municipality = self.ev.dimension("municipality", None)
        gender = self.ev.dimension("gender", None)
        self.m_codes, self.m_labels = municipality.codes, municipality.labels
        self.g_codes, self.g_labels = gender.codes, gender.labels
        self.m_index = {label: i for i, label in enumerate(self.m_labels)}
        self.g_index = {label: i for i, label in enumerate(self.g_labels)}

    def add(
        self,
        parts: list[Part],
        dims: dict[str, Any],
        place: Place | None,
        expected: float | None = None,
        rule: str = "shown",
    ) -> _Figure:
        m = np.ones(len(self.m_labels), dtype=bool)
        g = np.ones(len(self.g_labels), dtype=bool)
        parts = list(parts)
        for name, label in dims.items():
            dimension = self.ev.dimension(name, None)
            if dimension.name == "municipality":
                m[:] = False
                m[self.m_index[label]] = True
            elif dimension.name == "gender":
                g[:] = False
                g[self.g_index[label]] = True
            else:
                if (name, label) not in self.values:
                    self.values[name, label] = dimension.codes == dimension.labels.index(label)
                parts.append((self.values[name, label], field_columns(self.ev, name)))
        return self._add(parts, m, g, place, expected, rule)

    def _add(self, parts: list[Part], m, g, place, expected, rule) -> _Figure:
        """A figure: the rows of its atoms, in its municipalities and genders. What it
        counts is worked out for all figures at once (``_problem``)."""
        figure = _Figure(self._predicate(parts), m, g, place, rule, expected)
        self.figures.append(figure)
        return figure

    def add_rows(self, rows: np.ndarray, place: Place, kind: str) -> None:
        """A data note's rows: the people of the report it counts. A note is there only
        while it counts someone."""
        m = np.ones(len(self.m_labels), dtype=bool)
        g = np.ones(len(self.g_labels), dtype=bool)
        if kind == "unknown_gender":
            g = np.array([label == "unknown" for label in self.g_labels])
            self._add([], m, g, place, int(rows.sum()), "present")
        elif kind == "unknown_municipality":
            m = np.array([label is None for label in self.m_labels])
            self._add([], m, g, place, int(rows.sum()), "present")
        else:
            columns = _FINDING_COLUMNS.get(kind, frozenset({EVERYTHING}))
            self._add([(rows, columns)], m, g, place, None, "present")

    def add_none(self, m_label: Any = ..., g_label: Any = ...) -> None:
        """No one has this municipality (or gender): a data note that is not there says so."""
        m = np.ones(len(self.m_labels), dtype=bool)
        g = np.ones(len(self.g_labels), dtype=bool)
        if m_label is not ...:
            m = np.array([label == m_label for label in self.m_labels])
        if g_label is not ...:
            g = np.array([label == g_label for label in self.g_labels])
        self._add([], m, g, None, 0, "absent")

    def check_parity(self, group: _Figure, everyone: _Figure, target, goal: str) -> None:
        """The parity target the report shows must be the group's share of everyone."""
        self.parities.append((len(self.figures) - 1, group, everyone, target, goal))

    def _predicate(self, parts: list[Part]) -> int:
        atoms = []
        for mask, columns in parts:
            atom = self._atom(mask)
            if atom is None:
                continue  # holds for everyone: says nothing
            self.columns[atom] |= columns
            atoms.append(atom)
        predicate = tuple(sorted(set(atoms)))
        return self.predicate_ids.setdefault(predicate, len(self.predicate_ids))

    def _atom(self, mask: np.ndarray) -> int | None:
        """The atom of a mask (one with the same rows is the same atom), once per mask."""
        if id(mask) not in self.known:
            atom = None
            if not mask.all():
                key = np.packbits(mask).tobytes()
                if key not in self.atom_ids:
                    self.atom_ids[key] = len(self.atoms)
                    self.atoms.append(mask)
                    self.columns.append(set())
                atom = self.atom_ids[key]
            self.known[id(mask)] = (mask, atom)
        return self.known[id(mask)][1]


def field_columns(ev: Evaluator, name: str) -> frozenset[str]:
    """The columns a field of the goal file reads."""
    field = ev.resolve(name, None)
    if field in _FIELD_COLUMNS:
        return _FIELD_COLUMNS[field]
    return frozenset({field})


def filter_columns(ev: Evaluator, f) -> frozenset[str]:
    if f is None:
        return frozenset()
    if isinstance(f, AllOf | AnyOf):
        return frozenset().union(*(filter_columns(ev, part) for part in f.parts))
    if isinstance(f, Not):
        return filter_columns(ev, f.part)
    if isinstance(f, Exited | Enrolled):
        return _EXIT
    if isinstance(f, Equals | Between | Missing):
        return field_columns(ev, f.field)
    if isinstance(f, SameAs | Compare):
        return field_columns(ev, f.field) | field_columns(ev, f.other.field)
    return frozenset()


def build(report: Report, ev: Evaluator, threshold: int) -> Figures:
    b = _Builder(ev)
    total_key = (
        "population.persons" if report.population.unit == "person" else "population.enrolments"
    )
    b.add([], {}, Place(None, None, total_key), len(ev.frame))  # figure 0
    for index, result in enumerate(report.goals):
        _goal(b, ev, index, result)
    pop_rows = ev.frame["_row"].to_numpy()
    header_findings = []
    for finding in report.findings:
        rows = np.isin(pop_rows, np.asarray(finding.rows, dtype=pop_rows.dtype))
        if finding.rows and int(rows.sum()) == finding.size == len(finding.rows):
            b.add_rows(rows, Place(None, None, f"finding.{finding.kind}"), finding.kind)
        elif finding.kind not in NO_ONE:
            header_findings.append(finding.kind)
    noted = {f.kind for f in report.findings}
    if "unknown_gender" not in noted:
        b.add_none(g_label="unknown")
    if "unknown_municipality" not in noted and "municipality" in ev.participants.columns:
        b.add_none(m_label=None)
    return _problem(b, threshold, pop_rows, header_findings)


def _goal(b: _Builder, ev: Evaluator, index: int, result: GoalResult) -> None:
    """The goal's figures, as the rows its evaluation counted (``GoalResult.rows``)."""
    rows: GoalRows | None = result.rows
    if rows is None:
        raise RuntimeError(f"suppression: goal {result.id} has no rows (not evaluated)")
    b.add(_parts(ev, rows.scope), {}, Place(index, None, "population"), result.population)
    excluded = Place(index, None, "excluded_by_scope")
    b.add(_parts(ev, rows.excluded), {}, excluded, result.excluded_by_scope)
    if rows.denominator is None:
        return
    if rows.outside is not None:
        outside = Place(index, None, "outside_denominator")
        b.add(_parts(ev, rows.outside), {}, outside, result.outside_denominator)
    kind = kinds.lookup(result.kind)
    for j, cell in enumerate(result.cells):
        added = {
            figure.field: b.add(
                _parts(ev, figure.rows),
                figure.dims,
                Place(index, j, figure.field),
                getattr(cell, figure.field, None),
            )
            for figure in kind.figures(result, cell, rows)
        }
        if "target_numerator" in added:  # a target that is the share of two counts
            everyone_in, everyone = added["target_numerator"], added["target_denominator"]
            b.check_parity(everyone_in, everyone, cell.target, f"{result.id} {cell.dims}")
    _labels(b, ev, result, _parts(ev, rows.listed))


def _parts(ev: Evaluator, row_set: RowSet) -> list[Part]:
    """A row set as atoms, each condition with the columns it reads."""
    return [(c.rows, filter_columns(ev, c.filter)) for c in row_set]


def _labels(b: _Builder, ev: Evaluator, result: GoalResult, base: list[Part]) -> None:
    """A listed label counts someone of the table's population; a label not listed, no one."""
    for name in printed_dimensions(result):
        dimension = ev.dimension(name, None)
        listed = {c.dims[name] for c in result.cells if name in c.dims}
        for label in dimension.labels:
            if label in dimension.always:
                continue
            rule = "present" if label in listed else "absent"
            b.add(base, {name: label}, None, None, rule)


def printed_dimensions(result: GoalResult) -> list[str]:
    if result.layout.table == "inner":
        return [inner_key(result), *result.breakdown[-1:]]
    return list(result.breakdown)


def printed_cells(result: GoalResult) -> list[Cell]:
    """The cells of the goal's printed table (rows by the first dimensions, columns by the
    last, totals): with three or more dimensions the others are not shown anywhere."""
    if result.layout.table == "none" or not result.cells:
        return list(result.cells)
    if result.layout.table == "inner":
        inner = inner_key(result)
        shown = set(printed_dimensions(result))
        return [c for c in result.cells if inner in c.dims and set(c.dims) <= shown]
    dims = list(result.breakdown)
    col_dim = dims[-1] if dims else None
    row_dims = dims[:-1]
    rows = [
        dict(zip(row_dims, combo, strict=True))
        for combo in product(*(_values(result.cells, d) for d in row_dims))
    ]
    rows = [*(rows if row_dims else [{}]), {}]
    cols = [{col_dim: v} for v in _values(result.cells, col_dim)] if col_dim else [{}]
    cols.append({})
    keep = {_key({**row, **col}) for row in rows for col in cols}
    return [c for c in result.cells if _key(c.dims) in keep]


def _key(dims: dict[str, Any]) -> tuple:
    return tuple(sorted(dims.items(), key=str))


def _values(cells: list[Cell], dim: str | None) -> list[Any]:
    return list(dict.fromkeys(c.dims[dim] for c in cells if dim in c.dims))


def _problem(b: _Builder, threshold, pop_rows, header_findings) -> Figures:
    figures = b.figures
    n = len(b.m_codes)
    member_rows = np.array(b.atoms, dtype=bool) if b.atoms else np.zeros((0, n), dtype=bool)
    first, classes = _classes(member_rows)
    n_m, n_g = len(b.m_labels), len(b.g_labels)
    counts = np.zeros((n_m, n_g, len(first)), dtype=np.int64)
    np.add.at(counts, (b.m_codes, b.g_codes, classes), 1)
    conjunction = np.zeros((len(b.predicate_ids), len(b.atoms)), dtype=bool)
    for predicate, index in b.predicate_ids.items():
        conjunction[index, list(predicate)] = True
    fig_pred = np.array([f.predicate for f in figures], dtype=np.int64)
    fig_m = np.array([f.m for f in figures], dtype=bool).reshape(len(figures), n_m)
    fig_g = np.array([f.g for f in figures], dtype=bool).reshape(len(figures), n_g)
    holds = satisfied(conjunction, member_rows[:, first])  # (P, R)
    per_cell, subsets = _cells(holds, counts.reshape(n_m * n_g, -1))
    # Each figure's cells, figure by figure: what it counts is what its predicate counts there.
    at, cell = np.nonzero((fig_m[:, :, None] & fig_g[:, None, :]).reshape(len(figures), -1))
    counted = np.bincount(at, per_cell[fig_pred[at], cell], len(figures)).astype(np.int64)
    for f, count in zip(figures, counted.tolist(), strict=True):
        f.value = count
    _check(b)
    fig_group = _groups(fig_pred, fig_m, fig_g, at, cell, subsets[fig_pred[at], cell])
    n_groups = int(fig_group.max(initial=-1)) + 1
    value = np.zeros(n_groups, dtype=np.int64)
    displayed = np.zeros(n_groups, dtype=bool)
    pinned = np.zeros(n_groups, dtype=bool)
    present = np.zeros(n_groups, dtype=bool)
    weight = np.ones(n_groups, dtype=np.int64)
    places: dict[int, list[Place]] = {}
    # A total across municipalities is in the summary, one across genders in a table's last
    # column; the header's and goals' own figures matter most.
    across = (1 + 2 * (fig_m.sum(axis=1) > 1) + (fig_g.sum(axis=1) > 1)).tolist()
    for f, group, cost in zip(figures, fig_group.tolist(), across, strict=True):
        value[group] = f.value
        if f.place is not None:
            displayed[group] = True
            places.setdefault(group, []).append(f.place)
        pinned[group] |= f.rule == "absent"
        present[group] |= f.rule == "present"
        cost += 4 * (f.place is not None and f.place.cell is None)
        weight[group] = max(weight[group], cost)
    factor, reads_gender, reads_municipality = _factors(b.columns)
    factor_columns: list[set[str]] = [set() for _ in reads_gender]
    for k, reads in enumerate(b.columns):
        factor_columns[factor[k]] |= reads
    problem = Problem(
        threshold=threshold,
        counts=counts,
        member=member_rows[:, first],
        conjunction=conjunction,
        factor=factor,
        reads_gender=reads_gender,
        reads_municipality=reads_municipality,
        fig_pred=fig_pred,
        fig_m=fig_m,
        fig_g=fig_g,
        fig_group=fig_group.astype(np.int64),
        fig_displayed=np.array([f.place is not None for f in figures], dtype=bool),
        value=value,
        displayed=displayed,
        pinned=pinned,
        present=present,
        weight=weight,
        total=int(fig_group[0]),
    )
    return Figures(
        problem,
        places,
        header_findings,
        pop_rows,
        b.m_codes,
        b.g_codes,
        classes,
        b.m_labels,
        b.g_labels,
        factor_columns,
        [f.place for f in figures],
    )


def _groups(fig_pred, fig_m, fig_g, at, cell, subset) -> np.ndarray:
    """Figures counting the same people are one group (the same classes of people in each
    cell), numbered as first seen; an empty figure is only itself. ``at``, ``cell``,
    ``subset``: each figure's cells, figure by figure, and which classes it counts there."""
    counts = subset != 0
    pairs = np.stack([cell[counts], subset[counts]], axis=1).astype(np.int64).tobytes()
    start = np.searchsorted(at[counts], np.arange(len(fig_pred) + 1)).tolist()
    width = 2 * np.dtype(np.int64).itemsize
    ids: dict[Any, int] = {}
    group = np.empty(len(fig_pred), dtype=np.int64)
    for f, (begin, end) in enumerate(pairwise(start)):
        if begin == end:  # counts no one: its predicate and cells are what it is
            key: Any = (int(fig_pred[f]), fig_m[f].tobytes(), fig_g[f].tobytes())
        else:
            key = pairs[begin * width : end * width]
        group[f] = ids.setdefault(key, len(ids))
    return group


def _classes(member_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows with the same atoms are one class: (the first row of each class, each row's
    class), classes in the order of their atoms."""
    n = member_rows.shape[1]
    if not len(member_rows) or not n:  # no atoms: everyone is of one class
        return np.zeros(min(n, 1), dtype=np.int64), np.zeros(n, dtype=np.int64)
    return distinct_columns(member_rows)


def _cells(holds: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per predicate and cell (municipality, gender): the people it counts there, and
    which of the cell's classes it counts, as a number (0: none; equal numbers in one cell,
    the same classes)."""
    cell, cls = np.nonzero(counts)
    start = np.searchsorted(cell, np.arange(len(counts) + 1))
    inside = holds[:, cls]
    people = counts[cell, cls]
    per_cell = np.array([np.bincount(cell, people * row, len(counts)) for row in inside])
    per_cell = per_cell.astype(np.int64).reshape(len(holds), len(counts))
    subsets = np.zeros((len(holds), len(counts)), dtype=np.int64)
    for c in np.flatnonzero(np.diff(start)):
        packed = np.packbits(inside[:, start[c] : start[c + 1]], axis=1)
        seen: dict[bytes, int] = {bytes(packed.shape[1]): 0}  # none of them: 0
        for p, row in enumerate(packed):
            subsets[p, c] = seen.setdefault(row.tobytes(), len(seen))
    return per_cell, subsets


def _check(b: _Builder) -> None:
    """Every figure counts what the report shows, and every parity target is the group's
    share of everyone (the first that does not is a bug in esfkit)."""
    parities: dict[int, list] = {}
    for after, *parity in b.parities:
        parities.setdefault(after, []).append(parity)
    for index, f in enumerate(b.figures):
        if f.expected is not None and f.value != f.expected:
            raise RuntimeError(
                f"suppression: {f.place} counts {f.value} rows, the report {f.expected}"
            )
        for group, everyone, target, goal in parities.get(index, []):
            share = 100.0 * group.value / everyone.value if everyone.value else None
            if share != target:
                raise RuntimeError(f"suppression: parity target of {goal}")


def _factors(columns: list[set[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Predicates reading a common column form one factor (union-find over the columns);
    a predicate reading every column joins them all."""
    everything = any(EVERYTHING in c for c in columns)
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for reads in columns:
        reads = {EVERYTHING} if everything and reads else reads
        first, *rest = sorted(reads) or ["(none)"]
        for other in rest:
            parent[root(other)] = root(first)
        root(first)
    roots: dict[str, int] = {}
    factor = np.zeros(len(columns), dtype=np.int64)
    for k, reads in enumerate(columns):
        reads = {EVERYTHING} if everything and reads else reads
        factor[k] = roots.setdefault(root(sorted(reads)[0] if reads else "(none)"), len(roots))
    read_by: list[set[str]] = [set() for _ in roots]  # per factor, the columns it reads
    for k, columns_k in enumerate(columns):
        read_by[factor[k]] |= columns_k
    gender = np.array([bool({"gender", EVERYTHING} & r) for r in read_by], dtype=bool)
    municipality = np.array([bool({"municipality", EVERYTHING} & r) for r in read_by], dtype=bool)
    return factor, gender, municipality
