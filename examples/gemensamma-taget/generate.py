"""SYNTHETIC participant sheet for the Gemensamma Taget example -- no real person is in it.

Writes ``deltagare.csv`` (UTF-8 with BOM, semicolon separator, as Swedish Excel exports it):
one row per enrolment in the Access programme, Umeå, as the sheet could have looked on
2008-08-08, the date the half-year report 2008-01-01 -- 2008-06-30 counted its results.

The rows are built so that esfkit, run with ``--as-of 2008-08-08 --period 2008H1``, gives
the figures of the report's table "Deltagarstatistik Access Umeå 2008-01-01- 2008-06-30"
(seed 003_27ad82ed3c60d775.txt, section 6 "Indikatorer"):

    Män      39:  Arbete 7, Studier 3, Avbrutit 11, Avslutats 2, Kvar i åtgärd 16
    Kvinnor  23:  Arbete 6, Studier 3, Avbrutit  0, Avslutats 2, Kvar i åtgärd 10
    Totalt   62 of 150 planned

The women's outcomes add up to 21, not 23, and the total's to 60, not 62: two women have
no outcome at all. Here they are two women with an exit date and a blank Avslutsorsak,
so that esfkit shows them in a blank-outcome line instead of losing them.

"Kvar i åtgärd" is typed in Avslutsorsak, with a blank Avslutsdatum, as such sheets do.

Besides the 62, the sheet holds rows outside the half-year, which ``--period 2008H1``
must leave out: four participants of the autumn 2007 groups, all left before 2008, and
three who started in July--August 2008.

Deterministic: a fixed ``random.Random(SEED)``; stdlib only. Run it with any Python 3.11+.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

SEED = 20080808
AS_OF = dt.date(2008, 8, 8)
OUT = Path(__file__).with_name("deltagare.csv")

HEADERS = [
    "Deltagar-ID",
    "Kön",
    "Födelsedatum",
    "Anvisande myndighet",
    "Insats",
    "Inskrivningsdatum",
    "Avslutsdatum",
    "Avslutsorsak",
]

ARBETE = "Arbete"
STUDIER = "Studier"
AVBRUTIT = "Avbrutit"
AVSLUTATS = "Avslutats"
KVAR = "Kvar i åtgärd"
BLANK = ""  # the two women the report lost: exit date, no outcome typed

# The report's table, per gender: outcome -> number of participants (2008H1 population).
TABLE = {
    "men": {ARBETE: 7, STUDIER: 3, AVBRUTIT: 11, AVSLUTATS: 2, KVAR: 16},
    "women": {ARBETE: 6, STUDIER: 3, AVBRUTIT: 0, AVSLUTATS: 2, KVAR: 10, BLANK: 2},
}

# Access groups start every fifth week; the 2008 programme started in February.
GROUP_STARTS = [dt.date(2008, 2, 4) + dt.timedelta(weeks=5 * i) for i in range(5)]
# 2008-02-04, 03-10, 04-14, 05-19, 06-23

# Anvisande myndighet: "Nästan alla ungdomar har anvisats från Ungdomsslussen,
# Ungdomscentrum och Försäkringskassan."
REFERRERS = ["Ungdomsslussen"] * 5 + ["Ungdomscentrum"] * 3 + ["Försäkringskassan"] * 2
REFERRERS_WITH_AF = [*REFERRERS, "Arbetsförmedlingen"]

# Gender as typed by hand: mostly the full word, some letters, a few stray spaces.
MEN_SPELLINGS = ["Man"] * 8 + ["M", "Man "]
WOMEN_SPELLINGS = ["Kvinna"] * 7 + ["K", "kvinna", "Kvinna "]


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def random_day(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A weekday in [low, high] (both weekdays or with a weekday between them)."""
    day = low + dt.timedelta(days=rng.randint(0, (high - low).days))
    after = weekday_on_or_after(day)
    return after if after <= high else weekday_on_or_before(day)


def birth_date(rng: random.Random, start: dt.date) -> dt.date:
    """Target group: 18-29 years old at enrolment."""
    age = rng.randint(18, 29)
    anchor = start - dt.timedelta(days=1) if (start.month, start.day) == (2, 29) else start
    latest = anchor.replace(year=anchor.year - age)  # turned `age` on or before start
    return latest - dt.timedelta(days=rng.randint(0, 364))


