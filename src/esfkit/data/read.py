"""Read a participant file (CSV or spreadsheet) into a table of text cells.

Everything is kept as text here, exactly as the user typed it: which column holds dates,
numbers or genders is decided later, so that a bad value can be reported with the row
number and column the user sees in Excel, and leading zeros in ids survive.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import python_calamine

from esfkit.data.archive import SheetScan, check_archive, is_zip, scan_ods, scan_sheet
from esfkit.data.prefetch import take_sheet
from esfkit.errors import DataError, DataLocation, one_of
from esfkit.inputfile import DATA_FILE_LIMIT, read_input
from esfkit.limits import EXCEL_COLUMNS, EXCEL_ROWS

CSV_SUFFIXES = (".csv", ".txt")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
SUPPORTED = ", ".join(CSV_SUFFIXES + SHEET_SUFFIXES)

# Order matters on ties: Swedish Excel writes ';', so it wins over ','.
SEPARATORS = (";", ",", "\t", "|")
_SAMPLE_RECORDS = 50
_SAMPLE_CHARS = 65_536

# Excel keeps 15 significant digits; beyond that a float's digits are noise.
_EXCEL_DIGITS = 15

# Limits (docs/data.md, "Limits"): far beyond any participant list, short of what would
# take minutes or gigabytes. The workbook limits are in data/archive.py.
CELL_CHARS = 32_767  # Excel's own limit on the text of one cell
DETACHED_GAP = 20  # empty rows that cut a row off from the table above it
MAX_LINES = 2 * EXCEL_ROWS  # lines of a CSV file: Excel's rows, with room for line breaks

# Excel's error values, as stored and as a Swedish Excel shows them (a CSV export holds the
# shown text), and LibreOffice's: each reads as an empty cell or as text, never a value.
ERROR_VALUES = frozenset(
    [
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#DATA!",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
        "#EXTERNAL!",
        "#ERROR!",
        "#SKÄRNING!",
        "#DIVISION/0!",
        "#VÄRDEFEL!",
        "#REFERENS!",
        "#NAMN?",
        "#OGILTIGT!",
        "#SAKNAS!",
        "#HÄMTAR_DATA",
        "#BERÄKNA!",
        "#FÄLT!",
        "#BLOCKERAD!",
        "#ANSLUT!",
        "#UPPTAGEN!",
        "#OKÄNT!",
        "#Ogiltigt!",
        "Err:502",
    ]
)


@dataclass(frozen=True)
class RawTable:
    """One sheet or CSV file: header texts, text cells and the row numbers the user sees."""

    path: Path
    sheet: str | None
    headers: tuple[str, ...]
    frame: pd.DataFrame
    row_numbers: np.ndarray
    sha256: str
    # (Excel row, header) of each cell holding a formula without a saved value, which
    # reads as blank (see data/formulas.py); only .xlsx and .xlsm are scanned.
    blank_formulas: tuple[tuple[int, str], ...] = ()
    header_row: int = 1  # the Excel row (CSV line) of the header
    # (Excel row, header, error value, column letter) of each cell holding an Excel error,
    # real or typed.
    error_cells: tuple[tuple[int, str, str, str], ...] = ()
    # Rows cut off from the table by DETACHED_GAP or more empty rows, not in ``frame``, the
    # first with its cells' text; and the table's last row above them.
    detached: tuple[tuple[int, str], ...] = ()
    table_end: int = 0
    # CSV lines, with non-ASCII text, in UTF-8 and in Windows-1252 when a file mixes both.
    mixed_encoding: tuple[tuple[int, ...], tuple[int, ...]] | None = None


@dataclass(frozen=True)
class _Grid:
    """Records before the header is found: one object array of text per column.

    ``numbers`` holds, per record, the row (Excel) or first line (CSV) the user sees.
    """

    columns: list[np.ndarray]
    numbers: np.ndarray
    scan: SheetScan | None = None  # a workbook's error cells and uncached formulas
    mixed_encoding: tuple[tuple[int, ...], tuple[int, ...]] | None = None


def read_table(
    path: Path, sheet: str | int | None = None, header_row: int | None = None
) -> RawTable:
    """Read ``path`` by its extension; every problem becomes a located :class:`DataError`.

    ``header_row`` is the Excel row (CSV line) of the header; by default the first non-blank
    row, or the first wide row below title rows (see :func:`_header_index`).
    """
    path = Path(path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        sheet_name, grid = None, _read_csv(path, data)
    elif suffix in SHEET_SUFFIXES:
        sheet_name, grid = _read_sheet(path, data, sheet)
    else:
        raise DataError(
            f"cannot read files ending in '{path.suffix}'",
            where=DataLocation(path.name),
            hint=f"save the data as one of: {SUPPORTED}",
        )
    table = _to_table(path, sheet_name, grid, header_row)
    scan = grid.scan or SheetScan()
    blank_formulas = tuple(sorted(table.in_table((r, c, "") for r, c in scan.uncached)))
    errors = sorted({*table.errors, *table.in_table(scan.errors)})
    return RawTable(
        path,
        sheet_name,
        table.headers,
        table.frame,
        table.numbers,
        hashlib.sha256(data).hexdigest(),
        tuple((row, header) for row, header, _, _ in blank_formulas),
        table.header_row,
        tuple(errors),
        table.detached,
        table.table_end,
        grid.mixed_encoding,
    )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataError saying why there are none (not a regular file,
    larger than DATA_FILE_LIMIT)."""
    where = DataLocation(path.name or str(path))
    data = read_input(
        path, what="the participant file", limit=DATA_FILE_LIMIT, error=DataError, where=where
    )
    if not data:
        raise DataError(
            "the file is empty (0 bytes)",
            where=where,
            hint="export the data again; the header row must be on the first non-blank row",
        )
    return data


