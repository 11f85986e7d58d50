"""SYNTHETIC participant data for the Norrsken example (Piteå and Arvidsjaur, 2011-2014).

No row describes a real person. The rows are built so that esfkit, run on them with
goals.yml, reproduces the figures published in Norrsken's final report (seed
001_5765c8f45c820663.txt); see README.md and expected.yml.

Run with the project's interpreter (stdlib + openpyxl only):

    ../../.venv/bin/python generate.py

It writes deltagare.xlsx next to this file. The output is byte-for-byte the same on every
run: a fixed random seed, fixed document properties and fixed timestamps inside the zip.

How the rows are made: every participant is first given a *profile* (municipality, exit
outcome, action plan established / completed) from the exact counts in PROFILES; then the
exit-survey answers are handed out so that the counts in SURVEY hold exactly. Only the order
of the rows, the dates, the genders and who gets which answer are random.
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

SEED = 20140831
OUT = Path(__file__).with_name("deltagare.xlsx")

AS_OF = dt.date(2014, 8, 31)  # the report date used in expected.yml
LAST_EXIT = dt.date(2014, 6, 30)  # "de deltagare som var kvar i projektet i juni månad"
FIRST_START = dt.date(2011, 1, 10)
LAST_START = dt.date(2014, 1, 31)

# Exit outcomes as the project wrote them (grouped in goals.yml under `outcomes:`).
ARBETE = "Arbete"
ANST_STOD = "Arbete med anställningsstöd"
STUDIER = "Studier"
AF = "Arbetsförmedlingen"
FK = "Sjuk- eller aktivitetsersättning"
SOC = "Åter till socialtjänsten"
ORDINARIE = "Ordinarie verksamhet"
AVBROTT = "Avbrott"
FLYTTAT = "Flyttat"
DROPOUTS = {AVBROTT, FLYTTAT}

# (plan established, plan completed, outcome) -> number of participants, per municipality.
# "plan completed" is blank when no plan was established.
PROFILES: dict[str, dict[tuple[str, str | None, str], int]] = {
    "Piteå": {  # 143 participants
        # dropped out (34): 5 before any plan was written
        ("Nej", None, AVBROTT): 4,
        ("Nej", None, FLYTTAT): 1,
        ("Ja", "Nej", AVBROTT): 24,
        ("Ja", "Nej", FLYTTAT): 5,
        # completed the action plan (94), 78 of them to work or studies
        ("Ja", "Ja", ARBETE): 30,
        ("Ja", "Ja", ANST_STOD): 26,
        ("Ja", "Ja", STUDIER): 22,
        ("Ja", "Ja", AF): 7,
        ("Ja", "Ja", FK): 5,
        ("Ja", "Ja", SOC): 4,
        # plan established but not completed, did not drop out (13)
        ("Ja", "Nej", ARBETE): 2,
        ("Ja", "Nej", STUDIER): 1,
        ("Ja", "Nej", AF): 2,
        ("Ja", "Nej", FK): 1,
        ("Ja", "Nej", ORDINARIE): 7,
        # no plan, did not drop out (2)
        ("Nej", None, FK): 1,
        ("Nej", None, SOC): 1,
    },
    "Arvidsjaur": {  # 80 participants
        # dropped out (19): 6 before any plan was written
        ("Nej", None, AVBROTT): 5,
        ("Nej", None, FLYTTAT): 1,
        ("Ja", "Nej", AVBROTT): 11,
        ("Ja", "Nej", FLYTTAT): 2,
        # completed the action plan (50), 44 of them to work or studies
        ("Ja", "Ja", ARBETE): 18,
        ("Ja", "Ja", ANST_STOD): 14,
        ("Ja", "Ja", STUDIER): 12,
        ("Ja", "Ja", AF): 3,
        ("Ja", "Ja", FK): 2,
        ("Ja", "Ja", SOC): 1,
        # plan established but not completed, did not drop out (9)
        ("Ja", "Nej", ARBETE): 1,
        ("Ja", "Nej", STUDIER): 1,
        ("Ja", "Nej", AF): 3,
        ("Ja", "Nej", FK): 2,
        ("Ja", "Nej", SOC): 2,
        # no plan, did not drop out (2)
        ("Nej", None, AF): 1,
        ("Nej", None, FK): 1,
    },
}

# Exit survey. Three questions; Q_MOJLIGHETER (better chances) and Q_VAG (path identified)
# count every respondent, Q_KRAV (picture of the labour market's demands) counts only
# respondents who completed their time in the project (did not drop out).
Q_MOJLIGHETER = "Enkät ökade möjligheter"
Q_KRAV = "Enkät bild av krav"
Q_VAG = "Enkät identifierad väg"

# Who left questions blank ("44 av dessa har inte besvarat vissa frågor"), per municipality:
#   none: answered none of the three; krav_vag: answered only Q_MOJLIGHETER;
#   krav: answered Q_MOJLIGHETER and Q_VAG but not Q_KRAV.
# Each entry: (pattern, dropped out?, number of participants).
BLANKS = {
    "Piteå": [
        ("none", True, 9),
        ("none", False, 3),
        ("krav_vag", True, 1),
        ("krav_vag", False, 2),
        ("krav", False, 3),
    ],  # 18
    "Arvidsjaur": [
        ("none", True, 12),
        ("none", False, 12),
        ("krav_vag", False, 1),
        ("krav", False, 1),
    ],  # 26
}

# Number of "Ja" answers, per municipality:
#   Q_MOJLIGHETER among all who answered it; Q_VAG among all who answered it;
#   Q_KRAV among answering non-dropouts (the goal's denominator) and among answering
#   dropouts (outside the goal, but present in the sheet as in real life).
SURVEY_JA = {
    "Piteå": {"mojligheter": 93, "vag": 110, "krav": 76, "krav_dropouts": 10},
    "Arvidsjaur": {"mojligheter": 53, "vag": 53, "krav": 42, "krav_dropouts": 3},
}

# Utlandspraktik: "Oktober 2011 åkte 5 deltagare och 2 vägledare till Scherpenheuvel i
# Belgien" (24 October - 6 November 2011). Who went is not in the report.
ABROAD = {"Piteå": 4, "Arvidsjaur": 1}
ABROAD_VALUE = "Belgien"

# Gender spellings as a hand-kept sheet has them.
WOMEN_SPELLINGS = ["Kvinna"] * 17 + ["K", "kvinna", "Kvinna "]
MEN_SPELLINGS = ["Man"] * 17 + ["M", "man", "Man "]


def add_months(d: dt.date, months: int, day: int | None = None) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(day or d.day, 28))


def random_date(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    return low + dt.timedelta(days=rng.randint(0, (high - low).days))


def make_people(rng: random.Random) -> list[dict]:
    people: list[dict] = []
    for kommun, profiles in PROFILES.items():
        group: list[dict] = []
        for (plan, completed, outcome), n in profiles.items():
            for _ in range(n):
                group.append(
                    {
                        "Kommun": kommun,
                        "Handlingsplan upprättad": plan,
                        "Handlingsplan fullföljd": completed,
                        "Avslutsorsak": outcome,
                        "dropout": outcome in DROPOUTS,
                        Q_MOJLIGHETER: None,
                        Q_KRAV: None,
                        Q_VAG: None,
                        "Utlandspraktik": None,
                    }
                )
        rng.shuffle(group)
        assign_survey(rng, kommun, group)
        assign_abroad(rng, kommun, group)
        people.extend(group)
    for p in people:
        assign_dates(rng, p)
        p["Kön"] = rng.choice(WOMEN_SPELLINGS if rng.random() < 0.46 else MEN_SPELLINGS)
        p["Födelsedatum"] = random_date(
            rng,
            add_months(p["Inskrivningsdatum"], -12 * 63),
            add_months(p["Inskrivningsdatum"], -12 * 19),
        )
    return people


def take(pool: list[dict], n: int, what: str) -> list[dict]:
    if len(pool) < n:
        raise SystemExit(f"not enough participants for {what}: need {n}, have {len(pool)}")
    chosen = pool[:n]
    del pool[:n]
    return chosen


def weighted_order(rng: random.Random, people: list[dict]) -> list[dict]:
    """Participants who went to work or studies first, more or less: they answer Ja more."""
    good = {ARBETE, ANST_STOD, STUDIER}
    return sorted(people, key=lambda p: rng.random() - (0.6 if p["Avslutsorsak"] in good else 0))


def assign_survey(rng: random.Random, kommun: str, group: list[dict]) -> None:
    dropouts = [p for p in group if p["dropout"]]
    stayers = [p for p in group if not p["dropout"]]
    blank_patterns = {
        "none": (Q_MOJLIGHETER, Q_KRAV, Q_VAG),
        "krav_vag": (Q_KRAV, Q_VAG),
        "krav": (Q_KRAV,),
    }
    blank: dict[int, tuple[str, ...]] = {}
    for pattern, is_dropout, n in BLANKS[kommun]:
        for p in take(dropouts if is_dropout else stayers, n, f"{kommun} {pattern}"):
            blank[id(p)] = blank_patterns[pattern]
    ja = SURVEY_JA[kommun]

    def answer(question: str, pool: list[dict], n_ja: int) -> None:
        answering = [p for p in pool if question not in blank.get(id(p), ())]
        ordered = weighted_order(rng, answering)
        if n_ja > len(ordered):
            raise SystemExit(f"{kommun} {question}: {n_ja} Ja of {len(ordered)}")
        for i, p in enumerate(ordered):
            p[question] = "Ja" if i < n_ja else "Nej"

    answer(Q_MOJLIGHETER, group, ja["mojligheter"])
    answer(Q_VAG, group, ja["vag"])
    answer(Q_KRAV, [p for p in group if not p["dropout"]], ja["krav"])
    answer(Q_KRAV, [p for p in group if p["dropout"]], ja["krav_dropouts"])


def assign_abroad(rng: random.Random, kommun: str, group: list[dict]) -> None:
    pool = [p for p in group if p["Handlingsplan fullföljd"] == "Ja"]
    for p in rng.sample(pool, ABROAD[kommun]):
        p["Utlandspraktik"] = ABROAD_VALUE


def assign_dates(rng: random.Random, p: dict) -> None:
    outcome = p["Avslutsorsak"]
    if p["Utlandspraktik"]:
        # enrolled before the trip (24 Oct - 6 Nov 2011), left well after it
        start = random_date(rng, dt.date(2011, 2, 1), dt.date(2011, 8, 31))
        end = random_date(rng, dt.date(2012, 2, 1), dt.date(2013, 6, 28))
    elif outcome == ORDINARIE:
        # still in the project in June 2014, moved into the municipality's own programme
        start = random_date(rng, dt.date(2013, 3, 1), dt.date(2014, 1, 31))
        end = LAST_EXIT
    else:
        start = random_date(rng, FIRST_START, LAST_START)
        if p["dropout"]:
            months = (
                rng.randint(1, 6) if p["Handlingsplan upprättad"] == "Nej" else rng.randint(3, 12)
            )
        else:
            months = rng.randint(4, 26)
        end = start + dt.timedelta(days=30 * months + rng.randint(0, 25))
        if end > LAST_EXIT:
            end = LAST_EXIT - dt.timedelta(days=rng.randint(0, 40))
        if end <= start:
            end = start + dt.timedelta(days=14)
    assert start < end <= LAST_EXIT <= AS_OF
    p["Inskrivningsdatum"], p["Avslutsdatum"] = start, end


def spell_variants(rng: random.Random, people: list[dict]) -> None:
    """Typed-by-hand variation that esfkit must read through (case, trailing spaces)."""
    for kommun, n in (("Piteå", 3), ("Arvidsjaur", 2)):
        for p in rng.sample([p for p in people if p["Kommun"] == kommun], n):
            p["Kommun"] = kommun + " "
    for p in rng.sample([p for p in people if p["Handlingsplan upprättad"] == "Ja"], 6):
        p["Handlingsplan upprättad"] = rng.choice(["ja", "Ja ", "JA"])
    for p in rng.sample([p for p in people if p[Q_MOJLIGHETER] == "Nej"], 3):
        p[Q_MOJLIGHETER] = "nej"


COLUMNS = [
    "Deltagar-ID",
    "Kön",
    "Födelsedatum",
    "Kommun",
    "Inskrivningsdatum",
    "Avslutsdatum",
    "Avslutsorsak",
    "Handlingsplan upprättad",
    "Handlingsplan fullföljd",
    "Utlandspraktik",
    Q_MOJLIGHETER,
    Q_KRAV,
    Q_VAG,
]
DATE_COLUMNS = {"Födelsedatum", "Inskrivningsdatum", "Avslutsdatum"}

NOTES = [
    "Norrsken – deltagarförteckning",
    "SYNTETISKA uppgifter, framtagna för esfkit:s exempel. Ingen rad beskriver en verklig person.",
    "",
    "Bladet Deltagare: en rad per inskrivning.",
    "Handlingsplan upprättad / fullföljd: Ja eller Nej (fullföljd lämnas tom om ingen plan upprättats).",
    "Enkätfrågorna besvaras i utskrivningsenkäten: Ja, Nej eller tomt (ej besvarat).",
    f"{Q_MOJLIGHETER}: Upplever du att dina möjligheter att komma ut på arbetsmarknaden har ökat?",
    f"{Q_KRAV}: Har du fått en bild av dina möjligheter kopplat till de krav som finns på arbetsmarknaden?",
    f"{Q_VAG}: Har du identifierat din väg via myndighet/institution/organisation för att gå vidare?",
    "Utlandspraktik: Belgien = praktik i Scherpenheuvel 24 oktober–6 november 2011.",
]


def write_workbook(people: list[dict]) -> bytes:
    wb = Workbook()
    notes = wb.active
    notes.title = "Läs mig"  # first sheet: esfkit must be told `data.sheet: Deltagare`
    for text in NOTES:
        notes.append([text])
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 100

    ws = wb.create_sheet("Deltagare")
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in people:
        ws.append([p.get(c) for c in COLUMNS])
    for col_idx, name in enumerate(COLUMNS, start=1):
        letter = ws.cell(row=1, column=col_idx).column_letter
        ws.column_dimensions[letter].width = max(12, len(name) + 2)
        if name in DATE_COLUMNS:
            for row in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
                row[0].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"

    fixed = dt.datetime(2014, 8, 31, 12, 0, 0)
    wb.properties.creator = "esfkit examples/norrsken/generate.py"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


FIXED_MODIFIED = (
    b'<dcterms:modified xsi:type="dcterms:W3CDTF">2014-08-31T12:00:00Z</dcterms:modified>'
)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the xlsx so that every run gives the same bytes.

    openpyxl stamps the save time into docProps/core.xml (`dcterms:modified`) and into each
    zip member; both are replaced by a fixed time.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", FIXED_MODIFIED, content
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(2014, 8, 31, 12, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


def main() -> None:
    rng = random.Random(SEED)
    people = make_people(rng)
    spell_variants(rng, people)
    people.sort(key=lambda p: (p["Inskrivningsdatum"], p["Kommun"].strip(), p["Avslutsdatum"]))
    for i, p in enumerate(people, start=1):
        p["Deltagar-ID"] = f"D{i:04d}"
    OUT.write_bytes(write_workbook(people))
    print(f"wrote {OUT.name}: {len(people)} rows")


if __name__ == "__main__":
    main()
