"""SYNTHETIC participant data for the UTAN example: no row describes a real person.

Writes ``deltagare.csv`` next to this file, the way Swedish Excel exports CSV: semicolon
separator, Windows-1252 encoding, CRLF line ends, dates as ISO text.

The final report of "Unga Till Arbete i Norr UTAN" (Piteå and Luleå, seed
000_9ee62da3a3034c0c.txt) publishes percentages only, never a participant count. The
counts below are chosen so that every published percentage comes out exactly (see
README.md for the table):

    173 participants, all exited by the project's end (2014-01-31)
    studies                       50 / 173 = 28.9 %  -> "29 %"
    work lasting > 1 month        28 / 173 = 16.2 %  -> "16 %"
    studies or lasting work       78 / 173 = 45.1 %  -> "45 %"
    completed participation       49 / 173 = 28.3 %  -> "28 %"
    own business                   0                 -> "Ingen projektdeltagare"
    survey, learning              98 / 118 = 83.1 %  -> "83 %"  (55 did not answer)
    survey, gender awareness      67 / 118 = 56.8 %  -> "57 %"
    applied to studies             9 /  49 = 18.4 %  -> "18-19 %" (of the completed)

Run with: python generate.py   (stdlib only; the output is identical on every run)
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

SEED = 3080009  # from the ESF diary number 2011-3080009
OUT = Path(__file__).with_name("deltagare.csv")

PROJECT_END = dt.date(2014, 1, 31)  # the report date: everyone has left by then
# A job "lasting more than a month" must have lasted that long before the report was written.
LAST_LASTING_JOB_EXIT = dt.date(2013, 12, 15)

# Start of enrolment per municipality: Luleå took in its first participants later
# ("det blev en lång startsträcka innan deltagare kunde tas emot").
FIRST_START = {"Piteå": dt.date(2011, 9, 5), "Luleå": dt.date(2012, 3, 1)}
LAST_START = dt.date(2013, 10, 31)

# Exit outcome (Avslutsorsak) -> number of participants, per municipality.
# "Arbete" is split into jobs lasting more than a month (>= 31 days) and shorter ones,
# because the report's work goal counts only the former.
OUTCOMES: dict[str, list[tuple[str, str, int]]] = {
    # (Avslutsorsak, kind, count); kind drives the job-length and follow-up columns
    "Piteå": [
        ("Studier gymnasieskola", "studies", 13),
        ("Studier Komvux", "studies", 12),
        ("Studier folkhögskola", "studies", 5),
        ("Arbete", "lasting_job", 16),
        ("Arbete", "short_job", 3),
        ("Fullföljt deltagande", "completed", 27),
        ("Arbetsförmedlingen", "other", 10),
        ("Avbrutit deltagande", "other", 8),
        ("Flyttat", "other", 3),
        ("Sjukskrivning", "other", 2),
        ("Annat", "other", 2),
    ],
    "Luleå": [
        ("Studier gymnasieskola", "studies", 9),
        ("Studier Komvux", "studies", 8),
        ("Studier folkhögskola", "studies", 3),
        ("Arbete", "lasting_job", 12),
        ("Arbete", "short_job", 2),
        ("Fullföljt deltagande", "completed", 22),
        ("Arbetsförmedlingen", "other", 7),
        ("Avbrutit deltagande", "other", 4),
        ("Flyttat", "other", 2),
        ("Sjukskrivning", "other", 2),
        ("Annat", "other", 1),
    ],
}
# Of those who completed their participation, how many had applied to studies afterwards.
APPLIED_TO_STUDIES = {"Piteå": 5, "Luleå": 4}

# Gender: no figure is published; more young men than women, as in most such projects.
WOMEN, MEN = 76, 97
WOMEN_SPELLINGS = ["Kvinna"] * 16 + ["K", "kvinna", "Kvinna "]
MEN_SPELLINGS = ["Man"] * 16 + ["M", "man", "Man "]

# Age at enrolment: the project focused on the youngest (16-19), the rest are 20-24.
AGE_16_19, AGE_20_24 = 104, 69

# The follow-up evaluator's web survey: 118 of 173 answered.
RESPONDENTS = 118
LEARNING_YES = 98  # "lärandet har fört mig närmare arbetsmarknaden"
GENDER_AWARE_YES = 67  # "ökad medvetenhet om val ur ett genusperspektiv"
YES_SPELLINGS = ["Ja"] * 12 + ["ja", "JA", "Ja "]
NO_SPELLINGS = ["Nej"] * 12 + ["nej"]

HEADERS = [
    "Deltagar-ID",
    "Kön",
    "Födelsedatum",
    "Kommun",
    "Inskrivningsdatum",
    "Avslutsdatum",
    "Avslutsorsak",
    "Anställningens längd (dagar)",
    "Sökt studier efter avslut",
    "Enkät lärande",
    "Enkät genus",
]


def random_date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_date_for_age(rng: random.Random, start: dt.date, age: int) -> dt.date:
    """A birth date that makes the person exactly `age` years old on `start`."""
    anchor = start - dt.timedelta(days=1) if (start.month, start.day) == (2, 29) else start
    latest = anchor.replace(year=start.year - age)  # turned `age` on or before start
    earliest = anchor.replace(year=start.year - age - 1) + dt.timedelta(days=1)
    birth = random_date(rng, earliest, latest)
    assert age_on(birth, start) == age
    return birth


def build_rows(rng: random.Random) -> list[dict[str, str]]:
    people: list[dict] = []
    for municipality, outcomes in OUTCOMES.items():
        completed_rows = []
        for exit_value, kind, count in outcomes:
            for _ in range(count):
                start = random_date(rng, FIRST_START[municipality], LAST_START)
                latest_exit = LAST_LASTING_JOB_EXIT if kind == "lasting_job" else PROJECT_END
                end = min(start + dt.timedelta(days=rng.randint(45, 420)), latest_exit)
                person = {
                    "municipality": municipality,
                    "start": start,
                    "end": end,
                    "exit": exit_value,
                    "kind": kind,
                    "job_days": "",
                    "applied": "",
                }
                if kind == "lasting_job":
                    person["job_days"] = str(rng.randint(45, 365))
                elif kind == "short_job":
                    person["job_days"] = str(rng.randint(5, 29))
                if kind == "completed":
                    completed_rows.append(person)
                people.append(person)
        # Exact boundaries of "mer än en månad": 31 days counts, 30 does not.
        if municipality == "Piteå":
            next(p for p in people if p["kind"] == "lasting_job")["job_days"] = "31"
            next(p for p in people if p["kind"] == "short_job")["job_days"] = "30"
        applied = set(rng.sample(range(len(completed_rows)), APPLIED_TO_STUDIES[municipality]))
        for i, person in enumerate(completed_rows):
            person["applied"] = "Ja" if i in applied else "Nej"

    n = len(people)
    genders = ["women"] * WOMEN + ["men"] * MEN
    ages = [rng.randint(16, 19) for _ in range(AGE_16_19)] + [
        rng.randint(20, 24) for _ in range(AGE_20_24)
    ]
    assert len(genders) == len(ages) == n
    rng.shuffle(genders)
    rng.shuffle(ages)

    respondents = rng.sample(range(n), RESPONDENTS)
    learning_yes = set(rng.sample(respondents, LEARNING_YES))
    gender_aware_yes = set(rng.sample(respondents, GENDER_AWARE_YES))
    respondents_set = set(respondents)

    for i, person in enumerate(people):
        spellings = WOMEN_SPELLINGS if genders[i] == "women" else MEN_SPELLINGS
        person["gender"] = rng.choice(spellings)
        person["birth"] = birth_date_for_age(rng, person["start"], ages[i])
        if i in respondents_set:
            person["learning"] = rng.choice(YES_SPELLINGS if i in learning_yes else NO_SPELLINGS)
            person["aware"] = rng.choice(YES_SPELLINGS if i in gender_aware_yes else NO_SPELLINGS)
        else:
            person["learning"] = person["aware"] = ""

    # The sheet is kept in order of enrolment; ids are handed out in that order.
    people.sort(key=lambda p: (p["start"], p["municipality"], p["end"]))
    rows = []
    for number, person in enumerate(people, start=1):
        rows.append(
            {
                "Deltagar-ID": f"D{number:04d}",
                "Kön": person["gender"],
                "Födelsedatum": person["birth"].isoformat(),
                "Kommun": person["municipality"],
                "Inskrivningsdatum": person["start"].isoformat(),
                "Avslutsdatum": person["end"].isoformat(),
                "Avslutsorsak": person["exit"],
                "Anställningens längd (dagar)": person["job_days"],
                "Sökt studier efter avslut": person["applied"],
                "Enkät lärande": person["learning"],
                "Enkät genus": person["aware"],
            }
        )
    return rows


def main() -> None:
    rows = build_rows(random.Random(SEED))
    with OUT.open("w", encoding="cp1252", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADERS, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.name}")


if __name__ == "__main__":
    main()
