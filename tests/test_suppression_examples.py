"""Small-number suppression through the command line, in every format, for every example.

The requirement as the steering group's secretary meets it: paste the Markdown into Word,
open the Excel file, print the HTML, and nothing shows a count from 1 to N-1. Each format is
read back as far as it can be (``tests/leaks.py``): the JSON completely, the tables of the
Markdown, HTML and text reports, the CSV's count measures, the Excel sheets' count columns
and chart blocks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.leaks import assert_formats_have_no_small_count, markdown_counts
from tests.test_examples import FOLDERS, _args

pytestmark = pytest.mark.slow  # the fast loop leaves it out (docs/dev/testing.md)

THRESHOLDS = (5, 10)


def _cases() -> list:
    return [
        pytest.param(folder, n, id=f"{folder.name}-{n}") for folder in FOLDERS for n in THRESHOLDS
    ]


def _check(folder: Path, *extra) -> str:
    run = run_cli("check", *_args(folder), *extra)
    assert run.exit_code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize(("folder", "threshold"), _cases())
def test_no_format_shows_a_count_under_the_threshold(
    folder: Path, threshold: int, tmp_path
) -> None:
    hide = ("--suppress-below", str(threshold))
    report = _check(folder, *hide, "-f", "json")
    kinds = {g["id"]: g["kind"] for g in json.loads(report)["goals"]}
    count_goals = {goal for goal, kind in kinds.items() if kind in ("count", "distribution")}
    outputs: dict[str, str | bytes] = {"json": report}
    for lang in ("sv", "en"):
        for fmt in ("markdown", "html"):
            outputs[f"{fmt}.{lang}"] = _check(folder, *hide, "-f", fmt, "--lang", lang)
    outputs["csv"] = _check(folder, *hide, "-f", "csv")
    outputs["csv-excel"] = _check(folder, *hide, "-f", "csv", "--csv-excel")
    for fmt in ("text", "table"):
        outputs[fmt] = _check(folder, *hide, "-f", fmt, "--width", "400")
    book = tmp_path / "report.xlsx"
    _check(folder, *hide, "-o", book)
    outputs["xlsx"] = book.read_bytes()
    for lang in ("sv", "en"):
        document = tmp_path / f"report-{lang}.docx"
        _check(folder, *hide, "--lang", lang, "-o", document)
        outputs[f"docx.{lang}"] = document.read_bytes()
    assert_formats_have_no_small_count(outputs, threshold, count_goals)
    assert any(True for _ in markdown_counts(outputs["markdown.sv"]))  # it reads something


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_changes_and_trends_show_no_hidden_figure(folder: Path, tmp_path) -> None:
    """With --history the change arrows and trend charts compare only figures both reports
    show: a run half a year earlier, then the example's own."""
    args = _args(folder)
    as_of = dt.date.fromisoformat(args[args.index("--as-of") + 1])
    earlier = [a if a != as_of.isoformat() else str(as_of - dt.timedelta(days=120)) for a in args]
    history = tmp_path / "history.csv"
    hide = ("--suppress-below", "5", "--history", history)
    for run_args in (earlier, args):
        run = run_cli("check", *run_args, *hide, "-f", "json")
        assert run.exit_code == 0, run.stderr
    report = run.json()
    for goal in report["goals"]:
        for cell in goal["cells"]:
            if "value" in cell.get("suppressed", {}):
                assert cell["change"] is None, (goal["id"], cell)
    kinds = {g["id"]: g["kind"] for g in report["goals"]}
    count_goals = {goal for goal, kind in kinds.items() if kind in ("count", "distribution")}
    book = tmp_path / "report.xlsx"
    outputs: dict[str, str | bytes] = {"json": run.stdout}
    for fmt in ("markdown", "html", "text"):
        outputs[fmt] = run_cli("check", *args, *hide, "-f", fmt, "--width", "400").stdout
    assert run_cli("check", *args, *hide, "-o", book).exit_code == 0
    outputs["xlsx"] = book.read_bytes()
    assert_formats_have_no_small_count(outputs, 5, count_goals)
    changes = [c["change"] for g in report["goals"] for c in g["cells"]]
    assert any(change is not None for change in changes)  # the comparison did happen
    assert 'class="chart trend"' in str(outputs["html"])
