"""Turn text cells into dates, numbers and comparable keys.

Each function parses the distinct values only and maps the result back: a column of 10^6
enrolments holds a few thousand distinct dates, so this keeps a large file fast. A value
that cannot be read stops the run with the rows, the column and the value, because a
silently dropped date would change a goal's figures without anyone noticing.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from esfkit.data.table import Distinct
from esfkit.errors import DataError, DataLocation, Said, impossible_date, say
from esfkit.text import INVISIBLE, key, plain_ascii

_TIME = r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?"
# Order matters only for speed: the first pattern covers what Excel and ISO exports give.
_DATE_PATTERNS = (
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME + "$",
    # Swedish order, day first, whichever separator: 1/3/2021, 01.03.2021, 1-3-2021.
    r"^(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})" + _TIME + "$",
    r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$",
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # read by numpy, see _iso_dates
# Excel day numbers; only 1954-10-03 .. 2119-01-10, so that ids and counts are not dates.
_SERIAL = r"^(?P<days>\d{5})(?:[.,](?P<fraction>\d+))?$"
_SERIAL_RANGE = (20_000, 80_000)
_YEARS = (1678, 2261)
_EXCEL_EPOCH = np.datetime64("1899-12-30", "ns")

_NUMBER = (
    r"^(?P<sign>[+\-\u2212]?)"
    r"(?P<whole>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d*)"
    r"(?:[.,](?P<fraction>\d+))?$"
)

# d/m/yyyy and d-m-yyyy are read day first (Swedish order) only where the column shows
# that order: a US export writes 03/01/2021 for 1 March, and nothing in '3/1/2021' alone
# tells which is meant. Dots (01.03.2021) are never month first.
_ORDER = r"^(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)\d{4}(?:[ T].*)?$"


def parse_dates(
    values: pd.Series, column: str, rows: np.ndarray, file: str, coded: Distinct | None = None
) -> pd.Series:
    """Dates and times from text cells; NaT for blank cells, DataError for anything else,
    and for a date that reads two ways (3/1/2021). ``coded``: the cells' codes, if known."""
    codes, texts = _distinct(values, coded)
    parsed = _dates_from_texts(texts)
    _fail_on_unparsed(texts, np.isnat(parsed), codes, column, rows, file, "dates")
    _fail_on_ambiguous(texts, codes, column, rows, file)
    return pd.Series(_spread(parsed, codes, np.datetime64("NaT", "ns")), index=values.index)


def ambiguous_dates(values: pd.Series) -> pd.Series:
    """Per cell, whether it is a date that reads two ways: d/m/yyyy or m/d/yyyy with both
    numbers 12 or less and different, in a column where no date shows the day first."""
    codes, texts = _distinct(values, None)
    return pd.Series(np.append(_ambiguous(texts), False)[codes], index=values.index)


def _ambiguous(texts: np.ndarray) -> np.ndarray:
    """Which distinct texts of one column are ambiguous slashed or dashed dates."""
    out = np.zeros(len(texts), dtype=bool)
    maybe = np.fromiter(("/" in t or "-" in t[:3] for t in texts), dtype=bool, count=len(texts))
    if not maybe.any():
        return out
    parts = pd.Series(texts, dtype=object).str.extract(_ORDER)
    first = pd.to_numeric(parts["first"], errors="coerce")
    second = pd.to_numeric(parts["second"], errors="coerce")
    if (first > 12).any():
        return out  # the column writes the day first: 1/3/2021 is 1 March
    return ((parts["sep"] != ".") & (first <= 12) & (second <= 12) & (first != second)).to_numpy()


def _fail_on_ambiguous(
    texts: np.ndarray, codes: np.ndarray, column: str, rows: np.ndarray, file: str
) -> None:
    ambiguous = _ambiguous(texts)
    if not ambiguous.any():
        return
    bad_rows = np.asarray(rows)[np.append(ambiguous, False)[codes]]
    examples = ", ".join(f"'{t}'" for t in texts[ambiguous][:3])
    count = int(ambiguous.sum())
    raise DataError(
        say(
            "values.ambiguous_one" if count == 1 else "values.ambiguous",
            column=column,
            n=count,
            examples=examples,
        ),
        where=DataLocation(file, rows=tuple(int(r) for r in bad_rows), column=column),
        hint=say("date.ambiguous_todo"),
    )


