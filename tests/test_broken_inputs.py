"""Real-looking broken inputs through the real `esfkit` command: exit 2, located, calm.

Each case in tests/data/broken/cases.yml names a data file, a goal file, a note of what is
wrong, and the row, line or goal-file position the message must name. The cases run
in-process through the real Typer app; one case per command runs as the installed console
script, so the entry point itself is covered.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import in_english
from tests.conftest import run_cli_en as run_cli

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
CASES = yaml.safe_load((BROKEN / "cases.yml").read_text(encoding="utf-8"))
ESFKIT = str(Path(sys.executable).with_name("esfkit"))  # the installed console script
IDS = [f"{c['goals']}+{c['data']}" for c in CASES]


def _args(command: str, case: dict) -> list[str]:
    return [command, str(BROKEN / case["goals"]), str(BROKEN / case["data"])]


def test_there_are_at_least_25_broken_inputs_each_with_a_note() -> None:
    assert len(CASES) >= 25
    assert all(c["note"] and c["expect"] and (BROKEN / c["data"]).is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_check_exits_2_naming_the_row_or_line(case: dict) -> None:
    run = run_cli(*_args("check", case))
    assert run.exit_code == 2, (case["note"], run.stdout, run.stderr)
    assert case["expect"] in run.stderr, (case["note"], run.stderr)
    assert run.stderr.startswith("error: ")
    assert "Traceback" not in run.stderr and run.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_validate_exits_2_without_a_traceback(case: dict) -> None:
    run = run_cli(*_args("validate", case))
    assert run.exit_code == 2, (case["note"], run.stdout, run.stderr)
    assert case["expect"] in run.stdout + run.stderr, case["note"]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("command", ["check", "validate"])
def test_the_installed_command_gives_the_same_located_error(command: str) -> None:
    case = CASES[0]
    done = subprocess.run(
        [ESFKIT, *in_english(_args(command, case))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert case["expect"] in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
