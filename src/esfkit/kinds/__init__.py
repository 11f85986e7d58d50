"""Goal kinds: one module each, found through this registry.

A kind module declares ``NAME`` (the YAML key that selects it), ``KEYS`` (the further keys
it accepts), ``parse(node, entries)`` turning the goal's YAML into its typed definition, and
``evaluate(goal, ctx)`` turning that definition and the population into a ``GoalResult``.
Its module docstring is its user documentation.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from esfkit.errors import one_of

KIND_NAMES = ("count", "share", "composition", "parity", "distribution", "manual")


@dataclass(frozen=True)
class GoalKind:
    name: str
    module: ModuleType

    @property
    def keys(self) -> tuple[str, ...]:
        return self.module.KEYS

    @property
    def doc(self) -> str:
        return self.module.__doc__ or ""

    def parse(self, node, entries):
        return self.module.parse(node, entries)

    def evaluate(self, goal, ctx):
        return self.module.evaluate(goal, ctx)


def lookup(name: str) -> GoalKind:
    """The kind called ``name``; a KeyError naming the known kinds otherwise."""
    if name not in KIND_NAMES:
        raise KeyError(f"unknown goal kind '{name}'; {one_of(name, KIND_NAMES)}")
    return GoalKind(name, importlib.import_module(f"esfkit.kinds.{name}"))


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
