"""`esfkit init`: a starter goal file that is valid for the file it was made from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from esfkit.api import load_goal_file, parse_goal_file_text
from tests.conftest import EXAMPLES
from tests.conftest import run_cli_en as run_cli

DATA_FILES = sorted(p for p in EXAMPLES.glob("*/deltagare.*") if p.suffix in (".csv", ".xlsx"))

MESSY = (
    "Löpnr;Kön ;Hemkommun;Datum inskrivning;Inskrivning;Slutdatum;Orsak till avslut;Handlingsplan\n"
    "1;Kvinna;Östersund;2022-01-10;2022-01-10;2022-06-01;Arbete;Ja\n"
    "2;man;Östersund;2022-01-12;2022-01-12;;;Nej\n"
    "3;Tjej;Åre;2022-02-01;2022-02-01;2022-09-30;Studier;ja\n"
    "4;Annat;Ostersund;2022-02-03;2022-02-03;2022-03-01;Flyttat;\n"
    "5;K;Åre;2022-03-01;2022-03-01;2022-12-01;Arbete ;Ja\n"
)


def _uncomment_goal_examples(text: str) -> str:
    """The starter file with its commented goal examples switched on."""
    head, goals = text.split("\ngoals:\n")
    lines = []
    for line in goals.splitlines():
        match = re.match(r"^  # (- id: .*|  \w+: .*)$", line)
        lines.append("  " + match.group(1) if match else line)
    return head + "\ngoals:\n" + "\n".join(lines)


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_init_output_for_every_example_is_a_valid_goal_file(data: Path, tmp_path: Path) -> None:
    goals = tmp_path / "goals.yml"
    run = run_cli("init", data, "-o", goals)
    assert run.exit_code == 0, run.stderr
    goal_file = load_goal_file(goals)
    assert {g.kind for g in goal_file.goals} >= {"count", "distribution"}
    checked = run_cli("check", goals, data, "--as-of", "2030-01-01")
    assert checked.exit_code == 0, checked.stderr
    validated = run_cli("validate", goals, data, "--as-of", "2030-01-01")
    assert validated.exit_code == 0, validated.stderr


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_init_commented_examples_cover_every_kind_and_load(data: Path) -> None:
    text = run_cli("init", data, "-o", "-").stdout
    goal_file = parse_goal_file_text(_uncomment_goal_examples(text))
    assert {g.kind for g in goal_file.goals} == {
        "count",
        "share",
        "composition",
        "parity",
        "distribution",
        "manual",
    }


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    goals = tmp_path / "goals.yml"
    goals.write_text("mine\n", encoding="utf-8")
    run = run_cli("init", DATA_FILES[0], "-o", goals)
    assert run.exit_code == 2
    assert "already exists" in run.stderr and "--force" in run.stderr
    assert goals.read_text(encoding="utf-8") == "mine\n"
    assert run_cli("init", DATA_FILES[0], "-o", goals, "--force").exit_code == 0
    assert goals.read_text(encoding="utf-8").startswith("# Starter goal file")


def test_init_never_writes_over_its_input(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text(MESSY, encoding="utf-8")
    run = run_cli("init", data, "-o", data, "--force")
    assert run.exit_code == 2 and "input file" in run.stderr


def test_init_on_an_unseen_messy_file_says_what_it_found(write, tmp_path: Path) -> None:
    data = write("deltagare.csv", MESSY)
    text = run_cli("init", data, "-o", "-").stdout
    goal_file = parse_goal_file_text(text)
    assert goal_file.data.columns["id"].header == "Löpnr"
    assert "GUESSED" in text  # "Löpnr" is not a header esfkit knows exactly
    assert goal_file.data.columns["start"].header == "Inskrivning"
    assert "also possible: Datum inskrivning" in text
    assert "# birth_date: ...   # NOT FOUND" in text
    assert goal_file.data.genders == {"Annat": "unknown"}  # an unknown code, flagged TODO
    assert goal_file.project.municipalities == ("Åre", "Östersund")
    assert "'Ostersund' (1 row) looks like a misspelling of 'Östersund'" in text
    assert goal_file.outcomes["work"] == ("Arbete",)
    assert "Flyttat" in goal_file.outcomes["dropped_out"]
    assert "# 1 row without an exit value" in text
    # The misspelling is left for check to point at, with its row.
    goals = write("goals.yml", text)
    run = run_cli("check", goals, data)
    assert run.exit_code == 2
    assert "row 5" in run.stderr and "Östersund" in run.stderr


def test_init_picks_the_sheet_that_holds_participants() -> None:
    data = EXAMPLES / "norrsken" / "deltagare.xlsx"  # the first sheet is "Läs mig"
    text = run_cli("init", data, "-o", "-").stdout
    assert "sheet: Deltagare" in text


def test_init_help_has_an_example() -> None:
    assert "Example: esfkit init" in run_cli("init", "--help").stdout


HAND_KEPT = (
    "Löpnr;Pers.nr;Kön (K/M);Bostadsort/kommun;Startdatum;Avslutsdatum;Resultat vid avslut\n"
    "1;19811218-9876;K;Östersund;2022-01-10;2022-06-01;Arbete\n"
    "2;121212-1212;M;2380;2022-01-12;;\n"
    "3;19811218-9876;Kvinan;Åre;2022-08-01;2022-09-30;Studier\n"
    "4;121212-1212;Hen;Åre;2022-02-03;2022-03-01;Arbete\n"
)


def test_init_reads_a_hand_kept_header_row_and_leaves_typos_for_check(write) -> None:
    data = write("deltagare.csv", HAND_KEPT)
    text = run_cli("init", data, "-o", "-").stdout
    goal_file = parse_goal_file_text(text)
    columns = {field: ref.header for field, ref in goal_file.data.columns.items()}
    assert columns == {
        "id": "Pers.nr",  # the personnummer, not the running number
        "gender": "Kön (K/M)",
        "municipality": "Bostadsort/kommun",
        "start": "Startdatum",
        "end": "Avslutsdatum",
        "exit": "Resultat vid avslut",
    }
    assert "also possible: Löpnr" in text
    # 2380 is Östersund's code: one municipality, not a second one called '2380'.
    assert goal_file.project.municipalities == ("Åre", "Östersund")
    # 'Kvinan' is a misspelt Kvinna, not an unknown gender; 'Hen' is the project's to say.
    assert goal_file.data.genders == {"Hen": "unknown"}
    assert "gender 'Kvinan' (1 row) looks like a misspelling of 'kvinna'" in text
    run = run_cli("check", write("goals.yml", text), data, "--as-of", "2022-12-31")
    assert run.exit_code == 2
    assert "row 4, column 'Kön (K/M)': 'Kvinan' is not a known gender" in run.stderr


def test_init_marks_a_running_number_as_a_guessed_id(write) -> None:
    data = write("d.csv", "Löpnr;Kön;Kommun;Startdatum\n1;K;Åre;2022-01-10\n")
    text = run_cli("init", data, "-o", "-").stdout
    assert "id: Löpnr   # participant id, GUESSED from the header: check" in text
