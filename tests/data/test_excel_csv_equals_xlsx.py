"""A workbook and the CSV Swedish Excel exports from it give the same figures.

Swedish Excel's "CSV (semikolonavgränsad)" writes Windows-1252, ';' between fields, CRLF,
dates in the short date format (2021-03-01, with the time when there is one), numbers with
a decimal comma, and quotes only around fields that need them. `swedish_excel_csv` writes
exactly that from the workbook's stored values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
import python_calamine
import yaml

from tests.conftest import EXAMPLES, run_cli


def swedish_excel_csv(workbook: Path, sheet: str | None = None) -> bytes:
    book = python_calamine.CalamineWorkbook.from_path(workbook)
    rows = book.get_sheet_by_name(sheet or book.sheet_names[0]).to_python(skip_empty_area=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([_as_excel_shows(cell) for cell in row])
    return buffer.getvalue().encode("cp1252")


def _as_excel_shows(cell: object) -> str:
    if isinstance(cell, dt.datetime):
        return cell.strftime("%Y-%m-%d" if cell.time() == dt.time() else "%Y-%m-%d %H:%M")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return "SANT" if cell else "FALSKT"
    if isinstance(cell, float):
        text = f"{cell:.15g}"
        return text.replace(".", ",")
    return "" if cell is None else str(cell)


def _figures(goals: Path, data: Path, as_of: str) -> dict:
    run = run_cli("check", goals, data, "--as-of", as_of, "--format", "json")
    assert run.exit_code == 0, run.stderr
    figures = run.json()
    figures.pop("input")
    return figures


@pytest.mark.parametrize("example", ["vagar-till-egen-forsorjning", "norrsken"])
def test_example_workbook_and_its_swedish_csv_give_the_same_figures(
    example: str, tmp_path: Path
) -> None:
    folder = EXAMPLES / example
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    goals = folder / "goals.yml"
    sheet = yaml.safe_load(goals.read_text(encoding="utf-8")).get("data", {}).get("sheet")
    exported = tmp_path / "deltagare.csv"
    exported.write_bytes(swedish_excel_csv(folder / "deltagare.xlsx", sheet))
    assert b";" in exported.read_bytes() and b"\r\n" in exported.read_bytes()
    as_of = str(expected["as_of"])
    assert _figures(goals, exported, as_of) == _figures(goals, folder / "deltagare.xlsx", as_of)


GOALS = """\
version: 1
project: {name: Export, start: 2021-01-01, end: 2022-12-31}
goals:
  - id: long_work
    title: Arbete minst 10,5 timmar i veckan
    share: {Timmar per vecka: {min: 10.5}}
    of: exited
  - id: young
    title: Under 25
    count: {age: {max: 24}}
  - id: early
    title: Inskrivna före 09.00
    count: {Inskrivningsdatum: {before: 2021-03-01}}
"""


def test_typed_cells_survive_the_export(tmp_path: Path) -> None:
    """Dates with times, decimal numbers, Swedish letters and a quoted separator."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deltagare"
    sheet.append(["Deltagar-ID", "Kön", "Kommun", "Födelsedatum", "Inskrivningsdatum",
                  "Avslutsdatum", "Avslutsorsak", "Timmar per vecka", "Kommentar"])  # fmt: skip
    for i in range(40):
        sheet.append(
            [
                f"D{i:03}",
                ["Kvinna", "Man", "K", "M"][i % 4],
                ["Östersund", "Åre", "Strömsund"][i % 3],
                dt.datetime(1990 + i % 12, 1 + i % 12, 1 + i % 27),
                dt.datetime(2021, 1 + i % 12, 1 + i % 28, 8 + i % 3, 15 * (i % 4)),
                dt.datetime(2022, 1 + i % 6, 2) if i % 3 else None,
                ["Arbete", "Studier", "Återgång till remittent"][i % 3] if i % 3 else None,
                [10.5, 10.25, 8.0, 12.75, 10.4999][i % 5],
                "ja; men sen" if i % 7 == 0 else 'sa "nej"',
            ]
        )
    workbook = tmp_path / "deltagare.xlsx"
    book.save(workbook)
    exported = tmp_path / "deltagare.csv"
    exported.write_bytes(swedish_excel_csv(workbook))
    text = exported.read_bytes().decode("cp1252")
    assert "10,25" in text and "Återgång" in text and '"ja; men sen"' in text
    goals = tmp_path / "goals.yml"
    goals.write_text(GOALS, encoding="utf-8")
    figures = _figures(goals, exported, "2022-12-31")
    assert figures == _figures(goals, workbook, "2022-12-31")
    assert figures["goals"][0]["cells"][0]["numerator"] > 0
