"""Targets as written: a number, a percentage, one per gender (plus an optional total), or
one per municipality (each a number or one per gender, plus an optional total)."""

from __future__ import annotations

from collections.abc import Callable

from esfkit.errors import GoalFileError, GoalFileLocation, did_you_mean, one_of
from esfkit.goalfile import nodes
from esfkit.goalfile.model import GENDER_VALUES, Target
from esfkit.goalfile.yamlnode import Node
from esfkit.limits import COUNT_LIMIT, SMALLEST_COUNT
from esfkit.text import key as text_key

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
    others = [key for key in node.value if key not in _TARGET_KEYS]
    for key in others:  # a misspelt gender, not a municipality (no municipality is this near)
        near = did_you_mean(key, _TARGET_KEYS)
        if near:
            raise GoalFileError(
                f"unknown key '{key}' in target",
                where=node.key_locs[key],
                hint=f"did you mean '{near}'?",
            )
    if others:
        return _per_municipality(node, read, percent=percent)
    return _by_gender(node, read, percent=percent)


def _by_gender(
    node: Node, read: Callable[[Node, str], float], *, percent: bool, where: str = ""
) -> Target:
    nodes.known_keys(node, _TARGET_KEYS, f"target{where}")
    values = {key: read(value, f"target{where} for {key}") for key, value in node.value.items()}
    if not values:
        raise node.error(
            f"target{where} is empty",
            hint="write a number, or one per gender: {women: 10, men: 8}",
        )
    total = values.pop("total", None)
    return Target(values, total, node.loc, percent)


def _per_municipality(node: Node, read: Callable[[Node, str], float], *, percent: bool) -> Target:
    """``{Kiruna: 60, Pajala: {women: 15, men: 15}, total: 150}``: the names are checked
    against project.municipalities once the file is read (``check_municipalities``)."""
    genders = [key for key in node.value if key in GENDER_VALUES]
    if genders:
        raise node.value[genders[0]].error(
            f"target mixes a gender ('{genders[0]}') with municipalities",
            hint="per municipality and gender write {Kiruna: {women: 30, men: 30}}",
        )
    by_municipality: dict[str, Target] = {}
    names: dict[str, tuple[str, GoalFileLocation]] = {}
    for name, value in node.value.items():
        if name == "total":
            continue
        key, where = text_key(name), node.key_locs[name]
        if key in names:
            raise GoalFileError(
                f"target names municipality '{name}' twice ('{names[key][0]}')", where=where
            )
        names[key] = (name, where)
        if value.is_mapping:
            by_municipality[key] = _by_gender(value, read, percent=percent, where=f" of {name}")
        else:
            by_municipality[key] = Target({}, read(value, f"target for {name}"), value.loc, percent)
    total = read(node.value["total"], "target for total") if "total" in node.value else None
    return Target({}, total, node.loc, percent, by_municipality, names)


def check_municipalities(target: Target, declared: tuple[str, ...] | None) -> None:
    """Each municipality of a per-municipality target is one of project.municipalities
    (matched as data values are: case, spaces and invisible characters ignored)."""
    if not target.municipality_names:
        return
    first = next(iter(target.municipality_names.values()))
    if not declared:
        raise GoalFileError(
            f"a target per municipality ('{first[0]}') needs project.municipalities",
            where=first[1],
            hint="list them under project: municipalities: [Kiruna, Gällivare, Pajala]",
        )
    known = {text_key(name) for name in declared}
    for key, (name, where) in target.municipality_names.items():
        if key not in known:
            raise GoalFileError(
                f"target names municipality '{name}', which is not in project.municipalities",
                where=where,
                hint=one_of(name, declared),
            )
