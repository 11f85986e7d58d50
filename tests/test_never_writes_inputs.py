"""No command ever writes to its inputs: sha256 of every input before and after each run."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest

from esfkit import render
from tests.conftest import EXAMPLES
from tests.conftest import run_cli_en as run_cli

# Every output format the renderers offer (a format still being written is left out).
FORMATS = tuple(
    name
    for name, module in render.FORMATS.items()
    if importlib.util.find_spec(f"esfkit.render.{module}") is not None
)


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of a real example: an .xlsx workbook and its goal file."""
    source = EXAMPLES / "norrsken"
    for name in ("goals.yml", "deltagare.xlsx"):
        shutil.copy(source / name, tmp_path / name)
    (tmp_path / "deltagare.csv").write_bytes((EXAMPLES / "utan" / "deltagare.csv").read_bytes())
    (tmp_path / "utan.yml").write_bytes((EXAMPLES / "utan" / "goals.yml").read_bytes())
    return tmp_path


def _commands(folder: Path) -> list[list[str]]:
    goals, data = folder / "goals.yml", folder / "deltagare.xlsx"
    out = folder / "out"
    commands = [
        ["check", goals, data, "--as-of", "2014-01-01"],
        ["check", folder / "utan.yml", folder / "deltagare.csv", "--as-of", "2014-01-31"],
        ["validate", goals, data, "--strict"],
        ["validate", folder / "utan.yml", folder / "deltagare.csv"],
        ["explain", goals, data, "plan_to_work", "--where", "municipality=Piteå"],
        ["explain", goals, data, "plan_to_work", "-f", "json"],
        ["init", data, "-o", out / "starter.yml"],
        ["init", folder / "deltagare.csv", "-o", "-"],
        ["template", "-o", out / "mall.xlsx", "--goals", goals],
        ["indicators", "list"],
        ["check", goals, data, "--as-of", "2014-01-01", "--history", out / "history.csv"],
        ["check", goals, data, "--as-of", "2014-02-01", "--history", out / "history.csv"],
    ]
    commands += [
        ["check", goals, data, "--as-of", "2014-01-01", "-f", fmt, "-o", out / f"r.{fmt}"]
        for fmt in FORMATS
    ]
    return [[str(a) for a in c] for c in commands]


def test_no_command_changes_an_input(project: Path) -> None:
    (project / "out").mkdir()
    before = _digests(project)
    ran = 0
    for command in _commands(project):
        run = run_cli(*command)
        assert run.exit_code in (0, 2), (command, run.stderr)
        ran += run.exit_code == 0
        assert _digests(project) == before, command
    assert ran >= len(_commands(project)) - 2  # nearly all of them did real work
    history = project / "out" / "history.csv"
    recorded = hashlib.sha256(history.read_bytes()).hexdigest()
    assert run_cli("history", history).exit_code == 0
    assert hashlib.sha256(history.read_bytes()).hexdigest() == recorded


@pytest.mark.parametrize("target", ["goals.yml", "deltagare.xlsx"])
def test_output_onto_an_input_is_refused(project: Path, target: str) -> None:
    before = _digests(project)
    goals, data = project / "goals.yml", project / "deltagare.xlsx"
    for fmt in ("table", "json"):
        run = run_cli("check", goals, data, "-f", fmt, "-o", project / target)
        assert run.exit_code == 2 and "input" in run.stderr
    for target_file in (goals, data):
        run = run_cli("check", goals, data, "--history", target_file)
        assert run.exit_code == 2 and "input" in run.stderr
    for command in (["init", data, "-o", data], ["template", "-o", goals, "--goals", goals]):
        run = run_cli(*command, "--force")
        assert run.exit_code == 2, (command, run.stdout, run.stderr)
    assert _digests(project) == before
