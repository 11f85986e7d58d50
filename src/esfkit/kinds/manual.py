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
from esfkit.kinds.context import GoalContext
from esfkit.report import GoalResult, Layout, Status

NAME = "manual"
KEYS = ()
STATUSES = ("met", "not_met", "in_progress")
LAYOUT = Layout(table="none", summary="note", trend="")


@dataclass(frozen=True)
class ManualGoal:
    status: str


def parse(node: Node, entries: dict[str, Node]) -> ManualGoal:
    return ManualGoal(nodes.choice(entries["manual"], STATUSES, "manual"))


def evaluate(goal: Goal, ctx: GoalContext) -> GoalResult:
    return GoalResult(goal.id, goal.title, NAME, Status(goal.definition.status), [], layout=LAYOUT)
