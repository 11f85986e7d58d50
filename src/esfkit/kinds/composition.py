"""``composition``: how the population divides over the values of one dimension.

Every value's percentage of the population is shown, blank ("unknown") included, overall
and for each level of the rest of the breakdown. The target gives a percentage per value
(for gender: ``women``, ``men``, ``nonbinary``; for any other dimension its values, such as
age bands or municipalities); ``tolerance`` (percentage points, default 0) is how far each
share may lie from its target. Met when every targeted share is within tolerance. With
``at_least: true`` each target is a floor ("at least 60 % women": met from 60 % up, or from
the target less the tolerance), with ``at_most: true`` a ceiling; not both.

"At least 60 % women"::

    composition: gender
    target: {women: 60 %}
    at_least: true

Passes::

    - id: gender_mix
      title: Könsfördelning bland deltagarna
      composition: gender
      target: {women: 53 %, men: 47 %}
      tolerance: 2 %                    # 52 % women and 48 % men: met

Fails to load::

    - id: gender_mix
      composition: gender
      target: 53 %                      # "target must be a mapping of value: percentage"
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from esfkit.goalfile import nodes
from esfkit.goalfile.model import Goal
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind, inner_key
from esfkit.kinds.context import GoalContext
from esfkit.kinds.judging import percent_cell
from esfkit.kinds.rows import Figure, GoalRows
from esfkit.report import MEASURES, Cell, GoalResult, Layout, Status, combine

# A row per value of the dimension, each cell "count (percent)"; the bases are the totals.
INNER = Layout(
    table="inner",
    measures=tuple(m for m in MEASURES if m != "denominator"),
    columns=("numerator", "value", "target", "gap"),
)


# Keys that make each target a floor or a ceiling.
BOUNDS = ("at_least", "at_most")


@dataclass(frozen=True)
class CompositionGoal:
    dimension: str
    target: dict[str, float] | None
    tolerance: float = 0.0
    bound: str | None = None  # "at_least" or "at_most": each target a floor or a ceiling


class Composition(GoalKind[CompositionGoal]):
    name = "composition"
    keys = ("target", "tolerance", *BOUNDS)
    layout = replace(INNER, summary="shares", gap="points", trend="judged")

    def parse(self, node: Node, entries: dict[str, Node]) -> CompositionGoal:
        dimension = nodes.text(entries[self.name], self.name)
        target = None
        if "target" in entries:
            if not entries["target"].is_mapping:
                raise entries["target"].error(
                    "target must be a mapping of value: percentage",
                    hint="for example target: {women: 53 %, men: 47 %}",
                )
            target = {
                key: nodes.percent(value, f"target for {key}")
                for key, value in entries["target"].value.items()
            }
        tolerance = tolerance_of(entries)
        return CompositionGoal(dimension, target, tolerance, _bound(node, entries))

    def cells(self, goal: Goal[CompositionGoal], ctx: GoalContext) -> GoalResult:
        definition: CompositionGoal = goal.definition
        outer = tuple(d for d in ctx.breakdown if d != definition.dimension)
        cells, binding = share_cells(ctx, outer, definition.dimension)
        targets = {k.casefold(): v for k, v in (definition.target or {}).items()}
        for cell in cells:
            cell.judged = cell in binding
            label = cell.dims[definition.dimension]
            key = label.casefold() if isinstance(label, str) else label
            cell.target = targets.get(key)
            if cell.target is None:
                continue
            if cell.value is None:
                cell.status = Status.NO_DATA
                continue
            cell.gap = cell.target - cell.value
            cell.status = Status.MET if _within(definition, cell.gap) else Status.NOT_MET
        status = combine([c.status for c in cells if c.judged and c.target is not None])
        return self.result(
            goal,
            status,
            cells,
            breakdown=outer,
            measure="percent",
            dimension=definition.dimension,
            tolerance=definition.tolerance,
            at_least=definition.bound == "at_least",
            at_most=definition.bound == "at_most",
        )

    def figures(self, result: GoalResult, cell: Cell, rows: GoalRows) -> list[Figure]:
        return inner_figures(result, cell, rows)


def _bound(node: Node, entries: dict[str, Node]) -> str | None:
    """``at_least: true`` or ``at_most: true`` (or neither); not both."""
    given = [key for key in BOUNDS if key in entries and nodes.boolean(entries[key], key)]
    if len(given) == 2:
        raise node.value["at_most"].error(
            "a composition target is either a floor (at_least) or a ceiling (at_most), not both",
            hint="for a range write the target and a tolerance: target: {women: 55 %}, tolerance: 5 %",
        )
    return given[0] if given else None


def _within(definition: CompositionGoal, gap: float) -> bool:
    """Whether a share ``gap`` points short of its target meets it."""
    slack = definition.tolerance + 1e-9
    if definition.bound == "at_least":
        return gap <= slack
    if definition.bound == "at_most":
        return gap >= -slack
    return abs(gap) <= slack


def inner_figures(result: GoalResult, cell: Cell, rows: GoalRows) -> list[Figure]:
    """A cell of a table by one dimension counts the goal's rows with its values; its
    denominator, the base, those with its outer values."""
    counted = rows.denominator or ()
    outer = {k: v for k, v in cell.dims.items() if k != inner_key(result)}
    return [Figure("numerator", counted, cell.dims), Figure("denominator", counted, outer)]


def tolerance_of(entries: dict[str, Node]) -> float:
    """``tolerance: 2 %`` or ``tolerance: 2``: percentage points."""
    if "tolerance" not in entries:
        return 0.0
    node = entries["tolerance"]
    if isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return nodes.number(node, "tolerance", maximum=100)
    return nodes.percent(node, "tolerance")


def share_cells(
    ctx: GoalContext, outer: tuple[str, ...], inner: str
) -> tuple[list[Cell], list[Cell]]:
    """A cell per (outer level, inner value): its count and percentage of the outer level.

    Returns the cells and those at the top level (the inner dimension alone), on which a
    goal is judged.
    """
    tallies = ctx.tally(None, names=(*outer, inner))
    bases = {
        tuple(sorted(t.dims.items(), key=str)): t.denominator
        for t in tallies
        if inner not in t.dims
    }
    cells, top = [], []
    for tally in tallies:
        if inner not in tally.dims:
            continue
        outer_dims = {k: v for k, v in tally.dims.items() if k != inner}
        base = bases[tuple(sorted(outer_dims.items(), key=str))]
        cell = percent_cell(tally.dims, tally.denominator, base)
        cells.append(cell)
        if not outer_dims:
            top.append(cell)
    return cells, top


KIND = Composition()
