"""What a goal file says the data's cells should hold, handed to the data layer's checks.

A cell that differs from a value named here only by characters nobody sees, or by letters
of another alphabet that look the same, is found by the checks (esfkit.data.checks): the
outcome groups' values, project.municipalities, and every ``field: value`` a goal's scope
or filters compare a column with.
"""

from __future__ import annotations

from typing import Any

from esfkit.data.settings import Declared
from esfkit.goalfile.model import AllOf, AnyOf, Equals, Filter, Goal, GoalFile, Not


def declared(goal_file: GoalFile) -> Declared:
    """The values ``goal_file`` names for the data, as written."""
    values = []
    for goal in goal_file.goals:
        for leaf in _equals(goal):
            words = [v.text for v in leaf.values if isinstance(v.value, str)]
            if leaf.field == "exit":  # a group's name stands for its values, declared above
                words = [w for w in words if w not in goal_file.outcomes]
            values.append((leaf.field, tuple(words)))
    return Declared(
        municipalities=goal_file.project.municipalities,
        outcomes=tuple(v for group in goal_file.outcomes.values() for v in group),
        values=tuple(values),
    )


def _equals(goal: Goal[Any]) -> list[Equals]:
    """The `field: value` conditions of a goal: its scope and its kind's filters."""
    found: list[Equals] = []
    todo: list[Filter] = [goal.scope] if goal.scope is not None else []
    todo += [v for v in vars(goal.definition).values() if isinstance(v, Filter)]
    while todo:
        part = todo.pop()
        if isinstance(part, AllOf | AnyOf):
            todo += part.parts
        elif isinstance(part, Not):
            todo.append(part.part)
        elif isinstance(part, Equals):
            found.append(part)
    return found