# --- spreadsheets -------------------------------------------------------------------------


def _read_sheet(path: Path, data: bytes, sheet: str | int | None) -> tuple[str, _Grid]:
    """Read one sheet through calamine, which is many times faster than openpyxl, once the
    workbook is known to fit the limits (data/archive.py)."""
    prefetched = take_sheet(path)  # checked and parsed while pandas was imported, if it was
    scans = dict(prefetched.scans) if prefetched is not None else _check_workbook(path, data)
    workbook = _calamine(path, data, lambda: python_calamine.CalamineWorkbook.from_path(path))
    name = _pick_sheet(path, workbook, sheet)
    parsed = prefetched.sheet if prefetched is not None and prefetched.name == name else None
    if name not in scans and path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb") and is_zip(data):
        scans[name] = scan_sheet(path, data, name)
    # skip_empty_area=False starts the grid at A1, so list index + 1 is the Excel row and
    # the column index gives the Excel letter, whatever blank rows or columns lead.
    rows = _calamine(
        path,
        data,
        lambda: (parsed or workbook.get_sheet_by_name(name)).to_python(skip_empty_area=False),
    )
    if not rows:
        raise DataError(
            f"sheet '{name}' is empty",
            where=DataLocation(path.name),
            hint="choose the sheet that holds the participants (one row per enrolment)",
        )
    width = max(map(len, rows))
    rows = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in rows]
    # One object array, transposed into contiguous columns: numpy's loops, not zip's.
    columns = [_column_text(column) for column in np.array(rows, dtype=object).T.copy()]
    return name, _Grid(columns, np.arange(1, len(rows) + 1, dtype=np.int64), scans.get(name))


def _check_workbook(path: Path, data: bytes) -> dict[str, SheetScan | None]:
    """Refuse a zip-based workbook beyond the limits before calamine opens it; an .ods
    has every sheet scanned now (calamine reads them all on opening)."""
    if not is_zip(data):
        return {}
    check_archive(path, data)
    return dict(scan_ods(path, data)) if path.suffix.lower() == ".ods" else {}


def sheet_names(path: Path) -> list[str]:
    """The sheets of the workbook ``path``, read within the limits; a DataError otherwise."""
    data = _read_bytes(path)
    _check_workbook(path, data)
    workbook = _calamine(path, data, lambda: python_calamine.CalamineWorkbook.from_path(path))
    return list(workbook.sheet_names)


def _calamine(path: Path, data: bytes, call: Callable[[], Any]) -> Any:
    """Run a calamine call; any failure (it raises many kinds) means the file is unreadable."""
    try:
        return call()
    except Exception as exc:
        raise _unreadable(path, data, exc) from None
    except BaseException as exc:
        # A Rust panic surfaces as pyo3's PanicException, which derives from BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise _unreadable(path, data, exc) from None


def _unreadable(path: Path, data: bytes, exc: BaseException) -> DataError:
    """Explain an unreadable spreadsheet by what its bytes actually are."""
    return DataError(
        f"cannot read this file as a {path.suffix.lower()} spreadsheet ({exc})",
        where=DataLocation(path.name),
        hint=_content_hint(data, path.suffix.lower()),
    )


