"""CI runs what README.md tells a new contributor to run, and nothing else."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"```\n(python3 -m venv[^\n]*)\n```", text)]


def test_readme_has_the_two_commands_install_and_run_and_install_and_test() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert "esfkit check examples/" in commands[0]
    assert ".[test]" in commands[1] and "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["bash .ci/install-system-packages", _readme_commands()[1]]
