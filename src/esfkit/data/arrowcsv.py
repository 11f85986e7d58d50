"""Read a large CSV file's bytes with pyarrow: each column as codes into its distinct cells,
without a Python string per cell (``pip install esfkit[fast]``).

No pandas here: data/prefetch.py calls :func:`arrow_table` on a second thread while the
first imports pandas (csvfile.py on the first when nothing was prefetched).
"""

from __future__ import annotations

import importlib.util
from typing import Any


def pyarrow_installed() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def arrow_table(encoded: bytes, separator: str, width: int) -> Any | None:
    """All records of the UTF-8 ``encoded``, header included, as a pyarrow table of
    ``width`` dictionary columns (named 0, 1 ...); None when a line has another number of
    fields or is empty (the C engine's path then reads and explains it). Quotes are not
    read: csvfile.py sends only text without one."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    names = [str(index) for index in range(width)]
    coded = pa.dictionary(pa.int32(), pa.string())
    try:
        return pa_csv.read_csv(
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
