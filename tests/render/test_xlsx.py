"""Excel: what openpyxl reads back, and what LibreOffice makes of it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, run_cli
from tests.hostile import outputs as o
from tests.render.conftest import convert
from tests.test_cli import DATA, GOALS
from tests.test_examples import _args

UTAN = EXAMPLES / "utan"


def _xlsx(tmp_path: Path, *extra: str, folder: Path = UTAN) -> Path:
    out = tmp_path / f"{folder.name}.xlsx"
    run = run_cli("check", *_args(folder), "-o", out, *extra)
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


VAGAR = EXAMPLES / "vagar-till-egen-forsorjning"


def _vagar(tmp_path: Path, *extra: str) -> Path:
    return _xlsx(tmp_path, *extra, folder=VAGAR)


def _header(sheet, first: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == first)


def test_headers_are_aligned_like_their_columns(tmp_path) -> None:
    book = load_workbook(_vagar(tmp_path))
    summary = book["Sammanfattning"]
    row = _header(summary, "Mål")
    names = [c.value for c in summary[row] if c.value is not None]
    assert names[:5] == ["Mål", "Målvärde", "Utfall", "Kvinnor", "Män"]
    for col, name in enumerate(names, start=1):
        right = name not in ("Mål", "Status", "Avvikelse")
        assert (summary.cell(row, col).alignment.horizontal == "right") == right, name
        below = summary.cell(row + 1, col)  # the recruitment goal: 230 under "Utfall"
        if right:
            number = isinstance(below.value, int | float)
            assert number or below.alignment.horizontal == "right", name
    assert summary.cell(row + 1, 3).value == 230
    sheet = book["recruited"]
    header = [c for c in sheet[4] if c.value is not None][:6]  # the chart's figures follow
    assert [c.alignment.horizontal == "right" for c in header] == [
        False,
        False,
        True,
        True,
        True,
        False,
    ]


def test_gap_in_points_with_a_sign_whose_meaning_the_header_states(tmp_path) -> None:
    book = load_workbook(_vagar(tmp_path))
    goals = {g["id"]: g for g in run_cli("check", *_args(VAGAR), "-f", "json").json()["goals"]}
    sheet = book["job_or_studies_share"]  # 39,6 % against 35 %: beaten by 4,6 points
    header = [c.value for c in sheet[4]]
    gap = header.index("Avvikelse, %-enheter (+ sämre än målet, − bättre)") + 1
    total = goals["job_or_studies_share"]["cells"][0]
    assert sheet.cell(5, gap).value == pytest.approx(total["gap"]) and total["gap"] < 0
    assert sheet.cell(5, gap).number_format == "+0.0;-0.0;0.0"
    counts = book["recruited"]
    header = [c.value for c in counts[4]]
    assert "Avvikelse (+ sämre än målet, − bättre)" in header
    column = header.index("Avvikelse (+ sämre än målet, − bättre)") + 1
    assert counts.cell(5, column).number_format == "+#,##0;-#,##0;0"
    english = load_workbook(_vagar(tmp_path, "--lang", "en"))["job_or_studies_share"]
    assert "Gap, percentage points (+ worse than the target, − better)" in [
        c.value for c in english[4]
    ]


MEAN = """\
  - id: time
    title: Tid i projektet
    mean: days_enrolled
    target: 30
    at_most: true
