"""Hostile and careless input (issue 10): helpers shared by the tests of each class.

``esfkit_process`` runs the installed console script as a real process, with a timeout, for
the cases an in-process run cannot show (a hang, a locale, a closed pipe, a memory limit);
everything else goes through ``tests.conftest.run_cli``, the real Typer app in-process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import in_english

ESFKIT = str(Path(sys.executable).with_name("esfkit"))  # the installed console script


def esfkit_process(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 30,
    english: bool = True,
    **kwargs,
) -> subprocess.CompletedProcess:
    """The real `esfkit` command, with ``--lang en`` unless not ``english`` (these tests read
    its English messages); a hang longer than ``timeout`` fails the test."""
    return subprocess.run(
        [ESFKIT, *map(str, in_english(args) if english else args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )
