"""Read a large CSV file's bytes with pyarrow: each column as codes into its distinct cells,
without a Python string per cell (``pip install esfkit[fast]``).

No pandas here: data/prefetch.py calls :func:`arrow_table` on a second thread while the
first imports pandas (csvfile.py on the first when nothing was prefetched).
"""

from __future__ import annotations

import importlib.util
from typing import Any

import numpy as np

from esfkit.data import cp1252


def pyarrow_installed() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def arrow_table(
    encoded: bytes, separator: str, width: int, windows_1252: bool = False
) -> Any | None:
    """All records of the UTF-8 ``encoded``, header included, as a pyarrow table of
    ``width`` dictionary columns (named 0, 1 ...) of text; None when a line has another
    number of fields or is empty (the C engine's path then reads and explains it). Quotes
    are not read: csvfile.py sends only text without one. ``windows_1252``: ``encoded`` is
    in Windows-1252, parsed as bytes and each column's distinct cells decoded."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    names = [str(index) for index in range(width)]
    coded = pa.dictionary(pa.int32(), pa.binary() if windows_1252 else pa.string())
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(encoded),
            read_options=pa_csv.ReadOptions(
                column_names=names, block_size=1 << 24, use_threads=False
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=separator,
                quote_char=False,
                escape_char=False,
                double_quote=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, coded),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            memory_pool=pa.system_memory_pool(),  # freed when done, not kept by a pool
        )
    except pa.ArrowException:  # any line pyarrow does not take
        return None
    if not windows_1252:
        return table
    columns = [[_from_1252(chunk) for chunk in column.chunks] for column in table.columns]
    text = pa.dictionary(pa.int32(), pa.string())
    return pa.table([pa.chunked_array(chunks, type=text) for chunks in columns], names=names)


def _from_1252(chunk: Any) -> Any:
    """A dictionary array of Windows-1252 bytes with its distinct cells as UTF-8 text: the
    bytes decoded whole and encoded again, each cell's end found by adding up its
    characters' UTF-8 lengths (a cell of ASCII is UTF-8 already)."""
    import pyarrow as pa

    cells = chunk.dictionary
    _, ends, data = cells.buffers()
    ends = np.frombuffer(ends, dtype=np.int32)[cells.offset : cells.offset + len(cells) + 1]
    raw = np.frombuffer(data or b"", dtype=np.uint8)[ends[0] : ends[-1]]
    if not raw.size or raw.max() < 0x80:
        return pa.DictionaryArray.from_arrays(chunk.indices, cells.view(pa.string()))
    utf8 = cp1252.decode(raw.tobytes()).encode("utf-8")
    widths = np.frombuffer(cp1252.UTF8_WIDTHS, dtype=np.uint8)[raw]
    running = np.concatenate(([0], np.cumsum(widths, dtype=np.int64)))
    offsets = running[ends - ends[0]].astype(np.int32)
    decoded = pa.StringArray.from_buffers(len(cells), pa.py_buffer(offsets), pa.py_buffer(utf8))
    return pa.DictionaryArray.from_arrays(chunk.indices, decoded)
