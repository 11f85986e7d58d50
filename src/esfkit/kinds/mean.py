"""``mean``: the average of a number per participant, against a target.

The number is a numeric column (``mean: Timmar``), ``days_enrolled`` (from the start to the
exit date, or to the report date while enrolled), or a duration between two dates
(``mean: {days: [start, Anställd datum]}``, each an esfkit field or a column). ``of`` is
whose number is averaged, ``everyone`` by default; the note under the table counts those
outside it and says who they are in the goal's terms, as for ``share``. A duration is counted in ``unit``:
``days`` (the default), ``weeks`` (7 days), ``months`` (365.25 / 12 = 30.4375 days, so
that 12 months make an average year) or ``years`` (365.25 days); ``unit`` is for
durations only. A row in ``of`` without a value (a blank cell, or a duration that ends
before it starts) is not averaged but counted: each cell shows the mean, then how many
persons it is made of and how many are in ``of`` (``5,7 (12/14)``: 2 without a value).
The target is a number in ``unit``; ``at_most: true`` makes it an upper bound (lower is
better). Met when the total's mean reaches the target; a cell of unknown gender (a blank
Kön) has none and is never judged, as for ``share``. A numeric column may hold numbers
up to ±1 000 000 (hours, days, kronor): a larger one is refused, naming its rows but not
its value, since an id typed as a number would be printed as a mean of one. With ``--suppress-below``, a mean
made of fewer persons than the threshold is hidden with its count.

Passes::

    - id: time_to_work
      title: Tid från start till arbete
      mean: {days: [start, Anställd datum]}
      of: {exit: work}
      unit: months
      target: 6
      at_most: true                     # on average 5,7 months: met

Fails to load::

    - id: time_to_work
      mean: {days: [start]}             # "'days' needs two dates"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from esfkit.errors import say
from esfkit.goalfile import nodes
from esfkit.goalfile.filters import parse_filter
from esfkit.goalfile.model import AllOf, Everyone, Filter, Goal, Missing
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind
from esfkit.kinds.context import GoalContext
from esfkit.kinds.judging import has_no_target, judge
from esfkit.kinds.outside import outside_of
from esfkit.kinds.rows import Condition, GoalRows
from esfkit.limits import MEAN_LIMIT
from esfkit.report import Cell, GoalResult, Layout

# Days per unit: a month is a twelfth of an average year.
UNITS = {"days": 1.0, "weeks": 7.0, "months": 365.25 / 12, "years": 365.25}


@dataclass(frozen=True)
class MeanGoal:
    fields: tuple[str, ...]  # one: a number; two: a duration from the first to the second
    of: Filter
    unit: str | None
    target: float | None
    at_most: bool = False

    @property
    def duration(self) -> bool:
        return len(self.fields) == 2 or self.fields == ("days_enrolled",)


class Mean(GoalKind[MeanGoal]):
    name = "mean"
    keys = ("of", "unit", "target", "at_most")
    layout = Layout(
        gap="values",
        measures=("value", "numerator", "denominator", "target", "gap"),
        columns=("value", "numerator", "denominator", "target", "gap"),
        figures=True,
    )

    def statistic(self, values: np.ndarray) -> float:
        """The figure of a cell's values (there is at least one)."""
        return float(np.mean(values))

    def parse(self, node: Node, entries: dict[str, Node]) -> MeanGoal:
        fields = _fields(entries[self.name], self.name)
        of = parse_filter(entries["of"], "'of'") if "of" in entries else Everyone(node.loc)
        unit = nodes.choice(entries["unit"], UNITS, "unit") if "unit" in entries else None
        goal = MeanGoal(fields, of, unit, None)
        if unit is not None and not goal.duration:
            raise entries["unit"].error(
                say("mean.unit_for_number", field=fields[0]), hint=say("hint.mean_unit")
            )
        target = nodes.number(entries["target"], "target") if "target" in entries else None
        at_most = nodes.boolean(entries["at_most"], "at_most") if "at_most" in entries else False
        return MeanGoal(fields, of, unit, target, at_most)

    def cells(self, goal: Goal[MeanGoal], ctx: GoalContext) -> GoalResult:
        definition: MeanGoal = goal.definition
        values = _values(definition, ctx)
        known = ~np.isnan(values)
        base = ctx.population & ctx.mask(definition.of)
        cells = []
        for tally in ctx.tally(known, ctx.mask(definition.of)):
            rows = base & known & _level(ctx, tally.dims)
            value = float(self.statistic(values[rows])) if rows.any() else None
            cell = Cell(
                tally.dims,
                value=value,
                numerator=tally.numerator,
                denominator=tally.denominator,
                target=None if has_no_target(tally.dims) else definition.target,
            )
            judge(cell, definition.at_most)
            cell.judged = not tally.dims
            cells.append(cell)
        total = next(c for c in cells if c.judged)
        return self.result(
            goal,
            total.status,
            cells,
            breakdown=ctx.breakdown,
            measure="mean",
            at_most=definition.at_most,
            unit=_unit(definition),
            outside_denominator=int((ctx.population & ~ctx.mask(definition.of)).sum()),
            outside=outside_of(definition.of),
        )

    def rows(self, goal: Goal[MeanGoal], ctx: GoalContext) -> GoalRows:
        """The denominator: the scope and ``of``; the numerator: of those, the rows with a
        value."""
        definition: MeanGoal = goal.definition
        scope = ctx.conditions(goal.scope)
        denominator = scope + ctx.conditions(definition.of)
        values = _values(definition, ctx)
        known = Condition(~np.isnan(values), _known_filter(definition, goal))
        outside = (*scope, ctx.negation(definition.of))
        return GoalRows(
            scope,
            (ctx.negation(goal.scope),),
            denominator,
            (*denominator, known),
            outside,
            values=values,
            unit=_unit(definition),
        )

    def conceal(
        self,
        result: GoalResult,
        cell: Cell,
        hidden: Mapping[str, str],
        marker: str,
        pacing: float | None,
    ) -> bool:
        """A mean made of a hidden count is hidden with it (a mean of one person is that
        person's value)."""
        if "numerator" not in hidden and "denominator" not in hidden:
            return False
        cell.suppressed["value"] = marker
        cell.value = cell.gap = None
        return cell.target is not None


