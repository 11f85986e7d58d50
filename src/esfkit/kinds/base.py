"""What every goal kind is: the one protocol the parser, the engine, explain and suppression
use, so that nothing outside ``esfkit.kinds`` asks which kind a goal is.

A kind module defines one subclass of :class:`GoalKind` (registered in
``esfkit.kinds.KINDS``); its module docstring is the kind's user documentation.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from esfkit.goalfile.model import Goal
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds.context import GoalContext
from esfkit.kinds.rows import Figure, GoalRows
from esfkit.report import Cell, GoalResult, Layout, Status

D = TypeVar("D")  # the kind's definition dataclass, Goal.definition of its goals


class GoalKind(ABC, Generic[D]):
    """One goal kind.

    - ``name`` selects it in the goal file, ``keys`` are the further keys it accepts;
      ``parse`` turns the goal's YAML into its typed definition ``D`` (``Goal.definition``;
      the kind's methods take a ``Goal[D]``).
    - ``evaluate`` turns that definition and the population (a ``GoalContext``) into a
      ``GoalResult``: the cells (``cells``), their ``layout`` (how renderers and the history
      file read them: plain data in the Report) and the row sets behind every figure
      (``rows``, kept in ``GoalResult.rows`` for ``esfkit explain`` and suppression).
    - For small-number suppression: ``figures``, the counts a cell shows as rows;
      ``conceal``, what a cell builds on its hidden counts; ``rejudge``, the statuses a cell
      whose count is hidden could have.
    """

    name: ClassVar[str]
    keys: ClassVar[tuple[str, ...]] = ()
    layout: ClassVar[Layout]

    @property
    def doc(self) -> str:
        """The kind's user documentation: its module's docstring."""
        return sys.modules[type(self).__module__].__doc__ or ""

    @abstractmethod
    def parse(self, node: Node, entries: dict[str, Node]) -> D:
        """The goal's typed definition; a located GoalFileError when it is wrong."""

    @abstractmethod
    def cells(self, goal: Goal[D], ctx: GoalContext) -> GoalResult:
        """The goal's cells, judged, and its status; ``layout`` the kind's."""

    def result(self, goal: Goal[D], status: Status, cells: list[Cell], **fields: Any) -> GoalResult:
        """The goal's result as this kind lays it out."""
        return GoalResult(
            goal.id, goal.title, self.name, status, cells, layout=self.layout, **fields
        )

    def rows(self, goal: Goal[D], ctx: GoalContext) -> GoalRows:
        """The row sets behind the goal's figures. By default a cell counts the goal's rows
        (its scope) and there is no numerator."""
        scope = ctx.conditions(goal.scope)
        return GoalRows(scope, (ctx.negation(goal.scope),), scope)

    def evaluate(self, goal: Goal[D], ctx: GoalContext) -> GoalResult:
        """The goal's result, with the rows behind its figures."""
        result = self.cells(goal, ctx)
        result.rows = self.rows(goal, ctx)
        return result

    # --- small-number suppression -----------------------------------------------------------

    def figures(self, result: GoalResult, cell: Cell, rows: GoalRows) -> list[Figure]:
        """The counts ``cell`` shows, as rows, in the order they are shown. By default a
        numerator and a denominator within the cell's values."""
        out = [Figure("numerator", rows.numerator, cell.dims)] if rows.numerator else []
        if rows.denominator is not None:
            out.append(Figure("denominator", rows.denominator, cell.dims))
        return out

    def conceal(
        self,
        result: GoalResult,
        cell: Cell,
        hidden: Mapping[str, str],
        marker: str,
        pacing: float | None,
    ) -> bool:
        """Hide (set to None, named in ``cell.suppressed`` with ``marker``) what ``cell``
        builds on its hidden figures (``hidden``: figure -> its marker); whether its status
        may then be other than the one shown. By default the value is a percentage of the
        cell's counts (or, for a goal that measures counts, the numerator itself), and a
        target built on counts (``target_numerator``) goes with them."""
        counts = "numerator" in hidden or "denominator" in hidden
        target = "target_numerator" in hidden or "target_denominator" in hidden
        if not counts and not target:
            return False
        if counts:
            if result.measure != "count":
                cell.suppressed["value"] = marker
                cell.value = None
            elif "numerator" in hidden:  # the value is the count itself
                cell.suppressed["value"] = cell.suppressed["numerator"]
                cell.value = None
            cell.suppressed["percent"] = marker
            cell.percent = cell.gap = cell.needed = None
        if target:
            cell.suppressed["target"] = marker
            cell.target = cell.gap = None
        return target or cell.target is not None

    def rejudge(
        self, result: GoalResult, cell: Cell, counts: Iterable[int], pacing: float | None
    ) -> set[Status] | None:
        """The statuses ``cell`` could have for each of the ``counts`` its hidden numerator
        may be; None: any judged status (a percentage no marker bounds)."""
        return None


def inner_key(result: GoalResult) -> str:
    """The key of a composition or distribution goal's own dimension in its cells."""
    dimension = result.dimension or ""
    if any(dimension in c.dims for c in result.cells):
        return dimension
    extra = (k for c in result.cells for k in c.dims if k not in result.breakdown)
    return next(extra, dimension)
