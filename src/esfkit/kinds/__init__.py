"""Goal kinds: one module each, found through this registry.

A kind is one module holding one subclass of :class:`~esfkit.kinds.base.GoalKind` (an
instance ``KIND``), and nothing outside this package asks which kind a goal is. Its parts:

- ``name``, the YAML key that selects it, and ``keys``, the further keys it accepts;
  ``parse(node, entries)``: the goal's YAML -> its typed definition (``Goal.definition``).
  The goal-file parser gets :data:`KINDS` passed in (it is below the kinds).
- ``evaluate(goal, ctx)``: that definition and the population, seen through a
  ``kinds.context.GoalContext`` -> a ``GoalResult``, made of ``cells(goal, ctx)`` (the
  figures, judged; each cell's ``judged`` says whether the goal's status is made of it)
  and ``rows(goal, ctx)`` (``kinds.rows.GoalRows``: the row sets behind the figures, per
  goal: scope, numerator, denominator, outside the denominator; a cell's rows are these
  within its breakdown values). ``esfkit explain`` lists the row sets and suppression
  counts with them.
- ``layout`` (``report.Layout``), copied into every ``GoalResult``: how its figures read
  (table, summary row, gap, the measures of long formats, the goal sheet's columns, the bar
  chart, the cells ``--history`` follows), as plain data, so renderers and the history file
  read only the Report.
- For small-number suppression: ``figures(result, cell, rows)``, the counts a cell shows as
  rows; ``conceal``, what a cell builds on hidden counts; ``rejudge``, the statuses a cell
  with a hidden count could have.

Its module docstring is its user documentation (docs/goal-file.md, :func:`reference`).
Adding a kind is adding a module and naming it below.
"""

from __future__ import annotations

from typing import Any

from esfkit.errors import one_of
from esfkit.kinds import composition, count, distribution, manual, mean, median, parity, share
from esfkit.kinds.base import GoalKind

# Every kind, by the YAML key that selects it, in the order messages and docs list them.
KINDS: dict[str, GoalKind[Any]] = {
    module.KIND.name: module.KIND
    for module in (count, share, mean, median, composition, parity, distribution, manual)
}
KIND_NAMES = tuple(KINDS)


def lookup(name: str) -> GoalKind[Any]:
    """The kind called ``name``; a KeyError naming the known kinds otherwise."""
    if name not in KINDS:
        raise KeyError(f"unknown goal kind '{name}'; {one_of(name, KIND_NAMES)}")
    return KINDS[name]


def reference() -> str:
    """The goal-kind section of docs/goal-file.md, made from each kind's docstring."""
    parts = []
    for name in KIND_NAMES:
        kind = lookup(name)
        keys = ", ".join(f"`{k}`" for k in kind.keys) or "none"
        doc = _markdown(kind.doc.strip())
        parts.append(f"### `{name}`\n\nFurther keys: {keys}.\n\n{doc}\n")
    return "\n".join(parts)


def _markdown(doc: str) -> str:
    """reStructuredText docstring -> Markdown: ``x`` becomes `x`, and a ``Passes::``
    paragraph with its indented YAML becomes a heading line and a fenced block."""
    out: list[str] = []
    in_block = False
    for line in doc.replace("``", "`").splitlines():
        if in_block and line.strip() and not line.startswith("    "):
            out += ["```", ""]
            in_block = False
        if line.endswith("::"):
            if in_block:
                out += ["```", ""]
            out += [line[:-2] + ":", "", "```yaml"]
            in_block = True
        elif in_block:
            if line.strip():
                out.append(line[4:])
        else:
            out.append(line)
    if in_block:
        out.append("```")
    return "\n".join(out)
