"""Small-number suppression through the command line, in every format, for every example.

The requirement as the steering group's secretary meets it: paste the Markdown into Word,
open the Excel file, print the HTML, and nothing shows a count from 1 to N-1. Each format is
read back as far as it can be (``tests/leaks.py``): the JSON completely, the tables of the
Markdown, HTML and text reports, the CSV's count measures, the Excel sheets' count columns
and chart blocks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.leaks import assert_formats_have_no_small_count, markdown_counts
from tests.test_examples import FOLDERS, _args

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
    assert_formats_have_no_small_count(outputs, threshold, count_goals)
    assert any(True for _ in markdown_counts(outputs["markdown.sv"]))  # it reads something
