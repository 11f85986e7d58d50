"""A goal's definition digest: a short fingerprint of what the goal counts.

The history file records it beside each run's figures (``esfkit.history``), so a figure is
only compared with earlier figures of the same definition. It is made from the parsed goal,
never from the file's text: formatting, comments, the order of keys and where the goal is
written do not change it. What only judges a figure (the target, ``at_most``, ``per``,
``tolerance``) and the words around it (title, note) do not change it either: the figure
stays comparable. What changes the figure does: the kind, its filters (``share``, ``of``,
``count`` ...), the scope, the composition's dimension or the parity group, the outcome
groups the goal names, and ``data.unit``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

from esfkit.errors import GoalFileLocation
from esfkit.goalfile.model import Goal, GoalFile

JUDGING = frozenset({"target", "at_most", "per", "tolerance"})


def goal_digest(goal: Goal[Any], goal_file: GoalFile) -> str:
    """Sixteen letters (never digits, so no masking of digit runs can alter one)."""
    meaning = {
        "kind": goal.kind,
        "definition": _plain(goal.definition),
        "scope": _plain(goal.scope),
    }
    named = _texts(meaning) & goal_file.outcomes.keys()
    meaning["outcomes"] = {name: list(goal_file.outcomes[name]) for name in sorted(named)}
    meaning["unit"] = goal_file.data.unit
    text = json.dumps(meaning, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "".join(chr(ord("a") + byte % 26) for byte in digest[:16])


def _plain(value: Any) -> Any:
    """The value as JSON-ready data: a dataclass by its compared fields (locations and a
    scalar's parsed value are not compared), without what only judges and without unset
    fields, so a new optional field leaves old digests alone."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"type": type(value).__name__}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if not field.compare or field.name in JUDGING or isinstance(item, GoalFileLocation):
                continue
            if item is not None and item != ():
                out[field.name] = _plain(item)
        return out
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _texts(value: Any) -> set[str]:
    """Every string in the plain data: the words a goal's filters name."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_texts(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_texts(item) for item in value))
    return set()
