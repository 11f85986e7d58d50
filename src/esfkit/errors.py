"""The one user-facing error family, and the exit codes.

Everything that reaches a user because of bad input is an :class:`EsfkitError`: it knows
*where* (a goal-file position, or a data row and column), *what* (the bad value), and *what
to do*. The command line turns it into one message on stderr and exit status 2; the library
(esfkit.api) raises it, its text masked as everywhere (esfkit.privacy).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit status of every esfkit command.

    OK (0): the report was produced.
    UNMET (1): only with ``--fail-on unmet``: the report was produced and a goal is not met.
    USER_ERROR (2): the goal file, the data or the command line is wrong.
    INTERNAL (3): a bug in esfkit: one message asking for a report; ``--debug`` shows the
    traceback.
    """

    OK = 0
    UNMET = 1
    USER_ERROR = 2
    INTERNAL = 3


@dataclass(frozen=True)
class GoalFileLocation:
    """A position in a goal file, 1-based as editors show it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class DataLocation:
    """Rows and a column in a participant file, numbered as the user sees them.

    ``rows`` are Excel row numbers (the header row counts) or CSV line numbers; when
    ``files`` names the files of a register read from several, they are row keys
    (:func:`row_key`) and each is shown with its file.
    """

    file: str
    rows: tuple[int, ...] = ()
    column: str | None = None
    files: tuple[str, ...] = ()

    def __str__(self) -> str:
        return located(self.file, self.rows, self.column, self.files)


Location = GoalFileLocation | DataLocation


class EsfkitError(Exception):
    """A problem the user can fix: located, with the offending value and a hint."""

    def __init__(self, message: str, where: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        """Where, what and what to do, a personnummer quoted from a cell masked: a notebook
        shows this text as it is (the command line escapes it for the terminal too)."""
        from esfkit.privacy import mask_text  # its patterns are compiled when first needed

        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return mask_text(text)


class GoalFileError(EsfkitError):
    """The goal file is wrong."""


class DataError(EsfkitError):
    """The participant file is wrong."""


class UsageError(EsfkitError):
    """The command line is wrong."""


ROW_WORDS = ("row", "rows", "rows")  # one row, a list of rows, a count of rows
SHOWN_ROWS = 8  # items of a row list before it is cut short
# A register read from several files numbers its rows by key: the file's place in the list
# times ROW_BASE, plus the row the user sees in that file (the first file's keys are its
# rows). Far above any sheet's or CSV file's rows (limits.EXCEL_ROWS).
ROW_BASE = 10_000_000


def row_key(index: int, row: int) -> int:
    """The key of row ``row`` of the ``index``-th file of a register."""
    return index * ROW_BASE + row


def split_row(key: int) -> tuple[int, int]:
    """A row key as (the file's index, the row in that file)."""
    index, row = divmod(int(key), ROW_BASE)
    return index, row


def format_rows(
    rows: Iterable[int],
    limit: int | None = SHOWN_ROWS,
    words: tuple[str, str, str] = ROW_WORDS,
    files: tuple[str, ...] = (),
) -> str:
    """'row 7', 'rows 3, 9', or 'rows 12–40, 52, 61 … (219 rows)': a run of three or more
    consecutive rows is one item, at most ``limit`` items are shown (all when None), and the
    count follows whenever the items do not show it. ``words``: e.g. ("rad", "rad", "rader").

    With the ``files`` of a register read from several, ``rows`` are row keys, grouped by
    file: 'kiruna.xlsx, row 14; pajala.xlsx, rows 3, 9' (the one place a location names
    a file with its rows)."""
    if len(files) > 1:
        by_file: dict[int, list[int]] = {}
        for key in sorted(set(rows)):
            index, row = split_row(key)
            by_file.setdefault(index, []).append(row)
        return "; ".join(
            f"{files[index]}, {format_rows(found, limit, words)}"
            for index, found in by_file.items()
        )
    rows = sorted(set(rows))
    one, many, count = words
    if len(rows) == 1:
        return f"{one} {rows[0]}"
    items = _row_items(rows)
    shown = items if limit is None else items[:limit]
    cut = len(shown) < len(items)
    text = f"{many} {', '.join(shown)}" + (" …" if cut else "")
    return text + (f" ({len(rows)} {count})" if cut or len(items) < len(rows) else "")


def located(
    file: str,
    rows: Iterable[int] = (),
    column: str | None = None,
    files: tuple[str, ...] = (),
    limit: int | None = SHOWN_ROWS,
) -> str:
    """'file, rows 3, 9, column 'Kön'', or with the ``files`` of a register (``rows`` are
    row keys) 'kiruna.xlsx, row 14; pajala.xlsx, rows 3, 9, column 'Kön''; at most ``limit``
    items of rows per file (all when None): the one place a location is written."""
    rows = tuple(rows)
    parts = [format_rows(rows, limit, files=files)] if rows else []
    if not rows or len(files) < 2:
        parts.insert(0, file)
    if column is not None:
        parts.append(f"column '{column}'")
    return ", ".join(parts)


def row_list(rows: Iterable[int], limit: int = SHOWN_ROWS) -> str:
    """Just the row numbers, in any language: '62, 145', '12–40, 52, 61 …'."""
    items = _row_items(sorted(set(rows)))
    return ", ".join(items[:limit]) + (" …" if len(items) > limit else "")


def _row_items(rows: list[int]) -> list[str]:
    """Sorted distinct rows as items: runs of three or more as 'first–last'."""
    items: list[str] = []
    start = 0
    for end in range(1, len(rows) + 1):
        if end == len(rows) or rows[end] != rows[end - 1] + 1:
            run = rows[start:end]
            items += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(r) for r in run]
            start = end
    return items


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' suggestion, or None when nothing is close."""
    choices = list(choices)
    lowered = {c.casefold(): c for c in choices}
    match = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def one_of(word: str, choices: Iterable[str]) -> str:
    """The hint for a value outside a known set: the suggestion first, then the set."""
    choices = list(choices)
    suggestion = did_you_mean(word, choices)
    known = ", ".join(choices)
    if suggestion:
        return f"did you mean '{suggestion}'? Known: {known}"
    return f"known: {known}"
