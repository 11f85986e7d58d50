"""The layers hold (docs/architecture.md): import-linter checks the contracts written in
pyproject.toml, [tool.importlinter], and fails on an import that breaks one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]


def _lint_imports(src: Path, cwd: Path) -> subprocess.CompletedProcess:
    """lint-imports with the project's contracts on the package under ``src``."""
    beside = Path(sys.executable).with_name("lint-imports")  # the test run's own environment
    command = str(beside) if beside.exists() else shutil.which("lint-imports") or "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(src)}
    config = str(ROOT / "pyproject.toml")
    return subprocess.run(
        [command, config, "--no-cache", "--no-logo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_every_import_contract_is_kept() -> None:
    done = _lint_imports(ROOT / "src", ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout


@pytest.mark.parametrize(
    ("module", "imported", "broken"),
    [
        ("data/read.py", "esfkit.engine.run", "esfkit.data is not allowed to import esfkit.engine"),
        ("kinds/count.py", "esfkit.engine.context", "esfkit.kinds is not allowed to import"),
        ("render/text.py", "esfkit.data.participants", "esfkit.render is not allowed to import"),
    ],
    ids=["data-imports-engine", "kind-imports-engine", "render-imports-data"],
)
def test_an_import_against_a_contract_fails_naming_it(tmp_path, module, imported, broken) -> None:
    """The check is live: a copy of the package with one import added is refused, the
    import named with its line."""
    shutil.copytree(ROOT / "src" / "esfkit", tmp_path / "esfkit", ignore=_caches)
    source = tmp_path / "esfkit" / module
    text = source.read_text(encoding="utf-8")
    source.write_text(f"{text}\nimport {imported}\n", encoding="utf-8")
    done = _lint_imports(tmp_path, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"Contracts: \d+ kept, [1-9]\d* broken\.", done.stdout), done.stdout
    assert broken in done.stdout
    line = len(text.splitlines()) + 2
    importer = "esfkit." + module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> {imported} (l.{line})" in done.stdout, done.stdout


def _caches(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__"]
