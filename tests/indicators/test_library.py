"""The indicator libraries, `include:`, and `esfkit indicators list/show`."""

from __future__ import annotations

from importlib import resources

import pytest

from esfkit.api import parse_goal_file_text
from esfkit.errors import GoalFileError
from esfkit.indicators import LIBRARIES, all_indicators, library
from tests.conftest import run_cli_en as run_cli

OUTCOMES = """\
outcomes:
  esf_employment: [Arbete, Eget företag]
  esf_education_training: [Studier]
  esf_job_searching: [Arbetssökande]
"""
HEAD = "Deltagar-ID;Kön;Födelsedatum;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak"


def _data(extra_header: str = "", rows: list[tuple[str, str, str]] | None = None) -> str:
    """Participants born so that they are 17, 18, 29, 30 and 55 at enrolment."""
    ages = [
        ("1", "Kvinna", "2004-06-01"),
        ("2", "Man", "2003-01-01"),
        ("3", "Kvinna", "1992-01-01"),
        ("4", "Man", "1991-01-01"),
        ("5", "Icke-binär", "1966-01-31"),
    ]
    lines = [HEAD + (f";{extra_header}" if extra_header else "")]
    for n, (pid, gender, born) in enumerate(ages):
        exit_value = ("Arbete", "Studier", "", "Eget företag", "Arbetssökande")[n]
        end = "2021-10-01" if exit_value else ""
        extra = f";{rows[n]}" if rows else ""
        lines.append(f"{pid};{gender};{born};Berg;2021-02-01;{end};{exit_value}{extra}")
    return "\n".join(lines) + "\n"


def _total(goal: dict) -> float:
    return next(c["value"] for c in goal["cells"] if c["dims"] == {})


@pytest.mark.parametrize("name", LIBRARIES)
def test_every_indicator_of_a_library_loads_as_a_goal(name: str) -> None:
    goal_file = parse_goal_file_text(f"version: 1\n{OUTCOMES}include: {name}\n")
    codes = [i.code for i in library(name).indicators]
    assert [g.id for g in goal_file.goals] == codes
    assert all(g.kind == "count" for g in goal_file.goals)
    assert all(g.title.startswith(g.id) for g in goal_file.goals)


def test_every_indicator_names_its_source_and_whether_it_was_verified() -> None:
    for indicator in all_indicators():
        assert indicator.name and indicator.type in (
            "output",
            "immediate result",
            "longer-term result",
        )
        if indicator.verified:
            assert "Annex I" in indicator.checked_against
        else:
            assert indicator.checked_against.startswith("not found")


def test_the_libraries_ship_inside_the_package() -> None:
    files = resources.files("esfkit.indicators")
    assert all(files.joinpath(f"{name}.yml").is_file() for name in LIBRARIES)


def test_age_bands_of_esf_plus_are_below_18_18_to_29_and_55_up(write) -> None:
    goals = write(
        "g.yml",
        f"version: 1\n{OUTCOMES}include: {{esf-plus: {{only: [EECO06, EECO07, EECO08, EECR02, EECR04]}}}}\n",
    )
    run = run_cli("check", goals, write("d.csv", _data()), "--as-of", "2022-01-01", "-f", "json")
    assert run.exit_code == 0, run.stderr
    totals = {g["id"]: _total(g) for g in run.json()["goals"]}
    assert totals == {"EECO06": 1, "EECO07": 2, "EECO08": 1, "EECR02": 1, "EECR04": 2}


def test_a_missing_outcome_group_is_a_located_error_with_the_fix() -> None:
    with pytest.raises(GoalFileError) as raised:
        parse_goal_file_text("version: 1\ninclude: esf-plus\n")
    text = str(raised.value)
    assert text.startswith("goals.yml:2:10:")
    assert "esf_employment" in text and "EECR04" in text
    assert "skip: [EECR01, EECR02, EECR04]" in text


def test_a_missing_column_names_it_and_how_to_map_it(write) -> None:
    goals = write(
        "g.yml", f"version: 1\n{OUTCOMES}include:\n  esf-plus: {{only: [EECO02, EECR04]}}\n"
    )
    run = run_cli("check", goals, write("d.csv", _data()))
    assert run.exit_code == 2
    assert "g.yml:7:3: include 'esf-plus' needs columns that d.csv does not have" in run.stderr
    assert "'Arbetsmarknadsstatus vid inskrivning' (labour_status, for EECO02)" in run.stderr
    assert "columns: {labour_status: <your header>}" in run.stderr


