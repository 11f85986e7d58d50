"""``count``: how many participants match a filter, against a target.

The target is a number for the whole project, or one per gender (the total is then their
sum, unless ``total:`` is given). ``at_most: true`` makes it an upper bound (lower is
better). ``per: [year]``, ``[municipality]`` or both make the target a rate: it is multiplied
by the goal's length in years (months / 12: of its phase, ``period:`` or ``from:``/``to:``,
else of the project, from project.start and project.end) and,
for the total and the gender cells, by the number of municipalities (the declared ones,
else those in the data); each municipality cell gets the per-municipality target. While
the report date is before project.end, an at-least target also gets its pro-rata "expected
by now" figure and the status on_track or behind. Without a target the count is a reported
figure.

A target per municipality names each municipality of ``project.municipalities`` (matched
as data values are: case, spaces and invisible characters ignored; a name not listed is an
error suggesting the nearest), with a number or one per gender, and optionally the
project's ``total``. The goal is then broken down by municipality (added first when its
``breakdown`` leaves it out); each municipality's cells show and are judged on its own
target (its total, the sum of its gender targets when it gives only those); the total is
judged only on ``total:``, the gender totals not at all. ``per: year`` multiplies each;
``per: municipality`` is refused (each municipality has its own target already).

Targets per municipality::

    target: {Kiruna: 60, Gällivare: 50, Pajala: 30}
    target: {Kiruna: {women: 30, men: 30}, Pajala: {women: 15, men: 15}}
    target: {Kiruna: 60, Gällivare: 50, Pajala: 30, total: 150}

Met when the count reaches the target in every cell that has one (``at_most``: stays at or
below it).

Passes::

    - id: recruited
      title: Rekryterade deltagare
      count: everyone
      target: {women: 112, men: 98}     # 110 women and 120 men enrolled: women not met

Fails to load::

    - id: recruited
      count: everyone
      target: many                      # "target must be a number"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from esfkit.errors import say
from esfkit.goalfile import nodes
from esfkit.goalfile.filters import parse_filter
from esfkit.goalfile.model import Filter, Goal, Target
from esfkit.goalfile.targets import count_target
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind
from esfkit.kinds.context import GoalContext
from esfkit.kinds.judging import by_municipality, judge, percent
from esfkit.kinds.rows import Figure, GoalRows
from esfkit.report import Cell, GoalResult, Layout, Status, combine

PER = ("year", "municipality")


@dataclass(frozen=True)
class CountGoal:
    filter: Filter
    target: Target | None
    at_most: bool = False
    per: tuple[str, ...] = ()


class Count(GoalKind[CountGoal]):
    name = "count"
    keys = ("target", "at_most", "per")
    # The count is the numerator; the cell's population is not a figure of the goal.
    layout = Layout(
        gap="counts",
        measures=("numerator", "target", "expected", "gap"),
        columns=("value", "target", "expected", "gap"),
        figures=True,
        chart=True,
    )

    def parse(self, node: Node, entries: dict[str, Node]) -> CountGoal:
        target = count_target(entries["target"]) if "target" in entries else None
        at_most = nodes.boolean(entries["at_most"], "at_most") if "at_most" in entries else False
        per: tuple[str, ...] = ()
        if "per" in entries:
            items = entries["per"].value if entries["per"].is_sequence else [entries["per"]]
            per = tuple(nodes.choice(item, PER, "per") for item in items)
            if target is None:
                raise entries["per"].error(say("count.per_without_target"))
            if "municipality" in per and target.by_municipality:
                raise entries["per"].error(
                    say("count.per_municipality"), hint=say("hint.per_municipality")
                )
        return CountGoal(parse_filter(entries[self.name], f"'{self.name}'"), target, at_most, per)

    def cells(self, goal: Goal[CountGoal], ctx: GoalContext) -> GoalResult:
        """The goal's cells: the count per breakdown level against its target."""
        definition: CountGoal = goal.definition
        matching = ctx.mask(definition.filter)
        years = ctx.years() if "year" in definition.per else 1.0
        municipalities = ctx.municipality_count() if "municipality" in definition.per else 1
        pacing = ctx.pacing
        breakdown = by_municipality(ctx.breakdown, definition.target)
        cells = []
        for tally in ctx.tally(matching, names=breakdown):
            cell = Cell(
                tally.dims,
                value=tally.numerator,
                numerator=tally.numerator,
                denominator=tally.denominator,
                percent=percent(tally.numerator, tally.denominator),
                target=_target(definition, tally.dims, years, municipalities),
                judged=True,
            )
            if cell.target and cell.value is not None:
                cell.attainment = 100.0 * cell.value / cell.target
            cells.append(judge(cell, definition.at_most, pacing))
        per = {"year": years, "municipality": municipalities}
        return self.result(
            goal,
            combine([c.status for c in cells]),
            cells,
            breakdown=breakdown,
            at_most=definition.at_most,
            per={k: v for k, v in per.items() if k in definition.per} or None,
        )

    def rows(self, goal: Goal[CountGoal], ctx: GoalContext) -> GoalRows:
        scope = ctx.conditions(goal.scope)
        numerator = scope + ctx.conditions(goal.definition.filter)
        return GoalRows(scope, (ctx.negation(goal.scope),), scope, numerator)

    def figures(self, result: GoalResult, cell: Cell, rows: GoalRows) -> list[Figure]:
        return [Figure("numerator", rows.numerator or (), cell.dims)]

    def conceal(
        self,
        result: GoalResult,
        cell: Cell,
        hidden: Mapping[str, str],
        marker: str,
        pacing: float | None,
    ) -> bool:
        cell.denominator = cell.percent = None  # the cell's population: not a goal figure
        if "numerator" not in hidden:
            return False
        cell.suppressed["value"] = cell.suppressed["numerator"]
        cell.value = cell.attainment = cell.gap = cell.needed = None
        # "expected by now" is the target's alone; shown whatever the count, it says nothing
        target, at_least = cell.target, not result.at_most
        cell.expected = target * pacing if target and pacing is not None and at_least else None
        return True

    def rejudge(
        self, result: GoalResult, cell: Cell, counts: Iterable[int], pacing: float | None
    ) -> set[Status] | None:
        if cell.target is None:
            return {Status.NO_TARGET}
        return {
            judge(
                Cell(cell.dims, value=v, numerator=v, target=cell.target), result.at_most, pacing
            ).status
            for v in counts
        }


def _target(
    definition: CountGoal, dims: dict[str, str], years: float, municipalities: int
) -> float | None:
    target = definition.target
    if target is None or set(dims) - {"gender", "municipality"}:
        return None
    if target.by_municipality:
        return _municipality_target(target, dims, years)
    if "municipality" in dims and "municipality" not in definition.per:
        return None
    scale = years * (1 if "municipality" in dims else municipalities)
    base = _gender_target(target, dims)
    return None if base is None else base * scale


def _municipality_target(target: Target, dims: dict[str, Any], years: float) -> float | None:
    """A target per municipality: a municipality's cells have their own; the total has the
    file's ``total``, if any; the rest none."""
    if "municipality" not in dims:
        return None if dims or target.total is None else target.total * years
    own = target.for_municipality(dims["municipality"])
    base = None if own is None else _gender_target(own, dims)
    return None if base is None else base * years


def _gender_target(target: Target, dims: dict[str, Any]) -> float | None:
    """The target of a gender's cell, else the total (or the gender targets' sum)."""
    if "gender" in dims:
        return target.by_gender.get(dims["gender"])
    if target.total is not None:
        return target.total
    return sum(target.by_gender.values()) if target.by_gender else None


KIND = Count()
