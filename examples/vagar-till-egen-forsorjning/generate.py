"""SYNTHETIC participant data for "14 45 87 Vägar till egen försörjning" (Jämtland, 2020-2022).

No row describes a real person. The rows are built so that esfkit, run on goals.yml in this
folder, reproduces the figures of the project's published final report (seed
004_64d3c957791289eb.txt); everything the report does not say (names of the other exit
outcomes, dates, ages, municipalities, who answered the survey) is invented, deterministically.

Run:  ../../.venv/bin/python generate.py        (writes deltagare.xlsx next to this file)

What the rows are built to give, counted per enrolment (the report counts enrolments):
- 230 enrolments, 110 women and 120 men; 226 unique persons (two women and two men were
  enrolled twice; both of their rows carry the same Deltagar-ID).
- Arbetsträning eller praktik = Ja: 60 women, 56 men.
- Avslutsorsak in the group job_or_studies: 41 women, 50 men (work 33 / 42, studies 8 / 8).
- Arbetsförmedlingen, among those with "AF-åtgärd före projektet" = Nej: 14 women, 14 men;
  one more woman and one more man went to AF but already had an AF measure before, so the
  goal's scope leaves them out.
- Återgång till remittent: 11 women, 11 men.
- Sjukskrivning 16, Sjukersättning 2, Behandlingshem 2.
- Survey on individually adapted support: 68 answers, 66 Ja (97 %), every other row blank.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

SEED = 144587
HERE = Path(__file__).resolve().parent
OUT = HERE / "deltagare.xlsx"

IMPLEMENTATION_START = dt.date(2020, 7, 1)  # genomförandefasen juli 2020 - maj 2022
LAST_ENROLMENT = dt.date(2022, 4, 15)
IMPLEMENTATION_END = dt.date(2022, 5, 31)
FIXED_STAMP = dt.datetime(2022, 6, 30, 12, 0, 0)  # written into the file instead of "now"

HEADERS = [
    "Deltagar-ID",
    "Kön",
    "Kommun",
    "Födelsedatum",
    "Inskrivningsdatum",
    "Avslutsdatum",
    "Avslutsorsak",
    "Arbetsträning eller praktik",
    "AF-åtgärd före projektet",
    "Enkät: individuellt anpassat stöd",
]

# Exit outcomes per enrolment and gender. The published figures fix the first nine lines;
# the last five are invented to make up the 110 + 120 enrolments.
OUTCOMES: dict[str, tuple[int, int]] = {  # outcome: (women, men)
    "Anställning med stöd": (27, 34),
    "Anställning utan stöd": (6, 8),
    "Studier": (8, 8),
    "Arbetsförmedlingen": (15, 15),  # 14 + 14 in scope, 1 + 1 with an AF measure before
    "Återgång till remittent": (11, 11),
    "Sjukskrivning": (9, 7),
    "Sjukersättning": (1, 1),
    "Behandlingshem": (0, 2),
    "Föräldraledighet": (6, 2),
    "Flyttat": (5, 7),
    "Annan insats (Samordningsförbundet)": (9, 8),
    "Avbrutit": (8, 10),
    "Annan försörjning": (5, 7),
}
AF = "Arbetsförmedlingen"

# The four persons enrolled twice: gender, municipality, outcome of 1st and 2nd enrolment.
RE_ENROLLED = [
    ("women", "Östersund", "Sjukskrivning", "Anställning med stöd"),
    ("women", "Krokom", "Avbrutit", "Studier"),
    ("men", "Östersund", "Avbrutit", "Anställning med stöd"),
    ("men", "Strömsund", "Sjukskrivning", AF),
]

# Municipality of each of the 226 persons (Östersund, the largest, about 43 %).
PERSONS_BY_MUNICIPALITY = {
    "Östersund": 95,
    "Krokom": 29,
    "Strömsund": 26,
    "Åre": 22,
    "Bräcke": 19,
    "Ragunda": 18,
    "Berg": 17,
}

TRAINING = {"women": 60, "men": 56}  # Arbetsträning eller praktik = Ja, per enrolment
SURVEY_YES, SURVEY_NO = 66, 2
AF_BEFORE_OTHERS = 16  # rows with an AF measure before the project, besides the two AF exits

# How likely each outcome makes a work-training placement (used only to rank rows).
TRAINING_PROPENSITY = {
    "Anställning med stöd": 0.9,
    "Anställning utan stöd": 0.8,
    "Studier": 0.6,
    AF: 0.6,
    "Återgång till remittent": 0.45,
    "Sjukskrivning": 0.1,
    "Sjukersättning": 0.0,
    "Behandlingshem": 0.0,
    "Föräldraledighet": 0.3,
    "Flyttat": 0.3,
    "Annan insats (Samordningsförbundet)": 0.25,
    "Avbrutit": 0.3,
    "Annan försörjning": 0.4,
}
# Days from enrolment to exit, by outcome.
DURATION = {
    "Anställning med stöd": (150, 420),
    "Anställning utan stöd": (120, 400),
    "Studier": (100, 330),
    AF: (90, 330),
    "Återgång till remittent": (90, 360),
    "Sjukskrivning": (30, 150),
    "Sjukersättning": (60, 240),
    "Behandlingshem": (20, 120),
}


def spelling(rng: random.Random, gender: str) -> str:
    """Gender as typed by hand: mostly Kvinna/Man, some K/M, lower case, trailing spaces."""
    full, short = ("Kvinna", "K") if gender == "women" else ("Man", "M")
    r = rng.random()
    if r < 0.80:
        return full
    if r < 0.89:
        return short
    if r < 0.95:
        return full.lower()
    return full + " "


def municipality_spelling(rng: random.Random, name: str) -> str:
    """Now and then lower case or a trailing space, as typed; always a declared name."""
    r = rng.random()
    if r < 0.03:
        return name.lower()
    if r < 0.05:
        return name + " "
    return name


def start_date(rng: random.Random) -> dt.date:
    """Recruitment was slow in the first half of the implementation phase (the pandemic)."""
    months = []
    d = IMPLEMENTATION_START
    while d <= LAST_ENROLMENT:
        weight = 1.0 if d < dt.date(2021, 4, 1) else 2.4
        months.append((d, weight))
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    month = rng.choices(months, weights=[w for _, w in months])[0][0]
    next_month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    day = month + dt.timedelta(days=rng.randrange((next_month - month).days))
    return min(day, LAST_ENROLMENT)


def exit_date(rng: random.Random, start: dt.date, outcome: str) -> dt.date:
    low, high = DURATION.get(outcome, (45, 300))
    end = start + dt.timedelta(days=rng.randint(low, high))
    return min(end, IMPLEMENTATION_END)


def birth_date(rng: random.Random, start: dt.date) -> dt.date:
    age = rng.choices(
        range(19, 64), weights=[3 if a < 30 else 2 if a < 45 else 1 for a in range(19, 64)]
    )[0]
    return start - dt.timedelta(days=age * 365 + age // 4 + rng.randrange(365))


def outcome_pools() -> dict[str, list[str]]:
    """The outcomes per gender, less what the re-enrolled persons take."""
    pools: dict[str, list[str]] = {g: [] for g in ("women", "men")}
    for outcome, (w, m) in OUTCOMES.items():
        pools["women"] += [outcome] * w
        pools["men"] += [outcome] * m
    for gender, _, first, second in RE_ENROLLED:
        pools[gender].remove(first)
        pools[gender].remove(second)
    return pools


def build(rng: random.Random) -> list[dict]:
    # persons: gender and municipality
    municipalities = [m for m, n in PERSONS_BY_MUNICIPALITY.items() for _ in range(n)]
    assert len(municipalities) == 226
    rows: list[dict] = []
    pools = outcome_pools()

    # the re-enrolled persons: take their municipalities out of the list
    for n, (gender, municipality, first, second) in enumerate(RE_ENROLLED):
        municipalities.remove(municipality)
        person = {
            "person": f"twice-{n}",
            "gender": gender,
            "municipality": municipality,
            "af_before": "Nej",
        }
        s1 = dt.date(2020, 8, 1) + dt.timedelta(days=rng.randrange(210))  # by end of Feb 2021
        e1 = exit_date(rng, s1, first)
        s2 = min(e1 + dt.timedelta(days=rng.randint(30, 120)), LAST_ENROLMENT)
        e2 = exit_date(rng, s2, second)
        born = birth_date(rng, s1)
        rows.append(
            {**person, "born": born, "start": s1, "end": e1, "exit": first, "reenrolled": 1}
        )
        rows.append(
            {**person, "born": born, "start": s2, "end": e2, "exit": second, "reenrolled": 2}
        )

    # the single-enrolment persons
    singles = [("women", o) for o in pools["women"]] + [("men", o) for o in pools["men"]]
    assert len(singles) == 222 == len(municipalities)
    rng.shuffle(municipalities)
    for n, ((gender, outcome), municipality) in enumerate(
        zip(singles, municipalities, strict=True)
    ):
        s = start_date(rng)
        rows.append(
            {
                "person": f"once-{n}",
                "gender": gender,
                "municipality": municipality,
                "af_before": "Nej",
                "born": birth_date(rng, s),
                "start": s,
                "end": exit_date(rng, s, outcome),
                "exit": outcome,
                "reenrolled": 0,
            }
        )

    # AF measure before the project: one woman and one man among the AF exits (outside the
    # AF goal's scope), and 16 more rows among single persons with other outcomes.
    for gender in ("women", "men"):
        af_rows = [
            r for r in rows if r["gender"] == gender and r["exit"] == AF and not r["reenrolled"]
        ]
        rng.choice(af_rows)["af_before"] = "Ja"
    others = [r for r in rows if r["exit"] != AF and not r["reenrolled"]]
    for r in rng.sample(others, AF_BEFORE_OTHERS):
        r["af_before"] = "Ja"

    # Arbetsträning eller praktik: rank by outcome, municipality (the largest municipality's
    # training arena did not work out as planned) and chance; the top rows get Ja.
    for gender, wanted in TRAINING.items():
        mine = [r for r in rows if r["gender"] == gender]
        for r in mine:
            r["rank"] = (
                TRAINING_PROPENSITY[r["exit"]]
                - (0.5 if r["municipality"] == "Östersund" else 0.0)
                + rng.random() * 0.45
            )
        mine.sort(key=lambda r: r["rank"], reverse=True)
        for i, r in enumerate(mine):
            r["training"] = "Ja" if i < wanted else "Nej"
            del r["rank"]

    # Survey (sent to participants who had left): 66 Ja, 2 Nej, the rest blank. A
    # re-enrolled person answers only after the last enrolment.
    for r in rows:
        r["survey"] = None
    eligible = [r for r in rows if r["reenrolled"] != 1]
    answered = rng.sample(eligible, SURVEY_YES + SURVEY_NO)
    for i, r in enumerate(answered):
        r["survey"] = "Ja" if i < SURVEY_YES else "Nej"

    # Deltagar-ID in order of first enrolment; rows in order of enrolment date.
    rows.sort(key=lambda r: (r["start"], r["reenrolled"] != 2, r["municipality"], r["exit"]))
    ids: dict[str, str] = {}
    for r in rows:
        r["id"] = ids.setdefault(r["person"], f"D{len(ids) + 1:04d}")
    return rows


def write(rows: list[dict], rng: random.Random) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Deltagare"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(
            [
                r["id"],
                spelling(rng, r["gender"]),
                municipality_spelling(rng, r["municipality"]),
                r["born"],
                r["start"],
                r["end"],
                r["exit"],
                r["training"],
                r["af_before"],
                r["survey"],
            ]
        )
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=6):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHIJ", (12, 8, 12, 13, 17, 13, 34, 26, 24, 32), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "esfkit example generator"
    wb.properties.created = FIXED_STAMP
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(data: bytes) -> bytes:
    """Same bytes on every run: fixed timestamps in docProps/core.xml and in the zip."""
    stamp = FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
                text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
                content = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


def main() -> None:
    rng = random.Random(SEED)
    rows = build(rng)
    OUT.write_bytes(write(rows, rng))
    print(f"wrote {OUT.name}: {len(rows)} rows, {len({r['id'] for r in rows})} unique Deltagar-ID")


if __name__ == "__main__":
    main()