"""


@pytest.mark.parametrize("goal", ["studies", "time"])
def test_cells_of_unknown_gender_are_never_judged_against_a_target(write, tmp_path, goal) -> None:
    data = DATA + "4;;Berg;2021-01-01;2021-05-01;Arbete\n5;Okänt;Åre;2021-01-01;2021-05-01;\n"
    goals, out = write("g.yml", GOALS + MEAN), tmp_path / "r.xlsx"
    run = run_cli("check", goals, write("d.csv", data), "--as-of", "2021-12-31", "-o", out)
    assert run.exit_code == 0, run.stderr
    sheet = load_workbook(out)[goal]
    header = [c.value for c in sheet[4]]
    rows = [
        dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=5, values_only=True)
    ]
    target = next(h for h in header if h in ("mål", "Målvärde"))
    unknown = [r for r in rows if r["Kön"] == "Okänt"]
    assert unknown and all(r[target] is None and r["Status"] == "Inget mål" for r in unknown)
    assert any(r["Kön"] == "Kvinnor" and r[target] in (0.5, 30) for r in rows)
    cells = run_cli("check", goals, write("d.csv", data), "--as-of", "2021-12-31", "-f", "json")
    (result,) = (g for g in cells.json()["goals"] if g["id"] == goal)
    unknown_cells = [c for c in result["cells"] if c["dims"].get("gender") == "unknown"]
    assert unknown_cells
    for cell in unknown_cells:
        assert cell["target"] is None and cell["status"] == "no_target"


def test_print_setup_a4_landscape_one_page_wide_header_repeated_title_on_top(write, tmp_path):
    book = load_workbook(_vagar(tmp_path))
    goals = run_cli("check", *_args(VAGAR), "-f", "json").json()["goals"]
    titles = {"Sammanfattning": "14 45 87 Vägar till egen försörjning"}
    titles |= {g["id"]: g["title"] for g in goals}
    for sheet in book:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        header = 4 if sheet.title != "Sammanfattning" else _header(sheet, "Mål")
        assert sheet.print_title_rows == f"${header}:${header}"
        assert sheet.oddHeader.center.text == titles[sheet.title]
    amp = GOALS.replace("title: Rekryterade", "title: Kvinnor & män")
    out = tmp_path / "amp.xlsx"
    run = run_cli(
        "check", write("g.yml", amp), write("d.csv", DATA), "--as-of", "2021-12-31", "-o", out
    )
    assert run.exit_code == 0, run.stderr
    assert load_workbook(out)["recruited"].oddHeader.center.text == "Kvinnor && män"


def test_the_data_notes_label_is_written_once(tmp_path) -> None:
    out = _xlsx(tmp_path, folder=EXAMPLES / "gemensamma-taget")
    summary = load_workbook(out)["Sammanfattning"]
    labels = [r[0] for r in summary.iter_rows(values_only=True)]
    notes = [
        r[1] for r in summary.iter_rows(values_only=True) if r[0] in ("Att notera i data", None)
    ]
    assert labels.count("Att notera i data") == 1
    assert len([n for n in notes if n]) >= 2  # several findings, one label


def test_goal_sheets_carry_the_goals_notes(tmp_path) -> None:
    book = load_workbook(_vagar(tmp_path))
    texts = [c.value for row in book["adapted_support"].iter_rows() for c in row if c.value]
    assert (
        "162 svarade inte Ja eller Nej på Enkät: individuellt anpassat stöd och räknas inte i andelen"
        in texts
    )


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height, from its MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


@pytest.mark.parametrize("folder", [UTAN, VAGAR], ids=lambda p: p.name)
def test_libreoffice_prints_every_sheet_one_page_wide_in_landscape(folder, soffice, tmp_path):
    out = tmp_path / "report.xlsx"
    run = run_cli("check", *_args(folder), "-o", out)
    assert run.exit_code == 0, run.stderr
    pages = _pdf_pages(convert(soffice, out, "pdf", tmp_path).read_bytes())
    assert pages and all(w > h for w, h in pages)  # landscape
    assert all(abs(w - 841.9) < 1 and abs(h - 595.3) < 1 for w, h in pages)  # A4
    book = load_workbook(out)
    # one page wide: a sheet takes a page per 25 of its rows at most, never a page per column
    assert len(pages) <= sum(-(-sheet.max_row // 25) for sheet in book)


def test_a_means_figures_in_the_summary_are_numbers(tmp_path) -> None:
    """A mean's and a median's total and genders are numbers Excel computes with, as a
    count's and a share's are (they were the summary's words, '5,2')."""
    sheet = load_workbook(_xlsx(tmp_path, folder=EXAMPLES / "malmfalten"))["Sammanfattning"]
    rows = {r[0].value: r for r in sheet.iter_rows() if isinstance(r[0].value, str)}
    for title in ("I genomsnitt högst 6", "Tid i projektet (median)"):
        row = next(r for t, r in rows.items() if t.startswith(title))
        figures = [c.value for c in row[1:5]]
        assert all(isinstance(v, int | float) for v in figures), figures
        assert row[2].number_format == "#,##0.0"
