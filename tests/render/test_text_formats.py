"""Markdown and text: what the minutes and the mail get."""

from __future__ import annotations

import hashlib
import re

import pytest

from esfkit import __version__
from tests.conftest import EXAMPLES, run_cli
from tests.test_cli import DATA, GOALS
from tests.test_examples import _args

ARGS = ("--as-of", "2021-12-31")


def test_format_is_taken_from_the_output_extension(write, tmp_path) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    for name, starts in [("r.md", "# Test"), ("r.txt", "Test\n===="), ("r.json", "{")]:
        run = run_cli("check", goals, data, *ARGS, "-o", tmp_path / name)
        assert run.exit_code == 0, run.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts), name


def test_explicit_format_wins_over_the_extension(write, tmp_path) -> None:
    out = tmp_path / "r.txt"
    run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", DATA), *ARGS, "-f", "json", "-o", out
    )
    assert run.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("{")


def test_markdown_is_pipe_tables_with_a_footer(write) -> None:
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), *ARGS, "-f", "markdown")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "| Mål | Målvärde | Utfall | Kvinnor | Män | Status | Avvikelse |" in lines
    assert "|:---|---:|---:|---:|---:|:---|:---|" in lines
    sha = hashlib.sha256(DATA.encode()).hexdigest()[:12]
    assert lines[-1] == (
        f"*Källa: d.csv, 3 rader, sha256 {sha}; rapportdatum 2021-12-31; esfkit {__version__}*"
    )
    # Every table row has as many cells as its header.
    for line in lines:
        if line.startswith("|"):
            assert line.replace("\\|", "").count("|") in (8, 5, 4), line


def test_markdown_escapes_pipes_in_titles(write) -> None:
    goals = GOALS.replace("title: Rekryterade", "title: Rekryterade | alla")
    run = run_cli("check", write("g.yml", goals), write("d.csv", DATA), *ARGS, "-f", "markdown")
    assert "Rekryterade \\| alla" in run.stdout


def test_text_is_plain_fixed_width_with_a_footer(write) -> None:
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), *ARGS, "-f", "text")
    assert run.exit_code == 0, run.stderr
    assert "\x1b[" not in run.stdout and "─" not in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 100
    assert "rapportdatum 2021-12-31" in run.stdout.splitlines()[-1]


def test_english_footer_and_period(write) -> None:
    run = run_cli(
        "check",
        write("g.yml", GOALS),
        write("d.csv", DATA),
        "--period",
        "2021H1",
        "-f",
        "markdown",
        "--lang",
        "en",
    )
    assert "report date 2021-06-30, period 2021H1 (2021-01-01 – 2021-06-30)" in run.stdout


@pytest.mark.parametrize("width", ["60", "80", "100"])
def test_text_never_breaks_a_figure_from_its_unit(width) -> None:
    """The mail's tables break cells as the terminal's do (render/layout.py): '1,4 %-enheter'
    and '≥ 50 %' stay whole on one line."""
    folder = EXAMPLES / "norrsken"
    run = run_cli("check", *_args(folder), "-f", "text", "--width", width)
    assert run.exit_code == 0, run.stderr
    for line in run.stdout.splitlines():
        assert not re.search(r"(^|\s{2,})%", line), line  # a cell's line starting with a unit
        assert not re.search(r"\(\d+(,\d+)?$", line.rstrip()), line  # '(1,9' then '%-enheter'
