"""A pandas DataFrame, as an analyst has it in a notebook, read as the participant file.

The frame is read exactly as the workbook ``df.to_excel(path, index=False)`` would be: its
column names are the header on row 1, ``df.iloc[i]`` is row ``i + 2``, every cell becomes the
text Excel would show for it (data/sheet.py's :func:`cell_text`: 12.0 as '12', a datetime at
midnight as '2021-03-01', NaN, None and NaT blank, infinity as pandas writes it, 'inf',
a duration as its number of days, an error value typed as text, '#N/A', an error cell,
as pandas writes it), and the table is found in that grid as in a sheet
(data/table.py: title rows, blank rows, rows cut off far below). Where pandas or Excel would
lose or change data, esfkit keeps it: a text starting with '=' stays text (pandas writes it
as a formula), a date before 1900 stays a date. The index is not read (``reset_index()``
makes it a column); a time zone, or a cell no worksheet holds (a list, a dict ...), is a
located DataError.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from esfkit.data.read import RawTable
from esfkit.data.sheet import cell_text
from esfkit.data.table import Grid, column_letter, to_table
from esfkit.errors import DataError, DataLocation
from esfkit.limits import EXCEL_COLUMNS, EXCEL_ROWS

# The texts openpyxl (pandas' writer) stores as Excel error values, not as text.
_WRITTEN_AS_ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]
FRAME_NAME = "DataFrame"  # the file name in messages, unless the caller names the frame


def read_frame(
    frame: pd.DataFrame, name: str = FRAME_NAME, header_row: int | None = None
) -> RawTable:
    """The DataFrame ``frame`` as the table of its .xlsx; ``name`` stands for the file in
    messages, ``header_row`` is the goal file's data.header_row (row 1: the column names)."""
    path = Path(name)
    _check_shape(frame, name)
    header = [_header_text(c, i, name) for i, c in enumerate(frame.columns)]
    columns = [
        np.array([header[i], *_column_text(frame.iloc[:, i], i, header[i], name)], dtype=object)
        for i in range(frame.shape[1])
    ]
    written_as_errors = _error_values(columns)
    grid = Grid(columns, np.arange(1, len(frame) + 2, dtype=np.int64))
    table = to_table(path, None, grid, header_row)
    errors = sorted({*table.errors, *table.in_table(written_as_errors)})
    return RawTable(
        path,
        None,
        table.headers,
        table.frame,
        table.numbers,
        _digest(columns),
        header_row=table.header_row,
        error_cells=tuple(errors),
        detached=table.detached,
        table_end=table.table_end,
    )


def _error_values(columns: list[np.ndarray]) -> list[tuple[int, int, str]]:
    """Cells holding exactly one of Excel's error values, which pandas writes as that error
    (openpyxl's ERROR_CODES): blanked here as calamine reads them, and returned as
    (row, column index, text) for the table's error cells."""
    found = []
    for index, column in enumerate(columns):
        for position in np.flatnonzero(np.isin(column[1:], _WRITTEN_AS_ERRORS)):
            found.append((int(position) + 2, index, str(column[position + 1])))
            column[position + 1] = ""
    return found


def _check_shape(frame: pd.DataFrame, name: str) -> None:
    """A frame a worksheet can hold, with one row of column names."""
    where = DataLocation(name)
    if isinstance(frame.columns, pd.MultiIndex):
        raise DataError(
            f"the DataFrame has {frame.columns.nlevels} rows of column names",
            where=where,
            hint="give it one: df.columns = [' '.join(map(str, c)) for c in df.columns]",
        )
    if frame.shape[1] == 0:
        raise DataError("the DataFrame has no columns", where=where, hint="pass the participants")
    if len(frame) + 1 > EXCEL_ROWS or frame.shape[1] > EXCEL_COLUMNS:
        raise DataError(
            f"the DataFrame has {len(frame)} rows and {frame.shape[1]} columns; esfkit reads "
            f"what a worksheet holds, at most {EXCEL_ROWS - 1} rows below the column names "
            f"and {EXCEL_COLUMNS} columns",
            where=where,
            hint="check that this is the participant list",
        )


