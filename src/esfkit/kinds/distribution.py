"""``distribution``: every value of a column, with its count and percentage.

A report-only table: each value found (spellings differing only in case are one value),
blank included as its own line, for the total and each level of the breakdown. For
``exit`` the values are the outcomes that count at the report date, so participants still
enrolled fall in the blank line together with those who left without an outcome recorded;
the report's data notes count the latter ("Avslutade utan avslutsorsak"), so the rest of
the blank line are still enrolled.

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
from esfkit.kinds.base import GoalKind
from esfkit.kinds.composition import INNER, inner_figures, share_cells
from esfkit.kinds.context import GoalContext
from esfkit.kinds.rows import Figure, GoalRows
from esfkit.report import Cell, GoalResult, Status


@dataclass(frozen=True)
class DistributionGoal:
    column: str


class Distribution(GoalKind[DistributionGoal]):
    name = "distribution"
    # A composition's table without targets; a goal sheet's value column shows the percentage.
    layout = replace(INNER, summary="base", value_field="percent", trend="")

    def parse(self, node: Node, entries: dict[str, Node]) -> DistributionGoal:
        return DistributionGoal(nodes.text(entries[self.name], self.name))

    def cells(self, goal: Goal[DistributionGoal], ctx: GoalContext) -> GoalResult:
        definition: DistributionGoal = goal.definition
        outer = tuple(d for d in ctx.breakdown if d != definition.column)
        cells, _top = share_cells(ctx, outer, definition.column)
        for cell in cells:
            cell.value = cell.numerator
        return self.result(
            goal, Status.NO_TARGET, cells, breakdown=outer, dimension=definition.column
        )

    def figures(self, result: GoalResult, cell: Cell, rows: GoalRows) -> list[Figure]:
        return inner_figures(result, cell, rows)


KIND = Distribution()
