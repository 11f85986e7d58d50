"""The code base passes its own lint and format checks (ruff), as part of the suite."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import ROOT

PATHS = [p for p in ("src", "tests", "bench", "examples") if (ROOT / p).exists()]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    return subprocess.run(
        [ruff, *args, *PATHS], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_is_clean() -> None:
    done = _ruff("check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean() -> None:
    done = _ruff("format", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
