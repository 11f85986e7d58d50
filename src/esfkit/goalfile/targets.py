"""Targets as written: a number, a percentage, or one per gender (plus an optional total)."""

from __future__ import annotations

from collections.abc import Callable

from esfkit.goalfile import nodes
from esfkit.goalfile.model import GENDER_VALUES, Target
from esfkit.goalfile.yamlnode import Node
from esfkit.limits import COUNT_LIMIT, SMALLEST_COUNT

_TARGET_KEYS = (*GENDER_VALUES, "total")


def count_target(node: Node) -> Target:
    """``210`` or ``{women: 112, men: 98}`` (the total is then their sum) or with ``total:``."""
    return _target(node, _count, percent=False)


def _count(node: Node, what: str) -> float:
    value = nodes.number(node, what, maximum=COUNT_LIMIT)
    if 0 < value < SMALLEST_COUNT:
        raise node.error(f"{what} must be 0 or at least {SMALLEST_COUNT}, not {node.describe()}")
    return value


def percent_target(node: Node) -> Target:
    """``50 %`` or ``{women: 50 %, men: 40 %, total: 45 %}``."""
    return _target(node, nodes.percent, percent=True)


def _target(node: Node, read: Callable[[Node, str], float], *, percent: bool) -> Target:
    if not node.is_mapping:
        return Target({}, read(node, "target"), node.loc, percent)
    nodes.known_keys(node, _TARGET_KEYS, "target")
    values = {key: read(value, f"target for {key}") for key, value in node.value.items()}
    if not values:
        raise node.error(
            "target is empty", hint="write a number, or one per gender: {women: 10, men: 8}"
        )
    total = values.pop("total", None)
    return Target(values, total, node.loc, percent)
