"""Look inside a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) before calamine reads it.

calamine expands a sheet into a grid from A1 to its last used cell and keeps the shared
strings in memory, so a 4 KiB .xlsx with one value in XFD1048576 asks for 17 billion cells
and a few MiB of repeated text unpack to gigabytes; the process aborts. So before calamine
opens a workbook, :func:`check_archive` reads the zip directory and unpacks (without
writing anything) every part calamine reads at opening, counting the real bytes, not the
sizes the directory claims; :func:`scan_sheet` then streams the sheet calamine will read
and finds its last used row and column. Anything beyond the limits below is refused with a
DataError naming the limit (docs/data.md, "Limits").

The same pass collects what calamine hides: it hands over an Excel error value (#N/A,
#DIV/0! ...) as an empty cell, and a formula without a saved value as blank, so both are
listed here with their row and column (.xlsx and .xlsm: the sheet XML; .xlsb: the sheet's
binary records; .ods: content.xml; formulas without a value only in .xlsx and .xlsm).
An .xls file (not a zip) has only the participant file's size limit: its sheets cannot
exceed 65 536 x 256 cells, and its error values are not found.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from esfkit.errors import DataError, DataLocation, Said, say
from esfkit.limits import EXCEL_COLUMNS, EXCEL_ROWS, spaced

MIB = 1024 * 1024
PART_LIMIT = 2048 * MIB  # one part unpacked: a sheet of 10^6 rows x 13 columns is 450 MiB
SHARED_STRINGS_LIMIT = 256 * MIB  # all distinct texts; 10^6 rows hold 22 MiB
OTHER_PART_LIMIT = 64 * MIB  # the workbook, its styles, relationships: a few KiB to MiB
RATIO_LIMIT = 100  # unpacked / packed, for parts above RATIO_FROM; real XML packs 5-15 x
RATIO_FROM = 16 * MIB
CELL_LIMIT = 1 << 25  # A1 to the last used cell: 33 554 432 cells, 1 048 576 rows x 32
ROW_XML_LIMIT = 64 * MIB  # the XML of one row
_CHUNK = 1 << 23  # 8 MiB of XML at a time
_DEFLATE_MAX_RATIO = 1032  # no deflate stream unpacks to more than this per packed byte
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass
class SheetScan:
    """What a sheet holds beyond calamine's values: its extent (1-based, from A1), its
    error cells ``(row, column index, '#N/A')``, formula cells without a saved value
    ``(row, column index)`` and merged ranges."""

    rows: int = 0
    columns: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    uncached: list[tuple[int, int]] = field(default_factory=list)
    # Merged ranges (first row, first column index, last row, last column index): Excel
    # shows the first cell's value over the range, the other cells are empty.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Whether the sheet's first row is row 1 and its cells hold text or nothing, one text at
    # least (.xlsx and .xlsm): the header fastexcel reads as python-calamine does (fastsheet.py).
    text_header: bool = False


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def check_archive(path: Path, data: bytes) -> None:
    """Refuse a workbook whose parts calamine reads on opening unpack beyond the limits.

    Worksheets are left to :func:`scan_sheet` (only the one read matters); a damaged zip
    is left to calamine, which explains it.
    """
    archive = _open(data)
    if archive is None:
        return
    with archive:
        for info in archive.infolist():
            read = info.filename.lower().endswith((".xml", ".rels", ".bin"))
            if _is_sheet(info.filename) or info.filename.endswith("/") or not read:
                continue  # a picture is never read
            shared = "sharedstrings" in info.filename.lower()
            limit = SHARED_STRINGS_LIMIT if shared else OTHER_PART_LIMIT
            if info.compress_size * _DEFLATE_MAX_RATIO <= min(limit, RATIO_FROM):
                continue  # cannot unpack past the limits, whatever it claims
            size = sum(len(piece) for piece in _unpacked(path, data, info, limit))
            _check_ratio(path, info, size)


def _open(data: bytes) -> zipfile.ZipFile | None:
    """The zip, or None when it is damaged (zipfile raises many kinds): calamine then
    explains what is wrong."""
    try:
        return zipfile.ZipFile(_Bytes(data))
    except Exception:
        return None


def _is_sheet(name: str) -> bool:
    """A part holding sheets, checked as it is scanned (an .ods keeps them all in one)."""
    return name == "content.xml" or (
        name.startswith("xl/worksheets/") and name.endswith((".xml", ".bin"))
    )


def _check_ratio(path: Path, info: zipfile.ZipInfo, size: int) -> None:
    if size > RATIO_FROM and size > RATIO_LIMIT * max(info.compress_size, 1):
        raise _refuse(
            path,
            say(
                "archive.ratio",
                part=info.filename,
                packed=_mib(info.compress_size),
                size=_mib(size),
                times=size // max(info.compress_size, 1),
                limit=RATIO_LIMIT,
            ),
        )


def _unpacked(path: Path, data: bytes, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The part's bytes unpacked piece by piece, counting what really comes out."""
    start = info.header_offset
    header = data[start : start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise _damaged(path, info)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    packed = memoryview(data)[begin : begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = (
            bytes(packed[i : i + _CHUNK]) for i in range(0, len(packed), _CHUNK)
        )
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        pieces = _inflate(path, info, packed)
    else:
        raise _refuse(path, say("archive.compression", part=info.filename))
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            key = {SHARED_STRINGS_LIMIT: "shared_strings", PART_LIMIT: "one_sheet"}.get(
                limit, "one_part"
            )
            message = say(
                "archive.too_large",
                part=info.filename,
                limit=_mib(limit),
                what=say(f"archive.{key}"),
            )
            raise _refuse(path, message)
        yield piece
        _check_ratio(path, info, total)


def _inflate(path: Path, info: zipfile.ZipInfo, packed: memoryview) -> Iterator[bytes]:
    """Unpack in pieces of at most _CHUNK, feeding the packed bytes a MiB at a time (the
    unconsumed rest is copied on each call)."""
    inflater = zlib.decompressobj(-15)
    try:
        for start in range(0, len(packed), 1 << 20):
            rest: bytes | memoryview = packed[start : start + (1 << 20)]
            while rest and not inflater.eof:
                piece = inflater.decompress(rest, _CHUNK)
                rest = inflater.unconsumed_tail
                if piece:
                    yield piece
    except zlib.error:
        raise _damaged(path, info) from None


class _Bytes:
    """A seekable view of bytes for zipfile, without copying them into a BytesIO."""

    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def seek(self, offset: int, whence: int = 0) -> int:
        self.at = (offset, self.at + offset, len(self.data) + offset)[whence]
        return self.at

    def tell(self) -> int:
        return self.at

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.at + n
        piece, self.at = self.data[self.at : end], min(end, len(self.data))
        return piece

    def seekable(self) -> bool:
        return True


# --- the sheet ----------------------------------------------------------------------------


def scan_sheet(path: Path, data: bytes, sheet: str) -> SheetScan | None:
    """Scan the sheet ``sheet`` of an .xlsx, .xlsm or .xlsb (None when the part cannot be
    found: calamine then explains); a DataError when it is too large."""
    archive = _open(data)
    if archive is None:
        return None
    with archive:
        try:
            part = _sheet_part(archive, sheet)
            info = archive.getinfo(part) if part else None
        except Exception:  # a damaged workbook: calamine explains it
            return None
    if info is None or part is None:
        return None
    pieces = lambda: _unpacked(path, data, info, PART_LIMIT)  # noqa: E731
    scan = _xlsb_scan(path, pieces()) if part.endswith(".bin") else _XlsxScan(path, pieces).run()
    check_extent(path, sheet, scan)
    return scan


def check_extent(path: Path, sheet: str, scan: SheetScan) -> None:
    """Refuse a sheet whose grid from A1 to its last used cell exceeds the limits."""
    cells = scan.rows * scan.columns
    within = scan.rows <= EXCEL_ROWS and scan.columns <= EXCEL_COLUMNS and cells <= CELL_LIMIT
    if not cells or within:
        return
    # Here, not at the top, and only to refuse: table.py imports pandas, and the prefetch
    # thread scans before the main thread imports pandas (data/prefetch.py).
    from esfkit.data.table import column_letter

    corner = f"{column_letter(scan.columns - 1)}{scan.rows}"
    if scan.rows > EXCEL_ROWS or scan.columns > EXCEL_COLUMNS:
        message = say("archive.beyond_excel", sheet=sheet, corner=corner)
    else:
        message = say(
            "archive.too_many_cells",
            sheet=sheet,
            rows=spaced(scan.rows),
            columns=spaced(scan.columns),
            cells=spaced(cells),
            corner=corner,
            limit=spaced(CELL_LIMIT),
        )
    raise DataError(
        message,
        where=DataLocation(path.name, rows=(min(scan.rows, 2**31),)),
        hint=say("hint.far_value", corner=corner),
    )


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding the sheet called ``sheet``."""
    if "xl/workbook.bin" in archive.namelist():
        rid = _xlsb_sheets(archive.read("xl/workbook.bin")).get(sheet)
        rels_part = "xl/_rels/workbook.bin.rels"
    else:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rid = next(
            (s.get(f"{_DOC_RELS}id") for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet),
            None,
        )
        rels_part = "xl/_rels/workbook.xml.rels"
    if rid is None:
        return None
    rels = ElementTree.fromstring(archive.read(rels_part))
    target = next(
        (r.get("Target") for r in rels.iter(f"{_RELS}Relationship") if r.get("Id") == rid), None
    )
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)


def xml_pieces(
    path: Path, pieces: Iterator[bytes], cut: bytes, local_names: bool = False
) -> Iterator[bytes]:
    """The XML in pieces that each end just before a ``cut`` tag, so that no row is split;
    with ``local_names``, every element by its local name (:func:`_local_names`)."""
    carry = b""
    for piece in pieces:
        text = carry + piece
        if local_names:
            text = _local_names(text)
        at = text.rfind(cut)
        if at <= 0:
            if len(text) > ROW_XML_LIMIT:
                raise _refuse(path, say("archive.long_row", limit=_mib(ROW_XML_LIMIT)))
            carry = text
            continue
        yield text[:at]
        carry = text[at:]
    if carry:
        yield carry


# A sheet's element written with a namespace prefix (<x:row>, <x:c>, <x:v>: the Open XML SDK
# can write a whole sheet so). calamine reads elements by their local names, so the scan
# does too, or such a sheet's error values and formulas without a value would be read as
# empty cells unseen. A colon before one of the names the scan reads is searched first:
# ':' is rare in a sheet, so the search costs little where there is no prefix.
_PREFIXED = re.compile(rb":(?:c|row|v|f|is|mergeCell)[\s>/]")
_PREFIX = re.compile(rb"/?([A-Za-z_][\w.-]*:)")
_ANY_PREFIX = re.compile(rb"<(/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])")


def _local_names(text: bytes) -> bytes:
    """``text`` with the prefix taken off every element's name (``text`` itself when
    :data:`_PREFIXED` finds none). Where one prefix is used (the first found), two
    replacements; else every tag is rewritten. A tag cut at the
    end of ``text`` keeps its prefix: it is rewritten with the next piece (xml_pieces
    carries it over, as the end of the last row)."""
    found = _PREFIXED.search(text)
    if found is None:
        return text
    start = text.rfind(b"<", 0, found.start()) + 1
    name = _PREFIX.fullmatch(text, start, found.start() + 1) if start else None
    if name is not None:
        prefix = name.group(1)
        text = text.replace(b"<" + prefix, b"<").replace(b"</" + prefix, b"</")
        if _PREFIXED.search(text) is None:
            return text
    return _ANY_PREFIX.sub(rb"<\1", text)


_R = re.compile(rb'(?:^|\s)r="([A-Z]*)([0-9]*)"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
# A cell in column AA or beyond, or a cell or row at row 1 000 000 or beyond.
_FAR = re.compile(rb' r="([A-Z]{2,}(?=[0-9]+")|[A-Z]?(?=[0-9]{7,}"))([0-9]+)"')
# Where _FAR could match: two letters, or a seventh digit looked at without walking the six
# before it (.{6} skips at once). A miss, as in nearly every piece, spares _FAR's slower
# findall; a regex with a literal start, not ``in``, finds '<f' and 't="e"' fastest.
_MAYBE_FAR = re.compile(rb' r="(?:[A-Z](?:[A-Z]|.{6}[0-9])|[0-9].{5}[0-9])', re.S)
_ERROR_TYPE = re.compile(rb't="e"')
_FORMULA = re.compile(rb"<f")
_SIX = re.compile(rb' r="[A-Z]*[0-9]{6}"')
_UNNAMED = re.compile(rb'<c(?:>| (?!r="))')  # a cell whose r="" is missing or not first
_FEW = 1000  # cells without r="" in a piece that are followed row by row
_TOKEN = re.compile(rb"<row\b([^>]*?)(/?)>|</row>|<c\b([^>]*?)(/?)>")
_MERGED = re.compile(rb'<mergeCell\s+ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_FORMULA_CELL = re.compile(
    rb"<c\b([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(<v\s*/>|<v>\s*</v>|<v>[^<]*</v>)?</c>"
)


class _XlsxScan:
    """One pass over a sheet's XML. Where every cell names its place (r="B7", as every
    known writer does) a few searches find the far cells; a row of cells without names
    is followed cell by cell, as calamine places them."""

    def __init__(self, path: Path, pieces):
        self.path, self.pieces = path, pieces
        self.scan = SheetScan()
        self.row_bound = self.col_bound = 0  # upper bounds where only a bound is known
        self.next_row: int | None = 0  # 0-based row a row without r="" gets

    def run(self) -> SheetScan:
        first = True
        for text in xml_pieces(self.path, self.pieces(), b"<row", local_names=True):
            if first and b"<row" in text:
                self.scan.text_header, first = _text_first_row(text), False
            self._merged(text)
            cells = b"<c" in text
            unnamed = _UNNAMED.search(text) and len(_UNNAMED.findall(text))
            if not unnamed or (unnamed <= _FEW and self._follow_rows(text)):
                self._search(text, cells)
            elif self.next_row is not None:
                self._follow(text)
            else:
                return self._exact()
        if self.row_bound * max(self.col_bound, self.scan.columns) > CELL_LIMIT or (
            self.col_bound * max(self.row_bound, self.scan.rows) > CELL_LIMIT
        ):
            return self._exact()  # the bounds are too loose to judge: count exactly
        return self.scan

    def _exact(self) -> SheetScan:
        again = _XlsxScan(self.path, self.pieces)
        for text in xml_pieces(self.path, self.pieces(), b"<row", local_names=True):
            again._merged(text)
            again._follow(text)
        again.scan.text_header = self.scan.text_header
        return again.scan

    def _merged(self, text: bytes) -> None:
        if b"<mergeCell " in text:
            for first, row, last, last_row in _MERGED.findall(text):
                range_ = (int(row), _column(first), int(last_row), _column(last))
                self.scan.merged.append(range_)

    def _follow_rows(self, text: bytes) -> bool:
        """Follow only the rows holding cells without r="" (a header written without
        them); False when such a row does not say which row it is."""
        done = -1
        for match in _UNNAMED.finditer(text):
            start = text.rfind(b"<row", 0, match.start())
            if start <= done:
                continue
            row = _TOKEN.match(text, start) if start >= 0 else None
            ref = _R.search(row.group(1)) if row is not None and row.group(1) is not None else None
            end = text.find(b"</row>", match.start())
            if ref is None or row is None or not ref.group(2) or row.group(2) or end < 0:
                return False
            self.next_row = int(ref.group(2)) - 1
            self._follow(text[start : end + len(b"</row>")])
            done = start
        return True

    def _search(self, text: bytes, has_cells: bool) -> None:
        """Every cell has r="": the far ones are found by their long references."""
        scan = self.scan
        for letters, digits in _FAR.findall(text) if _MAYBE_FAR.search(text) else ():
            scan.rows = max(scan.rows, int(digits))
            if letters:
                scan.columns = max(scan.columns, _column(letters) + 1)
        if has_cells:
            self.col_bound = max(self.col_bound, 26)
            # Below row 100 000 unless a 6-digit row shows; looked for only where a wide
            # sheet makes the row count matter.
            wide = scan.columns > CELL_LIMIT // 999_999
            six = not wide or _SIX.search(text) is not None
            self.row_bound = max(self.row_bound, 999_999 if six else 99_999)
        if _ERROR_TYPE.search(text):
            for match in _ERROR_CELL.finditer(text):
                ref = _R.search(match.group(1))
                if ref is not None and ref.group(1):
                    self._error(int(ref.group(2)), _column(ref.group(1)), match.group(2))
        if _FORMULA.search(text):
            for match in _FORMULA_CELL.finditer(text):
                ref = _R.search(match.group(1))
                if ref is not None and ref.group(1) and _uncached(match.group(1), match.group(2)):
                    scan.uncached.append((int(ref.group(2)), _column(ref.group(1))))
        last = text.rfind(b"<row")
        row = _TOKEN.match(text, last) if last >= 0 else None
        if row is not None and row.group(1) is not None and not row.group(2):
            ref = _R.search(row.group(1))
            self.next_row = int(ref.group(2)) if ref and ref.group(2) else None

    def _follow(self, text: bytes) -> None:
        """Place every cell as calamine does: r="" when given, else after the last one."""
        scan, row, column = self.scan, self.next_row or 0, 0
        for match in _TOKEN.finditer(text):
            row_attributes, row_closed, attributes, closed = match.groups()
            if row_attributes is not None:
                ref = _R.search(row_attributes)
                if not row_closed and ref and ref.group(2):
                    row = int(ref.group(2)) - 1
                continue
            if attributes is None:  # </row>
                row, column = row + 1, 0
                continue
            ref = _R.search(attributes)
            if ref and ref.group(1) and ref.group(2):
                place = (int(ref.group(2)) - 1, _column(ref.group(1)))
            else:
                place = (row, column)
            column = place[1] + 1
            if closed:
                continue  # <c .../> holds nothing
            scan.rows, scan.columns = max(scan.rows, place[0] + 1), max(scan.columns, column)
            if b't="e"' in attributes or b"<f" in text[match.end() : match.end() + 6]:
                content = text[match.end() : text.find(b"</c>", match.end())]
                if b't="e"' in attributes:
                    self._error(place[0] + 1, place[1], content)
                elif _uncached(attributes, _last_value(content)):
                    scan.uncached.append((place[0] + 1, place[1]))
        self.next_row = row

    def _error(self, row: int, column: int, content: bytes) -> None:
        value = _VALUE.search(content)
        code = value.group(1).decode("utf-8", "replace").strip() if value else ""
        self.scan.errors.append((row, column, code or "#N/A"))


def _text_first_row(text: bytes) -> bool:
    """Whether the first row in ``text`` is row 1 (r="1" or no r) and each of its cells
    holding a value holds text (shared, inline or a formula's), one at least."""
    row = _TOKEN.search(text)
    end = text.find(b"</row>", row.end()) if row is not None else -1
    if row is None or row.group(1) is None or row.group(2) or end < 0:
        return False
    ref = _R.search(row.group(1))
    if ref is not None and ref.group(2) != b"1":
        return False
    texts = 0
    for cell in _TOKEN.finditer(text, row.end(), end):
        attributes, closed = cell.group(3), cell.group(4)
        if attributes is None or closed:
            continue  # <c .../> holds nothing
        close = text.find(b"</c>", cell.end(), end)
        content = text[cell.end() : close] if close >= 0 else b"<v"  # unclosed: judged by type
        if b"<v" not in content and b"<is" not in content:
            continue
        kind = _TYPE.search(attributes)
        if kind is None or kind.group(1) not in (b"s", b"inlineStr", b"str"):
            return False
        texts += 1
    return texts > 0


def _last_value(content: bytes) -> bytes | None:
    at = content.find(b"<v")
    return content[at:] if at >= 0 else None


def _uncached(attributes: bytes, value: bytes | None) -> bool:
    """A formula cell whose saved value is missing or empty (an empty text is saved as
    <v></v> with t="str", which is a value)."""
    if value is None:
        return True
    kind = _TYPE.search(attributes)
    if kind is not None and kind.group(1) == b"str":
        return False
    return value.startswith(b"<v/") or value.startswith(b"<v ") or value[3:-4].strip() == b""


def _column(letters: bytes) -> int:
    """b'A' -> 0, b'Z' -> 25, b'AA' -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


# --- .xlsb: records of a type, a length and a body (MS-XLSB 2.1.4) ----------------------

_XLSB_ERRORS = {
    0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
    0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA",
}  # fmt: skip
_ROW_HEADER, _CELL_ERROR, _FORMULA_ERROR, _END_SHEET_DATA, _BUNDLE_SHEET = 0, 3, 11, 0x92, 0x9C


def _records(path: Path, pieces: Iterator[bytes]) -> Iterator[tuple[int, bytes]]:
    """Each record's type and the first 9 bytes of its body (all a cell's place needs)."""
    buffer, at = b"", 0
    for piece in pieces:
        buffer, at = buffer[at:] + piece, 0
        while True:
            head = _record_head(buffer, at)
            if head is None or head[1] + head[2] > len(buffer):
                break
            kind, start, size = head
            yield kind, buffer[start : start + min(size, 9)]
            at = start + size
        if len(buffer) - at > ROW_XML_LIMIT:
            raise _refuse(path, say("archive.long_record", limit=_mib(ROW_XML_LIMIT)))


def _record_head(buffer: bytes, at: int) -> tuple[int, int, int] | None:
    """(type, where the body starts, its length), or None when the head is cut off."""
    if at + 1 > len(buffer):
        return None
    kind, at = buffer[at], at + 1
    if kind & 0x80:
        if at + 1 > len(buffer):
            return None
        kind, at = (kind & 0x7F) | ((buffer[at] & 0x7F) << 7), at + 1
    size = 0
    for shift in range(0, 28, 7):
        if at + 1 > len(buffer):
            return None
        byte, at = buffer[at], at + 1
        size |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
    return kind, at, size


def _xlsb_scan(path: Path, pieces: Iterator[bytes]) -> SheetScan:
    """Rows and cells as calamine reads them: a row header sets the row (past Excel's last
    row calamine stops), each cell record names its column."""
    scan, row = SheetScan(), 0
    for kind, body in _records(path, pieces):
        if kind == _ROW_HEADER and len(body) >= 4:
            row = int.from_bytes(body[:4], "little")
            if row > EXCEL_ROWS:
                break
        elif 2 <= kind <= 11 and len(body) >= 4:
            column = int.from_bytes(body[:4], "little")
            scan.rows, scan.columns = max(scan.rows, row + 1), max(scan.columns, column + 1)
            if kind in (_CELL_ERROR, _FORMULA_ERROR) and len(body) >= 9:
                scan.errors.append((row + 1, column, _XLSB_ERRORS.get(body[8], "#N/A")))
        elif kind == _END_SHEET_DATA:
            break
    return scan


def _xlsb_sheets(book: bytes) -> dict[str, str]:
    """Each sheet's name and relationship id, from the workbook's BrtBundleSh records."""
    sheets = {}
    at = 0
    while (head := _record_head(book, at)) is not None:
        kind, start, size = head
        if kind == _BUNDLE_SHEET:
            rid, after = _wide_string(book, start + 8)
            name, _ = _wide_string(book, after)
            if rid is not None and name is not None:
                sheets[name] = rid
        at = start + size
        if at >= len(book):
            break
    return sheets


def _wide_string(data: bytes, at: int) -> tuple[str | None, int]:
    """An XLWideString: a character count, then UTF-16 (0xFFFFFFFF: none)."""
    count = int.from_bytes(data[at : at + 4], "little")
    if count == 0xFFFFFFFF:
        return None, at + 4
    end = at + 4 + 2 * count
    return data[at + 4 : end].decode("utf-16-le", "replace"), end


# --- OpenDocument -------------------------------------------------------------------------


_ODS_TOKEN = re.compile(
    rb"<table:table(?=[\s>])([^>]*)>|<table:table-row(?=[\s>/])([^>]*?)(/?)>"
    rb"|</table:table-row>|<table:(?:covered-)?table-cell(?=[\s>/])([^>]*?)(/?)>"
)
_NAME = re.compile(rb'table:name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="([0-9]+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="([0-9]+)"')
_ODS_TEXT = re.compile(rb"<text:p[^>]*>(.*?)</text:p>", re.S)
_MAX_LISTED = 10_000  # error cells kept per sheet; a repeated block could hold millions


def scan_ods(path: Path, data: bytes) -> dict[str, SheetScan]:
    """Every sheet of an .ods, by name: calamine reads them all on opening, so all are
    checked against the limits. Rows and cells repeated (number-rows-repeated) count as
    many times as they are repeated, unless empty."""
    info = _ods_content(data)
    if info is None:
        return {}
    sheets: dict[str, SheetScan] = {}
    scan, name = SheetScan(), ""
    row = column = 0
    repeat, filled = 1, False
    pieces = _unpacked(path, data, info, PART_LIMIT)
    for text in xml_pieces(path, pieces, b"<table:table-row"):
        for match in _ODS_TOKEN.finditer(text):
            table, row_attributes, row_closed, cell_attributes, cell_closed = match.groups()
            if table is not None:
                found = _NAME.search(table)
                name = found.group(1).decode("utf-8", "replace") if found else str(len(sheets))
                scan = sheets.setdefault(name, SheetScan())
                row = column = 0
            elif row_attributes is not None:
                repeat, filled, column = _repeat(_ROWS_REPEATED, row_attributes), False, 0
                if row_closed:
                    row += repeat
            elif cell_attributes is None:  # </table:table-row>
                if filled:
                    scan.rows = max(scan.rows, row + repeat)
                row += repeat
            else:
                count = _repeat(_COLUMNS_REPEATED, cell_attributes)
                if not cell_closed or b"value-type" in cell_attributes:
                    filled = True
                    scan.columns = max(scan.columns, column + count)
                    if b'value-type="error"' in cell_attributes:
                        _ods_errors(scan, text, match.end(), row, column, repeat, count)
                column += count
        for name, each in sheets.items():
            check_extent(path, name, each)
    return sheets


def _ods_content(data: bytes) -> zipfile.ZipInfo | None:
    """content.xml of an .ods; None when the archive or the part cannot be found."""
    archive = _open(data)
    try:
        return archive.getinfo("content.xml") if archive is not None else None
    except KeyError:
        return None


def _repeat(pattern: re.Pattern, attributes: bytes) -> int:
    found = pattern.search(attributes)
    return int(found.group(1)) if found else 1


def _ods_errors(
    scan: SheetScan, text: bytes, at: int, row: int, column: int, rows: int, columns: int
) -> None:
    end = text.find(b"</table:table-cell>", at)
    shown = _ODS_TEXT.search(text[at:end])
    code = shown.group(1).decode("utf-8", "replace").strip() if shown else "#N/A"
    room = _MAX_LISTED - len(scan.errors)
    cells = [
        (r + 1, c)
        for r in range(row, row + min(rows, room))
        for c in range(column, column + min(columns, room))
    ]
    scan.errors += [(r, c, code or "#N/A") for r, c in cells[:room]]


# --- messages -----------------------------------------------------------------------------


def _refuse(path: Path, message: Said) -> DataError:
    return DataError(message, where=DataLocation(path.name), hint=say("hint.archive_refused"))


def _damaged(path: Path, info: zipfile.ZipInfo) -> DataError:
    return DataError(
        say("archive.damaged", part=info.filename),
        where=DataLocation(path.name),
        hint=say("hint.save_xlsx"),
    )


def _mib(size: int) -> str:
    return f"{size / MIB:,.1f} MiB".replace(",", " ")


def content_hint(data: bytes, suffix: str) -> Said:
    """What the content looks like, so the user knows which name or export to use."""
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in data[:100]:
            kind = ".ods"
        else:
            kind = ".xlsx"
        if kind != suffix:
            return say("content.renamed", kind=kind)
        return say("content.damaged")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            return say("content.password")
        if suffix != ".xls":
            return say("content.old_xls")
        return say("content.damaged_or_password")
    head = data[:2000]
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<table")):
        return say("content.html")
    if b"\x00" not in head:
        return say("content.text")
    return say("content.save_xlsx")
