"""Women + men (+ nonbinary) + unknown = total in every format (issue 14, item 4).

Random participants, some with a blank or unknown gender, and goals of every layout with a
count in it: in the JSON the gender cells' counts add up to the total's; in the Markdown
summary and each goal's table, and in the Excel summary, the gender columns add up to the
total, and a column of unknown (nonbinary) gender is there exactly when such rows exist.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import esfkit
from esfkit.api import parse_goal_file_text

GOALS = """\
version: 1
project: {name: P, start: 2021-01-01, end: 2022-12-31}
breakdown: [municipality, gender]
goals:
  - id: everyone
    title: Deltagare
    count: everyone
    target: {women: 5, men: 5}
  - id: work
    title: Till arbete
    count: {exit: Arbete}
    target: 4
  - id: work_share
    title: Andel till arbete
    share: {exit: Arbete}
    of: exited
    target: 30 %
  - id: exits
    title: Avslut
    distribution: exit
"""
GOAL_FILE = parse_goal_file_text(GOALS)
AS_OF = dt.date(2022, 6, 30)
CODES = {
    "Kvinna": "women",
    "M": "men",
    "Icke-binär": "nonbinary",
    "": "unknown",
    "Okänt": "unknown",
}
LABELS = {"women": "Kvinnor", "men": "Män", "nonbinary": "Icke-binära", "unknown": "Okänt"}

people = st.lists(
    st.tuples(
        st.sampled_from(sorted(CODES)),
        st.sampled_from(["Berg", "Åre"]),
        st.sampled_from(["Arbete", "Studier", ""]),
        st.booleans(),
    ),
    min_size=1,
    max_size=30,
)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Deltagar-ID": [f"D{i:03}" for i in range(len(rows))],
            "Kön": [r[0] for r in rows],
            "Kommun": [r[1] for r in rows],
            "Inskrivningsdatum": ["2021-03-01"] * len(rows),
            "Avslutsdatum": ["2022-01-31" if r[3] else "" for r in rows],
            "Avslutsorsak": [r[2] if r[3] else "" for r in rows],
        }
    )


def _number(text: str) -> int:
    """The count a cell starts with: '12 / 5' → 12, '3 (25,0 %)' → 3."""
    return int(re.match(r"\d+", text.replace("\u00a0", "").replace(" ", "")).group())


def _markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """Each table under its heading, as rows of cells (the header row first)."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ")
        elif line.startswith("|") and not line.startswith("|:") and "---" not in line:
            cells = [c.strip().strip("*") for c in line.strip().strip("|").split("|")]
            tables.setdefault(heading, []).append(cells)
    return tables


def _genders(rows: list[tuple]) -> list[str]:
    present = {CODES[r[0]] for r in rows}
    return [g for g in LABELS if g in ("women", "men") or g in present]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=people)
def test_gender_parts_add_up_to_the_total_in_every_format(rows) -> None:
    report = esfkit.check(GOAL_FILE, _frame(rows), as_of=AS_OF)
    genders = _genders(rows)
    document = json.loads(esfkit.render(report, "json"))
    shown = {}  # a goal's table: a column per gender of its rows
    for goal in document["goals"]:
        cells = goal["cells"]
        seen = {c["dims"]["gender"] for c in cells if "gender" in c["dims"]}
        shown[goal["title"]] = [LABELS[g] for g in genders if g in seen]
        for whole in (c for c in cells if "gender" not in c["dims"]):
            parts = [
                c
                for c in cells
                if "gender" in c["dims"]
                and {k: v for k, v in c["dims"].items() if k != "gender"} == whole["dims"]
            ]
            for figure in ("numerator", "denominator"):
                counted = sum(c[figure] for c in parts)
                assert counted == whole[figure], (goal["id"], whole["dims"], figure)

    tables = _markdown_tables(esfkit.render(report, "markdown", "sv"))
    summary = tables.pop("Sammanfattning")
    assert summary[0][3 : 3 + len(genders)] == [LABELS[g] for g in genders]
    assert summary[0][3 + len(genders)] == "Status"
    for row in summary[1:3]:  # the count goals: the parts of the actual count
        assert sum(_number(c) for c in row[3 : 3 + len(genders)]) == _number(row[2])
    for title, table in tables.items():
        columns = shown[title]
        assert table[0][1:] == [*columns, "Totalt"], title
        for row in table[1:]:
            if title == "Andel till arbete":  # percentages: their counts add up
                counts = [int(c.split("(")[1].split("/")[0]) for c in row[1:] if "(" in c]
                if counts:
                    assert sum(counts[:-1]) == counts[-1]
                continue
            if row[0] == "Totalt" or title != "Avslut":
                assert sum(_number(c) for c in row[1:-1]) == _number(row[-1]), (title, row)

    sheet = load_workbook(io.BytesIO(esfkit.render(report, "xlsx")))["Sammanfattning"]
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Mål")
    assert list(header[3 : 3 + len(genders)]) == [LABELS[g] for g in genders]
    for line in sheet.iter_rows(values_only=True):
        if line[0] in ("Deltagare", "Till arbete"):
            assert sum(line[3 : 3 + len(genders)]) == line[2]

    page = esfkit.render(report, "html", "sv")
    chart = page.split('id="goal-everyone"')[1].split("</svg>")[0]
    bars = re.findall(r"<title>([^:<]+): (\d+)</title>", chart)
    drawn = [label for label, _n in bars if label != "Totalt"]
    assert list(dict.fromkeys(drawn)) == [LABELS[g] for g in genders]
    actual = re.findall(r'fill="#2f6db5"><title>([^:<]+): (\d+)</title>', chart)
    assert sum(int(n) for label, n in actual if label != "Totalt") == len(rows)
