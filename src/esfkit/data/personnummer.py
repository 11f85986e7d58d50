"""Swedish personnummer and samordningsnummer: birth date, Luhn check, masking.

``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (100 years or older), ``YYYYMMDDNNNN``; a
samordningsnummer adds 60 to the day. A ten-digit number's century is the one that makes the
person at most 99 years old at the reference date (100 or more with '+'). Anything that is
not such a number gives no birth date. The last digit is a Luhn check digit over the ten
digits YYMMDDNNN. The number itself is never shown anywhere: :func:`mask` keeps the date
part and hides the last four digits (``19850101-****``).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from esfkit.privacy import mask_text

_PNR = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+])?(\d{4})$")
_NINE_DIGITS = re.compile(r"^\d{9}$")
LOST_ZERO = (
    "has 9 digits: Excel dropped the leading 0 (born 2000-2009) because the column holds "
    "numbers; format the column as text and type the number as 0YMMDD-NNNN"
)


def _with_lost_zero(text: str) -> str:
    """A nine-digit number whose check digit agrees once a 0 is put back in front: a
    personnummer of someone born 2000-2009 that Excel stored as a number."""
    if _NINE_DIGITS.match(text) and luhn_ok("0" + text):
        return "0" + text
    return text


def birth_date(pnr: str, reference: dt.date) -> dt.date | None:
    match = _PNR.match(_with_lost_zero(pnr.replace(" ", "")))
    if not match:
        return None
    century, yy, mm, dd, sep, _tail = match.groups()
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    if century is not None:
        year = int(century + yy)
    else:
        year = reference.year - (reference.year - int(yy)) % 100 - (100 if sep == "+" else 0)
    try:
        born = dt.date(year, int(mm), day)
        if born > reference and century is None:
            born = dt.date(year - 100, int(mm), day)
    except ValueError:
        return None
    return born


def birth_dates(ids: pd.Series, reference: pd.Series) -> pd.Series:
    """Birth date per row, NaT where the id is not a personnummer."""
    out = [
        birth_date(pnr, ref.date()) if pnr else None
        for pnr, ref in zip(ids.astype(str), reference, strict=True)
    ]
    return pd.to_datetime(pd.Series(out, index=ids.index, dtype=object), errors="coerce").astype(
        "datetime64[ns]"
    )


def looks_like(text: str) -> bool:
    """Has the shape of a personnummer (10 or 12 digits, optional '-' or '+'; or 9 digits
    that are one with its leading 0 lost)."""
    return _PNR.match(_with_lost_zero(text.replace(" ", ""))) is not None


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


def problem(pnr: str) -> str | None:
    """Why ``pnr`` is not a valid personnummer or samordningsnummer; None when it is."""
    text = pnr.replace(" ", "")
    if _with_lost_zero(text) != text:
        return LOST_ZERO
    match = _PNR.match(text)
    if not match:
        return "is not a personnummer (10 or 12 digits, e.g. YYYYMMDD-NNNN)"
    century, yy, mm, dd, _sep, _tail = match.groups()
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    year = int((century or "19") + yy)
    try:
        dt.date(year if century else 2000, int(mm), day)  # 2000: a leap year for 29 Feb
    except ValueError:
        return "has no valid date (month or day is impossible)"
    if not luhn_ok(text):
        return "has a wrong check digit (Luhn)"
    return None


def mask(pnr: str) -> str:
    """The date part kept, the last four digits hidden: '19850101-****'."""
    text = _with_lost_zero(pnr.strip().replace(" ", ""))
    match = _PNR.match(text)
    if match:
        century, yy, mm, dd, _sep, _tail = match.groups()
        return f"{century or ''}{yy}{mm}{dd}-****"
    return mask_text(text)