def read_dates(
    values: pd.Series, coded: Distinct | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Dates, NaT where blank or unreadable; per cell whether it was unreadable; and per
    cell whether it reads two ways (as :func:`ambiguous_dates`). ``coded``: the cells'
    codes, if known.

    The lenient twin of :func:`parse_dates`, for `validate`, which reports every bad value.
    """
    codes, texts = _distinct(values, coded)
    parsed = _dates_from_texts(texts)
    bad = np.append(np.isnat(parsed) & (texts != ""), False)[codes]
    ambiguous = np.append(_ambiguous(texts), False)[codes]
    dates = pd.Series(_spread(parsed, codes, np.datetime64("NaT", "ns")), index=values.index)
    return dates, pd.Series(bad, index=values.index), pd.Series(ambiguous, index=values.index)


def parse_numbers(
    values: pd.Series, column: str, rows: np.ndarray, file: str, coded: Distinct | None = None
) -> pd.Series:
    """Numbers from text cells, Swedish style or not; NaN for blank cells. ``coded``: the
    cells' codes, if known."""
    codes, texts = _distinct(values, coded)
    parsed = _numbers_from_texts(texts)
    _fail_on_unparsed(texts, np.isnan(parsed), codes, column, rows, file, "numbers")
    return pd.Series(_spread(parsed, codes, np.nan), index=values.index, dtype="float64")


def normalize(values: pd.Series, coded: Distinct | None = None) -> pd.Series:
    """A key for comparing typed values: 'Kvinna ', 'KVINNA' and 'kvinna' become one.
    ``coded``: the cells' codes, if known."""
    if coded is not None:
        codes, uniques = coded.codes, coded.values
    else:
        codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    return pd.Series(normalize_distinct(codes, uniques), index=values.index, dtype=object)


def normalize_distinct(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """:func:`normalize` of the cells ``pd.factorize`` gave as ``codes`` into ``uniques``
    (with or without its sentinel for missing cells, which become ''), for a caller that
    has factorized the column already: an id column has up to one distinct value per row."""
    return np.append(distinct_keys(uniques), "")[codes]


def distinct_keys(uniques: np.ndarray) -> np.ndarray:
    """The key of each of the distinct cells ``uniques``, '' for a missing one."""
    keys = np.array(_keys(uniques), dtype=object)
    keys[pd.isna(uniques)] = ""  # a missing cell kept as a value of its own
    return keys


_SPACES = re.compile(r"\s+")  # the characters str.split() splits on


def _keys(values: np.ndarray) -> list[str]:
    """:func:`~esfkit.text.key` of each value. Many strings (an id column has 10^6) are
    keyed at once, as one NUL-joined string: invisible characters, NFKC, casefold and
    whitespace never cross a NUL, so it is the same."""
    if len(values) < 1_000 or pd.api.types.infer_dtype(values, skipna=False) != "string":
        return [key(v) for v in values]
    joined = "\x00".join(values)
    if joined.count("\x00") != len(values) - 1:
        return [key(v) for v in values]
    if plain_ascii(joined):
        return joined.lower().split("\x00")
    text = unicodedata.normalize("NFKC", INVISIBLE.sub("", joined)).casefold()
    text = _SPACES.sub(" ", text)
    text = text.replace(" \x00", "\x00").replace("\x00 ", "\x00").strip(" ")
    return unicodedata.normalize("NFKC", text).split("\x00")


def _distinct(values: pd.Series, coded: Distinct | None) -> tuple[np.ndarray, np.ndarray]:
    """Codes into the distinct values, and those values stripped (missing becomes '');
    from ``coded`` when the reader gave them."""
    if coded is not None:
        return coded.codes, np.array([u.strip() for u in coded.values], dtype=object)
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    texts = np.array([str(u).strip() for u in uniques], dtype=object)
    return codes, texts


def _spread(parsed: np.ndarray, codes: np.ndarray, missing: object) -> np.ndarray:
    """Map parsed distinct values back onto every row; code -1 (missing) gets ``missing``."""
    return np.append(parsed, np.array([missing], dtype=parsed.dtype))[codes]


def _dates_from_texts(texts: np.ndarray) -> np.ndarray:
    """datetime64[ns] per text, NaT where no accepted form matches or the date is impossible.

    A day, at midnight: a time of day (an exit typed '2022-06-30 15:30', an Excel date-time)
    is dropped, as esfkit counts days: one who exits at 15:30 on the report date has exited
    by it, and an exit at 09:00 after a start at 10:00 the same day is not before it."""
    out = _iso_dates(texts)
    for pattern in _DATE_PATTERNS:
        todo = np.isnat(out) & (texts != "")
        if todo.any():
            parts = pd.Series(texts[todo], dtype=object).str.extract(pattern)
            out[np.flatnonzero(todo)] = _from_parts(parts)
    todo = np.isnat(out) & (texts != "")
    if todo.any():
        out[np.flatnonzero(todo)] = _from_serials(texts[todo])
    return out.astype("datetime64[D]").astype("datetime64[ns]")


def _iso_dates(texts: np.ndarray) -> np.ndarray:
    """Plain YYYY-MM-DD texts, the common case, parsed by numpy at once (a regex per text
    costs a hundred times more); NaT for every other text, which the patterns then read."""
    out = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[ns]")
    plain = np.fromiter(
        (_ISO_DATE.fullmatch(text) is not None for text in texts), dtype=bool, count=len(texts)
    )
    if not plain.any():
        return out
    try:
        days = texts[plain].astype("datetime64[D]")
    except ValueError:
        return out  # an impossible date such as 2021-02-30 among them: the patterns judge
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    inside = (years >= _YEARS[0]) & (years <= _YEARS[1])
    out[np.flatnonzero(plain)[inside]] = days[inside]
    return out


def _from_parts(parts: pd.DataFrame) -> np.ndarray:
    """Assemble dates from regex groups; rows that did not match, or Feb 30, give NaT."""
    names = ["year", "month", "day", "hour", "minute", "second"]
    numbers = {
        name: pd.to_numeric(parts[name], errors="coerce") if name in parts else np.nan
        for name in names
    }
    frame = pd.DataFrame(numbers, index=parts.index)
    frame[["hour", "minute", "second"]] = frame[["hour", "minute", "second"]].fillna(0)
    # The year bounds keep every date inside datetime64[ns], which ends in 1677 and 2262.
    valid = frame["year"].between(*_YEARS) & (frame["hour"] < 24) & (frame["minute"] < 60)
    valid &= frame["second"] < 60
    out = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    if valid.any():
        stamps = pd.to_datetime(frame[valid], errors="coerce")
        out[valid.to_numpy()] = stamps.to_numpy(dtype="datetime64[ns]")
    return out


def _from_serials(texts: np.ndarray) -> np.ndarray:
    """Excel day numbers (days since 1899-12-30; the fraction, the time of day, is dropped:
    44742.9999999 is still 2022-06-30)."""
    parts = pd.Series(texts, dtype=object).str.extract(_SERIAL)
    fraction = parts["fraction"].fillna("0")
    days = pd.to_numeric(parts["days"] + "." + fraction, errors="coerce").to_numpy(float)
    low, high = _SERIAL_RANGE
    valid = (days >= low) & (days <= high)
    out = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[ns]")
    out[valid] = _EXCEL_EPOCH + np.floor(days[valid]).astype(np.int64).astype("timedelta64[D]")
    return out


def _numbers_from_texts(texts: np.ndarray) -> np.ndarray:
    """float64 per text, NaN where the text is not a number in an accepted form."""
    parts = pd.Series(texts, dtype=object).str.extract(_NUMBER)
    whole = parts["whole"].fillna("").str.replace(r"\D", "", regex=True)
    fraction = parts["fraction"].fillna("")
    sign = parts["sign"].fillna("").str.replace("\u2212", "-")
    has_digits = (whole != "") | (fraction != "")
    text = sign + whole.where(whole != "", "0") + "." + fraction.where(fraction != "", "0")
    numbers = pd.to_numeric(text.where(has_digits & parts["sign"].notna()), errors="coerce")
    return numbers.to_numpy(dtype="float64", na_value=np.nan)


def _fail_on_unparsed(
    texts: np.ndarray,
    failed: np.ndarray,
    codes: np.ndarray,
    column: str,
    rows: np.ndarray,
    file: str,
    what: str,
) -> None:
    """Raise a DataError naming every row whose non-blank value could not be read."""
    bad = failed & (texts != "")
    if not bad.any():
        return
    bad_rows = np.asarray(rows)[np.append(bad, False)[codes]]
    examples = ", ".join(f"'{t}'" for t in texts[bad][:3])
    count = int(bad.sum())
    key = f"values.not_{what}" + ("_one" if count == 1 else "")
    first = str(texts[bad][0])
    raise DataError(
        say(key, column=column, n=count, examples=examples),
        where=DataLocation(file, rows=tuple(int(r) for r in bad_rows), column=column),
        hint=date_todo(first) if what == "dates" else say("number.written_as"),
    )


def date_todo(text: str) -> Said:
    """Why a date is impossible (a hint that does not suggest the form already typed), or
    the forms esfkit reads."""
    why = impossible_date(text)
    if why is not None:
        return say("date.correct", why=why)
    return say("date.written_as", forms=say("date.forms"))
