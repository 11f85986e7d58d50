"""Filters as written in a goal file -> the typed filter tree of ``goalfile.model``.

A filter is ``everyone``, ``exited``, ``enrolled``, or a mapping whose entries must all
hold; see docs/goal-file.md for every form. Nothing here looks at data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from esfkit.errors import GoalFileError, GoalFileLocation, Said, did_you_mean, say
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
from esfkit.goalfile.nodes import What
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


def parse_filter(node: Node, what: What) -> Filter:
    if node.is_scalar:
        word = str(node.text).strip() if node.value is not None else ""
        if word.casefold() in KEYWORDS:
            return KEYWORDS[word.casefold()](node.loc)
        suggestion = did_you_mean(word, KEYWORDS) if word else None
        value = node.described() if word else say("yaml.empty")
        raise node.error(
            say("filter.scalar", what=what, value=value),
            hint=say("hint.did_you_mean", suggestion=suggestion) if suggestion else None,
        )
    if node.is_sequence:
        raise node.error(say("filter.list", what=what), hint=say("hint.filter_list"))
    entries = node.value
    if not entries:
        raise node.error(say("filter.empty", what=what), hint=say("hint.filter_empty"))
    parts = [_entry(key, value, node.key_locs[key], what) for key, value in entries.items()]
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts), node.loc)


def _entry(key: str, value: Node, key_loc: GoalFileLocation, what: What) -> Filter:
    inner = say("what.key_in", key=key, what=what)
    if key in ("all", "any"):
        items = nodes.sequence(value, inner)
        if not items:
            raise value.error(say("filter.needs_one", key=key))
        parts = tuple(parse_filter(item, inner) for item in items)
        return (AllOf if key == "all" else AnyOf)(parts, key_loc)
    if key == "not":
        return Not(parse_filter(value, inner), key_loc)
    if not key:
        raise GoalFileError(say("filter.empty_key"), where=key_loc)
    if value.is_mapping:
        return _conditions(key, value)
    return Equals(key, _values(value, key), key_loc)


def _values(node: Node, column: str) -> tuple[Scalar, ...]:
    items = node.value if node.is_sequence else [node]
    if not items:
        raise node.error(say("filter.no_values", column=column))
    values = []
    for item in items:
        if not item.is_scalar:
            compared = item.is_mapping and "column" in item.value
            raise item.error(
                say("filter.value_shape", column=column, value=item.described()),
                hint=say("hint.filter_compare_alone", column=column) if compared else None,
            )
        if item.value is None:
            raise item.error(
                say("filter.empty_value", column=column),
                hint=say("hint.filter_missing", column=column),
            )
        quoted = say("hint.quote_text", text=item.text)
        _in_range(item, item.value, say("what.value_for", column=column), quoted)
        values.append(Scalar(str(item.text).strip(), item.value, item.loc))
    return tuple(values)


def _finite_within(number: float) -> bool:
    """A finite number no larger than esfkit accepts."""
    return abs(number) <= NUMBER_LIMIT and math.isfinite(number)


def _in_range(node: Node, value: object, what: What, hint: Said | None = None) -> None:
    """A number (finite) or a date in a filter within its range."""
    if isinstance(value, dt.date) and not nodes.in_date_range(_day(value)):
        raise node.error(nodes.date_range_message(what, node.described()), hint=hint)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and isinstance(value, int | float) and not _finite_within(value):
        low, high = readable(-NUMBER_LIMIT), readable(NUMBER_LIMIT)
        message = say("filter.number_range", what=what, low=low, high=high, value=node.described())
        raise node.error(message, hint=hint)


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _conditions(column: str, node: Node) -> Filter:
    nodes.known_keys(node, CONDITIONS, say("what.condition_on", column=column))
    entries = node.value
    if not entries:
        raise node.error(say("filter.empty_condition", column=column))
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
            Missing(
                column,
                nodes.boolean(entries["missing"], say("what.missing_on", column=column)),
                node.loc,
            )
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
                say("filter.offset_alone", key=key, column=column),
                where=node.key_locs[key],
                hint=say("hint.offset_alone", key=key),
            )


def _other(node: Node, column: str, key: str) -> OtherField:
    """``{column: end, plus: 13 months}`` as the other side of a comparison on ``column``;
    ``node`` is that mapping, or the condition itself when ``key`` is 'column'."""
    what = (
        say("what.key_on", key=key, column=column)
        if key != "column"
        else say("what.comparison_on", column=column)
    )
    if key != "column":
        nodes.known_keys(node, OTHER_KEYS, what)
        if "column" not in node.value:
            raise node.error(
                say("filter.no_column", what=what), hint=say("hint.filter_no_column", key=key)
            )
    name = nodes.text(node.value["column"], say("what.key_in", key="column", what=what))
    if not name:
        raise node.value["column"].error(say("filter.empty_column", what=what))
    shifts = [k for k in ("plus", "minus") if k in node.value]
    if len(shifts) > 1:
        raise node.error(say("filter.plus_and_minus", what=what), hint=say("hint.one_of_them"))
    offset = _offset(node.value[shifts[0]], shifts[0], what) if shifts else None
    return OtherField(name, offset, node.value["column"].loc)


def _offset(node: Node, key: str, what: What) -> Offset:
    """'13 months' -> Offset(13, 'months'); 'minus' makes the amount negative."""
    text = str(node.text) if node.is_scalar and node.value is not None else ""
    match = _OFFSET.match(text)
    unit = UNITS.get(match.group(2).casefold()) if match else None
    hint = say("hint.offset")
    if text.strip().startswith("-") and key == "plus":
        hint = say("hint.offset_back", amount=text.strip()[1:].strip())
    if match is None or unit is None:
        shown = node.described()
        raise node.error(say("filter.offset", key=key, what=what, value=shown), hint=hint)
    amount = int(match.group(1))
    if amount > LARGEST_OFFSET[unit]:
        largest = LARGEST_OFFSET[unit]
        raise node.error(
            say(
                "filter.offset_large",
                key=key,
                what=what,
                largest=largest,
                unit=say(f"offset.{unit}"),
                value=node.described(),
            )
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
            raise node.error(say("filter.bound", key=key, column=column, value=node.described()))
    if isinstance(value, dt.datetime):
        value = value.date()
    _in_range(node, value, say("what.key_on", key=key, column=column))
    if key in ("after", "before") and not isinstance(value, dt.date):
        raise node.error(say("filter.bound_date", key=key, column=column))
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
