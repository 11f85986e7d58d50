"""Issue 10, class 18: `esfkit init` writes a goal file that loads whatever the data's
headers and cells hold (a line break from Alt+Enter, '#', ':', quotes, a leading '-', '&',
'*', '!', '%', '@', '`', YAML words such as yes/no/null/on, numbers, control characters, a
personnummer), and maps the same columns it found.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from esfkit.api import load_goal_file
from esfkit.data.csvfile import _MOJIBAKE as MOJIBAKE
from esfkit.escape import terminal, yaml_scalar
from esfkit.privacy import mask_text
from esfkit.scaffold.starter import survey
from tests.conftest import run_cli
from tests.hostile import outputs as o

TRICKY = (
    "\n",
    "#",
    " #",
    ":",
    ": ",
    "'",
    '"',
    "- ",
    "-",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "?",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\\",
    "yes",
    "no",
    "null",
    "on",
    "~",
    "0x1F",
    "1e3",
    "2021-01-01",
    "007",
    "\x1b[31m",
    "\x07",
    "\u202e",
    "\u00a0",
    "\x85",
    "\u2028",
    *o.PNR_SPELLINGS,
    "Kön",
    "Åre",
)
# Cells hold no carriage return or NUL: reading those is the reader's own class.
PART = st.sampled_from(TRICKY) | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00;"), max_size=3
)
CELL = st.lists(PART, min_size=1, max_size=5).map("".join).filter(lambda s: s.strip())
STANDARD = ["Deltagar-ID", "Kön", "Kommun", "Inskrivningsdatum", "Avslutsdatum", "Avslutsorsak"]


def _data(headers: list[str], exits: list[str], places: list[str], genders: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([*STANDARD, *headers])
    for n in range(max(len(exits), len(places), len(genders), 2)):
        writer.writerow(
            [
                f"P{n}",
                genders[n % len(genders)],
                places[n % len(places)],
                "2021-01-01",
                "2021-02-01",
                exits[n % len(exits)],
                *(["Ja", "Nej"][n % 2] for _ in headers),
            ]
        )
    return out.getvalue()


def _distinct(values: list[str]) -> bool:
    keys = [" ".join(v.split()).casefold() for v in values]
    return len(set(keys)) == len(keys)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headers=st.lists(CELL, min_size=1, max_size=3).filter(_distinct),
    exits=st.lists(CELL, min_size=1, max_size=3),
    places=st.lists(CELL, min_size=1, max_size=3),
    genders=st.lists(CELL | st.sampled_from(["Kvinna", "Man"]), min_size=1, max_size=3),
)
def test_init_writes_a_goal_file_that_loads_and_maps_the_same_columns(
    headers, exits, places, genders
) -> None:
    # UTF-8 once read as Windows-1252 ('Ã¸') stops the reading, by design (test_reading.py).
    assume(not any(MOJIBAKE.search(v) for v in [*headers, *exits, *places, *genders]))
    headers = [f"Fråga {h}" for h in headers]  # never taken for one of esfkit's fields
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "deltagare.csv"
        data.write_text(_data(headers, exits, places, genders), encoding="utf-8")
        goals = Path(folder) / "goals.yml"
        run = run_cli("init", data, "-o", goals)
        assert run.exit_code == 0, run.stderr
        o.assert_clean_text(run.stderr, "init's message")
        text = goals.read_text(encoding="utf-8")
        o.assert_clean_text(text, "goal file")
        goal_file = load_goal_file(goals)  # a GoalFileError here is the bug this test is about
        found = survey(data)
        mapped = {field: ref.header for field, ref in goal_file.data.columns.items()}
        assert mapped == {f: h for f, h in found.columns.items() if mask_text(h) == h}
        lines = text.splitlines()
        grouped = {v for group in goal_file.outcomes.values() for v in group}
        for value, count in found.exits:  # in a group, or listed as not sorted
            listed = f"  #   {yaml_scalar(value)}   ({count} row{'s' if count > 1 else ''})"
            assert mask_text(value) in grouped or listed in lines, value
        for header in found.other_columns:  # each named on a comment line of its own
            assert f"  #   {terminal(header)}" in lines, header


def test_init_to_standard_output_prints_no_control_character(write) -> None:
    data = _data(
        [f"Fråga \x1b]8;;http://x\x07a\x1b]8;;\x07 {o.PNR_12}", "b\nc: d # e"],
        [o.CSI, o.PNR_DASH],
        [o.BIDI, "Åre"],
        ["Kvinna", f"{o.C1}"],
    )
    run = run_cli("init", write("d.csv", data), "-o", "-")
    assert run.exit_code == 0, run.stderr
    o.assert_clean_text(run.stdout, "init -o -")
    assert '"Qwz\\u202eå\\u2066x\\u2069\\u200b"' in run.stdout  # a value, loadable
    assert "#   b\\x0ac: d # e" in run.stdout  # a header in a comment, on its line


def test_a_header_holding_a_personnummer_is_not_mapped_but_named(write) -> None:
    data = _data([], ["Arbete"], ["Åre"], ["Kvinna"]).replace("Kommun", f"Kommun {o.PNR_DASH}")
    run = run_cli("init", write("d.csv", data), "-o", "-")
    assert run.exit_code == 0, run.stderr
    o.assert_clean_text(run.stdout)
    assert "# municipality: Kommun 850101-****   # municipality, GUESSED" in run.stdout
    assert "holds a personal number: rename the column" in run.stdout


def test_init_from_a_workbook_with_alt_enter_and_number_headers_gives_a_working_file(
    tmp_path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Deltagare 2021 #1 - ja"
    headers = [*STANDARD, "Enkät:\nnöjd", 2021, "yes", "#1", "- x", "'quoted' & \"more\""]
    sheet.append(headers)
    for n, place in enumerate(["Åre", "on", "- Berg", "null"]):
        sheet.append([f"P{n}", "Kvinna", place, "2021-01-01", "2021-02-01", "Arbete\nheltid"])
        for column in range(7, len(headers) + 1):
            sheet.cell(row=n + 2, column=column, value=("Ja", "Nej")[n % 2])
    book.create_sheet("Annat")
    data, goals = tmp_path / "deltagare.xlsx", tmp_path / "goals.yml"
    book.save(data)
    run = run_cli("init", data, "-o", goals)
    assert run.exit_code == 0, run.stderr
    goal_file = load_goal_file(goals)
    assert goal_file.data.sheet == "Deltagare 2021 #1 - ja"
    assert goal_file.project.municipalities == ("- Berg", "null", "on", "Åre")
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["population"]["enrolments"] == 4
    text = goals.read_text(encoding="utf-8")
    assert "#   Enkät:\\x0anöjd" in text and "#   2021" in text and "#   yes" in text
