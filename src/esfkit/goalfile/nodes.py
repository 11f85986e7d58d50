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

from esfkit.errors import GoalFileError, did_you_mean
from esfkit.goalfile.yamlnode import Node
from esfkit.limits import FIRST_DATE, LAST_DATE, NUMBER_LIMIT, readable

_PERCENT = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*%\s*$")


def mapping(node: Node, what: str) -> dict[str, Node]:
    if not node.is_mapping:
        raise node.error(f"{what} must be a mapping of 'key: value' lines, not {node.describe()}")
    return cast(dict[str, Node], node.value)


def sequence(node: Node, what: str) -> list[Node]:
    if not node.is_sequence:
        raise node.error(
            f"{what} must be a list (one '- item' per line or [a, b]), not {node.describe()}"
        )
    return cast(list[Node], node.value)


def known_keys(node: Node, allowed: Iterable[str], what: str) -> None:
    """Reject any key outside ``allowed``, suggesting the closest known one."""
    allowed = list(allowed)
    for key, loc in node.key_locs.items():
        if key not in allowed:
            suggestion = did_you_mean(key, allowed)
            hint = f"did you mean '{suggestion}'?" if suggestion else None
            known = ", ".join(allowed)
            hint = f"{hint} Known keys: {known}" if hint else f"known keys: {known}"
            raise GoalFileError(f"unknown key '{key}' in {what}", where=loc, hint=hint)


def require(node: Node, key: str, what: str) -> Node:
    value = node.value.get(key)
    if value is None:
        raise node.error(f"{what} needs '{key}'")
    return cast(Node, value)


def text(node: Node, what: str) -> str:
    if not node.is_scalar or node.value is None:
        raise node.error(
            f"{what} must be text, not {node.describe() if node.value is not None else 'empty'}"
        )
    return str(node.text).strip()


def number(node: Node, what: str, *, minimum: float = 0, maximum: float = NUMBER_LIMIT) -> float:
    """A finite number from ``minimum`` to ``maximum``."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise node.error(
            f"{what} must be a number, not {node.describe()}",
            hint="write it with digits, e.g. 12 or 2.5 (1e6 is text in YAML; write 1000000)"
            if isinstance(value, str)
            else None,
        )
    if not (isinstance(value, int) or math.isfinite(value)):
        raise node.error(f"{what} must be a number, not {node.describe()}")
    if not minimum <= value <= maximum:
        raise node.error(
            f"{what} must be from {readable(minimum)} to {readable(maximum)}, not {node.describe()}"
        )
    return float(value)


def whole(node: Node, what: str, minimum: int, maximum: int, hint: str | None = None) -> int:
    """A whole number from ``minimum`` to ``maximum``."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise node.error(
            f"{what} must be a whole number from {readable(minimum)} to {readable(maximum)}, "
            f"not {node.describe()}",
            hint=hint,
        )
    return value


def percent(node: Node, what: str) -> float:
    """'50 %', '50%' or '12,5 %' -> 50.0. A bare number is refused: 0.5 and 50 both look right."""
    if node.is_scalar and isinstance(node.text, str):
        match = _PERCENT.match(node.text)
        if match:
            value = float(match.group(1).replace(",", "."))
            if not 0 <= value <= 100:
                raise node.error(f"{what} must be between 0 % and 100 %, not {node.text}")
            return value
    raise node.error(
        f"{what} must be a percentage such as '50 %', not {node.describe()}",
        hint="write the number followed by %, e.g. `target: 50 %`",
    )


def date(node: Node, what: str) -> dt.date:
    value = node.value
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if not isinstance(day, dt.date):
        raise node.error(f"{what} must be a date written YYYY-MM-DD, not {node.describe()}")
    if not in_date_range(day):
        raise node.error(date_range_message(what, node.describe()))
    return day


def in_date_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def date_range_message(what: str, value: str) -> str:
    return f"{what} must be a date from {FIRST_DATE} to {LAST_DATE}, not {value}"


def boolean(node: Node, what: str) -> bool:
    if isinstance(node.value, bool):
        return node.value
    if isinstance(node.value, str) and node.value.strip().casefold() in _WORDS:
        return _WORDS[node.value.strip().casefold()]
    raise node.error(f"{what} must be true or false, not {node.describe()}")


_WORDS = {"ja": True, "nej": False, "yes": True, "no": False, "true": True, "false": False}


def choice(node: Node, choices: Iterable[str], what: str) -> str:
    choices = list(choices)
    value = text(node, what)
    if value not in choices:
        suggestion = did_you_mean(value, choices)
        hint = (
            (f"did you mean '{suggestion}'? " if suggestion else "")
            + "One of: "
            + ", ".join(choices)
        )
        raise node.error(f"{what} cannot be '{value}'", hint=hint)
    return value