def _header_text(name: Any, index: int, file: str) -> str:
    """A column name as the header cell would read: 2021 as '2021', NaN blank, and blank
    too pandas' name for a blank header cell ('Unnamed: 3' for the fourth column), so that
    a frame from ``pd.read_excel`` of a sheet with title rows is read as that sheet."""
    if name == f"Unnamed: {index}":
        return ""
    return _text(name, lambda: DataLocation(file, rows=(1,), column=column_letter(index)))


def _column_text(values: pd.Series, index: int, header: str, file: str) -> np.ndarray:
    """One column's cells as text, each distinct cell converted once."""
    cells = values.astype(object).to_numpy()
    kinds = set(map(type, cells.tolist()))
    if kinds == {str}:
        return cells
    if (kinds & {bool, np.bool_} and len(kinds) > 1) or not all(map(_hashable, kinds)):
        # True == 1 == 1.0 would be one distinct cell: each converted on its own.
        codes, uniques = np.arange(len(cells)), cells
    else:
        codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    firsts = np.unique(codes, return_index=True)[1]  # codes number cells in order of appearance
    texts = np.empty(len(uniques), dtype=object)
    for k, cell in enumerate(uniques.tolist()):
        texts[k] = _text(cell, _where(file, int(firsts[k]), header, index))
    return texts[codes]


def _hashable(kind: type) -> bool:
    return kind.__hash__ is not None


def _where(file: str, position: int, header: str, index: int) -> Callable[[], DataLocation]:
    """Where a cell is: its row as Excel would number it, its column's name."""
    letter = column_letter(index)
    return lambda: DataLocation(file, rows=(position + 2,), column=header or letter)


def _text(cell: Any, where: Callable[[], DataLocation]) -> str:
    """One cell as the text calamine gives for it once pandas has written it to .xlsx."""
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return ""
    if isinstance(cell, np.datetime64):
        return _text(pd.Timestamp(cell), where)
    if isinstance(cell, np.timedelta64):
        return _text(pd.Timedelta(cell), where)
    if isinstance(cell, np.generic):
        return _text(cell.item(), where)
    if isinstance(cell, str):
        return str(cell)
    if isinstance(cell, bool):
        return cell_text(cell)
    if isinstance(cell, int | float | Decimal):
        number = float(cell)  # a worksheet holds every number as a double
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"  # pandas' inf_rep
        return cell_text(number)
    return _time_text(cell, where)


def _time_text(cell: Any, where: Callable[[], DataLocation]) -> str:
    """A date, time or duration cell as _text gives it; a DataError for any other object."""
    if isinstance(cell, dt.datetime):
        if cell.tzinfo is not None:
            raise DataError(
                "a date and time with a time zone, which a worksheet cannot hold",
                where=where(),
                hint="drop the time zone: df[column] = df[column].dt.tz_localize(None)",
            )
        if isinstance(cell, pd.Timestamp):
            cell = cell.to_pydatetime(warn=False)
        return cell_text(cell)
    if isinstance(cell, dt.timedelta):
        return cell_text(cell.total_seconds() / 86_400)  # written as a number of days
    if isinstance(cell, dt.date | dt.time):
        return cell_text(cell)
    raise DataError(
        f"a cell holds a {type(cell).__name__}, which a worksheet cannot hold",
        where=where(),
        hint="cells hold text, numbers, dates, true/false or nothing: "
        "convert the column, e.g. df[column] = df[column].astype(str)",
    )


def _digest(columns: list[np.ndarray]) -> str:
    """A fingerprint of the cells' text, for the report header as a file's sha256 is."""
    digest = hashlib.sha256()
    for column in columns:
        for cell in column.tolist():
            digest.update(cell.encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
        digest.update(b"\x1e")
    return digest.hexdigest()
