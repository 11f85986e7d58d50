"""Safe YAML loading into a tree of nodes that remember where they were written.

Every value in a goal file keeps its file, line and column so that any later complaint can
point at it. Duplicate keys are rejected (plain PyYAML silently keeps the last one).
Scalars keep their source text too: a filter value is compared as the user wrote it, so
``Nej``, ``No`` and ``01`` stay text instead of becoming ``False`` or ``1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from esfkit.errors import GoalFileError, GoalFileLocation
from esfkit.inputfile import GOAL_FILE_LIMIT, read_input
from esfkit.limits import YAML_DEPTH, YAML_ITEMS


@dataclass(eq=False)
class Node:
    """A YAML value with its location.

    ``value`` is a ``dict[str, Node]`` for mappings, ``list[Node]`` for sequences, and the
    resolved Python scalar otherwise; ``text`` is a scalar's source text (None for
    containers); ``key_locs`` gives each mapping key's own location.
    """

    value: Any
    loc: GoalFileLocation
    text: str | None = None
    key_locs: dict[str, GoalFileLocation] = field(default_factory=dict)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return not (self.is_mapping or self.is_sequence)

    def error(self, message: str, hint: str | None = None) -> GoalFileError:
        return GoalFileError(message, where=self.loc, hint=hint)

    def describe(self) -> str:
        """The value as the user wrote it, for messages."""
        if self.is_scalar and self.value is None:
            return "empty"
        if self.text is not None:
            return repr(self.text)
        return "a mapping" if self.is_mapping else "a list"


def load_file(path: Path) -> Node:
    """Read and parse a goal file; every problem is a located GoalFileError."""
    data = read_input(path, what="the goal file", limit=GOAL_FILE_LIMIT, error=GoalFileError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoalFileError(
            f"{path.name} is not UTF-8 text (byte {exc.start})",
            hint="save the goal file as UTF-8",
        ) from None
    return load_text(text.replace("\r\n", "\n").replace("\r", "\n"), path.name)


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing lists and mappings nested deeper than ``YAML_DEPTH``
    before composing them: PyYAML's composer recurses once per level, so a few hundred
    levels would end in a RecursionError."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > YAML_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_text(text: str, filename: str) -> Node:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except _TooDeep as exc:
        raise GoalFileError(
            f"the goal file is nested more than {YAML_DEPTH} levels deep here",
            where=_loc(filename, exc.mark),
            hint="lists and mappings inside each other: a goal file needs a few levels "
            "(a filter's all, any and not), never this many",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(filename, mark) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise GoalFileError(
            f"invalid YAML: {problem}",
            where=where,
            hint="check indentation and that every 'key: value' has a space after the colon",
        ) from None
    except yaml.YAMLError as exc:
        raise GoalFileError(
            f"invalid YAML: {exc}", where=GoalFileLocation(filename, 1, 1)
        ) from None
    if root is None:
        raise GoalFileError("the goal file is empty", where=GoalFileLocation(filename, 1, 1))
    return _convert(root, filename, set())


_constructor = yaml.SafeLoader(stream="")


def _loc(filename: str, mark: yaml.Mark) -> GoalFileLocation:
    return GoalFileLocation(filename, mark.line + 1, mark.column + 1)


def _convert(node: yaml.Node, filename: str, seen: set[int]) -> Node:
    loc = _loc(filename, node.start_mark)
    if not isinstance(node, yaml.ScalarNode):
        # An alias hands back the very node it names; refusing a second visit rules out
        # cycles and exponential "billion laughs" expansion alike.
        if id(node) in seen:
            raise GoalFileError(
                "YAML anchors and aliases (&name, *name) are not supported",
                where=loc,
                hint="write the value out in full",
            )
        seen.add(id(node))
    if not isinstance(node, yaml.ScalarNode) and len(node.value) > YAML_ITEMS:
        raise GoalFileError(
            f"a list or mapping of {len(node.value)} entries; esfkit reads at most {YAML_ITEMS}",
            where=loc,
            hint="is this the right file?",
        )
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        key_locs: dict[str, GoalFileLocation] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(filename, key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise GoalFileError("YAML merge keys (<<) are not supported", where=key_loc)
            if not isinstance(key_node, yaml.ScalarNode):
                raise GoalFileError("a key must be plain text", where=key_loc)
            key = str(key_node.value).strip()
            if key in values:
                first = key_locs[key]
                raise GoalFileError(
                    f"duplicate key '{key}' (first written at line {first.line})",
                    where=key_loc,
                    hint="each key may appear once in a mapping; remove or rename one",
                )
            values[key] = _convert(value_node, filename, seen)
            key_locs[key] = key_loc
        return Node(values, loc, key_locs=key_locs)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, filename, seen) for item in node.value], loc)
    try:
        value = _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise GoalFileError(f"cannot read value {node.value!r}: {exc}", where=loc) from None
    return Node(value, loc, text=str(node.value))
