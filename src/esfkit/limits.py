"""The ranges of the numbers and dates a goal file, the command line and the history file may
hold, and how deep and long a goal file may be: what lies outside is refused where it is
written (exit 2), before it can make a figure wrong or a run fail. Documented in
docs/goal-file.md ("Numbers and dates") and docs/data.md ("Limits").

Light: the command line reads these before anything heavy is loaded.
"""

from __future__ import annotations

import datetime as dt
import math

FIRST_DATE = dt.date(1900, 1, 1)  # every date in a goal file and on the command line
LAST_DATE = dt.date(2199, 12, 31)
NUMBER_LIMIT = 10**15  # a filter's numbers; a history figure (floats hold whole numbers exactly)
COUNT_LIMIT = 1_000_000  # a count target: persons, more than any project enrols
# A number a mean averages (hours, days, kronor): below any personnummer read as a number
# (YYMMDDNNNN is at least 0001010000), so that no mean of one person can print one.
MEAN_LIMIT = 1_000_000
SMALLEST_COUNT = 0.01  # a fractional count target is a per-year rate (2.5), not a sliver
SUPPRESS_LIMIT = 1000  # report.suppress_below and --suppress-below
OLDEST = 150  # the ages of age_bands
SHEETS = 1000  # data.sheet as a number
EXCEL_ROWS = 1_048_576  # a worksheet's rows: data.header_row, the workbook scan, CSV lines
DATA_FILES = (
    200  # participant files read as one register in one run (their rows together: EXCEL_ROWS)
)
EXCEL_COLUMNS = 16_384  # a worksheet's columns: the workbook scan, CSV fields
GOALS_LIMIT = 1000  # goals in a goal file, included indicators counted
GROUP_DEPTH = 20  # outcome groups naming groups naming groups ...
YAML_DEPTH = 64  # lists and mappings inside each other in a goal file
YAML_ITEMS = 10_000  # entries of one list or mapping in a goal file


def spaced(number: int) -> str:
    """1 048 576: thousands set apart by a space, as in both languages' messages."""
    return f"{number:,}".replace(",", " ")


def readable(value: float) -> str:
    """A limit as a reader takes it in: 1000000 as '1 000 000', 10**15 as '10^15'."""
    if abs(value) >= 10**7:
        return f"{'-' if value < 0 else ''}10^{round(math.log10(abs(value)))}"
    if float(value).is_integer():
        return spaced(int(value))
    return f"{value:g}"