def _content_hint(data: bytes, suffix: str) -> str:
    """What the content looks like, so the user knows which name or export to use."""
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in data[:100]:
            kind = ".ods"
        else:
            kind = ".xlsx"
        if kind != suffix:
            return f"the content looks like a {kind} file: rename it to end in {kind}"
        return "the workbook seems damaged: open it in Excel and save it again as .xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            return "the workbook is password-protected: save a copy without the password"
        if suffix != ".xls":
            return "the content looks like an old .xls workbook: rename it to end in .xls"
        return "the workbook may be damaged or password-protected: save it again as .xlsx"
    head = data[:2000]
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<table")):
        return "the content is a web page (HTML), not a workbook: save it as .xlsx or .csv"
    if b"\x00" not in head:
        return "the content looks like text: if it is CSV, rename it to end in .csv"
    return "open the file in Excel and save it again as .xlsx"


def _pick_sheet(path: Path, workbook: Any, sheet: str | int | None) -> str:
    """The sheet asked for by name or 0-based position; by default the first visible one."""
    names: list[str] = list(workbook.sheet_names)
    present = ", ".join(f"'{n}'" for n in names)
    where = DataLocation(path.name)
    if not names:
        raise DataError("the workbook has no sheets", where=where, hint="save it again in Excel")
    if sheet is None:
        return _first_visible(workbook, names)
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise DataError(
            f"there is no sheet number {sheet} (counting from 0); the sheets are {present}",
            where=where,
            hint=f"use a number from 0 to {len(names) - 1}, or a sheet name",
        )
    if sheet in names:
        return sheet
    folded = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise DataError(
        f"there is no sheet '{sheet}'; the sheets are {present}",
        where=where,
        hint=one_of(sheet, names),
    )


def _first_visible(workbook: Any, names: list[str]) -> str:
    """The first visible worksheet: hidden sheets usually hold lookup lists, not data."""
    with contextlib.suppress(Exception):  # metadata is a nicety; without it, sheet 0
        for meta in workbook.sheets_metadata:
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
            if visible and meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
                return str(meta.name)
    return names[0]


def _column_text(cells: np.ndarray) -> np.ndarray:
    """One column of calamine cells as text; strings (the common case) pass untouched.

    Dates and codes repeat down a column, so each distinct cell is converted once.
    """
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        return cells  # checked in C: a set of the cells' types costs ten times more
    kinds = set(map(type, cells))
    if kinds <= {str}:
        return cells
    cells = cells.tolist()  # a list iterates faster than an object array
    if bool in kinds and kinds & {int, float}:
        # True == 1 == 1.0 would share a cache entry, so convert each cell on its own.
        return np.array([c if type(c) is str else _cell_text(c) for c in cells], dtype=object)
    cache: dict[Any, str] = {}

    def convert(cell: Any) -> str:
        text = cache.get(cell)
        if text is None:
            text = cache[cell] = _cell_text(cell)
        return text

    return np.array([c if type(c) is str else convert(c) for c in cells], dtype=object)


def _cell_text(value: Any) -> str:
    """A non-string cell as the user would read it in Excel."""
    convert = _CELL_TEXT.get(type(value))
    if convert is not None:
        return convert(value)
    return "" if value is None else str(value)


