"""Excel: what openpyxl reads back, and what LibreOffice makes of it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, run_cli
from tests.hostile import outputs as o
from tests.render.conftest import convert
from tests.test_cli import DATA, GOALS
from tests.test_examples import _args

UTAN = EXAMPLES / "utan"


def _xlsx(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "report.xlsx"
    run = run_cli("check", *_args(UTAN), "-o", out, *extra)
    assert run.exit_code == 0, run.stderr
    return out


def test_summary_and_one_sheet_per_goal_with_formats_and_frozen_headers(tmp_path) -> None:
    book = load_workbook(_xlsx(tmp_path))
    assert book.sheetnames[0] == "Sammanfattning"
    goals = run_cli("check", *_args(UTAN), "-f", "json").json()["goals"]
    assert book.sheetnames[1:] == [g["id"] for g in goals]
    summary = book["Sammanfattning"]
    rows = list(summary.iter_rows(values_only=True))
    studies = next(r for r in rows if r[0] == "50 % av deltagarna påbörjar studier")
    assert studies[1] == 0.5 and abs(studies[2] - 50 / 173) < 1e-9
    assert summary.freeze_panes is not None
    sheet = book["studies"]
    assert sheet.freeze_panes == "C5"
    assert sheet["C5"].number_format == "0.0%"
    assert sheet.column_dimensions["A"].width >= 8
    assert book.properties.created == book.properties.modified


def test_every_count_and_share_goal_has_a_native_bar_chart(tmp_path) -> None:
    book = load_workbook(_xlsx(tmp_path))
    goals = run_cli("check", *_args(UTAN), "-f", "json").json()["goals"]
    charted = [g["id"] for g in goals if g["kind"] in ("count", "share")]
    for goal in goals:
        assert len(book[goal["id"]]._charts) == (goal["id"] in charted), goal["id"]
    # openpyxl reads each chart back as a bar chart of two series: actual and target.
    chart = book["studies"]._charts[0]
    assert chart.tagname == "barChart" and chart.type == "col"
    assert len(chart.series) == 2


def test_values_from_users_files_are_never_formulas(write, tmp_path) -> None:
    goals = GOALS.replace("title: Rekryterade", "title: '=1+1'")
    data = DATA.replace(";Berg;", ";@SUM(A1);")
    out = tmp_path / "r.xlsx"
    run = run_cli(
        "check", write("g.yml", goals), write("d.csv", data), "--as-of", "2021-12-31", "-o", out
    )
    assert run.exit_code == 0, run.stderr
    book = load_workbook(out)
    cells = [c for s in book for row in s.iter_rows() for c in row if c.value is not None]
    typed = {c.value: c for c in cells if c.value in ("=1+1", "@SUM(A1)")}
    # Text cells showing the text as typed (no apostrophe), with Excel's hidden quote prefix
    # so that editing the cell keeps it text.
    assert set(typed) == {"=1+1", "@SUM(A1)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in typed.values())
    assert not any(c.data_type == "f" for c in cells)


def test_xlsx_needs_an_output_file(write) -> None:
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), "-f", "xlsx")
    assert run.exit_code == 2 and "--output" in run.stderr


@pytest.mark.parametrize(
    "folder", sorted(p.parent for p in EXAMPLES.glob("*/expected.yml")), ids=lambda p: p.name
)
def test_libreoffice_opens_and_converts_the_workbook(folder: Path, soffice: str, tmp_path) -> None:
    out = tmp_path / "report.xlsx"
    run = run_cli("check", *_args(folder), "-o", out)
    assert run.exit_code == 0, run.stderr
    for target in ("pdf", "csv:Text - txt - csv (StarCalc):44,34,76"):  # 76: UTF-8
        convert(soffice, out, target, tmp_path)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    first = list(csv.reader((tmp_path / "report.csv").read_text(encoding="utf-8").splitlines()))
    assert first[0][0] == run_cli("check", *_args(folder), "-f", "json").json()["project"]


def test_libreoffice_shows_formulas_typed_by_users_as_text(soffice: str, tmp_path) -> None:
    texts = o.Texts(manual_title=o.DDE, municipalities=(o.AT, o.FULLWIDTH), exits=(o.PLUS, "-2+3"))
    inputs = o.write_inputs(tmp_path / "in", texts)
    out = tmp_path / "report.xlsx"
    run = run_cli("check", inputs.goals, inputs.data, "--as-of", "2021-12-31", "-o", out)
    assert run.exit_code == 0, run.stderr
    converted = convert(soffice, out, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    assert [o.DDE] in [row[:1] for row in rows]  # the summary's title cell, never computed
