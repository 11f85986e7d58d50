"""The terminal table: as wide as the terminal (100 when not a terminal), never a word or a
figure split, titles on lines of their own when they do not fit, a --width too narrow
refused."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from esfkit.render.layout import atoms, wrap
from tests.conftest import EXAMPLES, ROOT, assert_golden, run_cli
from tests.hostile.conftest import ESFKIT, esfkit_process
from tests.test_cli import DATA, GOALS
from tests.test_examples import _args

FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/expected.yml"))
# Tokens that never end a line (they belong to the figure after them), and the start of a
# token that never begins one (it belongs to the figure before it).
LEADING = {"≥", "≤", "=", "/", "±", "▲", "▼", "✔", "✘", "n"}


def _in_terminal(columns: int, *args: str | Path) -> str:
    """What the real `esfkit` prints on a terminal of ``columns`` columns (a pseudo-terminal
    whose size says so; no COLUMNS in the environment)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [ESFKIT, *map(str, args)],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        env=env | {"NO_COLOR": "1"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the process has closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def _tokens(text: str) -> set[str]:
    """The words of a report, its rules (lines of '─' as wide as a table) left out."""
    return {token for token in text.split() if token.strip("─")}


def assert_laid_out(text: str, width: int, wide: str) -> None:
    """No line wider than ``width``; every word as in the report at width 1000 (none split);
    no figure parted from its unit or sign."""
    for line in text.splitlines():
        assert cell_len(line) <= width, line
        words = line.split()
        if words:
            assert not words[0].startswith("%"), line
            assert words[-1] not in LEADING, line
    assert _tokens(text) <= _tokens(wide), _tokens(text) - _tokens(wide)


def _wide(folder: Path) -> str:
    run = run_cli("check", *_args(folder), "--width", "1000")
    assert run.exit_code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_an_80_column_terminal_gets_80_columns_and_no_word_split(folder: Path) -> None:
    shown = _in_terminal(80, "check", *_args(folder))
    assert_laid_out(shown, 80, _wide(folder))
    assert max(cell_len(line) for line in shown.splitlines()) > 70  # the width is used


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_piped_output_is_100_columns_wide(folder: Path) -> None:
    done = esfkit_process("check", *_args(folder), env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    shown = done.stdout.decode("utf-8")
    assert_laid_out(shown, 100, _wide(folder))
    assert max(cell_len(line) for line in shown.splitlines()) > 90


def test_the_issue_s_splits_are_gone_at_80_columns() -> None:
    shown = run_cli("check", *_args(EXAMPLES / "vagar-till-egen-forsorjning"), "--width", "80")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert "32,6 %-enheter" in shown.stdout
    assert not any(line.strip() in ("are", "se", "%-enheter") for line in lines)
    assert not any(line.rstrip().endswith(("deltag", "Avvikel", "32,6")) for line in lines)


def test_the_80_column_output_in_the_docs_is_what_esfkit_prints() -> None:
    run = run_cli("check", *_args(EXAMPLES / "vagar-till-egen-forsorjning"), "--width", "80")
    assert run.exit_code == 0, run.stderr
    assert_golden(ROOT / "docs" / "images" / "terminal-80.txt", run.stdout)


def test_titles_that_do_not_fit_go_on_lines_of_their_own() -> None:
    folder = EXAMPLES / "utan"
    goals = run_cli("check", *_args(folder), "-f", "json").json()["goals"]
    narrow = run_cli("check", *_args(folder), "--width", "80").stdout.splitlines()
    for goal in goals:  # each title whole on one line (they are shorter than 80)
        assert any(line.strip() == goal["title"] for line in narrow), goal["title"]
    # On a wide line the summary is one table: a title and its figures share a line.
    wide = run_cli("check", *_args(folder), "--width", "200").stdout.splitlines()
    studies = next(line for line in wide if "50 % av deltagarna påbörjar studier" in line)
    assert "28,9 %" in studies


def test_a_width_too_narrow_for_the_tables_is_refused_with_the_width_needed() -> None:
    folder = EXAMPLES / "vagar-till-egen-forsorjning"
    run = run_cli("check", *_args(folder), "--width", "40")
    assert run.exit_code == 2 and run.stdout == ""
    needed = int(re.search(r"need (\d+) columns", run.stderr).group(1))
    assert "--width 40 is too narrow" in run.stderr and f"--width {needed}" in run.stderr
    assert 40 < needed <= 80
    assert run_cli("check", *_args(folder), "--width", str(needed)).exit_code == 0
    assert run_cli("check", *_args(folder), "--width", str(needed - 1)).exit_code == 2


@pytest.mark.parametrize("width", ["0", "-3"])
def test_a_width_of_nothing_is_refused(width: str, write) -> None:
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), "--width", width)
    assert run.exit_code == 2 and "--width" in run.stderr