def start_for(rng: random.Random, outcome: str) -> tuple[dt.date, str]:
    """Enrolment date and kind of Access for one 2008H1 participant.

    Those who left for work, studies or a completed assignment went through the five
    entry weeks and some trainee time, so they started no later than the fourth group.
    """
    latest_group = 5 if outcome in (KVAR, AVBRUTIT) else 4
    if rng.random() < 0.7:
        return rng.choice(GROUP_STARTS[:latest_group]), "Access grupp"
    last_day = dt.date(2008, 6, 27) if latest_group == 5 else dt.date(2008, 5, 16)
    return random_day(rng, dt.date(2008, 2, 11), last_day), "Individuell Access"


def exit_for(rng: random.Random, outcome: str, start: dt.date) -> dt.date | None:
    """Exit date on or before the report date (2008-08-08); none while still enrolled."""
    if outcome == KVAR:
        return None
    if outcome == AVBRUTIT:  # most drop-outs happen during the entry weeks
        low, high = start + dt.timedelta(days=2), start + dt.timedelta(days=34)
    elif outcome == BLANK:
        low, high = start + dt.timedelta(days=21), start + dt.timedelta(days=100)
    else:  # Arbete, Studier, Avslutats: after entry weeks and some trainee time
        low, high = start + dt.timedelta(days=42), start + dt.timedelta(days=175)
    return random_day(rng, low, min(high, AS_OF))


def spelling(rng: random.Random, gender: str) -> str:
    return rng.choice(MEN_SPELLINGS if gender == "men" else WOMEN_SPELLINGS)


def build() -> list[list[str]]:
    rng = random.Random(SEED)
    rows: list[dict] = []

    # Autumn 2007 groups: all had left before 2008, so outside 2008H1.
    for gender, outcome, start, end in [
        ("men", ARBETE, dt.date(2007, 9, 3), dt.date(2007, 12, 14)),
        ("women", AVSLUTATS, dt.date(2007, 9, 3), dt.date(2007, 12, 19)),
        ("men", AVBRUTIT, dt.date(2007, 10, 8), dt.date(2007, 10, 17)),
        ("women", STUDIER, dt.date(2007, 10, 8), dt.date(2007, 12, 20)),
    ]:
        rows.append(
            {
                "gender": gender,
                "outcome": outcome,
                "start": start,
                "end": end,
                "insats": "Access grupp",
            }
        )

    # The report's 62: enrolled during 2008-01-01 -- 2008-06-30.
    half_year: list[dict] = []
    for gender, outcomes in TABLE.items():
        for outcome, n in outcomes.items():
            for _ in range(n):
                start, insats = start_for(rng, outcome)
                half_year.append(
                    {
                        "gender": gender,
                        "outcome": outcome,
                        "start": start,
                        "end": exit_for(rng, outcome, start),
                        "insats": insats,
                    }
                )
    rng.shuffle(half_year)
    rows.extend(half_year)

    # Started after the half-year, before the report date: outside 2008H1.
    for gender, start in [
        ("women", dt.date(2008, 7, 7)),
        ("men", dt.date(2008, 7, 14)),
        ("men", dt.date(2008, 8, 4)),
    ]:
        rows.append(
            {
                "gender": gender,
                "outcome": KVAR,
                "start": start,
                "end": None,
                "insats": "Individuell Access",
            }
        )

    # The sheet is kept in enrolment order; ids are handed out in that order.
    rows.sort(key=lambda r: r["start"])  # stable: shuffled order within a start date
    out = []
    for i, r in enumerate(rows, start=1):
        referrers = REFERRERS_WITH_AF if r["start"] < dt.date(2008, 1, 1) else REFERRERS
        out.append(
            [
                f"D{i:04d}",
                spelling(rng, r["gender"]),
                birth_date(rng, r["start"]).isoformat(),
                rng.choice(referrers),
                r["insats"],
                r["start"].isoformat(),
                r["end"].isoformat() if r["end"] else "",
                r["outcome"],
            ]
        )
    return out


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    print(f"wrote {OUT.name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
