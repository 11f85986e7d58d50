"""Formula cells without a saved value, in an .xlsx or .xlsm workbook.

Excel saves each formula's last result beside it, and that is what esfkit reads. A workbook
written by a program (openpyxl, a web export) and never opened in Excel has the formulas
but no results: every such cell would read as blank, and a blank gender or exit outcome
changes the figures without a word. This module finds those cells, so the user can be told
to open and save the file.

Only the sheet's XML is scanned, in chunks and only where a formula tag occurs, so a
workbook without formulas costs one decompression. Limits: a writer that stores 0 as the
"result" of every formula (as XlsxWriter does by default) cannot be told from a real 0;
.xls, .xlsb and .ods files are not scanned.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CHUNK = 1 << 23  # 8 MiB of sheet XML at a time

# A cell whose content is a formula, then an optional value, then its end.
_FORMULA_CELL = re.compile(
    rb"<c\b([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(<v\s*/>|<v>\s*</v>|<v>[^<]*</v>)?</c>"
)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')


def uncached_cells(data: bytes, sheet: str) -> list[tuple[int, int]]:
    """(Excel row, 0-based column) of every formula cell without a saved value in the sheet
    named ``sheet``; [] when the workbook cannot be scanned (calamine has read it already)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return []
            with archive.open(part) as xml:
                return _scan(xml)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, EOFError):
        return []


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding the sheet called ``sheet``."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = next(
        (s.get(f"{_DOC_RELS}id") for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet),
        None,
    )
    if rid is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(
        (r.get("Target") for r in rels.iter(f"{_RELS}Relationship") if r.get("Id") == rid), None
    )
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)


def _scan(xml: io.BufferedIOBase) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    carry = b""
    while True:
        chunk = xml.read(_CHUNK)
        text = carry + chunk
        if not chunk:
            found += _in(text)
            return found
        cut = text.rfind(b"<c ")  # no cell is split: the last one goes to the next round
        cut = cut if cut > 0 else len(text)
        found += _in(text[:cut])
        carry = text[cut:]


def _in(text: bytes) -> list[tuple[int, int]]:
    if b"<f" not in text:
        return []
    cells = []
    for match in _FORMULA_CELL.finditer(text):
        attributes, value = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        # An empty <v> is a saved empty text only when the cell says it holds text.
        cached_empty = value is not None and kind is not None and kind.group(1) == b"str"
        if value is not None and (cached_empty or not _is_empty(value)):
            continue
        ref = _REF.search(attributes)
        if ref is not None:
            cells.append((int(ref.group(2)), _column_index(ref.group(1).decode())))
    return cells


def _is_empty(value: bytes) -> bool:
    return value.startswith(b"<v/") or value.startswith(b"<v ") or value[3:-4].strip() == b""


def _column_index(letters: str) -> int:
    """'A' -> 0, 'Z' -> 25, 'AA' -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
