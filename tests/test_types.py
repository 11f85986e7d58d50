"""The types hold: mypy checks src/esfkit with the settings in pyproject.toml, [tool.mypy]
(strict for the engine, the goal model, the kinds and the library's face; the rest without
strict), and fails on any error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """mypy of the test run's own environment, with the project's configuration (its cache,
    .mypy_cache, makes a second run take a second or two)."""
    beside = Path(sys.executable).with_name("mypy")
    command = str(beside) if beside.exists() else shutil.which("mypy") or "mypy"
    config = str(ROOT / "pyproject.toml")
    return subprocess.run(
        [command, "--config-file", config, "--no-error-summary", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_mypy_finds_no_error() -> None:
    done = _mypy()
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_a_wrong_type_in_the_engine_fails_naming_its_line(tmp_path: Path) -> None:
    """The check is live and strict where it should be: an untyped function added to a
    copy of esfkit.engine is refused, named with its line."""
    package = tmp_path / "src" / "esfkit"
    shutil.copytree(ROOT / "src" / "esfkit", package, ignore=shutil.ignore_patterns("__pycache__"))
    module = package / "engine" / "run.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(f"{text}\n\ndef untyped(x):\n    return x + 1\n", encoding="utf-8")
    line = len(text.splitlines()) + 3
    done = _mypy("--cache-dir", str(tmp_path / "cache"), str(package), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"run.py:{line}: error: Function is missing a type annotation" in done.stdout
