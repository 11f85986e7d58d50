"""Small validators for goal-file nodes: each turns a wrong shape into a located SpecError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from esfkit.errors import SpecError, did_you_mean
from esfkit.spec.yamlnode import Node

_PERCENT = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*%\s*$")


def mapping(node: Node, what: str) -> dict[str, Node]:
    if not node.is_mapping:
        raise node.error(f"{what} must be a mapping of 'key: value' lines, not {node.describe()}")
    return node.value


def sequence(node: Node, what: str) -> list[Node]:
    if not node.is_sequence:
        raise node.error(
            f"{what} must be a list (one '- item' per line or [a, b]), not {node.describe()}"
        )
    return node.value


def known_keys(node: Node, allowed: Iterable[str], what: str) -> None:
    """Reject any key outside ``allowed``, suggesting the closest known one."""
    allowed = list(allowed)
    for key, loc in node.key_locs.items():
        if key not in allowed:
            suggestion = did_you_mean(key, allowed)
            hint = f"did you mean '{suggestion}'?" if suggestion else None
            known = ", ".join(allowed)
            hint = f"{hint} Known keys: {known}" if hint else f"known keys: {known}"
            raise SpecError(f"unknown key '{key}' in {what}", where=loc, hint=hint)


def require(node: Node, key: str, what: str) -> Node:
    value = node.value.get(key)
    if value is None:
        raise node.error(f"{what} needs '{key}'")
    return value


def text(node: Node, what: str) -> str:
    if not node.is_scalar or node.value is None:
        raise node.error(
            f"{what} must be text, not {node.describe() if node.value is not None else 'empty'}"
        )
    return str(node.text).strip()


def number(node: Node, what: str, *, minimum: float | None = 0) -> float:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise node.error(f"{what} must be a number, not {node.describe()}")
    if minimum is not None and value < minimum:
        raise node.error(f"{what} must be at least {minimum:g}, not {value:g}")
    return float(value)


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
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise node.error(f"{what} must be a date written YYYY-MM-DD, not {node.describe()}")


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
