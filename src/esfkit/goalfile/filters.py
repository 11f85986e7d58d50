"""Filters as written in a goal file -> the typed filter tree of ``goalfile.model``.

A filter is ``everyone``, ``exited``, ``enrolled``, or a mapping whose entries must all
hold; see docs/goal-file.md for every form. Nothing here looks at data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from esfkit.errors import GoalFileError, GoalFileLocation, did_you_mean
from esfkit.goalfile import nodes
from esfkit.goalfile.model import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Enrolled,
    Equals,
    Everyone,
    Exited,
    Filter,
    Goal,
    Missing,
    Not,
    Offset,
    OtherField,
    SameAs,
    Scalar,
)
from esfkit.goalfile.yamlnode import Node
from esfkit.limits import NUMBER_LIMIT, readable

KEYWORDS: dict[str, type[Everyone | Exited | Enrolled]] = {
    "everyone": Everyone,
    "exited": Exited,
    "enrolled": Enrolled,
}
COMBINATORS = ("all", "any", "not")
CONDITIONS = ("min", "max", "after", "before", "missing", "not", "column", "plus", "minus")
BOUNDS = ("min", "max", "after", "before")
OTHER_KEYS = ("column", "plus", "minus")
# An offset's unit as written (English or Swedish, singular or plural) -> its unit, and the
# largest amount: 60 years, so that every date esfkit reads (1900-2199) stays a date.
UNITS = {
    **dict.fromkeys(("day", "days", "dag", "dagar"), "days"),
    **dict.fromkeys(("week", "weeks", "vecka", "veckor"), "weeks"),
    **dict.fromkeys(("month", "months", "månad", "månader"), "months"),
    **dict.fromkeys(("year", "years", "år"), "years"),
}
LARGEST_OFFSET = {"days": 60 * 365, "weeks": 60 * 52, "months": 60 * 12, "years": 60}
_OFFSET = re.compile(r"^\s*(\d+)\s*(\w+)\s*$")


def parse_filter(node: Node, what: str) -> Filter:
    if node.is_scalar:
        word = str(node.text).strip() if node.value is not None else ""
        if word.casefold() in KEYWORDS:
            return KEYWORDS[word.casefold()](node.loc)
        suggestion = did_you_mean(word, KEYWORDS) if word else None
        raise node.error(
            f"{what} must be everyone, exited, enrolled or a mapping such as "
            f"{{Kolumn: Ja}}, not {node.describe() if word else 'empty'}",
            hint=f"did you mean '{suggestion}'?" if suggestion else None,
        )
    if node.is_sequence:
        raise node.error(
            f"{what} is a list; a filter is a mapping",
            hint="to require several conditions write {all: [..., ...]}; for either, {any: [...]}",
        )
    entries = node.value
    if not entries:
        raise node.error(
            f"{what} is an empty mapping", hint="write `everyone` to count every participant"
        )
    parts = [_entry(key, value, node.key_locs[key], what) for key, value in entries.items()]
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts), node.loc)


def _entry(key: str, value: Node, key_loc: GoalFileLocation, what: str) -> Filter:
    if key in ("all", "any"):
        items = nodes.sequence(value, f"'{key}' in {what}")
        if not items:
            raise value.error(f"'{key}' needs at least one filter")
        parts = tuple(parse_filter(item, f"'{key}' in {what}") for item in items)
        return (AllOf if key == "all" else AnyOf)(parts, key_loc)
    if key == "not":
        return Not(parse_filter(value, f"'not' in {what}"), key_loc)
    if not key:
        raise GoalFileError("a filter key cannot be empty", where=key_loc)
    if value.is_mapping:
        return _conditions(key, value)
    return Equals(key, _values(value, key), key_loc)


def _values(node: Node, column: str) -> tuple[Scalar, ...]:
    items = node.value if node.is_sequence else [node]
    if not items:
        raise node.error(f"the list of values for '{column}' is empty")
    values = []
    for item in items:
        if not item.is_scalar:
            compared = item.is_mapping and "column" in item.value
            raise item.error(
                f"a value for '{column}' must be plain text or a number, not {item.describe()}",
                hint=f"a comparison with another column stands on its own: {{any: [{{{column}: "
                f"Ja}}, {{{column}: {{column: ...}}}}]}}"
                if compared
                else None,
            )
        if item.value is None:
            raise item.error(
                f"the value for '{column}' is empty",
                hint=f"to select blank cells write {{{column}: {{missing: true}}}}",
            )
        quoted = f"to compare text, quote it: '{item.text}'"
        _in_range(item, item.value, f"a value for '{column}'", quoted)
        values.append(Scalar(str(item.text).strip(), item.value, item.loc))
    return tuple(values)


def _finite_within(number: float) -> bool:
    """A finite number no larger than esfkit accepts."""
    return abs(number) <= NUMBER_LIMIT and math.isfinite(number)


def _in_range(node: Node, value: object, what: str, hint: str | None = None) -> None:
    """A number (finite) or a date in a filter within its range."""
    if isinstance(value, dt.date) and not nodes.in_date_range(_day(value)):
        raise node.error(nodes.date_range_message(what, node.describe()), hint=hint)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and isinstance(value, int | float) and not _finite_within(value):
        raise node.error(
            f"{what} must be a number from {readable(-NUMBER_LIMIT)} to {readable(NUMBER_LIMIT)}, "
            f"not {node.describe()}",
            hint=hint,
        )


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _conditions(column: str, node: Node) -> Filter:
    nodes.known_keys(node, CONDITIONS, f"the condition on '{column}'")
    entries = node.value
    if not entries:
        raise node.error(f"the condition on '{column}' is empty")
    parts: list[Filter] = []
    if "column" in entries:
        parts.append(SameAs(column, _other(node, column, "column"), False, node.loc))
    else:
        _no_offset_alone(node, column)
    scalars = [k for k in BOUNDS if k in entries and not entries[k].is_mapping]
    bounds = {k: _bound(entries[k], column, k) for k in scalars}
    if bounds:
        parts.append(Between(column, node.loc, **bounds))
    for k in BOUNDS:
        if k in entries and entries[k].is_mapping:
            parts.append(Compare(column, k, _other(entries[k], column, k), entries[k].loc))
    if "missing" in entries:
        parts.append(
            Missing(column, nodes.boolean(entries["missing"], f"'missing' on '{column}'"), node.loc)
        )
    if "not" in entries:
        unlike = entries["not"]
        if unlike.is_mapping:
            parts.append(SameAs(column, _other(unlike, column, "not"), True, unlike.loc))
        else:
            parts.append(Not(Equals(column, _values(unlike, column), node.loc), node.loc))
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts), node.loc)


def _no_offset_alone(node: Node, column: str) -> None:
    for key in ("plus", "minus"):
        if key in node.value:
            raise GoalFileError(
                f"'{key}' on '{column}' shifts another column, but no 'column' is named",
                where=node.key_locs[key],
                hint=f"write {{after: {{column: end, {key}: 13 months}}}}",
            )


def _other(node: Node, column: str, key: str) -> OtherField:
    """``{column: end, plus: 13 months}`` as the other side of a comparison on ``column``;
    ``node`` is that mapping, or the condition itself when ``key`` is 'column'."""
    what = f"'{key}' on '{column}'" if key != "column" else f"the comparison on '{column}'"
    if key != "column":
        nodes.known_keys(node, OTHER_KEYS, what)
        if "column" not in node.value:
            raise node.error(
                f"{what} is a mapping without 'column'",
                hint=f"compare with another column: {{{key}: {{column: Kommun}}}}; "
                "a value is written plain",
            )
    name = nodes.text(node.value["column"], f"'column' in {what}")
    if not name:
        raise node.value["column"].error(f"'column' in {what} is empty")
    shifts = [k for k in ("plus", "minus") if k in node.value]
    if len(shifts) > 1:
        raise node.error(f"{what} has both 'plus' and 'minus'", hint="write one of them")
    offset = _offset(node.value[shifts[0]], shifts[0], what) if shifts else None
    return OtherField(name, offset, node.value["column"].loc)


def _offset(node: Node, key: str, what: str) -> Offset:
    """'13 months' -> Offset(13, 'months'); 'minus' makes the amount negative."""
    text = str(node.text) if node.is_scalar and node.value is not None else ""
    match = _OFFSET.match(text)
    unit = UNITS.get(match.group(2).casefold()) if match else None
    hint = "write a whole number and a unit: 30 days, 2 weeks, 13 months or 1 year"
    if text.strip().startswith("-") and key == "plus":
        hint = f"to go back in time write minus: {text.strip()[1:].strip()}"
    if match is None or unit is None:
        shown = node.describe() if node.value is not None else "empty"
        raise node.error(f"'{key}' in {what} must be a length of time, not {shown}", hint=hint)
    amount = int(match.group(1))
    if amount > LARGEST_OFFSET[unit]:
        raise node.error(
            f"'{key}' in {what} must be at most {LARGEST_OFFSET[unit]} {unit}, not {node.describe()}"
        )
    return Offset(-amount if key == "minus" else amount, unit)


def _bound(node: Node, column: str, key: str) -> Scalar:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float | dt.date):
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                value = None
        if value is None or isinstance(value, bool):
            raise node.error(
                f"'{key}' on '{column}' must be a number or a date (YYYY-MM-DD), not {node.describe()}"
            )
    if isinstance(value, dt.datetime):
        value = value.date()
    _in_range(node, value, f"'{key}' on '{column}'")
    if key in ("after", "before") and not isinstance(value, dt.date):
        raise node.error(f"'{key}' on '{column}' compares dates; write a date such as 2021-01-01")
    return Scalar(str(node.text).strip(), value, node.loc)


def active_between(first: dt.date, last: dt.date, loc: GoalFileLocation) -> Filter:
    """Enrolments active from ``first`` to ``last``: started on or before ``last`` (or
    without a start date) and not ended before ``first`` (or without an exit date), as
    --period counts them (docs/counting.md)."""

    def bound(day: dt.date) -> Scalar:
        return Scalar(day.isoformat(), day, loc)

    started = AnyOf((Missing("start", True, loc), Between("start", loc, max=bound(last))), loc)
    not_ended = AnyOf((Missing("end", True, loc), Between("end", loc, min=bound(first))), loc)
    return AllOf((started, not_ended), loc)


def goal_filters(goal: Goal[Any]) -> list[Filter]:
    """A goal's scope and its kind's filters (``share``'s filter and ``of`` ...)."""
    found: list[Filter] = [goal.scope] if goal.scope is not None else []
    return found + [v for v in vars(goal.definition).values() if isinstance(v, Filter)]


def comparisons(f: Filter | None) -> list[SameAs | Compare]:
    """The column comparisons inside a filter, for the rows they cannot judge."""
    if isinstance(f, AllOf | AnyOf):
        return [c for part in f.parts for c in comparisons(part)]
    if isinstance(f, Not):
        return comparisons(f.part)
    return [f] if isinstance(f, SameAs | Compare) else []


def fields_used(f: Filter) -> list[tuple[str, object]]:
    """Every (field, location) a filter reads, so the engine can check them against data."""
    if isinstance(f, AllOf | AnyOf):
        return [pair for part in f.parts for pair in fields_used(part)]
    if isinstance(f, Not):
        return fields_used(f.part)
    if isinstance(f, Equals | Between | Missing):
        return [(f.field, f.loc)]
    if isinstance(f, SameAs | Compare):
        return [(f.field, f.loc), (f.other.field, f.other.loc)]
    return []
