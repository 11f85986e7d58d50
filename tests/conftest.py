"""Shared test helpers: run the real CLI in-process, and write small input files."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esfkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_cli(
    *args: str | Path, env: dict[str, str] | None = None, today: dt.date | None = None
) -> Run:
    """Invoke the `esfkit` command through its real Typer app, in-process; ``today``: the
    date the command takes for today (the default report date), instead of the clock's."""
    runner = CliRunner()
    obj = {"today": today} if today is not None else None
    result = runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=True, obj=obj)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


COMMANDS = {"check", "validate", "explain", "history", "init", "template", "list", "show"}


def in_english(args: tuple[str | Path, ...]) -> tuple[str | Path, ...]:
    """``args`` with --lang en after the command's name (none without a command): for the
    tests that read esfkit's English messages; tests/test_lang.py holds the Swedish default."""
    for index, arg in enumerate(args):
        if str(arg) in COMMANDS and not (str(arg) == "list" and index == 0):
            return (*args[: index + 1], "--lang", "en", *args[index + 1 :])
    return args


def run_cli_en(
    *args: str | Path, env: dict[str, str] | None = None, today: dt.date | None = None
) -> Run:
    """:func:`run_cli` with ``--lang en``."""
    return run_cli(*in_english(args), env=env, today=today)


def example_data(folder: Path, expected: dict) -> list[Path]:
    """The participant files of an example: ``data`` in its expected.yml, a file or a list
    of files read as one register."""
    data = expected["data"]
    return [folder / name for name in ([data] if isinstance(data, str) else data)]


EXTERNAL_PROGRAMS = {"soffice", "chromium"}  # fixtures of tests/render/conftest.py


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs LibreOffice or Chromium is ``external``, whatever its file. A test
    that starts the real command (a process, a second or more each) keeps its first case in
    the fast loop and is ``slow`` for its others: one case per behaviour stays fast."""
    for item in items:
        if EXTERNAL_PROGRAMS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.external)
        elif _a_later_case(item) and _starts_a_process(getattr(item, "function", None)):
            item.add_marker(pytest.mark.slow)


def _a_later_case(item: pytest.Item) -> bool:
    """A parametrised case other than its function's first."""
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(callspec.indices.values())


@functools.cache
def _starts_a_process(function: object) -> bool:
    """Whether the test's own body runs the installed command or another program."""
    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (TypeError, OSError):
        return False
    return any(call in source for call in PROCESS_CALLS)


PROCESS_CALLS = ("esfkit_process(", "subprocess.run(", "subprocess.Popen(", "refused(")


def assert_golden(golden: Path, produced: str | bytes) -> None:
    """``produced`` equals the golden file. A missing golden file fails the test: golden
    files are written only on request, ``ESFKIT_UPDATE_GOLDEN=1 pytest ...``, and then
    reviewed with ``git diff`` before they are committed."""
    data = produced.encode("utf-8") if isinstance(produced, str) else produced
    if os.environ.get("ESFKIT_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden}: ESFKIT_UPDATE_GOLDEN=1 writes it"
    assert data == golden.read_bytes(), f"differs from {golden}"


@pytest.fixture
def write(tmp_path: Path):
    """write('goals.yml', text) -> path in a fresh folder."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
