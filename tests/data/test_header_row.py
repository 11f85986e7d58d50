"""The header row: the first non-blank row, a row below title rows, or data.header_row."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from esfkit.data.read import read_table
from esfkit.errors import DataError

HEADER = "Deltagar-ID;Kön;Kommun;Inskrivningsdatum"
ROWS = "D1;Kvinna;Piteå;2021-01-01\nD2;Man;Luleå;2021-01-02\n"


def csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "d.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "title",
    [
        "Deltagarlista UTAN, 2021\nUppdaterad 2021-05-01\n\n",  # typed by hand, no separators
        "Deltagarlista UTAN;;;\nUppdaterad 2021-05-01;;;\n;;;\n",  # as Excel exports it
        "Deltagarlista\n",
    ],
)
def test_title_rows_above_the_header_are_skipped_in_csv(tmp_path: Path, title: str) -> None:
    table = read_table(csv(tmp_path, title + HEADER + "\n" + ROWS, "cp1252"))
    assert table.headers == tuple(HEADER.split(";"))
    lines = title.count("\n")
    assert table.row_numbers.tolist() == [lines + 2, lines + 3]


def test_title_rows_above_the_header_are_skipped_in_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "Norrsken – deltagarförteckning"
    for r, line in enumerate([HEADER, *ROWS.splitlines()], start=5):
        for c, value in enumerate(line.split(";"), start=2):
            sheet.cell(row=r, column=c, value=value)
    path = tmp_path / "d.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == tuple(HEADER.split(";"))
    assert table.row_numbers.tolist() == [6, 7]


def test_header_row_can_be_named(tmp_path: Path) -> None:
    text = "Projekt;UTAN;;\nKolumner;;;\n" + HEADER + "\n" + ROWS
    table = read_table(csv(tmp_path, text), header_row=3)
    assert table.headers == tuple(HEADER.split(";")) and table.row_numbers.tolist() == [4, 5]


def test_a_narrow_header_over_wide_data_is_still_the_header(tmp_path: Path) -> None:
    """Data rows are no header: the unnamed columns are reported instead."""
    with pytest.raises(DataError) as caught:
        read_table(csv(tmp_path, "Id;Kön;;\n" + ROWS))
    assert "no header" in caught.value.message


def test_header_row_on_a_blank_row_or_past_the_end_is_an_error(tmp_path: Path) -> None:
    path = csv(tmp_path, "Titel\n\n" + HEADER + "\n" + ROWS)
    for row, words in ((2, "blank"), (9, "past the end")):
        with pytest.raises(DataError) as caught:
            read_table(path, header_row=row)
        assert words in caught.value.message and caught.value.where.rows == (row,)


def test_a_row_of_group_labels_above_the_names_is_not_the_header(tmp_path: Path) -> None:
    # 'Deltagare' merged over A:C and 'Datum' over D:E, as hand-kept lists group columns.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["D1"] = "Deltagare", "Datum"
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("D1:E1")
    names = ["Deltagar-ID", "Kön", "Kommun", "Startdatum", "Slutdatum"]
    for row in (names, ["D1", "K", "Piteå", "2021-01-01", ""], ["D2", "M", "Luleå", "", ""]):
        sheet.append(row)
    path = tmp_path / "d.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == tuple(names)
    assert table.row_numbers.tolist() == [3, 4]


def test_a_wider_first_data_row_does_not_become_the_header(tmp_path: Path) -> None:
    # The row below the header holds a date: it is data, and the missing name is reported.
    book = openpyxl.Workbook()
    for row in (["Deltagar-ID", "Kön", "Kommun"], ["D1", "Kvinna", "Piteå", "2021-01-01"]):
        book.active.append(row)
    book.save(tmp_path / "d.xlsx")
    with pytest.raises(DataError, match="column D has values") as caught:
        read_table(tmp_path / "d.xlsx")
    assert "data: {header_row: N}" in caught.value.hint
