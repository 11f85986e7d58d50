"""The indicator libraries: ready-made goal definitions for the ESF common indicators.

Each library is a YAML file in this package (``esf-plus.yml``, ``esf-2014.yml``), shipped
inside the wheel and resolved by name. A goal file pulls one in with ``include:``::

    include: esf-plus                       # every indicator

    include:
      esf-plus:
        skip: [EECO16, EECO17]              # or only: [EECO01, EECR04]
        columns: {labour_status: Status}    # the library's column -> your header
        targets: {EECR04: {women: 20, men: 20}}

The library's goals name their columns by short keys (``labour_status``); ``include``
turns each key into a header (the library's default, or the one mapped) and appends the
goals, located at the ``include:`` line so that every complaint points where the user can
act. Exit-outcome indicators need outcome groups (``esf_employment`` ...) in the goal
file; that is checked when the goal file is read. Columns are checked against the data by
:func:`check_included`, which names the missing ones and how to map them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from esfkit.errors import (
    DataError,
    GoalFileError,
    GoalFileLocation,
    Joined,
    did_you_mean,
    one_of,
    say,
)
from esfkit.goalfile import nodes
from esfkit.goalfile.model import Included, NeededColumn
from esfkit.goalfile.yamlnode import Node, load_text

if TYPE_CHECKING:  # the annotation only: `esfkit indicators` runs without pandas
    from esfkit.data.participants import Participants

LIBRARIES = ("esf-plus", "esf-2014")
INCLUDE_KEYS = ("only", "skip", "columns", "targets")


@dataclass(frozen=True)
class LibraryColumn:
    key: str
    header: str
    values: tuple[str, ...]
    help: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    type: str
    library: str
    verified: bool
    checked_against: str
    columns: tuple[str, ...]  # library column keys the goal reads
    outcomes: tuple[str, ...]  # outcome groups it needs
    needs_age: bool
    goal: Node


@dataclass(frozen=True)
class Library:
    name: str
    title: str  # in Swedish
    title_en: str
    regulation: str
    upon_leaving: str
    columns: dict[str, LibraryColumn]
    outcomes: dict[str, str]
    indicators: tuple[Indicator, ...]

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code.casefold() == code.casefold()), None)


# --- the libraries ------------------------------------------------------------------------


@functools.cache
def library(name: str) -> Library:
    """The library called ``name``; a GoalFileError naming the known ones otherwise."""
    if name not in LIBRARIES:
        raise GoalFileError(say("include.no_library", name=name), hint=one_of(name, LIBRARIES))
    text = resources.files(__package__).joinpath(f"{name}.yml").read_text(encoding="utf-8")
    top = load_text(text, f"{name}.yml").value
    columns = {
        key: LibraryColumn(
            key,
            nodes.text(entry.value["header"], "header"),
            tuple(str(v.text) for v in entry.value["values"].value),
            " ".join(str(entry.value["help"].text).split()),
        )
        for key, entry in top["columns"].value.items()
    }
    outcomes = {k: str(v.text) for k, v in top["outcomes"].value.items()}
    indicators = tuple(
        _indicator(node, name, columns, outcomes) for node in top["indicators"].value
    )
    return Library(
        name,
        str(top["title"].text),
        str(top["title_en"].text),
        str(top["regulation"].text),
        " ".join(str(top["upon_leaving"].text).split()),
        columns,
        outcomes,
        indicators,
    )


def _indicator(node: Node, name: str, columns: dict, outcomes: dict) -> Indicator:
    entry = node.value
    goal = entry["goal"]
    keys = _keys(goal)
    words = _words(goal)
    return Indicator(
        code=str(entry["code"].text),
        name=" ".join(str(entry["name"].text).split()),
        type=str(entry["type"].text),
        library=name,
        verified=bool(entry["verified"].value),
        checked_against=" ".join(str(entry["checked_against"].text).split()),
        columns=tuple(k for k in columns if k in keys),
        outcomes=tuple(o for o in outcomes if o in words),
        needs_age="age" in keys,
        goal=goal,
    )


def _keys(node: Node) -> set[str]:
    """Every mapping key in a YAML tree."""
    if node.is_mapping:
        return set(node.value) | {k for v in node.value.values() for k in _keys(v)}
    if node.is_sequence:
        return {k for item in node.value for k in _keys(item)}
    return set()


def _words(node: Node) -> set[str]:
    """Every scalar in a YAML tree."""
    if node.is_mapping:
        return {w for v in node.value.values() for w in _words(v)}
    if node.is_sequence:
        return {w for item in node.value for w in _words(item)}
    return {str(node.text)} if node.text is not None else set()


def all_indicators() -> list[Indicator]:
    return [i for name in LIBRARIES for i in library(name).indicators]


def find(code: str) -> Indicator | None:
    return next((i for i in all_indicators() if i.code.casefold() == code.casefold()), None)


# --- include: -----------------------------------------------------------------------------


def expand_include(
    node: Node, outcomes: dict[str, tuple[str, ...]]
) -> tuple[list[Node], tuple[Included, ...]]:
    """The goal nodes an ``include:`` adds, and what each included library needs."""
    goal_nodes: list[Node] = []
    included: list[Included] = []
    for name, options, loc in _entries(node):
        added, info = _include_one(name, options, loc, outcomes)
        goal_nodes += added
        included.append(info)
    return goal_nodes, tuple(included)


def _entries(node: Node) -> list[tuple[str, Node | None, GoalFileLocation]]:
    if node.is_scalar:
        return [(nodes.text(node, "include"), None, node.loc)]
    if node.is_sequence:
        return [(nodes.text(item, "include"), None, item.loc) for item in node.value]
    return [(key, value, node.key_locs[key]) for key, value in node.value.items()]


def _include_one(
    name: str, options: Node | None, loc: GoalFileLocation, outcomes: dict[str, tuple[str, ...]]
) -> tuple[list[Node], Included]:
    try:
        lib = library(name)
    except GoalFileError as exc:
        raise GoalFileError(exc.message, where=loc, hint=exc.hint) from None
    entries: dict[str, Node] = {}
    if options is not None and options.value is not None:
        entries = nodes.mapping(options, say("what.include", name=name))
        nodes.known_keys(options, INCLUDE_KEYS, say("what.include", name=name))
    chosen = _chosen(lib, entries)
    headers = _headers(lib, entries.get("columns"))
    targets = _targets(lib, entries.get("targets"), chosen)
    _require_outcomes(lib, chosen, outcomes, loc)
    added = [_goal_node(i, headers, targets.get(i.code), loc) for i in chosen]
    needed = [
        NeededColumn(
            key,
            headers[key],
            column.values,
            column.help,
            tuple(i.code for i in chosen if key in i.columns),
        )
        for key, column in lib.columns.items()
        if any(key in i.columns for i in chosen)
    ]
    age_for = tuple(i.code for i in chosen if i.needs_age)
    return added, Included(name, loc, tuple(i.code for i in chosen), tuple(needed), age_for)


def _codes(lib: Library, node: Node, what: nodes.What) -> set[str]:
    items = node.value if node.is_sequence else [node]
    codes = set()
    for item in items:
        code = nodes.text(item, what)
        indicator = lib.indicator(code)
        if indicator is None:
            raise item.error(
                say("include.not_an_indicator", code=code, library=lib.name),
                hint=one_of(code, [i.code for i in lib.indicators]),
            )
        codes.add(indicator.code)
    return codes


def _chosen(lib: Library, entries: dict[str, Node]) -> list[Indicator]:
    if "only" in entries and "skip" in entries:
        raise entries["skip"].error(say("include.only_and_skip"))
    if "only" in entries:
        only = _codes(lib, entries["only"], say("what.indicator_code"))
        return [i for i in lib.indicators if i.code in only]
    skip = _codes(lib, entries["skip"], say("what.indicator_code")) if "skip" in entries else set()
    return [i for i in lib.indicators if i.code not in skip]


def _headers(lib: Library, node: Node | None) -> dict[str, str]:
    headers = {key: column.header for key, column in lib.columns.items()}
    if node is None:
        return headers
    what = say("what.include_columns", name=lib.name)
    nodes.known_keys(node, list(lib.columns), what)
    for key, value in nodes.mapping(node, what).items():
        headers[key] = nodes.text(value, say("what.header_for", key=key))
    return headers


def _targets(lib: Library, node: Node | None, chosen: list[Indicator]) -> dict[str, Node]:
    if node is None:
        return {}
    entries = nodes.mapping(node, say("what.include_targets", name=lib.name))
    targets = {}
    codes = {i.code for i in chosen}
    for code, value in entries.items():
        indicator = lib.indicator(code)
        if indicator is None or indicator.code not in codes:
            suggestion = did_you_mean(code, codes)
            included = ", ".join(i.code for i in chosen)
            raise GoalFileError(
                say("include.target_not_included", code=code, library=lib.name),
                where=node.key_locs[code],
                hint=say("hint.included_suggest", suggestion=suggestion, codes=included)
                if suggestion
                else say("hint.included", codes=included),
            )
        targets[indicator.code] = value
    return targets


def _require_outcomes(
    lib: Library,
    chosen: list[Indicator],
    outcomes: dict[str, tuple[str, ...]],
    loc: GoalFileLocation,
) -> None:
    missing = {g: [i.code for i in chosen if g in i.outcomes] for g in lib.outcomes}
    missing = {g: codes for g, codes in missing.items() if codes and g not in outcomes}
    if not missing:
        return
    lines = [
        say("include.group_for", group=g, meaning=lib.outcomes[g], codes=", ".join(c))
        for g, c in missing.items()
    ]
    example = "; ".join(f"{g}: [...]" for g in missing)
    skip = ", ".join(sorted({c for codes in missing.values() for c in codes}))
    raise GoalFileError(
        say("include.needs_groups", library=lib.name, groups=Joined(tuple(lines), "; ")),
        where=loc,
        hint=say("hint.needs_groups", example=example, library=lib.name, skip=skip),
    )


def _goal_node(indicator: Indicator, headers: dict[str, str], target: Node | None, loc) -> Node:
    goal = _relocated(indicator.goal, headers, loc)
    goal.value = {"id": Node(indicator.code, loc, text=indicator.code), **goal.value}
    goal.key_locs = {"id": loc, **goal.key_locs}
    if target is not None:
        goal.value["target"] = target
        goal.key_locs["target"] = target.loc
    return goal


def _relocated(node: Node, headers: dict[str, str], loc: GoalFileLocation) -> Node:
    """A copy of a library node located at the include line, column keys made headers."""
    if node.is_mapping:
        value = {headers.get(k, k): _relocated(v, headers, loc) for k, v in node.value.items()}
        return Node(value, loc, key_locs=dict.fromkeys(value, loc))
    if node.is_sequence:
        return Node([_relocated(item, headers, loc) for item in node.value], loc)
    return Node(node.value, loc, text=node.text)


# --- the data -----------------------------------------------------------------------------


def check_included(includes: tuple[Included, ...], participants: Participants) -> None:
    """Every column an included library needs is in the data, holding its known values."""
    for included in includes:
        _check_columns(included, participants)
        _check_age(included, participants)
        for column in included.columns:
            _check_values(column, participants)


def _check_columns(included: Included, participants: Participants) -> None:
    missing = [c for c in included.columns if participants.header_for(c.header) is None]
    if not missing:
        return
    listed = tuple(
        say("include.column_for", header=c.header, key=c.key, codes=", ".join(c.used_by))
        for c in missing
    )
    mapping = Joined(tuple(say("include.mapping_item", key=c.key) for c in missing[:2]))
    skip = ", ".join(sorted({code for c in missing for code in c.used_by}))
    raise GoalFileError(
        say(
            "include.needs_columns",
            library=included.name,
            file=participants.file,
            listed=Joined(listed, "; "),
        ),
        where=included.loc,
        hint=say(
            "hint.needs_columns",
            library=included.name,
            mapping=mapping,
            skip=skip,
        ),
    )


def _check_age(included: Included, participants: Participants) -> None:
    if not included.age_for:
        return
    if "birth_date" in participants.columns or "id" in participants.columns:
        return
    raise GoalFileError(
        say(
            "include.needs_age",
            library=included.name,
            codes=", ".join(included.age_for),
            file=participants.file,
        ),
        where=included.loc,
        hint=say("hint.needs_age", codes=", ".join(included.age_for)),
    )


def _check_values(column: NeededColumn, participants: Participants) -> None:
    header = participants.header_for(column.header)
    cells = participants.frame[header].map(lambda v: " ".join(str(v).split()))
    allowed = {v.casefold() for v in column.values}
    bad = (cells != "") & ~cells.str.casefold().isin(allowed)
    if not bad.any():
        return
    first = cells[bad].iloc[0]
    rows = tuple(int(r) for r in participants.frame.loc[bad, "_row"])
    raise DataError(
        say("data.not_an_indicator_value", value=first, column=column.key),
        where=participants.where(rows, header),
        hint=say("hint.blank_not_known", known=one_of(first, column.values)),
    )
