"""`esfkit validate`: every finding, grouped by kind, located; and `check` running it first."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pandas as pd
import pytest
import yaml

from esfkit.api import load_goal_file, validate_file
from esfkit.findings import ERROR, KINDS, WARNING, summarise
from tests.conftest import EXAMPLES, example_data
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli

GOALS = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
"""
HEADER = "Personnummer;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
GOOD = "19811218-9876;Kvinna;Östersund;2021-01-01;2021-03-01;Studier\n"  # a valid number


def validate(write, data: str, goals: str = GOALS, *more: str):
    return run_cli("validate", write("g.yml", goals), write("d.csv", data), *more)


def kinds_in(stdout: str) -> dict[str, int]:
    return {
        m[1]: int(m[2]) for m in re.finditer(r"^(?:error|warning) (\w+) \((\d+)\)", stdout, re.M)
    }


def test_a_clean_file_has_no_findings_and_exits_0(write) -> None:
    run = validate(write, HEADER + GOOD, GOALS, "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "0 errors, 0 warnings" in run.stdout and "no findings" in run.stdout


@pytest.mark.parametrize(
    ("line", "kind", "located"),
    [
        ("121212-1212;Kvinan;Östersund;2021-01-01;;", "gender_code", "row 3, column 'Kön'"),
        ("121212-1212;K;Östersund;2021-02-30;;", "bad_date", "column 'Inskrivningsdatum'"),
        ("121212-1212;K;Östersund;2021-05-01;2021-04-01;", "exit_before_start", "row 3"),
    ],
)
def test_errors_are_located_and_exit_2(write, line, kind, located) -> None:
    run = validate(write, HEADER + GOOD + line + "\n")
    assert run.exit_code == 2
    assert kinds_in(run.stdout) == {kind: 1}
    assert f"error {kind} (1)" in run.stdout
    assert f"d.csv, {located}" in run.stdout or located in run.stdout
    assert "what to do:" in run.stdout


def test_findings_are_grouped_by_kind_with_counts_errors_first(write) -> None:
    data = (
        HEADER
        + GOOD
        + "198501011234;Man;Ostersund;2021-01-01;;\n"  # bad Luhn, misspelt municipality
        + "121212-1212;Kvinan;2380;2021-01-01;;\n"  # code for Östersund; bad gender
        + "121212-1212;Kvinan;2380;2021-01-01;;\n"  # the same row again
        + ";Man;Pitea;2021-01-01;;\n"  # no id
        + ";Man;Gotham;2021-01-01;;\n"
    )
    run = validate(write, data, GOALS, "--as-of", "2021-12-31")
    assert run.exit_code == 2
    found = kinds_in(run.stdout)
    assert found == {
        "gender_code": 1,
        "invalid_personnummer": 1,
        "municipality_spelling": 2,
        "not_a_municipality": 1,
        "missing_id": 1,
        "duplicate_row": 1,
    }
    first_warning = run.stdout.index("warning ")
    assert run.stdout.index("error gender_code") < first_warning
    assert "rows 4, 5, column 'Kön': 'Kvinan'" in run.stdout
    assert "'Ostersund' is close to the municipality 'Östersund'" in run.stdout
    assert "'Pitea' is close to the municipality 'Piteå'" in run.stdout
    assert "2380" not in run.stdout.split("municipality_spelling")[1].split("warning")[0]


def test_a_personnummer_never_appears_in_any_output(write) -> None:
    data = HEADER + GOOD + "198501011234;Kvinan;Östersund;2021-01-01;;\n"
    goals, path = write("g.yml", GOALS), write("d.csv", data)
    outputs = [
        run_cli("validate", goals, path),
        run_cli("check", goals, path),
        run_cli("explain", goals, path, "recruited"),
    ]
    for run in outputs:
        text = run.stdout + run.stderr
        assert "1234" not in text and "9876" not in text, text
    assert "19850101-****" in outputs[0].stdout


def test_strict_makes_warnings_fail(write) -> None:
    data = HEADER + GOOD + "19811218-9876;Kvinna;Ostersund;2021-06-01;;\n"
    assert validate(write, data, GOALS, "--as-of", "2021-12-31").exit_code == 0
    run = validate(write, data, GOALS, "--as-of", "2021-12-31", "--strict")
    assert run.exit_code == 2
    assert "re_enrolment" in run.stdout  # separate periods: Jan-Mar, then June


def test_overlapping_enrolments_are_their_own_kind(write) -> None:
    data = HEADER + GOOD + "19811218-9876;Kvinna;Östersund;2021-02-01;;\n"
    run = validate(write, data, GOALS, "--as-of", "2021-12-31")
    assert kinds_in(run.stdout) == {"overlapping_enrolments": 1}
    assert "19811218-****" in run.stdout and "rows 2, 3" in run.stdout


def test_a_duplicate_row_is_an_error_when_every_enrolment_counts(write) -> None:
    goals = GOALS.replace("version: 1\n", "version: 1\ndata: {unit: enrolment}\n")
    run = validate(write, HEADER + GOOD + GOOD, goals)
    assert run.exit_code == 2 and "error duplicate_row (1)" in run.stdout


def test_undeclared_municipality_is_an_error_with_a_suggestion(write) -> None:
    goals = GOALS.replace("end: 2021-12-31", "end: 2021-12-31, municipalities: [Åre, Berg]")
    data = HEADER + GOOD.replace("Östersund", "Are")
    run = validate(write, data, goals)
    assert run.exit_code == 2
    assert "error undeclared_municipality (1)" in run.stdout
    assert "did you mean 'Åre'?" in run.stdout


def test_check_stops_on_errors_pointing_at_validate(write) -> None:
    data = HEADER + GOOD + "19811218-9876;Kvinan;Östersund;2021-02-30;;\n"
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", data))
    assert run.exit_code == 2
    assert "2 errors in the data stop check" in run.stderr
    assert "d.csv, row 3, column 'Kön': 'Kvinan' is not a known gender" in run.stderr
    assert "esfkit validate" in run.stderr
    assert "Traceback" not in run.stderr


def test_check_summarises_warnings_in_the_report_header(write) -> None:
    data = HEADER + GOOD + "198501011234;Man;Ostersund;2021-01-01;;\n"
    run = run_swedish("check", write("g.yml", GOALS), write("d.csv", data), "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stderr
    assert "Rader med kommunnamn som liknar ett officiellt namn men räknas för sig: 1" in run.stdout
    assert "Rader med ogiltigt personnummer (kontrollsiffra eller datum): 1" in run.stdout
    json_run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", data), "--as-of", "2021-12-31", "-f", "json"
    )
    kinds = {f["kind"] for f in json_run.json()["findings"]}
    assert {"municipality_spelling", "invalid_personnummer"} <= kinds


def test_a_municipality_code_counts_as_its_name(write) -> None:
    goals = GOALS + "    breakdown: [municipality]\n"
    data = HEADER + GOOD + "811218-9876;Kvinna;2380;2022-01-01;;\n"
    run = run_cli(
        "check", write("g.yml", goals), write("d.csv", data), "--as-of", "2022-12-31", "-f", "json"
    )
    assert run.exit_code == 0, run.stderr
    cells = run.json()["goals"][0]["cells"]
    assert [c["dims"] for c in cells if c["dims"]] == [{"municipality": "Östersund"}]


def test_header_below_title_rows_is_found_in_a_workbook(tmp_path, write) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Deltagarlista Vägar till egen försörjning"
    sheet["A2"] = "Uppdaterad 2021-12-01"
    for c, value in enumerate(HEADER.strip().split(";"), start=1):
        sheet.cell(row=4, column=c, value=value)
    for c, value in enumerate(["811218-9876", "Kvinan", "Åre", "2021-01-01"], start=1):
        sheet.cell(row=5, column=c, value=value)
    path = tmp_path / "d.xlsx"
    book.save(path)
    run = run_cli("validate", write("g.yml", GOALS), path)
    assert "d.xlsx, row 5, column 'Kön': 'Kvinan'" in run.stdout, run.stdout + run.stderr
    goals = GOALS.replace("version: 1\n", "version: 1\ndata: {header_row: 2}\n")
    run = run_cli("validate", write("g2.yml", goals), path)
    assert run.exit_code == 2 and "Personnummer" not in run.stdout
    run = run_cli(
        "validate",
        write("g3.yml", GOALS.replace("version: 1\n", "version: 1\ndata: {header_row: 40}\n")),
        path,
    )
    assert run.exit_code == 2 and "past the end" in run.stderr and "row 40" in run.stderr


def test_header_row_must_be_a_positive_row_number(write) -> None:
    goals = GOALS.replace("version: 1\n", "version: 1\ndata: {header_row: zero}\n")
    run = validate(write, HEADER + GOOD, goals)
    assert run.exit_code == 2 and "g.yml:2:" in run.stderr and "header_row" in run.stderr


def test_every_kind_has_a_severity_and_labels_in_both_languages() -> None:
    from esfkit.i18n import LABELS

    for kind, (severity, meaning) in KINDS.items():
        assert severity in (ERROR, WARNING) and meaning
        for lang in ("sv", "en"):
            assert f"finding.{kind}" in LABELS[lang], (lang, kind)


def test_the_data_documentation_lists_every_finding_kind() -> None:
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"| `{kind}` |" in text, kind


def test_a_distribution_over_a_column_of_personnummer_shows_them_masked(write) -> None:
    goals = GOALS + "  - id: who\n    title: Vem\n    distribution: Anhörigs pnr\n"
    data = "Deltagar-ID;Kön;Anhörigs pnr\nD1;Kvinna;198501011234\nD2;Man;811218-9876\n"
    run = run_cli("check", write("g.yml", goals), write("d.csv", data), "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stderr
    assert "1234" not in run.stdout and "9876" not in run.stdout
    assert "19850101-****" in run.stdout


@pytest.mark.parametrize(
    "folder", sorted(p.name for p in EXAMPLES.iterdir() if (p / "goals.yml").is_file())
)
def test_validate_is_clean_on_every_example(folder: str) -> None:
    path = EXAMPLES / folder
    expected = yaml.safe_load((path / "expected.yml").read_text(encoding="utf-8"))
    data = example_data(path, expected)
    run = run_cli("validate", path / "goals.yml", *data, "--as-of", str(expected["as_of"]))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert " 0 errors" in run.stdout


def test_a_sum_row_below_the_participants_is_an_error(write) -> None:
    data = HEADER + GOOD + "Totalt;;;;;\n"
    run = validate(write, data)
    assert run.exit_code == 2
    assert "error total_row (1)" in run.stdout and "row 3 is a 'Totalt' row" in run.stdout


def test_a_slashed_date_that_reads_two_ways_is_an_error_naming_its_row(write) -> None:
    data = HEADER + GOOD + "121212-1212;K;Östersund;5/3/2021;;\n"
    run = validate(write, data)
    assert run.exit_code == 2
    assert kinds_in(run.stdout) == {"ambiguous_date": 1}
    assert "d.csv, row 3, column 'Inskrivningsdatum': start date '5/3/2021'" in run.stdout
    assert "2021-03-01" in run.stdout  # what to do: an ISO date
    check = run_cli("check", write("g.yml", GOALS), write("d.csv", data))
    assert check.exit_code == 2 and "row 3" in check.stderr


def test_slashed_dates_are_read_day_first_where_the_column_shows_it(write) -> None:
    # 25/3/2021 shows the column writes the day first, so 5/3/2021 is 5 March, before the
    # exit on 1 April (read month first it would be 3 May, after the exit).
    data = (
        HEADER
        + "121212-1212;K;Östersund;5/3/2021;2021-04-01;\n"
        + "19811218-9876;Kvinna;Östersund;25/3/2021;;\n"
    )
    run = validate(write, data, GOALS, "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stdout
    assert " 0 errors" in run.stdout


def _workbook(path, rows) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_a_formula_without_a_saved_value_is_an_error_naming_rows_and_column(tmp_path, write):
    # openpyxl, like any program, writes the formula but not its result: Excel never ran it.
    path = tmp_path / "d.xlsx"
    header = ["Deltagar-ID", "Kod", "Kön", "Inskrivningsdatum"]
    rows = [[f"D{r}", "K", f'=IF(B{r}="K","Kvinna","Man")', "2021-01-04"] for r in (2, 3, 4)]
    _workbook(path, [header, *rows])
    run = run_cli("validate", write("g.yml", GOALS), path)
    assert run.exit_code == 2
    assert kinds_in(run.stdout) == {"formula_without_value": 1}
    assert "d.xlsx, rows 2–4 (3 rows), column 'Kön': 3 cells in column 'Kön' hold a formula" in (
        run.stdout
    )
    assert "open the file in Excel or LibreOffice and save it" in run.stdout
    assert run_cli("check", write("g.yml", GOALS), path).exit_code == 2


def test_formulas_with_saved_values_read_as_those_values(write) -> None:
    path = EXAMPLES / "norrsken" / "deltagare.xlsx"
    run = run_cli("validate", EXAMPLES / "norrsken" / "goals.yml", path, "--as-of", "2014-06-30")
    assert "formula_without_value" not in run.stdout


def test_notes_below_the_list_are_errors_and_a_sum_row_above_them_is_found(write) -> None:
    data = (
        HEADER
        + GOOD
        + "Summa;;;;;1\n"
        + "Anteckningar:;;;;;\n"
        + "K = kvinna, M = man;;;;;\n"
        + "Rad 2 ska kontrolleras;;;;;\n"
        + "Kontakt: projektledaren;;;;;\n"
        + "Senast ändrad av Anna;;;;;\n"
        + "Se blad 2;;;;;\n"
    )
    run = validate(write, data)
    assert run.exit_code == 2
    assert kinds_in(run.stdout) == {"total_row": 1, "note_row": 6}
    assert "row 3 is a 'Summa' row" in run.stdout
    assert "d.csv, row 4, column 'Personnummer': row 4 holds only the text 'Anteckningar:'" in (
        run.stdout
    )


def test_an_id_typed_alone_at_the_bottom_is_not_taken_for_a_note(write) -> None:
    run = validate(write, HEADER + GOOD + "D0042;;;;;\n", GOALS, "--as-of", "2021-12-31")
    assert "note_row" not in run.stdout


def test_a_personnummer_typed_in_the_wrong_column_is_masked_everywhere(write) -> None:
    goals = GOALS + "  - id: exits\n    title: Avslut\n    distribution: exit\n"
    data = HEADER + GOOD + "121212-1212;Man;198501011234;2021-01-01;2021-02-01;811218-9876\n"
    g, d = write("g.yml", goals), write("d.csv", data)
    runs = [
        run_cli("validate", g, d),
        run_cli("check", g, d, "--as-of", "2021-12-31"),
        run_cli("check", g, d, "--as-of", "2021-12-31", "-f", "json"),
        run_cli("init", d, "-o", "-"),
    ]
    for run in runs:
        text = run.stdout + run.stderr
        assert "1234" not in text and "9876" not in text, text
    assert "19850101-****" in runs[1].stdout and "811218-****" in runs[2].stdout
    bad = HEADER + GOOD + "121212-1212;198501011234;Åre;2021-01-01;;\n"  # in the gender column
    run = validate(write, bad)
    assert run.exit_code == 2 and "'19850101-****' is not a known gender" in run.stdout
    assert "1234" not in run.stdout


def test_json_findings_carry_their_severity(write) -> None:
    data = HEADER + GOOD + "198501011234;Man;Ostersund;2021-01-01;;\n" + ";Kvinna;;2021-02-01;;\n"
    run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", data), "--as-of", "2021-12-31", "-f", "json"
    )
    findings = run.json()["findings"]
    assert {"municipality_spelling", "invalid_personnummer", "missing_id"} <= {
        f["kind"] for f in findings
    }
    for finding in findings:
        assert list(finding) == ["kind", "severity", "count", "rows"]
        assert finding["severity"] == KINDS[finding["kind"]][0] == WARNING


def test_check_finds_what_its_header_shows_and_cleans_from_the_dates_validation_read(
    write,
) -> None:
    data = (
        HEADER
        + GOOD
        + "19811218-9876;Kvinna;Östersund;2021-06-01;;\n"  # re-enrolled
        + "198501011234;Man;Ostersund;2021-02-01;2021-05-01;\n"
        + "198501011234;Man;Ostersund;20210401;;\n"  # overlapping
        + " X1 ;Man;Berg;44256;;\n"
        + "x1;Man;Berg;2021-03-02;;\n"  # overlapping, keyed as ' X1 ' is
    )
    goal_file = load_goal_file(write("g.yml", GOALS))
    path = write("d.csv", data)
    as_of = dt.date(2022, 6, 30)
    every = validate_file(path, goal_file, as_of)
    for_check = validate_file(path, goal_file, as_of, every=False)
    assert "re_enrolment" in {f.kind for f in every.findings}
    shown = [f for f in every.findings if f.kind != "re_enrolment"]
    assert summarise(for_check.findings) == summarise(shown)
    assert {f.kind for f in for_check.findings} == {f.kind for f in shown}
    assert sum(f.kind == "overlapping_enrolments" for f in every.findings) == 2
    expected = every.participants
    pd.testing.assert_frame_equal(for_check.participants.frame, expected.frame)
    assert for_check.participants.findings == expected.findings


def _rows_listed(stdout: str, kind: str) -> list[int]:
    """The rows of the first finding of ``kind``, read back from a list without '…'."""
    line = stdout.split(f" {kind} (", 1)[1].splitlines()[1]
    listed = re.match(r"\s+d\.csv, rows? ([\d–, ]+?)(?: \(\d+ rows\))?, column", line)
    assert listed and "…" not in line, line
    rows: list[int] = []
    for item in listed[1].split(", "):
        first, _, last = item.partition("–")
        rows += range(int(first), int(last or first) + 1)
    return rows


def test_validate_shows_the_reports_own_warnings_while_the_data_has_errors(write) -> None:
    data = HEADER + GOOD
    data += "121212-1212;Kvinan;Östersund;2021-01-01;;\n"  # error: line 3
    data += "D4;Man;Östersund;2021-01-01;2021-02-01;\n"  # exited, no outcome: line 4
    data += "D5;;Östersund;2021-05-01;;\n"  # no gender: line 5
    data += "D6;Man;Narnia;2021-06-01;;\n"  # not a municipality: line 6
    run = validate(write, data, GOALS, "--as-of", "2021-12-31")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert kinds_in(run.stdout) == {
        "gender_code": 1,
        "no_outcome": 1,
        "unknown_gender": 1,
        "not_a_municipality": 1,
    }
    assert "d.csv: 5 rows; 1 error, 3 warnings\n" in run.stdout
    assert "(the report's own findings count the 4 rows without an error)" in run.stdout
    assert "d.csv, row 4: Exited without an exit outcome: 1" in run.stdout
    clean = validate(write, data.replace("Kvinan", "Kvinna"), GOALS, "--as-of", "2021-12-31")
    assert kinds_in(clean.stdout) == {
        k: n for k, n in kinds_in(run.stdout).items() if k != "gender_code"
    }
    assert "rows without an error" not in clean.stdout


def test_validate_says_why_the_reports_own_findings_are_missing_when_they_cannot_be_had(
    write,
) -> None:
    # The include needs a column the file lacks: with clean data that is the error; with
    # errors in the data, the data's findings are listed and the missing part is named.
    goals = GOALS + "outcomes: {esf_employment: [Arbete]}\ninclude: {esf-plus: {only: [EECO02]}}\n"
    run = validate(write, HEADER + GOOD + "121212-1212;Kvinan;Östersund;2021-01-01;;\n", goals)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert kinds_in(run.stdout) == {"gender_code": 1}
    assert "(the report's own findings are left out until the errors are corrected: " in run.stdout
    assert "include 'esf-plus' needs columns that d.csv does not have" in run.stdout
    clean = validate(write, HEADER + GOOD, goals)
    assert clean.exit_code == 2 and "needs columns that d.csv does not have" in clean.stderr


def test_a_long_list_of_rows_is_folded_and_all_lists_every_row(write) -> None:
    bad = [*range(12, 41), 52, 61, *range(100, 476, 2)]  # 219 rows
    lines = [
        f"19811218-9876;{'Q' if n in bad else 'Kvinna'};Östersund;2021-01-01;;\n"
        for n in range(2, 480)
    ]
    data = HEADER + "".join(lines)
    run = validate(write, data, GOALS, "--as-of", "2021-12-31")
    assert run.exit_code == 2
    assert (
        "d.csv, rows 12–40, 52, 61, 100, 102, 104, 106, 108 … (219 rows), column 'Kön': "
        "'Q' is not a known gender" in run.stdout
    )
    every = validate(write, data, GOALS, "--as-of", "2021-12-31", "--all")
    assert every.exit_code == 2
    assert _rows_listed(every.stdout, "gender_code") == bad
    assert "d.csv, rows 12–40, 52, 61, 100, 102, " in every.stdout and "(219 rows)" in every.stdout


# --- every path that cleans runs the checks first --------------------------------------------

ONCE_GOALS = GOALS.replace("end: 2021-12-31}", "end: 2021-12-31, municipalities: [Berg, Åre]}")
ONCE_HEADER = "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum\n"
ONCE_GOOD = "D1;Kvinna;Berg;2021-02-01;2021-03-01\nD2;Man;Åre;2021-02-01;\n"
# Each rule once judged in two places (a finding, and an error cleaning raised): the bad row,
# the finding's kind, and what its message quotes.
ONCE_RULES = [
    ("D3;Q;Berg;2021-02-01;\n", "gender_code", "'Q' is not a known gender"),
    ("D3;Man;Kiruna;2021-02-01;\n", "undeclared_municipality", "'Kiruna' is not in"),
    ("D3;Man;Berg;2021-02-30;\n", "bad_date", "'2021-02-30' cannot be read"),
    ("D3;Man;Berg;2021-05-01;2021-04-01\n", "exit_before_start", "2021-04-01 is before"),
]


@pytest.mark.parametrize(("row", "kind", "said"), ONCE_RULES, ids=[r[1] for r in ONCE_RULES])
def test_every_path_that_cleans_stops_on_the_checks_error(write, row, kind, said) -> None:
    """check, explain, the library and the benchmark refuse the data with the error the
    checks found, as validate lists it: none cleans without the checks, which say each rule
    once (cleaning no longer judges a cell, so a path that skipped them would go on)."""
    import esfkit
    from esfkit.errors import DataError

    goals, data = write("g.yml", ONCE_GOALS), write("d.csv", ONCE_HEADER + ONCE_GOOD + row)
    listed = run_cli("validate", goals, data, "--as-of", "2021-12-31")
    assert listed.exit_code == 2 and kinds_in(listed.stdout).get(kind) == 1, listed.stdout
    for command, *goal in (["check"], ["explain", "recruited"]):
        run = run_cli(command, goals, data, *goal, "--as-of", "2021-12-31")
        assert run.exit_code == 2, run.stdout + run.stderr
        assert f"in the data stop {command}" in run.stderr and said in run.stderr, run.stderr
    calls = {
        "check": lambda: esfkit.check(goals, data, as_of="2021-12-31"),
        "explain": lambda: esfkit.explain(goals, data, "recruited", as_of="2021-12-31"),
        "read_participants": lambda: esfkit.read_participants(data, goals, as_of="2021-12-31"),
        "bench": lambda: _bench_engine(data, goals),
    }
    for command, call in calls.items():
        with pytest.raises(DataError) as stopped:
            call()
        assert f"in the data stop {command}" in str(stopped.value), command
        assert said in str(stopped.value), command
    found = esfkit.validate(goals, data, as_of="2021-12-31")
    assert [f.kind for f in found if f.is_error] == [kind]


def _bench_engine(data, goals):
    """bench/run.py's engine (checks, clean, evaluate) on ``data``."""
    import importlib
    import sys

    from esfkit.api import load_goal_file
    from esfkit.data.read import read_table
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        run = importlib.import_module("run")
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return run._engine(read_table(data), load_goal_file(goals))


def test_cleaning_without_the_checks_is_refused(write) -> None:
    """clean takes what the checks read in the very rows it cleans, and nothing else."""
    from esfkit.data.participants import Parsed, clean
    from esfkit.data.read import read_table

    raw = read_table(write("d.csv", ONCE_HEADER + ONCE_GOOD))
    columns = {"id": "Deltagar-ID", "gender": "Kön", "municipality": "Kommun"}
    with pytest.raises(RuntimeError, match="checks"):
        clean(raw, columns, dt.date(2021, 12, 31), Parsed())


def test_the_report_s_own_findings_count_the_rows_the_checks_passed(write) -> None:
    """While the data has errors, validate counts the rest with what the checks read: a sum
    row's cell ('12' under the start date) is not judged again after the row is set aside
    (it once was, and the report's own findings were left out for it)."""
    data = ONCE_HEADER + ONCE_GOOD + "Totals;;;12;8\n"
    run = run_cli(
        "validate", write("g.yml", ONCE_GOALS), write("d.csv", data), "--as-of", "2021-12-31"
    )
    assert run.exit_code == 2 and kinds_in(run.stdout)["total_row"] == 1, run.stdout
    assert "the report's own findings count the 2 rows without an error" in run.stdout


def test_a_date_that_reads_two_ways_is_not_judged_on_a_guess(write) -> None:
    # Read day first, the exit (6 March) is before the start (1 December); month first
    # (3 June after 12 January) it is not. Which is meant is asked, nothing else said.
    data = HEADER + "19811218-9876;Kvinna;Östersund;1/12/2020;6/3/2020;Studier\n"
    run = validate(write, data)
    assert kinds_in(run.stdout) == {"ambiguous_date": 2}, run.stdout


def test_a_note_row_s_what_to_do_comes_before_its_cell_s_gender(write) -> None:
    data = HEADER + GOOD + ";K = kvinna, M = man;;;;\n"
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", data))
    assert run.exit_code == 2
    assert "hint: delete the note, or move it to another sheet" in run.stderr, run.stderr
    validated = validate(write, data)
    assert list(kinds_in(validated.stdout))[:2] == ["note_row", "gender_code"]
    assert "`K = kvinna, M = man: women`, `men`, `nonbinary` or `unknown`" in validated.stdout


def test_a_gender_code_typed_in_two_cases_is_one_finding(write) -> None:
    # data.genders is read by key: one declaration covers both spellings.
    data = HEADER + GOOD.replace("Kvinna", "Annat") + GOOD.replace("Kvinna", "annat ")
    run = validate(write, data)
    assert kinds_in(run.stdout)["gender_code"] == 1, run.stdout
    assert "rows 2, 3" in run.stdout, run.stdout
