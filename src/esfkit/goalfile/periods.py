"""Periods by name: a year (2022), a half-year (2022H1, 2022-H1), a quarter (2022Q3,
2022-Q3) or a month (2022-05). One reading for ``--period`` and a goal's ``period:``; each
caller says where the name was written."""

from __future__ import annotations

import datetime as dt
import re

from esfkit.limits import FIRST_DATE, LAST_DATE

NAMED = "a year (2022), a half-year (2022H1), a quarter (2022Q3) or a month (2022-05)"
_PERIOD = re.compile(r"^(\d{4})(?:-?([HhQq])([1-4])|-(\d{1,2}))?$")


class PeriodNameError(ValueError):
    """Why a text names no period: ``reason`` None when it is not shaped as one at all."""

    def __init__(self, reason: str | None) -> None:
        super().__init__(reason or "not a period")
        self.reason = reason


def named_period(text: str) -> tuple[dt.date, dt.date, str]:
    """The first and last day of the period ``text`` names, and its label ('2022H1' as
    written, the letter upper case); a PeriodNameError when it names none."""
    match = _PERIOD.match(text)
    if not match:
        raise PeriodNameError(None)
    year, letter, number, month = match.groups()
    y = int(year)
    if not FIRST_DATE.year <= y <= LAST_DATE.year:
        raise PeriodNameError(f"esfkit reports on the years {FIRST_DATE.year} to {LAST_DATE.year}")
    if letter and letter.upper() == "H":
        if number not in ("1", "2"):
            raise PeriodNameError("a year has halves H1 and H2")
        first_month, months = (1 if number == "1" else 7), 6
    elif letter:
        first_month, months = 3 * int(number) - 2, 3
    elif month:
        if not 1 <= int(month) <= 12:
            raise PeriodNameError(f"there is no month {month}")
        first_month, months = int(month), 1
    else:
        first_month, months = 1, 12
    first = dt.date(y, first_month, 1)
    after = dt.date(y + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return first, after - dt.timedelta(days=1), text.upper() if letter else text
