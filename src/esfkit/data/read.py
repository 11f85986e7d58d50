"""Read a participant file (CSV or spreadsheet) into a table of text cells.

Everything is kept as text here, exactly as the user typed it: which column holds dates,
numbers or genders is decided later, so that a bad value can be reported with the row
number and column the user sees in Excel, and leading zeros in ids survive.

:func:`read_table` picks the reader by the file's extension: csvfile.py or sheet.py make a
grid of text, table.py finds the table in it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from esfkit.data.archive import SheetScan
from esfkit.data.csvfile import CSV_SUFFIXES, read_csv
from esfkit.data.prefetch import take_bytes, take_csv
from esfkit.data.sheet import SHEET_SUFFIXES, list_sheets, read_sheet
from esfkit.data.table import Distinct, to_table
from esfkit.errors import DataError, DataLocation, say
from esfkit.inputfile import DATA_FILE_LIMIT, read_input

SUPPORTED = ", ".join(CSV_SUFFIXES + SHEET_SUFFIXES)


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
    # reads as blank (see data/archive.py); only .xlsx and .xlsm are scanned.
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
    # (Excel row, header) of each cell of the table covered by a merged range, empty but
    # shown with the value of the range's first cell (.xlsx and .xlsm are scanned).
    merged_cells: tuple[tuple[int, str], ...] = ()
    # header -> the column's codes into its distinct cells, row for row with ``frame``.
    distinct: dict[str, Distinct] = field(default_factory=dict)

    def codes(self, header: str) -> Distinct:
        """The codes of the column ``header``: from the reader, else computed once."""
        found = self.distinct.get(header)
        if found is None or len(found.codes) != len(self.frame):
            found = self.distinct[header] = Distinct.of(self.frame[header])
        return found


def read_table(
    path: Path, sheet: str | int | None = None, header_row: int | None = None
) -> RawTable:
    """Read ``path`` by its extension; every problem becomes a located :class:`DataError`.

    ``header_row`` is the Excel row (CSV line) of the header; by default the first non-blank
    row, or the first wide row below title rows (see :func:`esfkit.data.table.to_table`).
    """
    path = Path(path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    scan: SheetScan | None = None
    if suffix in CSV_SUFFIXES:
        sheet_name, grid = None, read_csv(path, data, take_csv(path, data))
    elif suffix in SHEET_SUFFIXES:
        sheet_name, grid, scan = read_sheet(path, data, sheet)
    else:
        raise DataError(
            say("data.suffix", suffix=path.suffix),
            where=DataLocation(path.name),
            hint=say("hint.suffix", formats=SUPPORTED),
        )
    table = to_table(path, sheet_name, grid, header_row)
    scan = scan or SheetScan()
    blank_formulas = tuple(sorted(table.in_table((r, c, "") for r, c in scan.uncached)))
    merged = tuple(sorted(table.in_table(_covered(scan.merged, table.table_end))))
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
        tuple((row, header) for row, header, _, _ in merged),
        table.distinct,
    )


def _covered(ranges, last_row: int, most: int = 1000):
    """The cells of merged ranges that Excel shows the first cell's value over but that
    are empty, as (row, column index, ''); at most ``most`` rows of a range, none below
    the table's last row."""
    for row, column, end_row, end_column in ranges:
        for covered in range(row, min(end_row, last_row, row + most) + 1):
            for index in range(column, min(end_column, column + 1000) + 1):
                if (covered, index) != (row, column):
                    yield covered, index, ""


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataError saying why there are none (not a regular file,
    larger than DATA_FILE_LIMIT)."""
    where = DataLocation(path.name or str(path))
    data = take_bytes(path) or read_input(  # read on the prefetch thread, if it was
        path, what="the participant file", limit=DATA_FILE_LIMIT, error=DataError, where=where
    )
    if not data:
        raise DataError(
            say("data.empty"),
            where=where,
            hint=say("hint.empty"),
        )
    return data


def sheet_names(path: Path) -> list[str]:
    """The sheets of the workbook ``path``, read within the limits; a DataError otherwise."""
    return list_sheets(path, _read_bytes(path))
