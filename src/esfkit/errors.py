"""The one user-facing error family, and the exit codes.

Everything that reaches a user because of bad input is an :class:`EsfkitError`: it knows
*where* (a goal-file position, or a data row and column), *what* (the bad value), and *what
to do*. The command line turns it into one message on stderr and exit status 2; the library
(esfkit.api) raises it, its text masked as everywhere (esfkit.privacy).
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import TYPE_CHECKING

from esfkit.messages import MESSAGES, plural

if TYPE_CHECKING:
    from esfkit.findings import Finding


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
        return f"{one_line(self.file)}:{self.line}:{self.column}"

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        """The same in every language."""
        return str(self)


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
        return self.text()

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        """'file, rows 3, 9, column 'Kön'' in the language of ``labels`` (English: None)."""
        return located(self.file, self.rows, self.column, self.files, labels=labels)


Location = GoalFileLocation | DataLocation


@dataclass(frozen=True)
class Said:
    """A sentence in every language: the key of its template in esfkit.messages and the
    words filled in, each a text or another Said."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        """The sentence in the language of ``labels`` (English: None)."""
        labels = labels or MESSAGES["en"]
        words = {k: _said(v, labels) for k, v in self.params.items()}
        return labels[self.key].format(**words)


def _said(word: object, labels: Mapping[str, str]) -> object:
    """A word of a sentence in the language of ``labels``: a Said or Rows said, a number
    as is, anything else as text on one line (:func:`one_line`)."""
    if isinstance(word, _SPOKEN):
        return word.text(labels)
    if isinstance(word, int | float):
        return word
    return one_line(str(word))  # a text, a path, an OSError's words: from users' files


def one_line(text: str) -> str:
    """A user's text (a header, a value, a file name) filled into a sentence, with every
    line break and control character shown as its escape (esfkit.escape.terminal): a header
    typed with Alt+Enter never starts a line of the message that looks like esfkit's own."""
    if text.isprintable():
        return text
    from esfkit.escape import terminal  # only for such a text: error messages start light

    return terminal(text)


@dataclass(frozen=True)
class Rows:
    """'rows 3, 9' in every language."""

    rows: tuple[int, ...]
    words: str = "word.rows"  # or "word.lines" (of a CSV file)
    files: tuple[str, ...] = ()  # a register's files: the rows are row keys

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        return format_rows(self.rows, words=row_words(labels, self.words), files=self.files)


def with_files(said: Said, files: tuple[str, ...]) -> Said:
    """``said`` with each of its rows named with its file (``files``: a register's)."""

    def named(word: object) -> object:
        if isinstance(word, Rows):
            return replace(word, files=files)
        return with_files(word, files) if isinstance(word, Said) else word

    return Said(said.key, {k: named(v) for k, v in said.params.items()})


@dataclass(frozen=True)
class Plural:
    """'is' or 'are', '1 row' or '3 rows' in every language: the form of ``key`` (its
    template 'one|many', {n} the number) for ``n``."""

    key: str
    n: int

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        one, many = (labels or MESSAGES["en"])[self.key].split("|")
        return one if self.n == 1 else many.format(n=self.n)


@dataclass(frozen=True)
class Joined:
    """Sentences (or plain words) joined by ``separator``, each in the language of the whole."""

    parts: tuple[object, ...]
    separator: str = ", "

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        labels = labels or MESSAGES["en"]
        return self.separator.join(str(_said(part, labels)) for part in self.parts)


# What a sentence says in its own language (a tuple: a union built per word cost 1 µs each)
_SPOKEN = (Said, Rows, Plural, Joined, DataLocation, GoalFileLocation)


def say(key: str, /, **params: object) -> Said:
    """A sentence of esfkit.messages, ``params`` filled in."""
    return Said(key, params)


