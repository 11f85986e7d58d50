"""Real programs for the real-program tests: LibreOffice (opens and converts the Excel file)
and headless Chromium (renders the HTML). Installed here, once per session, when missing
(a fresh Debian machine, as root). When CI=true a failed install fails the tests; elsewhere
they are skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

APT = ["apt-get", "install", "-y", "--no-install-recommends"]


def _ensure(binaries: tuple[str, ...], packages: list[str]) -> str:
    for name in binaries:
        if found := shutil.which(name):
            return found
    problem = ""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        problem = "not root or no apt-get"
    else:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update"], [*APT, *packages]):
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
            if done.returncode != 0:
                problem = f"{' '.join(command)} failed: {done.stderr[-500:]}"
                break
    for name in binaries:
        if found := shutil.which(name):
            return found
    message = f"{binaries[0]} is not installed and could not be installed ({problem})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def soffice() -> str:
    return _ensure(("soffice", "libreoffice"), ["libreoffice-calc-nogui"])


@pytest.fixture(scope="session")
def chromium() -> str:
    return _ensure(("chromium", "chromium-browser"), ["chromium", "fonts-dejavu-core"])


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
