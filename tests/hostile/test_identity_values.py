"""Issue 10, class 4: invisible characters and look-alike letters in values.

A value that differs from a declared one (an outcome, a filter's value, a gender code, a
municipality) only by characters nobody sees is counted as it, with a warning; one that
differs by a letter of another alphabet that looks Latin would silently fall out of its
group, so it stops `check` with exit 2, naming the row, the column and the letter.
Through the real command, on CSV and on XLSX.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import run_cli_en as run_cli

GOALS = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31, municipalities: [Piteå, Luleå]}
outcomes:
  work: [Anställning]
goals:
  - {id: work, title: Arbete, count: {exit: work}}
  - {id: women, title: Kvinnor, count: {gender: women}}
  - {id: pitea, title: Piteå, count: {municipality: Piteå}}
  - {id: learned, title: Lärande, share: {Enkät lärande: Ja}, of: {Enkät lärande: [Ja, Nej]}}
"""
HEADER = ["Personnummer", "Kön", "Kommun", "Inskrivningsdatum", "Avslutsdatum", "Avslutsorsak"]
HEADER += ["Enkät lärande"]
ROWS = [
    ["811218-9876", "Kvinna", "Piteå", "2021-01-01", "2021-03-01", "Anställning", "Ja"],
    ["121212-1212", "Kvinna", "Piteå", "2021-01-01", "2021-03-01", "Anställning", "Ja"],
    ["850161-1233", "Man", "Luleå", "2021-01-01", "2021-03-01", "Studier", "Nej"],
    ["19850101-2382", "Man", "Luleå", "2021-01-01", "2021-03-01", "Studier", "Nej"],
]
FIGURES = {"work": 2, "women": 2, "pitea": 2, "learned": 50.0}
COLUMN = {"exit": 5, "gender": 1, "municipality": 2, "survey": 6}

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "left-to-right mark": "\u200e",
    "variation selector": "\ufe0f",
}
# Per column: the cell of row 2 with a look-alike letter (Cyrillic, Greek, Latin).
LOOKALIKES = {
    "exit": ["\u0410nställning", "\u0391nställning", "Anställn\u0131ng", "Anst\u0430\u0308llning"],
    "gender": ["\u041avinna", "Kvinn\u0430", "\u039avinna"],
    "municipality": ["Pit\u0435å", "\u03a1iteå", "P\u0456teå"],
    "survey": ["J\u0430", "\u0408a"],
}
PLAIN = {"exit": "Anställning", "gender": "Kvinna", "municipality": "Piteå", "survey": "Ja"}


