"""Every command's --help ends with a one-line example, as the README promises."""

from __future__ import annotations

import pytest
import typer

from esfkit.cli import app
from tests.conftest import run_cli


def _command_paths() -> list[tuple[str, ...]]:
    def walk(command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        if hasattr(command, "commands"):  # a group of commands
            return [p for name, sub in command.commands.items() for p in walk(sub, (*path, name))]
        return [path]

    return walk(typer.main.get_command(app), ())


@pytest.mark.parametrize("path", _command_paths(), ids=" ".join)
def test_every_command_help_has_an_example(path: tuple[str, ...]) -> None:
    run = run_cli(*path, "--help")
    assert run.exit_code == 0
    assert f"Example: esfkit {' '.join(path)}" in run.stdout
