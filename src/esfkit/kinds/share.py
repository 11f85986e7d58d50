"""``share``: the percentage of a population (``of``) that matches a filter.

``of`` is the denominator, ``everyone`` by default; rows outside it are counted, never
silently dropped, and the note under the table says who they are in the goal's terms, each
part of an ``all:`` in turn: "94 är fortfarande inskrivna" (``exited``), "12 har redan
avslutats" (``enrolled``), "44 svarade inte på Enkät stöd" (a value, or ``{missing:
false}``, of a column whose header reads like a survey question: enkät, svar, fråga,
upplev...), "har inte Ja i Plan" (a value of another column), "har inget ifyllt i Plan"
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

from esfkit.goalfile import nodes
from esfkit.goalfile.filters import parse_filter
from esfkit.goalfile.model import Everyone, Filter, Goal, Target
from esfkit.goalfile.targets import percent_target
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.base import GoalKind
from esfkit.kinds.context import GoalContext
from esfkit.kinds.judging import judge, percent, persons_needed
from esfkit.kinds.outside import outside_of
from esfkit.kinds.rows import GoalRows
from esfkit.report import Cell, GoalResult, Layout, Status, combine


@dataclass(frozen=True)
class ShareGoal:
    filter: Filter
    of: Filter
    target: Target | None
    at_most: bool = False


class Share(GoalKind):
    name = "share"
    keys = ("of", "target", "at_most")
    layout = Layout(gap="persons", chart=True)

    def parse(self, node: Node, entries: dict[str, Node]) -> ShareGoal:
        of = parse_filter(entries["of"], "'of'") if "of" in entries else Everyone(node.loc)
        target = percent_target(entries["target"]) if "target" in entries else None
        at_most = nodes.boolean(entries["at_most"], "at_most") if "at_most" in entries else False
        return ShareGoal(parse_filter(entries[self.name], f"'{self.name}'"), of, target, at_most)

    def cells(self, goal: Goal, ctx: GoalContext) -> GoalResult:
        definition: ShareGoal = goal.definition
        denominator = ctx.mask(definition.of)
        matching = ctx.mask(definition.filter)
        target = definition.target
        cells, binding = [], []
        for tally in ctx.tally(matching, denominator):
            value = percent(tally.numerator, tally.denominator)
            cell = Cell(
                tally.dims,
                value=value,
                numerator=tally.numerator,
                denominator=tally.denominator,
                percent=value,
                target=_target(target, tally.dims),
            )
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
            breakdown=ctx.breakdown,
            measure="percent",
            at_most=definition.at_most,
            outside_denominator=int((ctx.population & ~denominator).sum()),
            outside=outside_of(definition.of),
        )

    def rows(self, goal: Goal, ctx: GoalContext) -> GoalRows:
        """A cell's denominator: the scope and ``of``; its numerator also the filter; rows
        in scope but not in ``of`` are outside the denominator."""
        definition: ShareGoal = goal.definition
        scope = ctx.conditions(goal.scope)
        denominator = scope + ctx.conditions(definition.of)
        numerator = denominator + ctx.conditions(definition.filter)
        outside = (*scope, ctx.negation(definition.of))
        return GoalRows(scope, (ctx.negation(goal.scope),), denominator, numerator, outside)


def _target(target: Target | None, dims: dict) -> float | None:
    """A cell's target: its gender's, else the total's; none for unknown gender, whose
    people no target is about."""
    if target is None or dims.get("gender") == "unknown":
        return None
    if "gender" in dims and dims["gender"] in target.by_gender:
        return target.by_gender[dims["gender"]]
    return target.total


def _binding(target: Target, dims: dict) -> bool:
    """Cells the goal is judged on: the total, and genders with a target of their own."""
    if not dims:
        return target.total is not None
    return set(dims) == {"gender"} and dims["gender"] in target.by_gender


KIND = Share()