def _files(folder: Path, column: str, cell: str, goals: str = GOALS) -> list[tuple[Path, Path]]:
    """The goal file and the data as CSV and as XLSX, row 2's ``column`` holding ``cell``."""
    rows = [list(r) for r in ROWS]
    rows[0][COLUMN[column]] = cell
    (folder / "goals.yml").write_text(goals, encoding="utf-8")
    csv = folder / "d.csv"
    csv.write_text("\n".join(";".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    xlsx = folder / "d.xlsx"
    book.save(xlsx)
    return [(folder / "goals.yml", csv), (folder / "goals.yml", xlsx)]


def _figures(report: dict) -> dict:
    return {g["id"]: g["cells"][0]["value"] for g in report["goals"]}


@pytest.mark.parametrize("column", list(COLUMN))
@pytest.mark.parametrize("name", list(INVISIBLE))
def test_an_invisible_character_is_counted_as_the_declared_value_with_a_warning(
    tmp_path, column: str, name: str
) -> None:
    plain = PLAIN[column]
    cell = plain[:2] + INVISIBLE[name] + plain[2:] + INVISIBLE[name]
    for goals, data in _files(tmp_path, column, cell):
        run = run_cli("check", goals, data, "--as-of", "2021-06-30", "--format", "json")
        assert run.exit_code == 0, run.stderr
        report = run.json()
        assert _figures(report) == FIGURES
        assert "invisible_characters" in {f["kind"] for f in report["findings"]}
        listed = run_cli("validate", goals, data, "--as-of", "2021-06-30")
        assert listed.exit_code == 0, listed.stdout
        code = f"[U+{ord(INVISIBLE[name]):04X}]"
        assert "invisible_characters (1)" in listed.stdout and code in listed.stdout
        assert "row 2," in listed.stdout


@pytest.mark.parametrize("cell", ["\u00a0Kvinna\u00a0", "ＫＶＩＮＮＡ", "Kvinna\u3000", "KVINNA"])
def test_spaces_and_full_width_letters_are_the_same_value(tmp_path, cell: str) -> None:
    for goals, data in _files(tmp_path, "gender", cell):
        run = run_cli("check", goals, data, "--as-of", "2021-06-30", "--format", "json")
        assert run.exit_code == 0, run.stderr
        assert _figures(run.json()) == FIGURES


@pytest.mark.parametrize(
    ("column", "cell"), [(c, cell) for c, cells in LOOKALIKES.items() for cell in cells]
)
def test_a_lookalike_letter_stops_check_naming_row_column_and_letter(
    tmp_path, column: str, cell: str
) -> None:
    for goals, data in _files(tmp_path, column, cell):
        run = run_cli("check", goals, data, "--as-of", "2021-06-30", "--format", "json")
        assert run.exit_code == 2, run.stdout
        assert run.stdout == ""
        header = HEADER[COLUMN[column]]
        assert f"row 2, column '{header}'" in run.stderr
        odd = next(
            c for c in unicodedata.normalize("NFC", cell) if c not in "äåöÄÅÖ" and ord(c) > 127
        )
        assert f"[U+{ord(odd):04X}]" in run.stderr and "retype" in run.stderr
        listed = run_cli("validate", goals, data, "--as-of", "2021-06-30")
        assert listed.exit_code == 2
        assert "lookalike_characters (1)" in listed.stdout
        # Said once: not also an unknown gender or an undeclared municipality.
        assert "gender_code" not in listed.stdout
        assert "undeclared_municipality" not in listed.stdout


def test_a_lookalike_against_the_official_municipality_names(tmp_path) -> None:
    goals = GOALS.replace(", municipalities: [Piteå, Luleå]", "")
    for goals_path, data in _files(tmp_path, "municipality", "Pit\u0435å", goals):
        listed = run_cli("validate", goals_path, data, "--as-of", "2021-06-30")
        assert listed.exit_code == 2 and "lookalike_characters (1)" in listed.stdout
        assert "municipality_spelling" not in listed.stdout


def test_a_lookalike_in_the_goal_file_is_named_there(tmp_path) -> None:
    goals = GOALS.replace("work: [Anställning]", "work: [\u0410nställning]")
    for goals_path, data in _files(tmp_path, "exit", "Anställning", goals):
        run = run_cli("check", goals_path, data, "--as-of", "2021-06-30")
        assert run.exit_code == 2
        assert "goal file's value has U+0410 CYRILLIC CAPITAL LETTER A" in run.stderr


def test_a_value_of_another_alphabet_that_looks_like_nothing_declared_is_just_a_value(
    tmp_path,
) -> None:
    # 'Студент' (Cyrillic, a student) looks like no declared outcome: counted apart, no error.
    for goals, data in _files(tmp_path, "exit", "Студент"):
        run = run_cli("check", goals, data, "--as-of", "2021-06-30", "--format", "json")
        assert run.exit_code == 0, run.stderr
        assert _figures(run.json())["work"] == 1


def test_a_plain_typo_beside_a_lookalike_is_not_called_a_lookalike(tmp_path) -> None:
    # 'Anstäilning' (i for l) is a typo, counted apart as ever; only the Cyrillic one is an error.
    goals, data = _files(tmp_path, "exit", "\u0410nställning")[0]
    data.write_text(data.read_text(encoding="utf-8").replace("Studier", "Anstäilning", 1))
    listed = run_cli("validate", goals, data, "--as-of", "2021-06-30")
    assert "lookalike_characters (1)" in listed.stdout
    assert "Anstäilning" not in listed.stdout
