"""Real programs for the real-program tests: LibreOffice (opens and converts the Excel file)
and headless Chromium (renders the HTML). They are system packages, installed by
.ci/install-system-packages (which .ci/run calls), never from inside the tests. A test that
asks for one is marked ``external`` (tests/conftest.py); when the program is missing it is
skipped with the reason, except under CI=true, where a missing program fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def _find(binaries: tuple[str, ...]) -> str:
    for name in binaries:
        if found := shutil.which(name):
            return found
    message = f"{binaries[0]} is not installed: run .ci/install-system-packages (as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def soffice() -> str:
    return _find(("soffice", "libreoffice"))


@pytest.fixture(scope="session")
def chromium() -> str:
    return _find(("chromium", "chromium-browser"))


def convert(soffice: str, workbook: Path, target: str, outdir: Path) -> Path:
    """LibreOffice headless converts the workbook (to "pdf", or a csv filter string); the
    converted file, asserted to exist and not be empty."""
    done = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{outdir / 'profile'}",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    converted = outdir / f"{workbook.stem}.{target.split(':')[0]}"
    assert converted.exists() and converted.stat().st_size > 0, done.stdout + done.stderr
    return converted