class EsfkitError(Exception):
    """A problem the user can fix: located, with the offending value and a hint.

    ``message`` and ``hint`` are a :class:`Said`, rendered in the run's language by the
    command line (every raise site in esfkit says a key of esfkit.messages:
    tests/test_lang.py); plain text, as a caller outside esfkit may give, is shown as it is.
    ``lang`` is the goal file's project.lang when the error was raised after it was read.
    """

    def __init__(
        self,
        message: str | Said,
        where: Location | None = None,
        hint: str | Said | None = None,
    ):
        self.said = message if isinstance(message, Said) else None
        self.hint_said = hint if isinstance(hint, Said) else None
        self.message = message.text() if isinstance(message, Said) else message
        self.hint = hint.text() if isinstance(hint, Said) else hint
        super().__init__(self.message)
        self.where = where
        self.lang: str | None = None

    def __str__(self) -> str:
        """Where, what and what to do, a personnummer quoted from a cell masked: a notebook
        shows this text as it is (the command line escapes it for the terminal too)."""
        return self.text()

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        """Where, what and what to do in the language of ``labels`` (English: None), masked."""
        from esfkit.privacy import mask_text  # its patterns are compiled when first needed

        message = self.said.text(labels) if self.said else self.message
        hint = self.hint_said.text(labels) if self.hint_said else self.hint
        where = self.where.text(labels) if self.where else None
        text = f"{where}: {message}" if where else message
        if hint:
            text += f"\n  {(labels or MESSAGES['en'])['word.hint']}: {hint}"
        return mask_text(text)


class GoalFileError(EsfkitError):
    """The goal file is wrong."""


class DataError(EsfkitError):
    """The participant file is wrong."""


class UsageError(EsfkitError):
    """The command line is wrong."""


ROW_WORDS = ("row", "rows", "rows")  # one row, a list of rows, a count of rows


def row_words(labels: Mapping[str, str] | None, key: str = "word.rows") -> tuple[str, str, str]:
    """ROW_WORDS (or those of ``key``) in the language of ``labels``."""
    one, many, count = (labels or MESSAGES["en"])[key].split("|")
    return one, many, count


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
    items = _row_items(rows, limit)
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
    labels: Mapping[str, str] | None = None,
) -> str:
    """'file, rows 3, 9, column 'Kön'', or with the ``files`` of a register (``rows`` are
    row keys) 'kiruna.xlsx, row 14; pajala.xlsx, rows 3, 9, column 'Kön''; at most ``limit``
    items of rows per file (all when None), in the language of ``labels`` (English: None):
    the one place a location is written."""
    rows, files = tuple(rows), tuple(map(one_line, files))
    parts = [format_rows(rows, limit, row_words(labels), files)] if rows else []
    if not rows or len(files) < 2:
        parts.insert(0, one_line(file))
    if column is not None:
        parts.append(f"{(labels or MESSAGES['en'])['word.column']} '{one_line(column)}'")
    return ", ".join(parts)


def row_list(rows: Iterable[int], limit: int = SHOWN_ROWS) -> str:
    """Just the row numbers, in any language: '62, 145', '12–40, 52, 61 …'."""
    items = _row_items(sorted(set(rows)), limit)
    return ", ".join(items[:limit]) + (" …" if len(items) > limit else "")


def _row_items(rows: list[int], limit: int | None = None) -> list[str]:
    """Sorted distinct rows as items: runs of three or more as 'first–last'. With a
    ``limit``, the items stop once there are more than it (enough to say the list is cut:
    a long list is read no further)."""
    items: list[str] = []
    start, count = 0, len(rows)
    for end in range(1, count + 1):
        if end == count or rows[end] != rows[end - 1] + 1:
            if end - start >= 3:
                items.append(f"{rows[start]}–{rows[end - 1]}")
            else:
                items += map(str, rows[start:end])
            if limit is not None and len(items) > limit:
                break
            start = end
    return items


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' suggestion, or None when nothing is close."""
    choices = list(choices)
    lowered = {c.casefold(): c for c in choices}
    match = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def one_of(word: str, choices: Iterable[str]) -> Said:
    """The hint for a value outside a known set: the suggestion first, then the set."""
    choices = list(choices)
    suggestion = did_you_mean(word, choices)
    known = ", ".join(choices)
    if suggestion:
        return say("hint.did_you_mean_known", suggestion=suggestion, known=known)
    return say("hint.known", known=known)


