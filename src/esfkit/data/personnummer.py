"""Swedish personnummer, samordningsnummer and protected-identity ids: one key per person.

A personnummer is written ``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (100 years or older),
``YYYYMMDDNNNN`` and, by hand, with any separator between the birth date and the last four
digits: none, a space, any dash, '.', '/' (see :mod:`esfkit.privacy`). A samordningsnummer
adds 60 to the day. A person with a protected identity is written, by SCB's rules for ESF
reporting, as the birth date followed by 'TF' and two digits (``19850101TF29``). A
program writing a CSV may write a number in scientific notation with every digit
(``1.98501012382E+11``): that is read as the number; one Excel rounded to show it
(``1.98501E+11``) has lost its last digits and is no personnummer.

Every spelling of one number gives one **person key**, :func:`person_key`: twelve
characters, the birth date with its century and the last four (``198501012382``,
``19850101TF29``). A ten-digit number's century is the one that makes the person at most
99 years old at the report date (100 or more with '+'). The key gives the birth date, and
the last digit of a number is a Luhn check digit over YYMMDDNNN. The number itself is
never shown: :func:`mask` keeps the date part and hides the rest (``19850101-****``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from esfkit.data.table import Distinct
from esfkit.data.values import distinct_keys
from esfkit.messages import MESSAGES
from esfkit.privacy import BETWEEN, TF, mask_text, plain_digits, scientific_digits
from esfkit.text import plain_ascii

_FAST = re.compile(r"([0-9]{2})?([0-9]{2})([0-9]{2})([0-9]{2})([-+ ]?)([0-9]{4})")
_SHAPE = re.compile(
    "(?P<cc>[0-9]{2})?(?P<date>[0-9]{6})"
    f"(?P<between>{BETWEEN})(?P<tail>[0-9]{{4}}|{TF}[0-9]{{2}})"
)
_PLUS = re.compile("[+\ufe62\uff0b]")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_KEY = re.compile(r"[0-9]{8}(?:[0-9]{4}|TF[0-9]{2})")
_MAYBE_NUMBER = re.compile(r"\x00(?:[0-9]|[^\x00-\x7f])")  # a text that starts so
_MAYBE_SCIENTIFIC = re.compile("[0-9][.,][0-9]+[eE]")  # '1.98501012382E+11', maybe
LOST_ZERO = MESSAGES["en"]["pnr.lost_zero"]  # why an id is no valid personnummer
BAD_DATE = MESSAGES["en"]["pnr.bad_date"]
BAD_CHECK_DIGIT = MESSAGES["en"]["pnr.bad_check_digit"]
NOT_ONE = MESSAGES["en"]["pnr.not_one"]


def person_key(text: str, report_date: dt.date) -> str | None:
    """The person key of an id typed in any spelling; None when it is not shaped as a
    personnummer (whatever its date and check digit: those are :func:`problems`)."""
    match = _FAST.fullmatch(text)
    if match is not None:
        century, yy, mm, dd, sep, tail = match.groups()
        return (century or _century(yy, mm, dd, sep == "+", report_date)) + yy + mm + dd + tail
    return _key_of_any_spelling(text, report_date)


@dataclass(frozen=True)
class Ids:
    """An id column, keyed. Per distinct cell (``codes`` gives each row's): the cell as
    read, stripped (a number written in scientific notation with every digit as that
    number, '198501012382' for '1.98501012382E+11'), and its person key (None when it is
    not shaped as a personnummer);
    per row the key everything is compared by: the person key, else the text key of
    :func:`esfkit.text.key`, '' for a blank cell; and per row that key as an integer,
    equal for equal keys, numbered in order of first appearance (``persons``)."""

    codes: np.ndarray
    texts: np.ndarray
    numbers: np.ndarray
    keys: pd.Series
    persons: np.ndarray


def read_ids(values: pd.Series, report_date: dt.date, coded: Distinct | None = None) -> Ids:
    """Every cell of an id column keyed, each distinct cell once: a column of 10^6 rows
    has up to as many ids. ``coded``: the cells' codes, if known. A number written in
    scientific notation with every digit is read as that number, whatever it is: the
    same person as the number typed in another row."""
    coded = coded or Distinct.of(values)
    codes, uniques = coded.codes, coded.values
    joined = _joined(uniques)  # searched whole: 10^6 ids are one string, not 10^6 calls
    # Nothing to strip: told at memchr speed for plain ASCII ids, by a search otherwise.
    as_typed = joined is not None and (plain_ascii(joined) or not _SPACE.search(joined))
    texts = uniques if as_typed else _stripped(uniques)
    if joined is None or not as_typed:
        joined = "\x00".join(texts)
    if _maybe_scientific(joined):
        texts = np.array([scientific_digits(text) or text for text in texts], dtype=object)
        as_typed, joined = False, "\x00".join(texts)
    numbers = person_keys(texts, report_date, joined)
    others = pd.isna(numbers)
    if as_typed and others.all() and plain_ascii(joined):
        # Ids such as D0001, no personnummer among them: each keyed by its lower case; in
        # one case throughout, no two distinct cells have one key (no hashing them again).
        lowered = joined.lower()
        keys = np.array(lowered.split("\x00"), dtype=object)
        apart = lowered == joined or joined.upper() == joined
    else:
        keys = numbers.copy()
        keys[others] = distinct_keys(texts[others])
        apart = False
    persons = codes.copy() if apart else pd.factorize(keys)[0][codes]
    return Ids(
        codes,
        texts,
        numbers,
        pd.Series(keys[codes], index=values.index, dtype=object),
        persons.astype(np.int32, copy=False),
    )


def _maybe_scientific(joined: str) -> bool:
    """Whether a text joined in ``joined`` may be a number in scientific notation: told at
    memchr speed for most columns (no 'e', or no decimal point)."""
    exponent = "e" in joined or "E" in joined
    return exponent and ("." in joined or "," in joined) and bool(_MAYBE_SCIENTIFIC.search(joined))


def _joined(uniques: np.ndarray) -> str | None:
    """The distinct cells joined by NUL, when each is a text without one; else None."""
    if pd.api.types.infer_dtype(uniques, skipna=False) != "string":
        return None
    joined = "\x00".join(uniques)
    return joined if joined.count("\x00") == len(uniques) - 1 else None


def _stripped(uniques: np.ndarray) -> np.ndarray:
    """The distinct cells without surrounding whitespace, '' for a missing one."""
    missing = pd.isna(uniques)
    return np.array(
        ["" if gone else str(u).strip() for u, gone in zip(uniques, missing, strict=True)],
        dtype=object,
    )


_SPACE = re.compile(r"\s")  # what str.strip() strips


def person_keys(texts: np.ndarray, report_date: dt.date, joined: str | None = None) -> np.ndarray:
    """:func:`person_key` of each of the stripped ``texts`` (None for a text that is no
    personnummer, and for one that starts with an ASCII character other than a digit);
    the common spellings read with numpy, the rest one by one. ``joined``: the texts joined
    by NUL, if known."""
    found = np.full(len(texts), None, dtype=object)
    # A personnummer starts with a digit (or an odd character): other ids skip the pattern,
    # and a column of ids such as D0001 is told at once by the joined texts.
    joined = "\x00".join(texts) if joined is None else joined
    if not _MAYBE_NUMBER.search("\x00" + joined):
        return found
    plain, keys = _plain_keys(texts, report_date)
    found[plain] = keys
    for index in np.flatnonzero(~plain).tolist():
        text = texts[index]
        if text[:1].isdigit() or not text[:1].isascii():
            found[index] = person_key(text, report_date)
    return found


def _plain_keys(texts: np.ndarray, report_date: dt.date) -> tuple[np.ndarray, list[str]]:
    """Which ``texts`` match _FAST in ASCII (``YYMMDD-NNNN``, ``YYYYMMDDNNNN`` ...), and
    their person keys in that order, as :func:`person_key` gives them: read per length
    (10 to 13 characters) as an array of code points, without a pattern matched per id."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    plain = np.zeros(len(texts), dtype=bool)
    keys = np.empty(len(texts), dtype=object)
    for length in (10, 11, 12, 13):
        at = np.flatnonzero(lengths == length)
        chars = texts[at].astype(f"U{length}").view(np.uint32).reshape(-1, length)
        between = chars[:, length - 5] if length % 2 else np.zeros(len(at), dtype=np.uint32)
        digits = (np.delete(chars, length - 5, axis=1) if length % 2 else chars) - ord("0")
        ok = (digits <= 9).all(axis=1)  # below '0' wraps around: unsigned
        ok &= np.isin(between, [0, ord("-"), ord("+"), ord(" ")])
        ten = digits[:, -10:]
        if length >= 12:
            century = digits[:, 0] * 10 + digits[:, 1]
        else:
            year = _years(ten, between == ord("+"), report_date)
            ok &= (year >= 0) & (year <= 9999)
            century = year // 100
        key = np.empty((len(at), 12), dtype=np.uint32)
        key[:, 0], key[:, 1] = century // 10, century % 10
        key[:, 2:] = ten
        key += ord("0")
        plain[at[ok]] = True
        keys[at[ok]] = key[ok].view("U12").ravel().tolist()
    return plain, keys[plain].tolist()


def _years(ten: np.ndarray, plus: np.ndarray, report_date: dt.date) -> np.ndarray:
    """:func:`_century`'s year for each row of YYMMDDNNNN digits, vectorised."""
    yy, mm, dd = (ten[:, i].astype(np.int64) * 10 + ten[:, i + 1] for i in (0, 2, 4))
    day = np.where(dd > 60, dd - 60, dd)
    this = report_date.year
    year = this - (this - yy) % 100
    later = (mm > report_date.month) | ((mm == report_date.month) & (day > report_date.day))
    year = year - 100 * ((year == this) & later)  # not born yet this year
    return year - 100 * plus


def _key_of_any_spelling(text: str, report_date: dt.date) -> str | None:
    plain = _digits(text)
    if _NINE_DIGITS.fullmatch(plain) and luhn_ok("0" + plain):
        plain = "0" + plain  # see LOST_ZERO
    match = _SHAPE.fullmatch(plain)
    if match is None:
        return None
    century, date, between, tail = match.group("cc", "date", "between", "tail")
    plus = _PLUS.search(between) is not None
    century = century or _century(date[:2], date[2:4], date[4:], plus, report_date)
    return century + date + (tail if tail[0].isdigit() else "TF" + tail[2:])


def _digits(text: str) -> str:
    """An id as its number is read: every digit written 0-9, invisible characters left
    out, and a number written in scientific notation with every digit as that number
    ('1.98501012382E+11' is 198501012382, as a program may write it to a CSV)."""
    plain = plain_digits(text).strip()
    return scientific_digits(plain) or plain


@functools.lru_cache(maxsize=100_000)  # per date and sign: 10^6 ids have few thousand
def _century(yy: str, mm: str, dd: str, plus: bool, report_date: dt.date) -> str:
    """The century that makes the person at most 99 at the report date, or at least 100
    with '+'."""
    year = report_date.year - (report_date.year - int(yy)) % 100
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    if year == report_date.year and (int(mm), day) > (report_date.month, report_date.day):
        year -= 100  # not born yet this year: a hundred years earlier
    return f"{year - 100 if plus else year:04d}"[:2]


def lost_zero(text: str) -> bool:
    """Nine digits that are a personnummer once a 0 is put back in front."""
    return _NINE_DIGITS.fullmatch(text) is not None and luhn_ok("0" + text)


PROBLEMS = (None, BAD_DATE, BAD_CHECK_DIGIT)


def problems(keys: list[str]) -> np.ndarray:
    """Per person key, why it is not a valid number, as an index into PROBLEMS: 0 when it
    is one, 1 for an impossible date, 2 for a wrong check digit (a protected-identity id
    has none). Computed on all keys at once: an id column holds up to one number per row."""
    if not keys:
        return np.zeros(0, dtype=np.int8)
    year, month, day, digits, tf = _parts(keys)
    # Luhn over YYMMDDNNNC: every other digit doubled, a two-digit product's digits added.
    total = sum(2 * d - 9 * (d > 4) for d in digits[2:11:2]) + sum(digits[3:12:2])
    found = np.where(tf | (total % 10 == 0), 0, 2).astype(np.int8)
    found[~_is_date(year, month, day)] = 1
    return found


def birth_dates(ids: pd.Series) -> pd.Series:
    """Birth date per row from the person keys in ``ids``; NaT where an id is no key or
    its date is impossible."""
    codes, uniques = pd.factorize(ids.to_numpy(dtype=object))
    is_key = np.array([isinstance(u, str) and _KEY.fullmatch(u) is not None for u in uniques])
    born = np.full(len(uniques) + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
    if is_key.any():
        year, month, day, _digits, _tf = _parts(uniques[is_key].tolist())
        ok = _is_date(year, month, day)
        dates = pd.to_datetime(
            pd.DataFrame({"year": year[ok], "month": month[ok], "day": day[ok]})
        ).to_numpy(dtype="datetime64[ns]")
        born[np.flatnonzero(is_key)[ok]] = dates
    return pd.Series(born[codes], index=ids.index)


def _parts(
    keys: list[str],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray], np.ndarray]:
    """Year, month, day (samordningsnummer's +60 undone), the twelve digits (one array of
    each position), and whether each is a protected-identity id, of 12-character person
    keys."""
    chars = np.array(keys, dtype="U12").view(np.uint32).reshape(-1, 12)
    digits = [chars[:, i].astype(np.int32) - ord("0") for i in range(12)]
    year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
    month = digits[4] * 10 + digits[5]
    day = digits[6] * 10 + digits[7]
    day = np.where(day > 60, day - 60, day)
    tf = digits[8] == ord("T") - ord("0")
    return year, month, day, digits, tf


def _is_date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    length = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    month_ok = (month >= 1) & (month <= 12)
    days = length[np.where(month_ok, month, 0)] + (leap & (month == 2))
    return month_ok & (day >= 1) & (day <= days) & (year >= 1678)  # datetime64[ns] begins 1677


def luhn_ok(pnr: str) -> bool:
    """The check digit agrees with the nine digits before it (YYMMDDNNN)."""
    digits = re.sub(r"\D", "", pnr)[-10:]
    if len(digits) != 10:
        return False
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 - index % 2)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def problem(pnr: str, report_date: dt.date) -> str | None:
    """Why ``pnr`` is not a valid personnummer, samordningsnummer or protected-identity
    id; None when it is."""
    text = pnr.strip()
    if lost_zero(_digits(text)):
        return LOST_ZERO
    key = person_key(text, report_date)
    return NOT_ONE if key is None else PROBLEMS[problems([key])[0]]


def birth_date(pnr: str, report_date: dt.date) -> dt.date | None:
    """The birth date of one id in any spelling, None when it has none."""
    key = person_key(pnr.strip(), report_date)
    born = birth_dates(pd.Series([key], dtype=object)).iloc[0] if key else pd.NaT
    return None if pd.isna(born) else born.date()


def mask(pnr: str) -> str:
    """The date part kept, the rest hidden: '19850101-****', in any spelling."""
    if pnr[:1].isascii() and not pnr[:1].isdigit() and pnr[:1] != " ":
        return mask_text(pnr)  # D0001: no personnummer of its own (but maybe inside)
    text = _digits(pnr)
    if lost_zero(text):
        return f"0{text[:5]}-****"
    match = _SHAPE.fullmatch(text)
    if match:
        return f"{match['cc'] or ''}{match['date']}-****"
    return mask_text(pnr)
