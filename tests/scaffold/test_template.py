"""`esfkit template`: an Excel input template that, once filled in, reads without findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from tests.conftest import EXAMPLES
from tests.conftest import run_cli_en as run_cli

PLAIN_GOALS = """\
version: 1
project: {name: Test, municipalities: [Berg, Åre]}
outcomes:
  work: [Arbete, Eget företag]
  studies: [Studier]
goals:
  - id: recruited
    count: everyone
  - id: survey
    share: {Enkät nöjd: Ja}
    of: {Enkät nöjd: [Ja, Nej]}
"""


def _fill(template: Path, rows: list[dict[str, object]], target: Path) -> Path:
    """Type rows into the template as a user would, by header."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    book.save(target)
    return target


def _rows() -> list[dict[str, object]]:
    return [
        {
            "Deltagar-ID": f"P{n:03d}",
            "Kön": ("Kvinna", "Man", "Icke-binär")[n % 3],
            "Födelsedatum": dt.datetime(1990 + n, 1, 15),
            "Kommun": ("Berg", "Åre")[n % 2],
            "Inskrivningsdatum": dt.datetime(2022, 1, 1 + n),
            "Avslutsdatum": dt.datetime(2022, 6, 1 + n) if n % 2 else None,
            "Avslutsorsak": ("Arbete", "Studier")[n % 2 // 1] if n % 2 else None,
        }
        for n in range(6)
    ]


def test_template_has_columns_dropdowns_formats_and_instructions(tmp_path: Path) -> None:
    out = tmp_path / "deltagare.xlsx"
    run = run_cli("template", "-o", out)
    assert run.exit_code == 0, run.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Deltagare", "Instruktioner", "Listor"]
    assert book["Listor"].sheet_state == "hidden"
    sheet = book["Deltagare"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Deltagar-ID",
        "Kön",
        "Födelsedatum",
        "Kommun",
        "Inskrivningsdatum",
        "Avslutsdatum",
        "Avslutsorsak",
    ]
    assert sheet.freeze_panes == "A2"
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert checks["B2:B5000"].type == "list"
    assert [c.value for c in book["Listor"]["A"]][1:] == ["Kvinna", "Man", "Icke-binär"]
    assert checks["C2:C5000"].type == "date"
    assert sheet.column_dimensions["E"].number_format == "yyyy-mm-dd"
    text = " ".join(str(c.value) for c in book["Instruktioner"]["A"] if c.value)
    assert "en rad per inskrivning" in text


def test_template_takes_values_and_columns_from_the_goal_file(write, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run = run_cli("template", "-o", out, "--goals", write("goals.yml", PLAIN_GOALS))
    assert run.exit_code == 0, run.stderr
    book = openpyxl.load_workbook(out)
    headers = [c.value for c in book["Deltagare"][1]]
    assert headers[-1] == "Enkät nöjd"
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in book["Listor"].columns}
    assert lists["Kommun"] == ["Berg", "Åre"]
    assert lists["Avslutsorsak"] == ["Arbete", "Eget företag", "Studier"]
    assert lists["Enkät nöjd"] == ["Ja", "Nej"]


def test_a_filled_in_template_reads_without_findings(write, tmp_path: Path) -> None:
    goals = write("goals.yml", PLAIN_GOALS)
    template = tmp_path / "t.xlsx"
    assert run_cli("template", "-o", template, "--goals", goals).exit_code == 0
    rows = _rows()
    for n, row in enumerate(rows):
        row["Enkät nöjd"] = ("Ja", "Nej", None)[n % 3]
    data = _fill(template, rows, tmp_path / "filled.xlsx")
    validated = run_cli("validate", goals, data, "--as-of", "2023-01-01")
    assert validated.exit_code == 0, validated.stderr
    assert "no findings" in validated.stdout
    checked = run_cli("check", goals, data, "--as-of", "2023-01-01", "-f", "json")
    assert checked.exit_code == 0, checked.stderr
    assert checked.json()["input"]["rows"] == 6


def test_a_template_made_from_an_example_goal_file_reads_back(tmp_path: Path) -> None:
    goals = EXAMPLES / "norrsken" / "goals.yml"
    template = tmp_path / "t.xlsx"
    assert run_cli("template", "-o", template, "--goals", goals).exit_code == 0
    assert openpyxl.load_workbook(template).sheetnames[0] == "Deltagare"  # data.sheet
    rows = _rows()
    for row in rows:
        row["Kommun"] = "Piteå"
        row["Handlingsplan upprättad"] = "Ja"
    data = _fill(template, rows, tmp_path / "filled.xlsx")
    run = run_cli("validate", goals, data, "--as-of", "2023-01-01")
    assert run.exit_code == 0, run.stderr


def test_template_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"mine")
    run = run_cli("template", "-o", out)
    assert run.exit_code == 2 and "already exists" in run.stderr
    assert out.read_bytes() == b"mine"
    assert run_cli("template", "-o", out, "--force").exit_code == 0


def test_template_help_has_an_example() -> None:
    assert "Example: esfkit template" in run_cli("template", "--help").stdout