def _fields(node: Node, what: str) -> tuple[str, ...]:
    """``Timmar``, ``days_enrolled`` or ``{days: [start, Anställd datum]}``."""
    if not node.is_mapping:
        return (nodes.text(node, f"'{what}'"),)
    nodes.known_keys(node, ("days",), f"'{what}'")
    if "days" not in node.value:
        raise node.error(say("mean.needs_days", what=what), hint=say("hint.mean_days"))
    items = nodes.sequence(node.value["days"], "'days'")
    if len(items) != 2:
        raise node.value["days"].error(say("mean.two_dates"), hint=say("hint.mean_two_dates"))
    return tuple(nodes.text(item, say("what.date_field")) for item in items)


def _values(definition: MeanGoal, ctx: GoalContext) -> np.ndarray:
    """Each row's value in the goal's unit; NaN: none (a negative duration is none)."""
    if len(definition.fields) == 2:
        days = ctx.days(*definition.fields)
    else:
        days = ctx.numbers(definition.fields[0], MEAN_LIMIT)
    if not definition.duration:
        return days
    days = np.where(days < 0, np.nan, days)
    return days / UNITS[definition.unit or "days"]


def _unit(definition: MeanGoal) -> str | None:
    return definition.unit or ("days" if definition.duration else None)


def _known_filter(definition: MeanGoal, goal: Goal[MeanGoal]) -> Filter:
    """The columns a row's value reads, as a filter (for explain and suppression)."""
    parts = tuple(Missing(f, False, goal.loc) for f in definition.fields)
    return parts[0] if len(parts) == 1 else AllOf(parts, goal.loc)


def _level(ctx: GoalContext, dims: dict[str, Any]) -> np.ndarray:
    """The rows with the breakdown values ``dims``."""
    rows = np.ones(len(ctx.population), dtype=bool)
    for name, label in dims.items():
        dimension = ctx.dimension(name)
        rows &= dimension.codes == dimension.labels.index(label)
    return rows


KIND = Mean()
