"""Small validators for goal-file nodes: each turns a wrong shape into a located GoalFileError.

Every number and date has a range (docs/goal-file.md, "Numbers and dates"): a number that
is not finite (``.nan``, ``.inf``) or lies outside its range is refused where it is written,
before it can make a figure wrong or a report fail.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import cast

from esfkit.errors import GoalFileError, Said, did_you_mean, impossible_date, say
from esfkit.goalfile.yamlnode import Node
from esfkit.limits import FIRST_DATE, LAST_DATE, NUMBER_LIMIT, readable

What = str | Said  # what a value is, in messages: a YAML key as written, or a sentence

_PERCENT = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*%\s*$")


def mapping(node: Node, what: What) -> dict[str, Node]:
    if not node.is_mapping:
        raise node.error(say("goal.mapping", what=what, value=node.described()))
    return cast(dict[str, Node], node.value)


def sequence(node: Node, what: What) -> list[Node]:
    if not node.is_sequence:
        raise node.error(say("goal.list", what=what, value=node.described()))
    return cast(list[Node], node.value)


def known_keys(node: Node, allowed: Iterable[str], what: What) -> None:
    """Reject any key outside ``allowed``, suggesting the closest known one."""
    allowed = list(allowed)
    for key, loc in node.key_locs.items():
        if key not in allowed:
            suggestion = did_you_mean(key, allowed)
            known = ", ".join(allowed)
            hint = (
                say("hint.did_you_mean_keys", suggestion=suggestion, known=known)
                if suggestion
                else say("hint.keys", known=known)
            )
            raise GoalFileError(say("goal.unknown_key", key=key, what=what), where=loc, hint=hint)


def require(node: Node, key: str, what: What) -> Node:
    value = node.value.get(key)
    if value is None:
        raise node.error(say("goal.needs", what=what, key=key))
    return cast(Node, value)


def text(node: Node, what: What) -> str:
    if not node.is_scalar or node.value is None:
        raise node.error(say("goal.text", what=what, value=node.described()))
    return str(node.text).strip()


def number(node: Node, what: What, *, minimum: float = 0, maximum: float = NUMBER_LIMIT) -> float:
    """A finite number from ``minimum`` to ``maximum``."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise node.error(
            say("goal.number", what=what, value=node.described()),
            hint=say("hint.digits") if isinstance(value, str) else None,
        )
    if not (isinstance(value, int) or math.isfinite(value)):
        raise node.error(say("goal.number", what=what, value=node.described()))
    if not minimum <= value <= maximum:
        low, high = readable(minimum), readable(maximum)
        raise node.error(
            say("goal.number_range", what=what, low=low, high=high, value=node.described())
        )
    return float(value)


def whole(node: Node, what: What, minimum: int, maximum: int, hint: Said | None = None) -> int:
    """A whole number from ``minimum`` to ``maximum``."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        low, high = readable(minimum), readable(maximum)
        raise node.error(
            say("goal.whole", what=what, low=low, high=high, value=node.described()), hint=hint
        )
    return value


def percent(node: Node, what: What) -> float:
    """'50 %', '50%' or '12,5 %' -> 50.0. A bare number is refused: 0.5 and 50 both look right."""
    if node.is_scalar and isinstance(node.text, str):
        match = _PERCENT.match(node.text)
        if match:
            value = float(match.group(1).replace(",", "."))
            if not 0 <= value <= 100:
                raise node.error(say("goal.percent_range", what=what, value=node.text))
            return value
    raise node.error(
        say("goal.percent", what=what, value=node.described()), hint=say("hint.percent")
    )


def date(node: Node, what: What) -> dt.date:
    value = node.value
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            day = None
        why = impossible_date(value)
        if day is None and why is not None:  # written right, but no such day
            raise node.error(say("goal.impossible_date", what=what, value=value, why=why))
    if not isinstance(day, dt.date):
        raise node.error(say("goal.date", what=what, value=node.described()))
    if not in_date_range(day):
        raise node.error(date_range_message(what, node.described()))
    return day


def in_date_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def date_range_message(what: What, value: object) -> Said:
    """'project.start must be a date from 1900-01-01 to 2199-12-31, not ...'."""
    return say("goal.date_range", what=what, first=FIRST_DATE, last=LAST_DATE, value=value)


def boolean(node: Node, what: What) -> bool:
    if isinstance(node.value, bool):
        return node.value
    if isinstance(node.value, str) and node.value.strip().casefold() in _WORDS:
        return _WORDS[node.value.strip().casefold()]
    raise node.error(say("goal.boolean", what=what, value=node.described()))


_WORDS = {"ja": True, "nej": False, "yes": True, "no": False, "true": True, "false": False}


def choice(node: Node, choices: Iterable[str], what: What) -> str:
    choices = list(choices)
    value = text(node, what)
    if value not in choices:
        suggestion = did_you_mean(value, choices)
        known = ", ".join(choices)
        hint = (
            say("hint.did_you_mean_one_of", suggestion=suggestion, known=known)
            if suggestion
            else say("hint.one_of", known=known)
        )
        raise node.error(say("goal.choice", what=what, value=value), hint=hint)
    return value