_YMD = re.compile(r"^\s*(\d{4})-?(\d{1,2})-?(\d{1,2})(?:[ T].*)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T].*)?\s*$")


def impossible_date(text: str) -> Said | None:
    """Why ``text``, written in a form esfkit reads, is no date ('November has 30 days',
    'there is no month 13'); None when it is not such a date. Slashed dates are read day
    first."""
    match = _YMD.match(text)
    if match and "-" not in text and len(text.strip()) != 8:
        match = None  # 20210301 only: eight digits
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif found := _DMY.match(text):
        day, month, year = (int(g) for g in found.groups())
        if month > 12:
            return None  # month first (1/13/2021): a question of order, not of the calendar
    else:
        return None
    if not 1 <= month <= 12:
        return say("date.no_month", month=month)
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    if month == 2:
        return say("date.impossible_feb", year=year, days=days)
    return say("date.impossible", month=say(f"month.{month}"), days=days)


# --- the error findings that stop a run --------------------------------------------------

SHOWN_IN_ERROR = 5  # findings `check` prints before pointing at `validate`


class DataErrors(DataError):
    """The error findings (esfkit.findings) that stop `check`, said in the run's language:
    a rule of the data is written once, as a finding, whether `validate` lists it or it
    stops a run. ``names``: the files of a register read from several, whose rows are row
    keys."""

    def __init__(
        self,
        errors: list[Finding],
        file: str,
        validate_command: str,
        command: str,
        names: tuple[str, ...] = (),
    ):
        self.errors, self.file, self.command = errors, file, command
        self.validate_command, self.names = validate_command, names
        english = MESSAGES["en"]
        super().__init__(self.lines(english), DataLocation(file), self.todo(english))

    def lines(self, labels: Mapping[str, str]) -> str:
        """The first errors, each located, and how many more. Each line quoting a cell is
        escaped on its own (a line break in a cell stays inside its line)."""
        from esfkit.escape import terminal  # imported when data stops a run, not at start

        errors = self.errors
        shown = [
            terminal(f"  {self._where(f, labels)}: {f.text(labels)}")
            for f in errors[:SHOWN_IN_ERROR]
        ]
        if len(errors) > SHOWN_IN_ERROR:
            shown.append("  " + labels["word.and_more"].format(n=len(errors) - SHOWN_IN_ERROR))
        count = plural(labels, "word.errors", len(errors))
        head = labels["data.stop"].format(errors=count, command=self.command)
        return head + "\n" + "\n".join(shown)

    def _where(self, finding: Finding, labels: Mapping[str, str]) -> str:
        return located(self.file, finding.rows, finding.column, self.names, SHOWN_ROWS, labels)

    def todo(self, labels: Mapping[str, str]) -> str:
        """The first error's what to do, and the command listing them all."""
        from esfkit.escape import terminal

        first = self.errors[0].todo_text(labels) if self.errors else None
        every = labels["data.all_findings"].format(command=self.validate_command)
        return (f"{terminal(first)}\n  " if first else "") + every

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        """Where, the first errors and what to do, in the language of ``labels``, masked."""
        from esfkit.privacy import mask_text

        labels = labels or MESSAGES["en"]
        where = DataLocation(self.file).text(labels)
        hint = f"{labels['word.hint']}: {self.todo(labels)}"
        return mask_text(f"{where}: {self.lines(labels)}\n  {hint}")


def data_errors(
    errors: list[Finding],
    file: str,
    validate_command: str,
    command: str,
    names: tuple[str, ...] = (),
) -> DataError:
    """The error that stops ``command``: the first errors, and how to list them all."""
    return DataErrors(errors, file, validate_command, command, names)
