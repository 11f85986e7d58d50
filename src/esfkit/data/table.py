"""The table in a grid of text cells: where its header is, which rows and columns it holds.

The CSV reader (csvfile.py) and the spreadsheet reader (sheet.py) each turn a file into a
:class:`Grid`, one text array per column with the row numbers the user sees; :func:`to_table`
finds the header in it (the row asked for, else the first non-blank row, or the first wide
row below title rows), drops blank rows and columns and the rows cut off far below the
table, and refuses what no table holds: a column of values without a header, two columns
with one name, a cell longer than Excel allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from esfkit.errors import DataError, DataLocation, say
from esfkit.limits import spaced
from esfkit.text import plain_ascii

if TYPE_CHECKING:  # pandas is imported where it is used: csvfile.py, read on the prefetch
    import pandas as pd  # thread while the first imports pandas, imports this module

# Limits (docs/data.md, "Limits"): far beyond any participant list, short of what would
# take minutes or gigabytes.
CELL_CHARS = 32_767  # Excel's own limit on the text of one cell
DETACHED_GAP = 20  # empty rows that cut a row off from the table above it
SAMPLE_RECORDS = 50  # the first records, where a header (or a CSV separator) is looked for

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
class Distinct:
    """A text column as codes into its distinct cells, each once, blank as one '': every
    later step looks at the few distinct cells and spreads its answer over the rows with
    ``values[codes]``, instead of hashing a million strings again. (A column derived per
    distinct cell, such as the municipalities' display names, may repeat a value or hold
    None.)"""

    codes: np.ndarray  # per row, an index into ``values`` (int32: 4 bytes a cell, not 8)
    values: np.ndarray  # object array of the distinct cells, in order of first appearance

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", self.codes.astype(np.int32, copy=False))

    @classmethod
    def of(cls, cells: np.ndarray | pd.Series) -> Distinct:
        """The codes of a column not read by :func:`to_table` (missing cells become '')."""
        import pandas as pd

        codes, uniques = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
        values = np.array(["" if u is None or u != u else u for u in uniques], dtype=object)
        return cls(codes, values)

    def take(self, where: np.ndarray | slice) -> Distinct:
        """The rows ``where`` (positions, a mask or a slice), with the same distinct cells."""
        return Distinct(self.codes[where], self.values)


def text_series(values: np.ndarray, index: pd.Index) -> pd.Series:
    """Texts (None where missing) as pandas infers them, 'str' unless every value is
    missing, held as Python strings whether or not pyarrow is installed: pandas would copy
    10^6 of them into Arrow, which costs more memory than the figures."""
    import pandas as pd

    if pd.api.types.infer_dtype(values, skipna=True) != "string":
        return pd.Series(values, index=index, dtype=object)
    return pd.Series(values, index=index, dtype=pd.StringDtype("python", na_value=np.nan))


@dataclass(frozen=True)
class Grid:
    """Records before the header is found: one object array of text per column.

    ``numbers`` holds, per record, the row (Excel) or first line (CSV) the user sees.
    """

    columns: list[np.ndarray] | list[Distinct]  # text, or codes made by the reader (pyarrow)
    numbers: np.ndarray
    mixed_encoding: tuple[tuple[int, ...], tuple[int, ...]] | None = None

    def cell(self, column: int, record: int) -> str:
        """The text of one cell, as read."""
        cells = self.columns[column]
        if isinstance(cells, Distinct):
            return str(cells.values[cells.codes[record]])
        return str(cells[record])


@dataclass(frozen=True)
class Table:
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
    distinct: dict[str, Distinct]  # header -> the column's codes, row for row with ``frame``

    def in_table(self, cells) -> list[tuple[int, str, str, str]]:
        """The ``(row, column index, text)`` cells that fall in the table, as (row, header,
        text, column letter)."""
        cells = list(cells)
        if not cells:
            return []
        kept = set(self.numbers.tolist())
        return [
            (row, self.by_index[column], text, column_letter(column))
            for row, column, text in cells
            if row in kept and column in self.by_index
        ]


def to_table(path: Path, sheet: str | None, grid: Grid, header_row: int | None = None) -> Table:
    """Find the header, drop blank rows and columns and the rows cut off below the table,
    and check the header names and the cells' sizes."""
    import pandas as pd

    cleaned = [_blank_cells(column) for column in grid.columns]
    for index, (_, _, _, longest, _) in enumerate(cleaned):
        if longest >= 0:
            raise _too_long(path, grid, index, longest)
    columns = tuple(c[0] for c in cleaned)
    blanks = tuple(c[1] for c in cleaned)
    coded = tuple(c[4] for c in cleaned)
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
    distinct: dict[str, Distinct] = {}
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
                say("table.error_header", letter=column_letter(index), header=header),
                where=DataLocation(path.name, rows=(header_row,), column=column_letter(index)),
                hint=say("hint.error_header"),
            )
        _check_unique(path, header_row, header, index, letters)
        named[header] = cells
        distinct[header] = _present(coded[index].take(keep), isinstance(keep, slice) and not top)
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
    return Table(
        tuple(named), frame, numbers, by_index, header_row, tuple(errors), detached, end, distinct
    )


