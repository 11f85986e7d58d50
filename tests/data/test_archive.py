"""The scan of a workbook's sheet before calamine reads it: formulas without a saved value,
Excel error values, the last used cell, placed as calamine places them."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfkit.data import archive
from esfkit.data.archive import CELL_LIMIT, OTHER_PART_LIMIT, check_archive, scan_sheet
from esfkit.errors import DataError
from tests.hostile import workbooks

WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Läs mig" sheetId="1" r:id="rId1"/>'
    '<sheet name="Deltagare" sheetId="2" r:id="rId2"/></sheets></workbook>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>'
)


def uncached_cells(data: bytes, sheet: str) -> list[tuple[int, int]]:
    scan = scan_sheet(Path("w.xlsx"), data, sheet)
    return scan.uncached if scan is not None else []


def workbook(cells: str, rows: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<worksheet><sheetData><row r="1">'
            '<c r="A1"><f>1+1</f></c></row></sheetData></worksheet>',
        )
        archive.writestr(
            "xl/worksheets/sheet2.xml",
            f'<worksheet><sheetData><row r="2">{cells}</row>{rows}</sheetData></worksheet>',
        )
    return buffer.getvalue()


def test_formulas_without_a_value_are_found_by_row_and_column() -> None:
    cells = (
        '<c r="C2"><f>IF(B2="K","Kvinna","Man")</f><v /></c>'  # openpyxl
        '<c r="D2"><f>A2</f></c>'  # no <v> at all
        '<c r="AB2" s="1"><f t="shared" si="0"/></c>'  # a shared formula's follower
    )
    assert uncached_cells(workbook(cells), "Deltagare") == [(2, 2), (2, 3), (2, 27)]


def test_formulas_with_saved_values_are_not_found() -> None:
    cells = (
        '<c r="A2" t="n"><f>YEAR(D2)</f><v>2021</v></c>'
        '<c r="B2" t="str"><f>IF(E2="","",E2)</f><v></v></c>'  # a saved empty text (Excel)
        '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="D2" t="s"><v>3</v></c>'  # no formula
    )
    assert uncached_cells(workbook(cells), "Deltagare") == []


def test_only_the_named_sheet_is_scanned_and_damage_is_no_finding() -> None:
    assert uncached_cells(workbook(""), "Deltagare") == []
    assert uncached_cells(workbook(""), "Läs mig") == [(1, 0)]
    assert uncached_cells(workbook(""), "Saknas") == []
    assert uncached_cells(b"PK\x03\x04 not really a zip", "Deltagare") == []


def test_error_values_are_found_with_their_row_and_column() -> None:
    cells = (
        '<c r="B2" t="e"><f>NA()</f><v>#N/A</v></c>'
        '<c r="C2" s="0" t="e"><v>#REF!</v></c>'
        '<c r="D2" t="s"><v>3</v></c>'
    )
    scan = scan_sheet(Path("w.xlsx"), workbook(cells), "Deltagare")
    assert scan is not None and scan.errors == [(2, 1, "#N/A"), (2, 2, "#REF!")]


def test_cells_without_a_reference_are_placed_after_the_last_one() -> None:
    rows = '<row><c t="e"><v>#DIV/0!</v></c><c><f>1+1</f></c></row><row r="9"><c/><c><v>1</v></c></row>'
    scan = scan_sheet(Path("w.xlsx"), workbook('<c r="E2"><v>1</v></c>', rows), "Deltagare")
    assert scan is not None
    assert (scan.rows, scan.columns) == (9, 5)
    assert scan.errors == [(3, 0, "#DIV/0!")] and scan.uncached == [(3, 1)]


@pytest.mark.parametrize(
    "cells",
    [
        '<c r="XFD1048576"><v>1</v></c>',
        '<c t="n" r="XFD1048576"><v>1</v></c>',  # the reference not first
        '<c r="AZ1048576"><v>1</v></c>',
        '<c r="A2000000"><v>1</v></c>',  # beyond Excel's last row
    ],
)
def test_a_cell_far_away_is_refused_before_calamine_reads_it(cells: str) -> None:
    with pytest.raises(DataError) as caught:
        scan_sheet(Path("w.xlsx"), workbook('<c r="A2"><v>1</v></c>' + cells), "Deltagare")
    assert "A1" in caught.value.message or "XFD1048576" in caught.value.message


# A reference of up to two letters and nine digits (mostly five to nine), closed or not.
_REFERENCE_BYTES = st.tuples(
    st.sampled_from([b"", b"<c", b'<c r="A1"/><c', b"\n"]),
    st.sampled_from(["", "A", "Z", "AB"]),
    st.integers(0, 9).filter(lambda n: n >= 5 or n % 2).map(lambda n: "1" * n),
    st.sampled_from([b'"', b"", b" ", b'A"', b'" s="1"', b"\n"]),
).map(lambda p: b"".join([p[0], b' r="', p[1].encode(), p[2].encode(), p[3]]))


@settings(max_examples=400)
@given(_REFERENCE_BYTES)
def test_a_far_reference_is_never_missed_by_the_quick_look_before_it(text: bytes) -> None:
    """The scan searches for far cells (archive._FAR) only in a piece archive._MAYBE_FAR
    finds something in: it must find something wherever _FAR would."""
    if archive._FAR.search(text):
        assert archive._MAYBE_FAR.search(text)


@pytest.mark.parametrize(
    "reference", ["AA1", "XFD7", "A1000000", "1000000", "Z12345678", "AB1048576"]
)
def test_far_references_are_seen_by_the_quick_look(reference: str) -> None:
    text = f'<c r="A1"/><c r="{reference}"><v>1</v></c>'.encode()
    assert archive._FAR.search(text) and archive._MAYBE_FAR.search(text)


def test_a_tall_narrow_sheet_within_the_cell_limit_is_read() -> None:
    rows = '<row r="1048576"><c r="Z1048576"><v>1</v></c></row>'
    scan = scan_sheet(Path("w.xlsx"), workbook('<c r="A2"><v>1</v></c>', rows), "Deltagare")
    assert scan is not None and scan.rows * scan.columns <= CELL_LIMIT


def test_an_ods_content_part_is_checked_by_its_scan_not_by_the_part_limit(tmp_path) -> None:
    block = b"<table:table-row/>" * 4000
    content = workbooks.repeated_part("content.xml", b"<x>", block, 1200, b"</x>")
    assert content.size > OTHER_PART_LIMIT
    path = workbooks.write_zip(tmp_path / "w.ods", [content])
    check_archive(path, path.read_bytes())  # no error: scan_ods reads it within PART_LIMIT


def test_scanning_a_sheet_within_the_limits_imports_no_pandas(tmp_path: Path) -> None:
    """The prefetch thread scans while the main thread waits to import pandas (prefetch.py):
    a scan that imported it would hold the import the parse should overlap."""
    path = workbooks.plain_xlsx(tmp_path / "plain.xlsx")
    code = (
        "import sys; from pathlib import Path; from esfkit.data import archive; "
        f"p = Path({str(path)!r}); d = p.read_bytes(); archive.check_archive(p, d); "
        "archive.scan_sheet(p, d, 'Deltagare'); print('pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr


_SHEET_ROWS = (
    '<row r="3"><c r="A3" t="e"><f>NA()</f><v>#N/A</v></c><c r="B3"><f>A2</f><v /></c>'
    '<c r="C3" t="s"><v>1</v></c></row>'
    '<row><c t="e"><v>#DIV/0!</v></c><c><f>1+1</f></c></row>'  # placed after row 3
    '<row r="9"><c/><c><v>1</v></c><c r="AB9"><v>2</v></c></row>'
)
_MERGED_CELLS = '<mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells>'


def _prefixed(data: bytes, prefix_of) -> bytes:
    """The workbook ``data`` with every element of its sheet 'Deltagare' written with the
    namespace prefix ``prefix_of(name)``."""
    with zipfile.ZipFile(io.BytesIO(data)) as plain:
        parts = {name: plain.read(name) for name in plain.namelist()}
    parts["xl/worksheets/sheet2.xml"] = re.sub(
        rb"<(/?)([A-Za-z]\w*)",
        lambda m: b"<" + m.group(1) + prefix_of(m.group(2)) + b":" + m.group(2),
        parts["xl/worksheets/sheet2.xml"],
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as prefixed:
        for name, part in parts.items():
            prefixed.writestr(name, part)
    return buffer.getvalue()


@pytest.mark.parametrize("chunk", [1, 5, 64, 1 << 23])
@pytest.mark.parametrize(
    "prefix_of",
    [lambda name: b"x", lambda name: b"y" if name in (b"c", b"v") else b"ns-1.x"],
    ids=["x", "two"],
)
def test_a_sheet_written_with_namespace_prefixes_is_scanned_as_without(
    prefix_of, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine reads elements by their local names (<x:c> is a cell): so does the scan,
    however the XML is cut into pieces."""
    data = workbook('<c r="E2"><v>1</v></c>', _SHEET_ROWS + _MERGED_CELLS)
    expected = scan_sheet(Path("w.xlsx"), data, "Deltagare")
    assert expected is not None and expected.errors and expected.uncached and expected.merged
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    assert scan_sheet(Path("w.xlsx"), _prefixed(data, prefix_of), "Deltagare") == expected


def test_a_long_sheet_written_with_a_prefix_is_cut_at_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its pieces end before '<x:row': a sheet longer than ROW_XML_LIMIT is not refused as
    one long row."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(3, 200))
    rows = rows.replace("<v>150</v></c>", '<v>150</v></c><c r="B150" t="e"><v>#N/A</v></c>')
    data = _prefixed(workbook("", rows), lambda name: b"x")
    monkeypatch.setattr(archive, "ROW_XML_LIMIT", 200)
    monkeypatch.setattr(archive, "_CHUNK", 64)
    scan = scan_sheet(Path("w.xlsx"), data, "Deltagare")
    assert scan is not None and scan.errors == [(150, 1, "#N/A")]
