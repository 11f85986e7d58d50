"""``share``: the percentage of a population (``of``) that matches a filter.

``of`` is the denominator, ``everyone`` by default; rows outside it are counted, never
silently dropped, and the note under the table says who they are in the goal's terms, each
part of an ``all:`` in turn: "94 är fortfarande inskrivna" (``exited``), "12 har redan
avslutats" (``enrolled``), "44 svarade inte på Enkät stöd" (``{missing: false}`` on a
column whose header reads like a survey question: enkät, svar, fråga, upplev...), "44
svarade inte Ja eller Nej på Enkät stöd" (values of such a column: a blank or another
answer), "har inte Ja i Plan" (a value of another column), "har inget ifyllt i Plan"
(``{missing: false}``), "är fortfarande inskrivna, har avslutats av ett annat skäl eller
har avslutats utan avslutsorsak" (an ``exit`` outcome; without "ett annat skäl" for
``{missing: false}``), and for other filters the columns they look at. The words come from
the goal alone, whatever the rows hold, so that they say nothing about a count hidden by
``--suppress-below``; the count itself is hidden like any other. The numerator is always
within the denominator. The target is a percentage (``50 %``), or one per gender.
Every cell shows the target, but a cell of unknown gender (a blank Kön) has none and is
never judged; the goal is met when the total (and each gender with a target of its own)
reaches it, ``at_most: true`` reversing the comparison. A cell whose denominator is empty
has no value (status no_data).

The target may also be one per municipality, as for ``count`` (``{Kiruna: 50 %, Pajala:
{women: 40 %, men: 40 %}, total: 45 %}``, the names from ``project.municipalities``): each
municipality's cells show their own target and persons needed, and the goal is met when
every municipality with a target (and ``total:`` when given) reaches it.

A share of a value of a dimension the goal is broken down by (``share: {gender: women}``
with the default breakdown by municipality and gender) is refused: its cells by that
dimension could only be 100 % or 0 %. "At least 60 % women" is a ``composition`` with
``at_least: true``; the women's share per municipality is the share with ``breakdown:
[municipality]``.

Passes::

    - id: adapted_support
      title: Upplever individuellt anpassat stöd
      share: {Enkät stöd: Ja}
      of: {Enkät stöd: [Ja, Nej]}      # non-respondents are outside the denominator
      target: 90 %

Fails to load::

    - id: studies
      share: {exit: studies}
      target: 0.5                      # "target must be a percentage such as '50 %'"
"""

from __future__ import annotations

from dataclasses import dataclass

from esfkit.errors import GoalFileError, say
from esfkit.goalfile import nodes
from esfkit.goalfile.filters import parse_filter
from esfkit.goalfile.model import AllOf, Equals, Everyone, Filter, Goal, Target
from esfkit.goalfile.targets import percent_target
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind
from esfkit.kinds.context import GoalContext
from esfkit.kinds.judging import (
    by_municipality,
    has_no_target,
    judge,
    percent_cell,
    persons_needed,
)
from esfkit.kinds.outside import outside_of
from esfkit.kinds.rows import GoalRows
from esfkit.report import GoalResult, Layout, Status, combine


@dataclass(frozen=True)
class ShareGoal:
    filter: Filter
    of: Filter
    target: Target | None
    at_most: bool = False


class Share(GoalKind[ShareGoal]):
    name = "share"
    keys = ("of", "target", "at_most")
    layout = Layout(gap="persons", figures=True, chart=True)

    def parse(self, node: Node, entries: dict[str, Node]) -> ShareGoal:
        of = parse_filter(entries["of"], "'of'") if "of" in entries else Everyone(node.loc)
        target = percent_target(entries["target"]) if "target" in entries else None
        at_most = nodes.boolean(entries["at_most"], "at_most") if "at_most" in entries else False
        return ShareGoal(parse_filter(entries[self.name], f"'{self.name}'"), of, target, at_most)

    def cells(self, goal: Goal[ShareGoal], ctx: GoalContext) -> GoalResult:
        definition: ShareGoal = goal.definition
        denominator = ctx.mask(definition.of)
        matching = ctx.mask(definition.filter)
        target = definition.target
        breakdown = by_municipality(ctx.breakdown, target)
        _refuse_own_dimension(definition.filter, breakdown)
        cells, binding = [], []
        for tally in ctx.tally(matching, denominator, names=breakdown):
            own = _target(target, tally.dims)
            cell = percent_cell(tally.dims, tally.numerator, tally.denominator, own)
            judge(cell, definition.at_most)
            cell.needed = persons_needed(cell, definition.at_most)
            cells.append(cell)
            cell.judged = target is not None and _binding(target, tally.dims)
            if cell.judged:
                binding.append(cell.status)
        status = combine(binding) if binding else Status.NO_TARGET
        return self.result(
            goal,
            status,
            cells,
            breakdown=breakdown,
            measure="percent",
            at_most=definition.at_most,
            outside_denominator=int((ctx.population & ~denominator).sum()),
            outside=outside_of(definition.of),
        )

    def rows(self, goal: Goal[ShareGoal], ctx: GoalContext) -> GoalRows:
        """A cell's denominator: the scope and ``of``; its numerator also the filter; rows
        in scope but not in ``of`` are outside the denominator."""
        definition: ShareGoal = goal.definition
        scope = ctx.conditions(goal.scope)
        denominator = scope + ctx.conditions(definition.of)
        numerator = denominator + ctx.conditions(definition.filter)
        outside = (*scope, ctx.negation(definition.of))
        return GoalRows(scope, (ctx.negation(goal.scope),), denominator, numerator, outside)


def _refuse_own_dimension(f: Filter, breakdown: tuple[str, ...]) -> None:
    """A share of one value of a dimension the goal is broken down by is 100 % or 0 % in
    each of that dimension's cells: it is a composition, and is written as one."""
    parts = f.parts if isinstance(f, AllOf) else (f,)
    for part in parts:
        if isinstance(part, Equals) and part.field in breakdown:
            words = [str(v.text) for v in part.values]
            values = words[0] if len(words) == 1 else f"[{', '.join(words)}]"
            rest = ", ".join(d for d in breakdown if d != part.field)
            raise GoalFileError(
                say("share.own_dimension", field=part.field, values=values),
                where=part.loc,
                hint=say("hint.share_own_dimension", field=part.field, first=words[0], rest=rest),
            )


def _target(target: Target | None, dims: dict[str, str]) -> float | None:
    """A cell's target: its municipality's, its gender's, else the total's; none for
    unknown gender, whose people no target is about."""
    if target is None or has_no_target(dims):
        return None
    if target.by_municipality:
        if "municipality" not in dims:
            return target.total
        own = target.for_municipality(dims["municipality"])
        return None if own is None else _target(own, dims)
    if "gender" in dims and dims["gender"] in target.by_gender:
        return target.by_gender[dims["gender"]]
    return target.total


def _binding(target: Target, dims: dict[str, str]) -> bool:
    """Cells the goal is judged on: the total, and genders with a target of their own; with
    targets per municipality, each municipality's (and its genders')."""
    if target.by_municipality and "municipality" in dims:
        own = target.for_municipality(dims["municipality"])
        rest = {k: v for k, v in dims.items() if k != "municipality"}
        return own is not None and set(rest) <= {"gender"} and _binding(own, rest)
    if not dims:
        return target.total is not None
    return set(dims) == {"gender"} and dims["gender"] in target.by_gender


KIND = Share()