def _row_text(columns: tuple[np.ndarray, ...], index: int) -> str:
    """The filled cells of one record, as 'A: x, C: y' (a few, each shortened; then '… (+3)',
    the same in every language)."""
    cells = [
        f"{column_letter(c)}: {columns[c][index][:40]}"
        for c in range(len(columns))
        if columns[c][index]
    ]
    return ", ".join(cells[:5]) + (f", … (+{len(cells) - 5})" if len(cells) > 5 else "")


def _header_index(
    path: Path,
    grid: Grid,
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
            key = "table.header_row_blank" if len(at) else "table.header_row_past"
            raise DataError(
                say(key, row=header_row, last=last),
                where=DataLocation(path.name, rows=(header_row,)),
                hint=say("hint.header_row_number"),
            )
        return int(at[0])
    first = np.flatnonzero(filled)[:SAMPLE_RECORDS]
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


def _blank_cells(
    column: np.ndarray | Distinct,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, int, Distinct]:
    """The column with whitespace-only cells made '', which cells are blank, which hold an
    Excel error value as text (None when none does), the position of a cell longer than
    CELL_CHARS (-1 when none is), and the column's codes (blank cells one '').

    Works on unique values: a column of 10^6 cells holds only a few thousand distinct ones.
    A column the reader coded (in order of first appearance) is not hashed again.
    """
    if isinstance(column, Distinct):
        codes, uniques = column.codes, column.values
    else:
        import pandas as pd

        codes, uniques = pd.factorize(column)
    joined = "\x00".join(uniques)  # one search instead of one per value, in the common case
    # not u.strip(): '' or only whitespace (str.isspace and str.strip agree on what it is)
    if plain_ascii(joined):
        blank = uniques == ""  # no cell holds a space: an id column's 10^6 are not each asked
    else:
        blank = np.fromiter(map(str.isspace, uniques), dtype=bool, count=len(uniques))
        blank |= uniques == ""
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
    cells, blank_cells = uniques[codes], blank[codes]
    if blank.sum() > 1:  # several blank spellings (' ', '\t') are one '' from here on
        target = np.arange(len(uniques))
        target[blank] = np.argmax(blank)
        codes = target[codes]
    return cells, blank_cells, flagged, longest, Distinct(codes, uniques)


def _present(column: Distinct, below_header: bool) -> Distinct:
    """The distinct cells that occur in the rows kept (not the header's, nor those of rows
    dropped), in order of first appearance among them. ``below_header``: the rows kept
    are all those below a header on the first row, so the order is the column's already."""
    if not below_header:
        import pandas as pd

        codes, order = pd.factorize(column.codes)  # integers: cheap to hash
        return Distinct(codes, column.values[order])
    present = np.bincount(column.codes, minlength=len(column.values)) > 0
    if present.all():
        return column
    if not present[0] and present[1:].all():  # only the header's cell: one subtraction
        return Distinct(column.codes - 1, column.values[1:])
    renumber = (np.cumsum(present) - 1).astype(np.int32)
    return Distinct(renumber[column.codes], column.values[present])


_ERROR_KEYS = frozenset(value.upper() for value in ERROR_VALUES)


def _too_long(path: Path, grid: Grid, index: int, at: int) -> DataError:
    row = int(grid.numbers[at])
    size = len(grid.cell(index, at))
    return DataError(
        say(
            "table.cell_too_long",
            letter=column_letter(index),
            size=spaced(size),
            limit=spaced(CELL_CHARS),
        ),
        where=DataLocation(path.name, rows=(row,), column=column_letter(index)),
        hint=say("hint.cell_too_long"),
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
            say(
                "table.same_header",
                first_letter=first_letter,
                first=first,
                letter=letter,
                header=header,
            ),
            where=DataLocation(path.name, rows=(header_row,)),
            hint=say("hint.same_header"),
        )
    seen[key] = (letter, header)


def _unnamed(path: Path, header_row: int, index: int, first_row: int) -> DataError:
    letter = column_letter(index)
    return DataError(
        say("table.unnamed", letter=letter, first_row=first_row),
        where=DataLocation(path.name, rows=(header_row,), column=letter),
        hint=say("hint.unnamed", letter=letter, header_row=header_row),
    )


def _empty(path: Path, sheet: str | None) -> DataError:
    what = say("table.the_sheet", sheet=sheet) if sheet is not None else say("file.the.file")
    return DataError(
        say("table.no_header", what=what),
        where=DataLocation(path.name),
        hint=say("hint.choose_sheet_or_file"),
    )


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
