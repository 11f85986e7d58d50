"""Real-looking broken inputs through the installed `esfkit` command: exit 2, located, calm.

Each case in tests/data/broken/cases.yml names a data file, a goal file, a note of what is
wrong, and the row, line or goal-file position the message must name.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
CASES = yaml.safe_load((BROKEN / "cases.yml").read_text(encoding="utf-8"))
ESFKIT = str(Path(sys.executable).with_name("esfkit"))  # the installed console script


def esfkit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ESFKIT, *args], cwd=BROKEN, capture_output=True, text=True, timeout=60, check=False
    )


def test_there_are_at_least_25_broken_inputs_each_with_a_note() -> None:
    assert len(CASES) >= 25
    assert all(c["note"] and c["expect"] and (BROKEN / c["data"]).is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['goals']}+{c['data']}" for c in CASES])
def test_check_exits_2_naming_the_row_or_line(case: dict) -> None:
    done = esfkit("check", case["goals"], case["data"])
    assert done.returncode == 2, (case["note"], done.stdout, done.stderr)
    assert case["expect"] in done.stderr, (case["note"], done.stderr)
    assert done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=[f"{c['goals']}+{c['data']}" for c in CASES])
def test_validate_exits_2_without_a_traceback(case: dict) -> None:
    done = esfkit("validate", case["goals"], case["data"])
    assert done.returncode == 2, (case["note"], done.stdout, done.stderr)
    assert case["expect"] in done.stdout + done.stderr, case["note"]
    assert "Traceback" not in done.stderr
