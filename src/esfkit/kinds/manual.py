"""``manual``: a qualitative goal whose status the project sets by hand.

The status is ``met``, ``not_met`` or ``in_progress``; a ``note`` says on what grounds. It
has no figures.

Passes::

    - id: income_support
      title: Minskat försörjningsstöd
      manual: in_progress
      note: Se utvärderarens slutrapport

Fails to load::

    - id: income_support
      manual: done                     # "manual cannot be 'done'": met, not_met, in_progress
"""

from __future__ import annotations

from dataclasses import dataclass

from esfkit.goalfile import nodes
from esfkit.goalfile.model import Goal
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind
from esfkit.kinds.context import GoalContext
from esfkit.kinds.rows import GoalRows
from esfkit.report import GoalResult, Layout, Status

STATUSES = ("met", "not_met", "in_progress")


@dataclass(frozen=True)
class ManualGoal:
    status: str


class Manual(GoalKind[ManualGoal]):
    name = "manual"
    layout = Layout(table="none", summary="note", trend="")

    def parse(self, node: Node, entries: dict[str, Node]) -> ManualGoal:
        return ManualGoal(nodes.choice(entries[self.name], STATUSES, self.name))

    def cells(self, goal: Goal[ManualGoal], ctx: GoalContext) -> GoalResult:
        return self.result(goal, Status(goal.definition.status), [])

    def rows(self, goal: Goal[ManualGoal], ctx: GoalContext) -> GoalRows:
        """No figure of rows: only the goal's own population."""
        scope = ctx.conditions(goal.scope)
        return GoalRows(scope, (ctx.negation(goal.scope),), None)


KIND = Manual()
