"""SYNTHETIC participant data for the Malmfälten example: no row describes a real person,
and the project itself is made up to show goals written per municipality, averages and a
deadline in one goal file (issue 13).

Writes one workbook per municipality next to this file, as projects often keep them:
``kiruna.xlsx``, ``gallivare.xlsx`` and ``pajala.xlsx``, each a sheet "Deltagare" with
dates as Excel dates. Pajala's workbook was built by someone else: its id and municipality
columns have headers of their own ("Deltagarnummer", "Hemkommun") and its columns stand in
another order. esfkit reads the three as one register (goals.yml, ``data.files``).

The rows are built from the counts below (see README.md for the figures they give):

    Kiruna     64 participants (32 women, 32 men): 20 work, 10 studies, 3 own business,
               25 back to the referring agency, 6 still enrolled
    Gällivare  47 participants (24 women, 23 men): 12 work, 8 studies, 2 own business,
               20 back to the referring agency, 5 still enrolled
    Pajala     30 participants (15 women, 15 men): 7 work, 5 studies, 3 own business,
               13 back to the referring agency, 2 still enrolled

Everyone who left to work has an employment date ("Anställd datum"), a given number of
days after their start, except two in Kiruna and one in Pajala whose date is not known.

Run with: python generate.py   (needs esfkit's own dependencies: openpyxl, and esfkit for
the zip's fixed time stamps; the output is identical on every run)
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

from esfkit.render.package import fixed_package

FOLDER = Path(__file__).parent
FILES = {"Kiruna": "kiruna.xlsx", "Gällivare": "gallivare.xlsx", "Pajala": "pajala.xlsx"}
HEADER = [
    "Deltagar-ID",
    "Kön",
    "Kommun",
    "Inskrivningsdatum",
    "Avslutsdatum",
    "Avslutsorsak",
    "Anställd datum",
]
# Pajala's own headers, and the order of its columns (by index into HEADER)
PAJALA_HEADER = ["Deltagarnummer", "Kön", "Hemkommun", *HEADER[3:]]
PAJALA_ORDER = [0, 2, 1, 3, 4, 6, 5]
START = dt.date(2019, 1, 1)
END = dt.date(2021, 12, 31)

# municipality -> (outcome, count) in the order rows are written
OUTCOMES = {
    "Kiruna": [("Arbete", 20), ("Studier", 10), ("Eget företag", 3), ("Remittent", 25), ("", 6)],
    "Gällivare": [("Arbete", 12), ("Studier", 8), ("Eget företag", 2), ("Remittent", 20), ("", 5)],
    "Pajala": [("Arbete", 7), ("Studier", 5), ("Eget företag", 3), ("Remittent", 13), ("", 2)],
}
# Days from start to employment, by municipality, for the participants who left to work
# (None: the date is not known). Their means: Kiruna 4,7 months, Gällivare 6,5, Pajala
# 4,0; all 36 with a date 5,2.
DAYS_TO_WORK = {
    "Kiruna": [
        91,
        183,
        122,
        152,
        213,
        61,
        152,
        91,
        183,
        152,
        152,
        91,
        183,
        122,
        213,
        152,
        91,
        183,
        None,
        None,
    ],
    "Gällivare": [183, 244, 213, 152, 183, 274, 183, 152, 213, 244, 122, 213],
    "Pajala": [122, 91, 152, 122, 91, 152, None],
}


def rows() -> list[list]:
    """Every participant's row, in the order of OUTCOMES (dates as dates, None when blank)."""
    out = []
    number = 0
    for municipality, outcomes in OUTCOMES.items():
        days_to_work = iter(DAYS_TO_WORK[municipality])
        index = 0
        for outcome, count in outcomes:
            for _ in range(count):
                number += 1
                gender = "Kvinna" if index % 2 == 0 else "Man"
                index += 1
                start = START + dt.timedelta(days=(number * 7) % 600)
                days = next(days_to_work) if outcome == "Arbete" else None
                stay = days if days is not None else 90 + (number * 37) % 300
                end = start + dt.timedelta(days=stay) if outcome else None
                employed = start + dt.timedelta(days=days) if days is not None else None
                out.append(
                    [f"D{number:03d}", gender, municipality, start, end, outcome or None, employed]
                )
    return out


def workbook(header: list[str], order: list[int], table: list[list]) -> bytes:
    """One sheet "Deltagare": the header, then the rows, columns in ``order``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deltagare"
    sheet.append([header[i] for i in order])
    for row in table:
        sheet.append([row[i] for i in order])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_package(buffer.getvalue(), "2021-12-31T00:00:00Z")


def main() -> None:
    table = rows()
    for municipality, name in FILES.items():
        mine = [row for row in table if row[2] == municipality]
        if municipality == "Pajala":
            data = workbook(PAJALA_HEADER, PAJALA_ORDER, mine)
        else:
            data = workbook(HEADER, list(range(len(HEADER))), mine)
        (FOLDER / name).write_bytes(data)


if __name__ == "__main__":
    main()
