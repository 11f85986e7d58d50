"""Read one sheet of a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) into a grid of text.

calamine parses the sheet, once the workbook is known to fit the limits (archive.py); each
cell becomes the text Excel shows for it ('12', not '12.0'; a date at midnight as
2021-03-01), so that long ids keep their digits and every value is judged later, as typed.
A large .xlsx may come through fastexcel (fastsheet.py) as each column's distinct values:
each is made text here by the same rules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import python_calamine

from esfkit.data import fastsheet
from esfkit.data.archive import (
    SheetScan,
    check_archive,
    content_hint,
    is_zip,
    scan_ods,
    scan_sheet,
)
from esfkit.data.prefetch import first_visible, take_sheet
from esfkit.data.table import Distinct, Grid
from esfkit.errors import DataError, DataLocation, one_of, say

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")

# Excel keeps 15 significant digits; beyond that a float's digits are noise.
_EXCEL_DIGITS = 15


def read_sheet(
    path: Path, data: bytes, sheet: str | int | None
) -> tuple[str, Grid, SheetScan | None]:
    """Read one sheet through calamine, which is many times faster than openpyxl, once the
    workbook is known to fit the limits (data/archive.py): a large .xlsx through fastexcel
    where it reads the sheet as python-calamine does (data/fastsheet.py)."""
    prefetched = take_sheet(path)  # checked and parsed while pandas was imported, if it was
    if prefetched is not None:
        scans, workbook = dict(prefetched.scans), prefetched.workbook
    else:
        scans = check_workbook(path, data)
        workbook = _calamine(path, data, lambda: python_calamine.CalamineWorkbook.from_path(path))
    name = _pick_sheet(path, workbook, sheet)
    if name not in scans and path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb") and is_zip(data):
        scans[name] = scan_sheet(path, data, name)
    scan = scans.get(name)
    if prefetched is not None and prefetched.name == name:
        parsed, fast = prefetched.sheet, prefetched.fast
    else:
        parsed = fast = None
        if fastsheet.wanted(path, len(data), scan):
            fast = fastsheet.load(data, name)
    grid = _fast_grid(fast) if fast is not None else None
    if grid is None:
        parsed = parsed or _calamine(path, data, lambda: workbook.get_sheet_by_name(name))
        grid = _calamine_grid(path, data, name, parsed)
    return name, grid, scan


def _calamine_grid(path: Path, data: bytes, name: str, sheet: Any) -> Grid:
    """The cells of the sheet python-calamine parsed as text, one Python object per cell."""
    # skip_empty_area=False starts the grid at A1, so list index + 1 is the Excel row and
    # the column index gives the Excel letter, whatever blank rows or columns lead.
    rows = _calamine(path, data, lambda: sheet.to_python(skip_empty_area=False))
    if not rows:
        raise DataError(
            say("sheet.empty", name=name),
            where=DataLocation(path.name),
            hint=say("hint.choose_sheet"),
        )
    width = max(map(len, rows))
    rows = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in rows]
    # One object array, transposed into contiguous columns: numpy's loops, not zip's.
    columns = [_column_text(column) for column in np.array(rows, dtype=object).T.copy()]
    return Grid(columns, np.arange(1, len(rows) + 1, dtype=np.int64))


def _fast_grid(sheet: Any) -> Grid | None:
    """The sheet fastexcel parsed as each column's codes into its distinct texts, the
    header first; None when it cannot be read as python-calamine reads it (fastsheet.py)."""
    read = fastsheet.columns(sheet)
    if not read:
        return None
    columns = []
    for header, codes, values in read:
        texts = np.empty(len(values) + 2, dtype=object)
        texts[0], texts[-1] = header, ""
        if values.dtype.kind == "M":
            texts[1:-1] = _datetime_texts(values)
        else:
            texts[1:-1] = [v if type(v) is str else cell_text(v) for v in values]
        # Two values may read as one text (1.0000000000000002 and 1): one code each text.
        merged, distinct = pd.factorize(texts)
        cells = merged[np.concatenate(([0], codes.astype(np.int64) + 1))]
        # In order of first appearance down the column, as pd.factorize gives a column.
        order, seen = pd.factorize(cells)
        columns.append(Distinct(order, distinct[seen]))
    return Grid(columns, np.arange(1, len(read[0][1]) + 2, dtype=np.int64))


def check_workbook(path: Path, data: bytes) -> dict[str, SheetScan | None]:
    """Refuse a zip-based workbook beyond the limits before calamine opens it; an .ods
    has every sheet scanned now (calamine reads them all on opening)."""
    if not is_zip(data):
        return {}
    check_archive(path, data)
    return dict(scan_ods(path, data)) if path.suffix.lower() == ".ods" else {}


def list_sheets(path: Path, data: bytes) -> list[str]:
    """The sheets of the workbook ``path`` (``data``: its bytes), read within the limits; a
    DataError otherwise."""
    check_workbook(path, data)
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
        say("sheet.unreadable", suffix=path.suffix.lower(), why=exc),
        where=DataLocation(path.name),
        hint=content_hint(data, path.suffix.lower()),
    )


def _pick_sheet(path: Path, workbook: Any, sheet: str | int | None) -> str:
    """The sheet asked for by name or 0-based position; by default the first visible one."""
    names: list[str] = list(workbook.sheet_names)
    present = ", ".join(f"'{n}'" for n in names)
    where = DataLocation(path.name)
    if not names:
        raise DataError(say("sheet.none"), where=where, hint=say("hint.save_in_excel"))
    if sheet is None:
        return first_visible(workbook)
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise DataError(
            say("sheet.no_number", sheet=sheet, present=present),
            where=where,
            hint=say("hint.sheet_number0", last=len(names) - 1),
        )
    if sheet in names:
        return sheet
    folded = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise DataError(
        say("sheet.no_name", sheet=sheet, present=present),
        where=where,
        hint=one_of(sheet, names),
    )


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
        return np.array([c if type(c) is str else cell_text(c) for c in cells], dtype=object)
    cache: dict[Any, str] = {}

    def convert(cell: Any) -> str:
        text = cache.get(cell)
        if text is None:
            text = cache[cell] = cell_text(cell)
        return text

    return np.array([c if type(c) is str else convert(c) for c in cells], dtype=object)


def cell_text(value: Any) -> str:
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


def _datetime_texts(values: np.ndarray) -> np.ndarray:
    """:func:`_datetime_text` of each date-time (datetime64[ms], years 1000 to 9999) at once."""
    seconds = (values.astype(np.int64) + 500) // 1000  # half a second or more rounds up
    stamps = seconds.astype("datetime64[s]")
    texts = np.char.replace(np.datetime_as_string(stamps), "T", " ").astype(object)
    midnight = seconds % 86400 == 0
    texts[midnight] = np.datetime_as_string(stamps[midnight].astype("datetime64[D]"))
    return texts


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
