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

from esfkit.errors import GoalFileError, GoalFileLocation, Said, impossible_date, say
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

    def error(self, message: str | Said, hint: str | Said | None = None) -> GoalFileError:
        return GoalFileError(message, where=self.loc, hint=hint)

    def describe(self) -> str:
        """The value as the user wrote it, for messages."""
        return self.described().text()

    def described(self) -> Said:
        """The value as the user wrote it, in every language."""
        if self.is_scalar and self.value is None:
            return say("yaml.empty")
        if self.text is not None:
            return say("yaml.value", value=repr(self.text))
        return say("yaml.mapping" if self.is_mapping else "yaml.list")


def load_file(path: Path) -> Node:
    """Read and parse a goal file; every problem is a located GoalFileError."""
    data = read_input(path, what="the goal file", limit=GOAL_FILE_LIMIT, error=GoalFileError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoalFileError(
            say("yaml.not_utf8", file=path.name, byte=exc.start), hint=say("hint.not_utf8")
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
            say("yaml.too_deep", depth=YAML_DEPTH),
            where=_loc(filename, exc.mark),
            hint=say("hint.too_deep"),
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(filename, mark) if mark else None
        problem = _problem(exc.problem or exc.context or "?")
        raise GoalFileError(
            say("yaml.invalid", problem=problem), where=where, hint=say("hint.invalid_yaml")
        ) from None
    except yaml.YAMLError as exc:
        start = GoalFileLocation(filename, 1, 1)
        raise GoalFileError(say("yaml.invalid", problem=exc), where=start) from None
    if root is None:
        raise GoalFileError(say("yaml.empty_file"), where=GoalFileLocation(filename, 1, 1))
    return _convert(root, filename, set())


# PyYAML's words for the problems a hand-written goal file has most, by how they begin.
_PROBLEMS = {
    "found character '\\t'": "yaml.problem.tab",
    "mapping values are not allowed": "yaml.problem.mapping_value",
    "expected <block end>": "yaml.problem.block_end",
    "expected ',' or ']'": "yaml.problem.flow_end",
    "expected ',' or '}'": "yaml.problem.flow_end",
    "found unexpected end of stream": "yaml.problem.quote",
}


def _problem(problem: str) -> Said | str:
    """PyYAML's problem in every language where it is a common one; else its own words."""
    key = next((k for start, k in _PROBLEMS.items() if problem.startswith(start)), None)
    return say(key) if key else problem


_constructor = yaml.SafeLoader(stream="")


def _loc(filename: str, mark: yaml.Mark) -> GoalFileLocation:
    return GoalFileLocation(filename, mark.line + 1, mark.column + 1)


def _convert(node: yaml.Node, filename: str, seen: set[int]) -> Node:
    loc = _loc(filename, node.start_mark)
    if not isinstance(node, yaml.ScalarNode):
        # An alias hands back the very node it names; refusing a second visit rules out
        # cycles and exponential "billion laughs" expansion alike.
        if id(node) in seen:
            raise GoalFileError(say("yaml.alias"), where=loc, hint=say("hint.alias"))
        seen.add(id(node))
    if not isinstance(node, yaml.ScalarNode) and len(node.value) > YAML_ITEMS:
        raise GoalFileError(
            say("yaml.too_many_items", n=len(node.value), limit=YAML_ITEMS),
            where=loc,
            hint=say("hint.right_file"),
        )
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        key_locs: dict[str, GoalFileLocation] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(filename, key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise GoalFileError(say("yaml.merge_key"), where=key_loc)
            if not isinstance(key_node, yaml.ScalarNode):
                raise GoalFileError(say("yaml.key_text"), where=key_loc)
            key = str(key_node.value).strip()
            if key in values:
                first = key_locs[key]
                raise GoalFileError(
                    say("yaml.duplicate_key", key=key, line=first.line),
                    where=key_loc,
                    hint=say("hint.duplicate_key"),
                )
            values[key] = _convert(value_node, filename, seen)
            key_locs[key] = key_loc
        return Node(values, loc, key_locs=key_locs)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, filename, seen) for item in node.value], loc)
    try:
        value = _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        why = impossible_date(str(node.value))
        if why is not None:  # YAML read it as a date: written right, but no such day
            message = say("yaml.impossible_date", value=node.value, why=why)
            raise GoalFileError(message, where=loc) from None
        message = say("yaml.unreadable_value", value=repr(node.value), why=exc)
        raise GoalFileError(message, where=loc) from None
    return Node(value, loc, text=str(node.value))
