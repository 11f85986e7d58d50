"""Goal kinds: one module each, found through this registry.

A kind module declares ``NAME`` (the YAML key that selects it), ``KEYS`` (the further keys
it accepts), ``parse(node, entries)`` turning the goal's YAML into its typed definition, and
``evaluate(goal, ctx)`` turning that definition and the population (a
``kinds.context.GoalContext``) into a ``GoalResult``. Its module docstring is its user
documentation. The goal-file parser gets :data:`KINDS` passed in (it is below the kinds).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from esfkit.errors import one_of
from esfkit.goalfile.model import Goal
from esfkit.goalfile.yamlnode import Node
from esfkit.kinds import composition, count, distribution, manual, parity, share
from esfkit.kinds.context import GoalContext
from esfkit.report import GoalResult


@dataclass(frozen=True)
class GoalKind:
    """A kind module seen through what the parser, the engine and the docs ask of it."""

    name: str
    module: ModuleType

    @property
    def keys(self) -> tuple[str, ...]:
        return self.module.KEYS

    @property
    def doc(self) -> str:
        return self.module.__doc__ or ""

    def parse(self, node: Node, entries: dict[str, Node]) -> Any:
        return self.module.parse(node, entries)

    def evaluate(self, goal: Goal, ctx: GoalContext) -> GoalResult:
        return self.module.evaluate(goal, ctx)


# Every kind, by the YAML key that selects it, in the order messages and docs list them.
KINDS: dict[str, GoalKind] = {
    module.NAME: GoalKind(module.NAME, module)
    for module in (count, share, composition, parity, distribution, manual)
}
KIND_NAMES = tuple(KINDS)


def lookup(name: str) -> GoalKind:
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