def test_a_column_under_another_header_is_mapped_in_the_include(write) -> None:
    goals = write(
        "g.yml",
        f"version: 1\n{OUTCOMES}include:\n  esf-plus:\n    only: [EECO02, EECO05]\n"
        "    columns: {labour_status: Status}\n    targets: {EECO02: 2}\n",
    )
    statuses = ["Arbetslös", "långtidsarbetslös ", "Anställd", "", "Inaktiv"]
    data = write("d.csv", _data("Status", statuses))
    run = run_cli("check", goals, data, "--as-of", "2022-01-01", "-f", "json")
    assert run.exit_code == 0, run.stderr
    results = {g["id"]: g for g in run.json()["goals"]}
    assert _total(results["EECO02"]) == 2
    assert results["EECO02"]["status"] == "met"
    assert _total(results["EECO05"]) == 1


def test_a_value_outside_the_indicator_codes_is_a_data_error_with_its_row(write) -> None:
    goals = write("g.yml", f"version: 1\n{OUTCOMES}include: {{esf-plus: {{only: [EECO09]}}}}\n")
    values = ["ISCED 0", "ISCED 3-4", "Gymnasium", "", "ISCED 5-8"]
    run = run_cli("check", goals, write("d.csv", _data("Utbildningsnivå vid inskrivning", values)))
    assert run.exit_code == 2
    assert "row 4" in run.stderr and "'Gymnasium'" in run.stderr
    assert "ISCED 1-2" in run.stderr


def test_unknown_library_and_codes_are_located_errors() -> None:
    with pytest.raises(
        GoalFileError, match=r"goals.yml:2:10: there is no indicator library 'esf\+'"
    ):
        parse_goal_file_text("version: 1\ninclude: esf+\n")
    with pytest.raises(GoalFileError, match="did you mean 'EECR04'"):
        parse_goal_file_text("version: 1\ninclude: {esf-plus: {only: [EECR4]}}\n")


def test_included_goal_ids_cannot_clash_with_the_files_own() -> None:
    text = f"version: 1\n{OUTCOMES}include: {{esf-plus: {{only: [EECO01]}}}}\ngoals:\n  - id: EECO01\n    count: everyone\n"
    with pytest.raises(GoalFileError, match="goal id 'EECO01' is used twice"):
        parse_goal_file_text(text)


def test_indicators_list_and_show() -> None:
    listed = run_cli("indicators", "list")
    assert listed.exit_code == 0
    assert "EECR04" in listed.stdout and "CR09" in listed.stdout
    assert "EECO16 ?" in listed.stdout  # not checked against the regulation text
    only = run_cli("indicators", "list", "--library", "esf-2014").stdout
    assert "EECO01" not in only and "CO01" in only
    shown = run_cli("indicators", "show", "eecr04")
    assert shown.exit_code == 0
    assert "participants in employment, including self-employment, upon leaving" in shown.stdout
    assert "outcome group esf_employment" in shown.stdout
    assert "only: [EECR04]" in shown.stdout
    unknown = run_cli("indicators", "show", "EECR4")
    assert unknown.exit_code == 2 and "did you mean 'EECR04'" in unknown.stderr


def test_indicators_help_has_examples() -> None:
    assert "Example: esfkit indicators list" in run_cli("indicators", "list", "--help").stdout
    assert (
        "Example: esfkit indicators show EECR04" in run_cli("indicators", "show", "--help").stdout
    )


def test_template_with_an_include_has_the_indicator_columns(write, tmp_path) -> None:
    import openpyxl

    goals = write(
        "g.yml", f"version: 1\n{OUTCOMES}include: {{esf-plus: {{only: [EECO02, EECO09]}}}}\n"
    )
    out = tmp_path / "t.xlsx"
    assert run_cli("template", "-o", out, "--goals", goals).exit_code == 0
    book = openpyxl.load_workbook(out)
    headers = [c.value for c in book["Deltagare"][1]]
    assert "Arbetsmarknadsstatus vid inskrivning" in headers
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in book["Listor"].columns}
    assert lists["Utbildningsnivå vid inskrivning"] == [
        "ISCED 0",
        "ISCED 1-2",
        "ISCED 3-4",
        "ISCED 5-8",
    ]


def test_indicators_list_speaks_one_language() -> None:
    """Swedish: each goal's Swedish title; English: the regulation's official names; never
    both in one run (issue 14: 5)."""
    swedish = run_cli("indicators", "list", "--lang", "sv").stdout
    english = run_cli("indicators", "list").stdout
    assert "EECO01   Totalt antal deltagare" in swedish
    assert "total number of participants" not in swedish
    assert "EECO01   total number of participants" in english
    assert "Totalt antal deltagare" not in english and "gemensamma" not in english
    assert "ESF+ 2021–2027, common indicators for participants" in english
    for lib in LIBRARIES:
        for indicator in library(lib).indicators:
            assert indicator.code in swedish and indicator.name in english
