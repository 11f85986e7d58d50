"""Birth dates from Swedish personnummer and samordningsnummer.

``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (100 years or older), ``YYYYMMDDNNNN``; a
samordningsnummer adds 60 to the day. A ten-digit number's century is the one that makes the
person at most 99 years old at the reference date (100 or more with '+'). Anything that is
not such a number gives no birth date. The number itself is never shown anywhere.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

_PNR = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+])?(\d{4})$")


def birth_date(pnr: str, reference: dt.date) -> dt.date | None:
    match = _PNR.match(pnr.replace(" ", ""))
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
