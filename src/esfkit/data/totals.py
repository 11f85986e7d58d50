"""Sum rows: a 'Summa', 'Totalt' or 'Summa Berg' row of counts under the participants, or a
subtotal between them, which would otherwise be read as one more participant.

A row is a sum row when one of its cells begins with a sum word (:data:`SUM_WORDS`, any
case, alone or followed by a colon, a space and more: 'Summa:', 'Totalt Kiruna', 'S:a
kvinnor') or ends with one as Excel's subtotals write it (:data:`SUFFIX_WORDS`: 'Kiruna
Summa', 'Grand Total') and nothing in it names a participant: its id cell is blank, a sum
word or a bare number (a count), and neither its start nor its end cell holds a date written as a
date (a number of at most five digits there is a count, not an Excel day number, unless
the gender cell holds a gender code: a sum row's holds a count, a sum word, nothing or a
label without dates). So a person named 'Totalt' with an id or a start date is a
participant, and so is a numbered woman with day-number dates and a note 'Totalt 12
veckor'. The rule is documented in docs/data.md.

The checks (esfkit.data.checks) take the sum rows out of the table before they look at it,
so a sum row is one finding, never a row of wrong genders and dates too; ``init`` takes
them out before it proposes codes and dates.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from esfkit.data.genders import BUILTIN_CODES
from esfkit.data.read import RawTable
from esfkit.data.values import distinct_keys, read_dates
from esfkit.text import key

SUM_WORDS = (
    *("summa", "summor", "sum", "s:a", "totalt", "total", "totals", "totalsumma"),
    *("delsumma", "delsummor", "delsum", "subtotal", "sub-total", "antal"),
)
# The words Excel's own subtotals (Data > Delsumma, Subtotal) put after the group's name:
# 'Kiruna Summa', 'Pajala Antal', 'Kiruna Total', 'Grand Total', 'Kiruna Count'.
SUFFIX_WORDS = ("summa", "antal", "total", "totalt", "count")
# A sum word as the cell's first word: followed by nothing, or by anything but a letter or
# digit ('Summa:', 'Summa Berg', 'Totalt-Kiruna'), so 'Totalförsvaret' and 'Summer' are not;
# or one of SUFFIX_WORDS as its last word, after a space.
_SUM = re.compile(
    "(?:" + "|".join(re.escape(w) for w in SUM_WORDS) + r")(?![^\W_])"
    r"|.*\s(?:" + "|".join(SUFFIX_WORDS) + r")\s*$"
)
# The same on an ASCII cell as typed: its key differs only by case and spaces, unless it
# holds a control character (which the key drops).
_PLAIN_SUM = re.compile(r"\s*(?:" + _SUM.pattern + ")", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A count: a number of at most five digits, or with spaces between thousands (1 234); a
# decimal part allowed. Eight digits (20210301) or dots between parts (01.03.2021) are dates.
# The gender codes a participant's row holds and a sum row's gender cell does not (the
# built-in ones; 'okänd' and the goal file's own codes aside).
_GENDER_CODES = frozenset(k for k, g in BUILTIN_CODES.items() if g != "unknown")
_BARE_NUMBER = re.compile(r"[+\-−]?(?:[0-9]{1,5}|[0-9]{1,3}(?:\s[0-9]{3})+)(?:[.,][0-9]+)?")


def sum_rows(raw: RawTable, columns: dict[str, str]) -> dict[int, str]:
    """The sum rows of ``raw``: position in ``raw.frame`` -> the cell holding the sum word
    (stripped, as typed), the first such cell of the row. ``columns``: field -> header."""
    words = _word_cells(raw)
    if not words:
        return {}
    positions = np.fromiter(words, dtype=np.intp)
    named = _names_a_participant(raw, columns, positions)
    return {int(p): words[int(p)] for p in positions[~named]}


def without(raw: RawTable, positions: list[int]) -> RawTable:
    """``raw`` without the rows at ``positions``, as if they had never been in the file
    (the reader's notes about their cells dropped too: a failed formula in a sum row is
    the sum row's problem)."""
    if not positions:
        return raw
    keep = np.ones(len(raw.frame), dtype=bool)
    keep[positions] = False
    numbers = np.asarray(raw.row_numbers)
    gone = set(numbers[positions].tolist())
    return replace(
        raw,
        frame=raw.frame[keep].reset_index(drop=True),
        row_numbers=numbers[keep],
        distinct={h: d.take(keep) for h, d in raw.distinct.items() if len(d.codes) == len(keep)},
        blank_formulas=tuple(c for c in raw.blank_formulas if c[0] not in gone),
        error_cells=tuple(c for c in raw.error_cells if c[0] not in gone),
        merged_cells=tuple(c for c in raw.merged_cells if c[0] not in gone),
    )


def _word_cells(raw: RawTable) -> dict[int, str]:
    """Position -> the first cell (left to right) that begins with a sum word; each
    column's distinct cells are looked at once."""
    found: dict[int, str] = {}
    for header in raw.frame.columns:
        coded = raw.codes(header)
        hits = _sum_cells(coded.values)
        if not hits:
            continue
        for position in np.flatnonzero(np.isin(coded.codes, hits)).tolist():
            found.setdefault(position, str(coded.values[coded.codes[position]]).strip())
    return found


def _sum_cells(values: np.ndarray) -> list[int]:
    """The indexes of the cells that begin with a sum word once keyed. Plain ASCII cells
    (an id column has a distinct one a row) are matched as they are, case and leading
    spaces ignored, which is what their key would give; the others are keyed first. Only
    the cells holding a sum word's letters or an odd character are looked at one by one."""
    plain, keyed = _PLAIN_SUM.match, _SUM.match
    hits, odd = [], []
    texts = values.tolist()
    for index in _suspects(texts):
        value = texts[index]
        if not value.isascii() or _CONTROL.search(value):
            odd.append(index)
        elif plain(value):
            hits.append(index)
    if odd:
        keys = distinct_keys(values[odd]).tolist()
        hits += [i for i, k in zip(odd, keys, strict=True) if keyed(k)]
    return sorted(hits)


# Every sum word, first or last, holds one of these; in lower case, as ASCII.
_WORD_PARTS = ("sum", "s:a", "total", "antal", "count")


def _suspects(texts: list[str]) -> list[int] | range:
    """The indexes of the ``texts`` holding a part of a sum word in any case, a character
    that is not ASCII or a control character: found in all of them joined (str.find runs at
    memchr speed), not by a pattern matched per cell."""
    joined = "\n".join(texts)
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a letter that is two in lower case: 'İ'
        return range(len(texts))
    at = [found.start() for found in _ODD.finditer(joined)] if _odd(joined) else []
    for part in _WORD_PARTS:
        found = lowered.find(part)
        while found >= 0:
            at.append(found)
            found = lowered.find(part, found + 1)
    if not at:
        return []
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    return np.unique(np.searchsorted(ends, at, side="right")).tolist()


_ODD = re.compile(r"[^\x09-\x0d\x20-\x7e]")  # not ASCII, or a control character
_PLAIN = bytes(range(0x09, 0x0E)) + bytes(range(0x20, 0x7F))  # what _ODD does not match


def _odd(text: str) -> bool:
    """Whether ``text`` holds a character _ODD matches: told at memchr speed for ASCII (an
    id column of 10^6 distinct cells), before the pattern looks for where."""
    return not text.isascii() or bool(text.encode("ascii").translate(None, _PLAIN))


def _is_sum_word(value: object) -> bool:
    return bool(_SUM.match(key(value)))


def _names_a_participant(
    raw: RawTable, columns: dict[str, str], positions: np.ndarray
) -> np.ndarray:
    """Per position, whether the row has an id (not blank, a sum word or a count), a start
    or end date written as a date, or a gender code beside a start or end date written as a
    day number ('44256': a count alone)."""
    named = np.zeros(len(positions), dtype=bool)
    if "id" in columns:
        ids = raw.frame[columns["id"]].to_numpy(dtype=object)[positions]
        named |= np.array([_is_id(str(cell)) for cell in ids], dtype=bool)
    dated = np.zeros(len(positions), dtype=bool)
    for field in ("start", "end"):
        if field in columns:
            cells = raw.frame[columns[field]].iloc[positions].reset_index(drop=True)
            dates, _, _ = read_dates(cells)
            counts = cells.map(lambda c: bool(_BARE_NUMBER.fullmatch(str(c).strip())))
            named |= (dates.notna() & ~counts).to_numpy(dtype=bool)
            dated |= (dates.notna()).to_numpy(dtype=bool)
    if "gender" in columns:
        genders = raw.frame[columns["gender"]].to_numpy(dtype=object)[positions]
        coded = np.array([key(cell) in _GENDER_CODES for cell in genders], dtype=bool)
        named |= coded & dated
    return named


def _is_id(cell: str) -> bool:
    text = cell.strip()
    return bool(text) and not _is_sum_word(text) and not _BARE_NUMBER.fullmatch(text)
