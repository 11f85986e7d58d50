"""Read a large .xlsx sheet through fastexcel: calamine to Arrow, no Python object per cell.

python-calamine (sheet.py) hands over one Python object per cell, which sheet.py turns into
text: at 10^5 rows that costs two thirds of parsing the sheet again. fastexcel runs the same
calamine and returns Arrow columns of one type each; here each column becomes its distinct
values and the codes into them, and sheet.py makes each distinct value text as it makes a
cell.

It is used only where its reading is known to be python-calamine's: a workbook of
FAST_BYTES or more when fastexcel and pyarrow are installed (``pip install esfkit[fast]``),
whose first row is row 1 of text cells (data/archive.py's SheetScan.text_header: fastexcel
reads it as column names), which holds no error value (SheetScan.errors: fastexcel cannot
convert one), each column below the header of one type throughout (no number among texts,
no text among dates), no cell fastexcel failed to convert, and no value python-calamine
would hand over as something else (a date before 1904-01-02, beyond year 9999, a negative
duration, NaN, a boolean: fastexcel's calamine reads <v>false</v> as TRUE, python-calamine's
as FALSE). Any other sheet is read by python-calamine, as before (a sheet declined
after fastexcel parsed it is parsed twice: 0.3 s CPU more at 10^5 rows);
tests/data/test_xlsx_readers.py reads each hostile workbook both ways. No pandas here: the
prefetch thread imports this module while the main thread imports pandas (data/prefetch.py).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from esfkit.data.archive import SheetScan

# 10^4 rows (0.7 MiB) read 0.03-0.09 s CPU faster through fastexcel; 500 (37 KiB) never do.
FAST_BYTES = 512 * 1024
_SUFFIXES = (".xlsx", ".xlsm")
# fastexcel names a second column 'Kön' 'Kön_1'; a header like that may not be the sheet's.
_ALIAS = re.compile(r"(.*)_[0-9]+", re.S)
# 1904-01-02: python-calamine hands over a time of day for a serial below 1, which is
# 1899-12-31 in the 1900 date system (with its leap-year day) and 1904-01-02 in the 1904 one.
_EARLIEST_MS = -2_082_758_400_000
_LATEST_MS = 253_402_300_799_500  # 9999-12-31 23:59:59.5, which Python cannot round up


def wanted(path: Path, size: int, scan: SheetScan | None) -> bool:
    """Whether to read this sheet (archive.py scanned it) through fastexcel (see the
    module's docstring); not one holding an error value, which fastexcel cannot convert."""
    return (
        scan is not None
        and scan.text_header
        and not scan.errors
        and size >= FAST_BYTES
        and path.suffix.lower() in _SUFFIXES
        and importlib.util.find_spec("fastexcel") is not None
        and importlib.util.find_spec("pyarrow") is not None
    )


def load(data: bytes, name: str) -> Any | None:
    """The sheet ``name`` of the workbook ``data`` (the bytes archive.py checked, not the
    file again) parsed by fastexcel, its first row as the header and each column below of
    one type; None when fastexcel cannot (a column of mixed types, a damaged file)."""
    import logging

    # fastexcel logs notes such as 'falling back to string' for an empty column: not the user's.
    logging.getLogger("fastexcel").setLevel(logging.ERROR)

    def parse() -> Any:
        import fastexcel

        # Each column's type is found from all its rows as the sheet loads: mixed types raise.
        reader = fastexcel.read_excel(data)
        return reader.load_sheet(
            name, header_row=0, dtype_coercion="strict", schema_sample_rows=None
        )

    return _unless_failed(parse)


def columns(sheet: Any) -> list[tuple[str, Any, Any]] | None:
    """Each column of a sheet :func:`load` gave: its header, the codes of its cells below
    the header (an int32 array) into its distinct values, ``len(values)`` for an empty cell
    (values: date-times as a datetime64[ms] array, any other type an object array of what
    python-calamine gives); None unless fastexcel read it as python-calamine does."""
    read_arrow = _unless_failed(lambda: (sheet.selected_columns, *sheet.to_arrow_with_errors()))
    if read_arrow is None:
        return None
    infos, batch, errors = read_arrow
    if errors is not None or [info.absolute_index for info in infos] != list(range(len(infos))):
        return None  # a cell not converted, or the sheet does not start in column A
    headers = ["" if info.column_name_from == "generated" else info.name for info in infos]
    if any((m := _ALIAS.fullmatch(h)) and m.group(1) in headers for h in headers):
        return None
    read = []
    for header, array in zip(headers, batch.columns, strict=True):
        coded = _coded(array)
        if coded is None:
            return None
        read.append((header, *coded))
    return read


def _unless_failed(call: Callable[[], Any]) -> Any | None:
    """``call()``, or None when fastexcel fails in it: any error, or a panic in its Rust
    code (pyo3's PanicException, a BaseException, not an Exception)."""
    try:
        return call()
    except Exception:
        return None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        return None


def _coded(array: Any) -> tuple[Any, Any] | None:
    """The column's codes and distinct values (see :func:`columns`); None for a type or a
    value python-calamine would hand over otherwise."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = array.type
    if pa.types.is_null(kind):
        return np.zeros(len(array), dtype=np.int32), np.array([], dtype=object)
    if pa.types.is_floating(kind) and pc.any(pc.is_nan(array)).as_py():
        return None
    if pa.types.is_timestamp(kind) or pa.types.is_duration(kind):
        if not _in_range(array, kind):
            return None
    elif not (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_integer(kind)
    ):
        # A date (an ISO text, not in .xlsx), a type fastexcel added since, or booleans: its
        # older calamine reads a boolean cell written 'false' (not 0) as TRUE.
        return None
    encoded = pc.dictionary_encode(array)
    if pa.types.is_timestamp(kind):
        values = encoded.dictionary.to_numpy()
    else:
        values = np.array(encoded.dictionary.to_pylist(), dtype=object)
    codes = encoded.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)
    return codes.astype(np.int32, copy=False), values


def _in_range(array: Any, kind: Any) -> bool:
    """Date-times from 1904-01-02 to year 9999, durations not negative, in milliseconds:
    python-calamine hands over a time of day for a serial below 1 (see _EARLIEST_MS), a
    number beyond year 9999."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if kind.unit != "ms" or getattr(kind, "tz", None) is not None:
        return False
    bounds = pc.min_max(array.cast(pa.int64()))
    low, high = bounds["min"].as_py(), bounds["max"].as_py()
    if low is None:
        return True
    if pa.types.is_duration(kind):
        return low >= 0
    return low >= _EARLIEST_MS and high < _LATEST_MS
