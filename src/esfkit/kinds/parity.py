"""``parity``: a group (women by default) is at least as well represented among those who
match a filter as among everyone.

The value is the group's percentage among the matching rows; the target is the group's
percentage among the whole population of the goal, in the same municipality (or other
breakdown level). ``tolerance`` (percentage points, default 0) allows that much below.
Met when the total cell reaches its target; the other cells are shown for information.

Passes::

    - id: women_in_jobs
      title: Minst hälften av de som får anställning är kvinnor, i proportion
      parity: {exit: work}             # women 48 % of all; 50 % of those employed: met

Fails to load::

    - id: women_in_jobs
      parity: {exit: work}
      group: kvinnor                   # "group cannot be 'kvinnor'": women, men, nonbinary
"""

from __future__ import annotations

from dataclasses import dataclass

from esfkit.goalfile import nodes
from esfkit.goalfile.filters import parse_filter
from esfkit.goalfile.model import GENDER_VALUES, Filter, Goal
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind
from esfkit.kinds.composition import tolerance_of
from esfkit.kinds.context import GoalContext
from esfkit.kinds.judging import percent, percent_cell
from esfkit.kinds.rows import Figure, GoalRows
from esfkit.report import Cell, GoalResult, Layout, Status


@dataclass(frozen=True)
class ParityGoal:
    filter: Filter
    group: str = "women"
    tolerance: float = 0.0


class Parity(GoalKind[ParityGoal]):
    name = "parity"
    keys = ("group", "tolerance")
    # The target is a share worked out from the rows: shown with its decimal.
    layout = Layout(gap="points", target_decimals=1)

    def parse(self, node: Node, entries: dict[str, Node]) -> ParityGoal:
        group = (
            nodes.choice(entries["group"], GENDER_VALUES, "group")
            if "group" in entries
            else "women"
        )
        return ParityGoal(
            parse_filter(entries[self.name], f"'{self.name}'"), group, tolerance_of(entries)
        )

    def cells(self, goal: Goal[ParityGoal], ctx: GoalContext) -> GoalResult:
        definition: ParityGoal = goal.definition
        outer = tuple(d for d in ctx.breakdown if d != "gender")
        gender = ctx.dimension("gender")
        in_group = gender.codes == gender.labels.index(definition.group)
        matching = ctx.mask(definition.filter)
        among_matching = ctx.tally(in_group, matching, names=outer)
        among_all = {_key(t.dims): t for t in ctx.tally(in_group, names=outer)}
        cells = []
        status = Status.NO_DATA
        for tally in among_matching:
            base = among_all[_key(tally.dims)]
            target = percent(base.numerator, base.denominator)
            cell = percent_cell(tally.dims, tally.numerator, tally.denominator, target)
            value = cell.value
            if value is None or cell.target is None:
                cell.status = Status.NO_DATA
            else:
                cell.gap = cell.target - value
                cell.status = (
                    Status.MET
                    if value >= cell.target - definition.tolerance - 1e-9
                    else Status.NOT_MET
                )
            if not tally.dims:
                cell.judged = True
                status = cell.status
            cells.append(cell)
        return self.result(
            goal,
            status,
            cells,
            breakdown=outer,
            measure="percent",
            tolerance=definition.tolerance,
            group=definition.group,
        )

    def rows(self, goal: Goal[ParityGoal], ctx: GoalContext) -> GoalRows:
        """The cells count the rows in scope that match the filter (the table lists their
        values); the target, everyone in scope."""
        scope = ctx.conditions(goal.scope)
        matching = scope + ctx.conditions(goal.definition.filter)
        excluded = (ctx.negation(goal.scope),)
        return GoalRows(scope, excluded, scope, matching, table=matching)

    def figures(self, result: GoalResult, cell: Cell, rows: GoalRows) -> list[Figure]:
        """The group's count among the matching and theirs, and the target's two counts:
        the group among everyone in scope, and everyone."""
        group = {**cell.dims, "gender": result.group}
        matching = rows.numerator or ()
        return [
            Figure("numerator", matching, group),
            Figure("denominator", matching, cell.dims),
            Figure("target_numerator", rows.scope, group),
            Figure("target_denominator", rows.scope, cell.dims),
        ]


def _key(dims: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(dims.items(), key=str))


KIND = Parity()
