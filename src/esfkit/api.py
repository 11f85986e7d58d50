"""esfkit as a library: the use cases the command line runs, callable from Python.

The command line (esfkit.cli) parses options and calls these; a notebook can call them too.
This module is where the layers below meet: here the goal-file parser is given the goal
kinds and the indicator libraries.
"""

from __future__ import annotations

from pathlib import Path

from esfkit.goalfile.model import GoalFile
from esfkit.goalfile.parse import parse_goal_file
from esfkit.goalfile.yamlnode import Node, load_file, load_text
from esfkit.indicators import expand_include
from esfkit.kinds import KINDS


def load_goal_file(path: Path) -> GoalFile:
    """Read and validate the goal file ``path``; a located GoalFileError when it is wrong."""
    return _parsed(load_file(path), path.name)


def parse_goal_file_text(text: str, filename: str = "goals.yml") -> GoalFile:
    """The goal file whose YAML is ``text``, located as ``filename`` in messages."""
    return _parsed(load_text(text, filename), filename)


def _parsed(root: Node, filename: str) -> GoalFile:
    return parse_goal_file(root, filename, KINDS, expand_include)
