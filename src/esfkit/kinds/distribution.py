"""``distribution``: every value of a column, with its count and percentage.

A report-only table: each value found (spellings differing only in case are one value),
blank included as its own line, for the total and each level of the breakdown. For
``exit`` the values are the outcomes that count at the report date, so participants still
enrolled fall in the blank line together with those who left without an outcome recorded;
both are also named in the report header.

Passes::

    - id: other_exits
      title: Avslut per orsak
      distribution: exit

Fails to load::

    - id: other_exits
      distribution: [exit, gender]     # "distribution must be text"
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from esfkit.goalfile import nodes
from esfkit.goalfile.model import Goal
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.composition import INNER, share_cells
from esfkit.kinds.context import GoalContext
from esfkit.report import GoalResult, Status

NAME = "distribution"
KEYS = ()
# A composition's table without targets; a goal sheet's value column shows the percentage.
LAYOUT = replace(INNER, summary="base", value_field="percent", trend="")


@dataclass(frozen=True)
class DistributionGoal:
    column: str


def parse(node: Node, entries: dict[str, Node]) -> DistributionGoal:
    return DistributionGoal(nodes.text(entries["distribution"], "distribution"))


def evaluate(goal: Goal, ctx: GoalContext) -> GoalResult:
    definition: DistributionGoal = goal.definition
    outer = tuple(d for d in ctx.breakdown if d != definition.column)
    cells, _top = share_cells(ctx, outer, definition.column)
    for cell in cells:
        cell.value = cell.numerator
    return GoalResult(
        goal.id,
        goal.title,
        NAME,
        Status.NO_TARGET,
        cells,
        breakdown=outer,
        dimension=definition.column,
        layout=LAYOUT,
    )