def _float_text(value: float) -> str:
    """'12' not '12.0'; never scientific notation, so long ids stay readable."""
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    if value.is_integer() and abs(value) < 10**_EXCEL_DIGITS:
        return str(int(value))
    # 15 significant digits, as Excel shows them: 0.1+0.2 is '0.3', 1/3 is '0.333333333333333'.
    text = format(Decimal(format(value, f".{_EXCEL_DIGITS}g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _datetime_text(value: dt.datetime) -> str:
    """Midnight is a date; otherwise to the second (Excel stores times as day fractions)."""
    if value.microsecond >= 500_000:
        with contextlib.suppress(OverflowError):  # 9999-12-31 23:59:59.5 stays as it is
            value += dt.timedelta(microseconds=1_000_000 - value.microsecond)
    value = value.replace(microsecond=0)
    if value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _time_text(value: dt.time) -> str:
    return value.replace(microsecond=0).isoformat()


def _duration_text(value: dt.timedelta) -> str:
    """A duration cell as Excel's [h]:mm:ss."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


_CELL_TEXT: dict[type, Callable[[Any], str]] = {
    float: _float_text,
    int: str,
    bool: lambda v: "TRUE" if v else "FALSE",
    dt.datetime: _datetime_text,
    dt.date: lambda v: v.isoformat(),
    dt.time: _time_text,
    dt.timedelta: _duration_text,
}


# --- CSV ----------------------------------------------------------------------------------


def _read_csv(path: Path, data: bytes) -> _Grid:
    """Parse CSV text with pandas' C engine, every field kept as text."""
    csv.field_size_limit(2**31 - 1)  # a long cell is judged by CELL_CHARS, with its row
    decoded, as_read, mixed = _decode(path, data)
    text = decoded.replace("\r\n", "\n").replace("\r", "\n") if "\r" in decoded else decoded
    lines = text.count("\n")
    if lines > MAX_LINES:
        raise DataError(
            f"the file has {lines:,} lines; esfkit reads at most ".replace(",", " ")
            + f"{MAX_LINES:,} (twice as many as Excel has rows)".replace(",", " "),
            where=DataLocation(path.name, rows=(MAX_LINES + 1,)),
            hint="check that this is the participant list; remove the empty lines at its end",
        )
    skipped, text = _skip_blank_start(text)
    if not text:
        raise DataError(
            "the file has no header row (it holds only blank lines)",
            where=DataLocation(path.name),
            hint="export the data again with the column names on the first row",
        )
    separator = _detect_separator(text)
    # A title row above the header is short: the width is the most common one, or the
    # first record's when wider. A longer record further down is an error of its own line.
    sample = _first_records(text, separator)
    if max(map(len, sample)) > EXCEL_COLUMNS:
        _refuse_wide_sample(path, text, separator, skipped)
    width = max(len(sample[0]), Counter(map(len, sample)).most_common(1)[0][0])
    own = as_read and not skipped and "\r" not in decoded
    records = _parse_csv(
        path, text, data if own else text.encode("utf-8"), separator, width, skipped
    )
    numbers = _record_lines(text, len(records), lines - skipped)
    if numbers is None:
        columns, numbers = _parse_csv_multiline(path, text, separator, width, skipped)
    else:
        columns = [records[c].to_numpy(dtype=object) for c in records.columns]
    return _Grid(columns, numbers + skipped, mixed_encoding=mixed)


def _check_lines(path: Path, lines, separator: str, first: int):
    """Yield the lines, refusing one with more than EXCEL_COLUMNS fields (quotes ignored: a
    line of a million separators must not reach a parser)."""
    for number, line in enumerate(lines, first):
        fields = line.count(separator) + 1
        if fields > EXCEL_COLUMNS:
            raise _too_wide(path, number, fields)
        yield line


def _refuse_wide_sample(path: Path, text: str, separator: str, skipped: int) -> None:
    """The sample holds a record wider than EXCEL_COLUMNS: name its line and its width."""
    sample = text[:_SAMPLE_CHARS]
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
    start = 0
    with contextlib.suppress(csv.Error):
        for record in reader:
            if len(record) > EXCEL_COLUMNS:
                break
            start = reader.line_num
    begin = sum(map(len, sample.split("\n")[:start])) + start  # where that line starts
    end = text.find("\n", begin)
    fields = text.count(separator, begin, end if end >= 0 else len(text)) + 1
    raise _too_wide(path, start + 1 + skipped, max(fields, EXCEL_COLUMNS + 1))


def _too_wide(path: Path, line: int, fields: int) -> DataError:
    return DataError(
        f"line {line} has {fields:,} fields; esfkit reads at most ".replace(",", " ")
        + f"{EXCEL_COLUMNS:,} columns (as many as Excel has)".replace(",", " "),
        where=DataLocation(path.name, rows=(line,)),
        hint="check that this is the participant list: remove the extra separators on that "
        "line, or export the data again",
    )


def _record_lines(text: str, count: int, newlines: int) -> np.ndarray | None:
    """The line each of ``count`` records starts on, or None when it cannot be told cheaply.

    Without quoted line breaks record i starts on line i + 1. With them, a line break ends
    a record when an even number of quotes precede it; a stray quote inside an unquoted
    field breaks that rule, the counts then disagree and the caller asks the csv module.
    ``newlines`` is the number of line breaks in ``text``.
    """
    lines = newlines + (not text.endswith("\n"))
    if count == lines:
        return np.arange(1, lines + 1, dtype=np.int64)
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    newlines = np.flatnonzero(raw == ord("\n"))
    quotes_before = np.cumsum(raw == ord('"'))[newlines]
    ends = np.flatnonzero(quotes_before % 2 == 0)  # indexes of the lines that end a record
    starts = np.concatenate(([1], ends + 2))[:count]
    found = len(ends) + (not text.endswith("\n"))
    return starts.astype(np.int64) if found == count else None


Mixed = tuple[tuple[int, ...], tuple[int, ...]]


def _decode(path: Path, data: bytes) -> tuple[str, bool, Mixed | None]:
    """The text; whether it is the file's own bytes read as UTF-8 (no BOM); and, when the
    file mixes encodings, its non-ASCII lines in UTF-8 and in Windows-1252.

    UTF-16 with a BOM (Excel's 'Unicode text') must decode whole. Otherwise valid UTF-8 is
    never read as Windows-1252: a file that is not UTF-8 throughout is read line by line,
    each line in UTF-8 if it is valid UTF-8, else in Windows-1252 (what Swedish Excel
    writes), and a file with lines of both (two exports pasted together) says which.
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(
            "this is a spreadsheet, not a text (CSV) file",
            where=DataLocation(path.name),
            hint=_content_hint(data, path.suffix.lower()),
        )
    as_read, mixed = False, None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_utf16(path, data)
    else:
        bom = data.startswith(b"\xef\xbb\xbf")
        body = data[3:] if bom else data
        try:
            text, as_read = body.decode("utf-8"), not bom
        except UnicodeDecodeError:
            text, mixed = _decode_lines(path, body, bom)
    if "\x00" in text:
        raise DataError(
            "the file contains NUL bytes, so it is not a text (CSV) file",
            where=DataLocation(path.name),
            hint=_content_hint(data, path.suffix.lower()),
        )
    return text, as_read, mixed


def _decode_utf16(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
        raise DataError(
            f"line {line} is not valid UTF-16 text, though the file starts as UTF-16 "
            f"(byte {exc.start}); no character is guessed",
            where=DataLocation(path.name, rows=(line,)),
            hint="open the file in Excel and save it again as CSV UTF-8",
        ) from None


def _decode_lines(path: Path, body: bytes, bom: bool) -> tuple[str, Mixed | None]:
    """Bytes that are not UTF-8 throughout: Windows-1252 as a whole when no line holds a
    UTF-8 character, else line by line."""
    if not bom and not _holds_utf8(body):
        return _decode_cp1252(body), None
    body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines, utf8, cp1252 = [], [], []
    for number, line in enumerate(body.split(b"\n"), 1):
        if line.isascii():
            lines.append(line.decode("ascii"))
            continue
        try:
            lines.append(line.decode("utf-8"))
            utf8.append(number)
        except UnicodeDecodeError:
            text = _decode_cp1252(line)
            if _MOJIBAKE.search(text):
                raise _mixed_line(path, number) from None
            lines.append(text)
            cp1252.append(number)
    mixed = (tuple(utf8), tuple(cp1252)) if cp1252 and (utf8 or bom) else None
    return "\n".join(lines), mixed


def _holds_utf8(data: bytes) -> bool:
    """Whether a UTF-8 sequence of two bytes or more occurs (a lead byte, a continuation)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    lead = (raw[:-1] >= 0xC2) & (raw[:-1] <= 0xF4)
    return bool((lead & ((raw[1:] & 0xC0) == 0x80)).any())


def _decode_cp1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252)  # slow, but only for stray C1 bytes


def _mixed_line(path: Path, number: int) -> DataError:
    return DataError(
        f"line {number} holds UTF-8 text and Windows-1252 text in the same line, so no "
        "encoding reads all of it",
        where=DataLocation(path.name, rows=(number,)),
        hint="open the file in Excel, correct the line (letters such as 'Ã¤' for 'ä') and "
        "save it again as CSV UTF-8",
    )


def _cp1252_table() -> dict[int, str]:
    """Latin-1 code points 0x80-0x9F to their Windows-1252 characters.

    Decoding as Latin-1 and translating never fails: the five bytes Windows-1252 leaves
    undefined keep their Latin-1 meaning, as Windows itself does.
    """
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252 = _cp1252_table()
# UTF-8 read as Windows-1252: 'ä' becomes 'Ã¤', a no-break space 'Â\xa0'.
_MOJIBAKE = re.compile(
    "[ÃÂ][" + re.escape(bytes(range(0x80, 0xC0)).decode("latin-1").translate(_CP1252)) + "]"
)


def _skip_blank_start(text: str) -> tuple[int, str]:
    """Drop leading lines with nothing but spaces and separators; pandas chokes on them."""
    blank = _BLANK_START.match(text)
    if blank is None or not blank.end():
        return 0, text
    return text.count("\n", 0, blank.end()), text[blank.end() :]


_BLANK_START = re.compile(r"(?:[ \t;,|]*\n)+|[ \t;,|]+$")


def _detect_separator(text: str) -> str:
    """The separator that splits the header into the most fields, agreed on by most records."""

    def score(separator: str) -> tuple[bool, int, float]:
        header, *sample = _first_records(text, separator)
        agree = sum(len(r) == len(header) for r in sample) / (len(sample) or 1)
        return (agree >= 0.5, len(header), agree)

    def score_below_title(separator: str) -> tuple[bool, int, float]:
        records = _first_records(text, separator)
        width, agreeing = Counter(map(len, records)).most_common(1)[0]
        # Three columns at least: "Namn" over "Berg, Anna" is one column, not a title.
        return (agreeing / len(records) >= 0.5 and width > 2, width, agreeing / len(records))

    best = max(SEPARATORS, key=score)  # max keeps the first of equal scores
    agreed, width, _ = score(best)
    if agreed and width > 1:
        return best
    # No separator splits the first record like the rest: it may be a title row.
    below = max(SEPARATORS, key=score_below_title)
    return below if score_below_title(below)[0] else best


def _first_records(text: str, separator: str) -> list[list[str]]:
    """The first non-blank records as ``separator`` would split them, quotes respected."""
    reader = csv.reader(io.StringIO(text[:_SAMPLE_CHARS], newline=""), delimiter=separator)
    records: list[list[str]] = []
    try:
        for record in reader:
            if record:
                records.append(record)
            if len(records) > _SAMPLE_RECORDS:
                break
    except csv.Error:
        pass  # a quote never closed: judge by the records read so far
    return records or [[text]]


def _parse_csv(
    path: Path, text: str, encoded: bytes, separator: str, width: int, skipped: int
) -> pd.DataFrame:
    """All records, header included, as text (``encoded`` is ``text`` as UTF-8); overlong
    records become a located error."""
    try:
        # Bytes, not a StringIO: pandas would encode the text to UTF-8 anyway, and a
        # StringIO holds 4 bytes per character (400 MB for a 10^6-row file).
        return pd.read_csv(
            io.BytesIO(encoded),
            encoding="utf-8",
            sep=separator,
            header=None,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            names=range(width),
        )
    except Exception as exc:  # pandas' tokenizer fails in several ways; explain it ourselves
        _parse_csv_multiline(path, text, separator, width, skipped)
        raise DataError(
            f"cannot read this CSV file ({exc})",
            where=DataLocation(path.name),
            hint="open it in Excel and save it again as CSV (semicolon separated)",
        ) from None


def _parse_csv_multiline(
    path: Path, text: str, separator: str, width: int, skipped: int = 0
) -> tuple[list[np.ndarray], np.ndarray]:
    """Parse with the csv module, which tells the line each record starts on (below the
    ``skipped`` blank lines).

    Used only when a quoted field holds a line break (and to explain pandas' errors).
    """
    lines = _check_lines(path, io.StringIO(text, newline=""), separator, skipped + 1)
    reader = csv.reader(lines, delimiter=separator, strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    last_line = 0
    try:
        for record in reader:
            starts.append(last_line + 1)
            last_line = reader.line_num
            if len(record) > width:
                raise _overlong(path, starts[-1] + skipped, len(record), width)
            records.append(record)
    except csv.Error as exc:
        raise DataError(
            f"the CSV cannot be parsed from line {last_line + 1 + skipped} on ({exc})",
            where=DataLocation(path.name, rows=(last_line + 1 + skipped,)),
            hint='a field probably opens a quote (") that is never closed',
        ) from None
    padded = [r + [""] * (width - len(r)) for r in records]
    columns = [np.array(c, dtype=object) for c in zip(*padded, strict=True)]
    return columns, np.array(starts, dtype=np.int64)


def _overlong(path: Path, line: int, fields: int, width: int) -> DataError:
    return DataError(
        f"line {line} has {fields} fields but the header has {width}",
        where=DataLocation(path.name, rows=(line,)),
        hint="give the extra column a header, or remove the extra separators on that line",
    )


# --- both ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    """The table found in a grid: headers, cells, the row of each record, the header of
    each kept column by index, the header's row, error values typed in cells, and the rows
    cut off below it."""

    headers: tuple[str, ...]
    frame: pd.DataFrame
    numbers: np.ndarray
    by_index: dict[int, str]
    header_row: int
    errors: tuple[tuple[int, str, str, str], ...]
    detached: tuple[tuple[int, str], ...]
    table_end: int

    def in_table(self, cells) -> list[tuple[int, str, str, str]]:
        """The ``(row, column index, text)`` cells that fall in the table, as (row, header,
        text, column letter)."""
        kept = set(self.numbers.tolist())
        return [
            (row, self.by_index[column], text, column_letter(column))
            for row, column, text in cells
            if row in kept and column in self.by_index
        ]


def _to_table(path: Path, sheet: str | None, grid: _Grid, header_row: int | None = None) -> _Table:
    """Find the header, drop blank rows and columns and the rows cut off below the table,
    and check the header names and the cells' sizes."""
    cleaned = [_blank_cells(c) for c in grid.columns]
    for index, (_, _, _, longest) in enumerate(cleaned):
        if longest >= 0:
            raise _too_long(path, grid, index, longest)
    columns = tuple(c[0] for c in cleaned)
    blanks = tuple(c[1] for c in cleaned)
    filled = ~np.logical_and.reduce(blanks) if blanks else np.zeros(len(grid.numbers), bool)
    if not filled.any():
        raise _empty(path, sheet)
    top = _header_index(path, grid, columns, blanks, filled, header_row)
    below = np.flatnonzero(filled[top + 1 :]) + top + 1
    gaps = np.flatnonzero(np.diff(np.concatenate(([top], below))) > DETACHED_GAP)
    cut = int(gaps[0]) if len(gaps) else len(below)
    # A slice when no row below the header is blank: views of the columns, not copies.
    keep = slice(top + 1, None) if cut == len(below) == len(filled) - top - 1 else below[:cut]
    header_row = int(grid.numbers[top])
    named: dict[str, np.ndarray] = {}
    by_index: dict[int, str] = {}
    letters: dict[str, tuple[str, str]] = {}
    errors: list[tuple[int, str, str, str]] = []
    numbers = grid.numbers[keep]
    for index, (column, blank) in enumerate(zip(columns, blanks, strict=True)):
        header = column[top].strip()
        cells, cells_blank = column[keep], blank[keep]
        if not header:
            if cells_blank.all():
                continue  # an empty spacer column
            raise _unnamed(path, header_row, index, int(numbers[~cells_blank][0]))
        if header.upper() in _ERROR_KEYS:
            raise DataError(
                f"the header of column {column_letter(index)} is the Excel error {header}",
                where=DataLocation(path.name, rows=(header_row,), column=column_letter(index)),
                hint="type the column's name in the header cell instead of a formula",
            )
        _check_unique(path, header_row, header, index, letters)
        named[header] = cells
        by_index[index] = header
        flagged = cleaned[index][2]
        if flagged is not None and flagged[keep].any():
            where = np.flatnonzero(flagged[keep])
            letter = column_letter(index)
            errors += [(int(numbers[i]), header, str(cells[i]).strip(), letter) for i in where]
    # copy=False keeps each column its own block: stacking them copies 10^6 x 13 cells. A
    # wide sheet is stacked all the same: pandas warns about a frame of over 100 blocks.
    frame = pd.DataFrame(named, dtype=object, copy=len(named) > 100)
    cut_off = grid.numbers[below[cut:]].tolist()
    detached = tuple(
        (row, _row_text(columns, below[cut]) if not k else "") for k, row in enumerate(cut_off)
    )
    end = int(grid.numbers[below[cut - 1]]) if cut else header_row
    return _Table(tuple(named), frame, numbers, by_index, header_row, tuple(errors), detached, end)


def _row_text(columns: tuple[np.ndarray, ...], index: int) -> str:
    """The filled cells of one record, as 'A: x, C: y' (a few, each shortened)."""
    cells = [
        f"{column_letter(c)}: {columns[c][index][:40]}"
        for c in range(len(columns))
        if columns[c][index]
    ]
    return ", ".join(cells[:5]) + (f" and {len(cells) - 5} more cells" if len(cells) > 5 else "")


def _header_index(
    path: Path,
    grid: _Grid,
    columns: tuple[np.ndarray, ...],
    blanks: tuple[np.ndarray, ...],
    filled: np.ndarray,
    header_row: int | None,
) -> int:
    """Where the header is: the row asked for, else the first non-blank row, unless that
    row and the ones after it are title rows (one or two cells) above a wider row."""
    if header_row is not None:
        at = np.flatnonzero(grid.numbers == header_row)
        if not len(at) or not filled[at[0]]:
            last = int(grid.numbers[-1]) if len(grid.numbers) else 0
            raise DataError(
                f"data.header_row is {header_row}, but that row is "
                + ("blank" if len(at) else f"past the end of the data (the last is {last})"),
                where=DataLocation(path.name, rows=(header_row,)),
                hint="give the row number Excel shows for the header row (CSV: the line)",
            )
        return int(at[0])
    first = np.flatnonzero(filled)[:_SAMPLE_RECORDS]
    widths = np.sum([~blank[first] for blank in blanks], axis=0)
    wide = np.flatnonzero(widths * 2 >= widths.max())
    if widths.max() <= 2 or np.any(widths[: wide[0]] > 2):
        return int(first[0])
    candidate = int(first[wide[0]])
    # A header names columns; a row holding a number or a date is data, so the narrow
    # first row is the header after all (and its missing names will be reported).
    if any(str(column[candidate]).strip()[:1].isdigit() for column in columns):
        return int(first[0])
    return _below_group_labels(columns, blanks, first, int(wide[0]), widths)


def _below_group_labels(
    columns: tuple[np.ndarray, ...],
    blanks: tuple[np.ndarray, ...],
    first: np.ndarray,
    at: int,
    widths: np.ndarray,
) -> int:
    """A row of group labels ('Datum' merged over 'Start' and 'Slut') above the names: the
    next row names every column the labels do and more, all in words, so it is the header."""
    row = int(first[at])
    if at + 1 >= len(first) or widths[at + 1] <= widths[at]:
        return row
    below = int(first[at + 1])
    covers = all(blank[below] <= blank[row] for blank in blanks)  # named wherever labelled
    words = not any(str(column[below]).strip()[:1].isdigit() for column in columns)
    return below if covers and words else row


def _blank_cells(column: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, int]:
    """The column with whitespace-only cells made '', which cells are blank, which hold an
    Excel error value as text (None when none does), and the position of a cell longer than
    CELL_CHARS (-1 when none is).

    Works on unique values: a column of 10^6 cells holds only a few thousand distinct ones.
    """
    codes, uniques = pd.factorize(column)
    blank = np.fromiter((not u.strip() for u in uniques), dtype=bool, count=len(uniques))
    joined = "\n".join(uniques)  # one search instead of one per value, in the common case
    longest = -1
    if len(joined) > CELL_CHARS:
        lengths = np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques))
        too_long = np.flatnonzero(lengths > CELL_CHARS)
        longest = int(np.flatnonzero(codes == too_long[0])[0]) if len(too_long) else -1
    flagged = None
    if "#" in joined or "Err:" in joined:
        failed = [i for i, u in enumerate(uniques) if u.strip().upper() in _ERROR_KEYS]
        flagged = np.isin(codes, failed) if failed else None
    if blank.any():
        uniques = uniques.copy()
        uniques[blank] = ""
    # Rebuilt from the distinct values, so equal cells share one string object: 10^6 rows
    # of 13 columns otherwise keep 13 million strings alive (about 700 MB).
    return uniques[codes], blank[codes], flagged, longest


_ERROR_KEYS = frozenset(value.upper() for value in ERROR_VALUES)


def _too_long(path: Path, grid: _Grid, index: int, at: int) -> DataError:
    row = int(grid.numbers[at])
    size = len(grid.columns[index][at])
    return DataError(
        f"the cell in column {column_letter(index)} holds {size:,} characters".replace(",", " ")
        + f"; esfkit reads at most {CELL_CHARS:,} (Excel's own limit for a cell)".replace(",", " "),
        where=DataLocation(path.name, rows=(row,), column=column_letter(index)),
        hint='in a CSV file a quote (") that is never closed makes the rest of the file one '
        "cell; otherwise shorten the text or move it out of the participant list",
    )


def _check_unique(
    path: Path, header_row: int, header: str, index: int, seen: dict[str, tuple[str, str]]
) -> None:
    """Two columns with one name would make every later column lookup ambiguous."""
    key = " ".join(header.casefold().split())
    letter = column_letter(index)
    if key in seen:
        first_letter, first = seen[key]
        raise DataError(
            f"columns {first_letter} ('{first}') and {letter} ('{header}') have the same header",
            where=DataLocation(path.name, rows=(header_row,)),
            hint="rename one of them so every column header is different",
        )
    seen[key] = (letter, header)


def _unnamed(path: Path, header_row: int, index: int, first_row: int) -> DataError:
    letter = column_letter(index)
    return DataError(
        f"column {letter} has values (from row {first_row}) but no header",
        where=DataLocation(path.name, rows=(header_row,), column=letter),
        hint=f"write a name for column {letter} in row {header_row}; if row {header_row} is "
        "a title above the real header row, say where the header is in the goal file "
        "(data: {header_row: N}, N as Excel numbers the row)",
    )


def _empty(path: Path, sheet: str | None) -> DataError:
    what = f"sheet '{sheet}'" if sheet is not None else "the file"
    return DataError(
        f"{what} has no header row: every cell is blank",
        where=DataLocation(path.name),
        hint="choose the sheet or file that holds the participants (one row per enrolment)",
    )


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
