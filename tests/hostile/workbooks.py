"""Hostile workbooks built in a few milliseconds: zip archives whose parts unpack far beyond
what they weigh (bombs), written without ever holding the unpacked bytes.

A deflate stream of a repeated block flushed with Z_FULL_FLUSH holds no reference across
blocks, so one packed block repeated N times unpacks to N times the block: a 1 GiB part
packs into about 1 MiB. The zip is written by hand (zipfile cannot store packed bytes), and
a part may claim any size in the zip directory, as a hostile file does.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Deltagare" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Deltagar-ID</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Kön</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>D1</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>Kvinna</t></is></c></row>'
)


def sheet_xml(rows: str, dimension: str = "A1:B2") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{HEADER_ROW}{rows}</sheetData></worksheet>'
    )


class Part:
    """A zip member: its bytes packed, its real size and CRC, and the size it claims."""

    def __init__(self, name: str, packed: bytes, size: int, crc: int, claimed: int | None = None):
        self.name, self.packed, self.size, self.crc = name, packed, size, crc
        self.claimed = size if claimed is None else claimed


def text_part(name: str, text: str) -> Part:
    data = text.encode("utf-8")
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Part(name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data))


def repeated_part(
    name: str, head: bytes, block: bytes, times: int, tail: bytes, claimed: int | None = None
) -> Part:
    """``head + block * times + tail`` packed without building it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    middle = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * times + len(tail)
    return Part(name, first + middle * times + last, size, crc, claimed)


def write_zip(path: Path, parts: list[Part]) -> Path:
    """The parts as a zip archive, each claiming its ``claimed`` size."""
    body, directory = b"", b""
    for part in parts:
        name = part.name.encode("utf-8")
        fields = (20, 0x800, zipfile.ZIP_DEFLATED, 0, 0x21, part.crc)
        sizes = (len(part.packed), part.claimed, len(name), 0)
        local = struct.pack("<4sHHHHHI", b"PK\x03\x04", *fields) + struct.pack("<IIHH", *sizes)
        central = (
            struct.pack("<4sHHHHHHI", b"PK\x01\x02", 20, *fields)
            + struct.pack("<IIHHHHHII", *sizes, 0, 0, 0, 0, len(body))
            + name
        )
        body += local + name + part.packed
        directory += central
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0
    )
    path.write_bytes(body + directory + end)
    return path


def xlsx(path: Path, sheet: Part, shared: Part | None = None, extra: list[Part] = ()) -> Path:
    """A workbook of one sheet 'Deltagare' from its parts."""
    shared = shared or text_part(
        "xl/sharedStrings.xml",
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>',
    )
    parts = [
        text_part("[Content_Types].xml", CONTENT_TYPES),
        text_part("_rels/.rels", ROOT_RELS),
        text_part("xl/workbook.xml", WORKBOOK),
        text_part("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        shared,
        sheet,
        *extra,
    ]
    return write_zip(path, parts)


def plain_xlsx(path: Path, rows: str = "", dimension: str = "A1:B2") -> Path:
    return xlsx(path, text_part("xl/worksheets/sheet1.xml", sheet_xml(rows, dimension)))


# --- .xlsb: binary records ----------------------------------------------------------------


def record(kind: int, body: bytes = b"") -> bytes:
    """One BIFF12 record: its type and length as 7-bit groups, then the body."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, length = len(body), b""
    while True:
        length += bytes([(size & 0x7F) | (0x80 if size > 0x7F else 0)])
        size >>= 7
        if not size:
            break
    return head + length + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_row(row: int) -> bytes:
    """BrtRowHdr for the 0-based ``row``."""
    return record(0x00, struct.pack("<IIHBBB", row, 0, 0, 0, 0, 0) + struct.pack("<I", 0))


def xlsb_number(column: int, value: float) -> bytes:
    return record(0x05, struct.pack("<IId", column, 0, value))  # BrtCellReal


def xlsb_text(column: int, text: str) -> bytes:
    return record(0x06, struct.pack("<II", column, 0) + _wide(text))  # BrtCellSt


def xlsb_error(column: int, code: int) -> bytes:
    return record(0x03, struct.pack("<IIB", column, 0, code))  # BrtCellError


def xlsb(path: Path, cells: bytes) -> Path:
    """A one-sheet .xlsb ('Deltagare') whose sheet data is the records ``cells``."""
    book = (
        record(0x83)  # BrtBeginBook
        + record(0x8F)  # BrtBeginBundleShs
        + record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide("Deltagare"))
        + record(0x90)
        + record(0x84)
    )
    sheet = (
        record(0x81)  # BrtBeginSheet
        + record(0x94, struct.pack("<IIII", 0, 0, 0, 0))  # BrtWsDim (A1, claimed)
        + record(0x91)  # BrtBeginSheetData
        + cells
        + record(0x92)
        + record(0x82)
    )
    types = CONTENT_TYPES.replace(
        'Extension="xml" ContentType="application/xml"/>',
        'Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>',
    )
    rels = ROOT_RELS.replace("xl/workbook.xml", "xl/workbook.bin")
    book_rels = WORKBOOK_RELS.replace("sheet1.xml", "sheet1.bin").replace(
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
        "",
    )
    parts = [
        text_part("[Content_Types].xml", types),
        text_part("_rels/.rels", rels),
        _bytes_part("xl/workbook.bin", book),
        text_part("xl/_rels/workbook.bin.rels", book_rels),
        _bytes_part("xl/worksheets/sheet1.bin", sheet),
    ]
    return write_zip(path, parts)


def _bytes_part(name: str, data: bytes) -> Part:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Part(name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data))
