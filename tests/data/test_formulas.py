"""Formula cells without a saved value: found in the sheet's XML, cached ones left alone."""

from __future__ import annotations

import io
import zipfile

from esfkit.data.formulas import uncached_cells

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


def workbook(cells: str) -> bytes:
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
            f'<worksheet><sheetData><row r="2">{cells}</row></sheetData></worksheet>',
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