def test_wrap_breaks_between_words_and_keeps_figures_whole() -> None:
    assert atoms("75 till behövs (32,6 %-enheter under)") == [
        "75", "till", "behövs", "(32,6 %-enheter", "under)",
    ]  # fmt: skip
    assert atoms("≥ 47,8 %") == ["≥ 47,8 %"]
    assert atoms("n = 173") == ["n = 173"]
    assert atoms("110 / 112") == ["110", "/ 112"]
    assert wrap("deltagare", 5) == ["delta", "gare"]  # only a word wider than the line
    assert wrap("a bb ccc", 4) == ["a bb", "ccc"]


WORD = st.text(alphabet="abcdefghijåäöÅÄÖ0123456789%-/", min_size=1, max_size=14).filter(
    lambda word: word not in LEADING and not word.startswith("%")
)
TITLE = st.lists(WORD, min_size=1, max_size=14).map(" ".join)
PLACE = st.text(alphabet="abcdefghijklmnopåäö", min_size=1, max_size=16).map(str.capitalize)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.tuples(TITLE, TITLE),
    places=st.lists(PLACE, min_size=2, max_size=9, unique_by=str.casefold),
    width=st.integers(min_value=20, max_value=160),
)
def test_any_titles_places_and_width_give_lines_within_the_width(titles, places, width) -> None:
    goals = GOALS.replace("title: Rekryterade", f"title: '{titles[0]}'").replace(
        "title: Studier", f"title: '{titles[1]}'"
    )
    rows = [
        f"{n};{'Kvinna' if n % 2 else 'Man'};{place};2021-01-01;2021-03-01;Studier"
        for n, place in enumerate(places * 2, start=1)
    ]
    data = DATA.splitlines()[0] + "\n" + "\n".join(rows) + "\n"
    folder = ROOT / ".hypothesis" / "terminal"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "g.yml").write_text(goals, encoding="utf-8")
    (folder / "d.csv").write_text(data, encoding="utf-8")
    args = ("check", folder / "g.yml", folder / "d.csv", "--as-of", "2021-12-31")
    wide = run_cli(*args, "--width", "1000")
    assert wide.exit_code == 0, wide.stderr
    run = run_cli(*args, "--width", str(width))
    if run.exit_code == 2:
        needed = int(re.search(r"need (\d+) columns", run.stderr).group(1))
        assert needed > width
        width, run = needed, run_cli(*args, "--width", str(needed))
    assert run.exit_code == 0, run.stderr
    assert_laid_out(run.stdout, width, wide.stdout)


def test_a_word_wider_than_any_line_is_cut_to_the_line_not_a_crash(write) -> None:
    goals = write("g.yml", GOALS.replace("title: Rekryterade", f"title: '{'x' * 300} slut'"))
    data = write("d.csv", DATA.replace(";Berg;", f";{'B' * 1200};"))
    for width in ((), ("--width", "120")):
        run = run_cli("check", goals, data, "--as-of", "2021-12-31", *width)
        assert run.exit_code == 0, run.stderr
        limit = int(width[1]) if width else 100
        assert max(cell_len(line) for line in run.stdout.splitlines()) == limit
        assert "slut" in run.stdout and "B" * limit not in run.stdout
