"""The default report date: today, or the project's end once that has passed, said so in
every format (issue 13, item 10). "Today" is given to the command, never patched."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from esfkit.engine.population import Period, ReportDate, report_date_from_option
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli

END = dt.date(2021, 12, 31)
LATER = dt.date(2030, 6, 15)
GOALS = """\
version: 1
project: {name: Avslutat, start: 2020-01-01, end: 2021-12-31}
goals:
  - id: recruited
    count: everyone
    target: 4
  - id: studies
    share: {exit: Studier}
    of: exited
    target: 50 %
"""
DATA = (
    "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
    "1;Kvinna;Berg;2020-01-01;2021-03-01;Studier\n"
    "2;Man;Åre;2020-02-01;2021-12-31;Arbete\n"
    "3;Kvinna;Åre;2021-02-01;2022-03-01;Studier\n"
)


@pytest.mark.parametrize(
    ("as_of", "period", "end", "today", "expected"),
    [
        (None, None, END, LATER, ReportDate(END, project_end=True)),
        (None, None, END, dt.date(2021, 6, 1), ReportDate(dt.date(2021, 6, 1))),
        (None, None, END, END, ReportDate(END)),  # the last day is not past
        (None, None, None, LATER, ReportDate(LATER)),
        ("2021-06-30", None, END, LATER, ReportDate(dt.date(2021, 6, 30))),
        ("2022-06-30", None, END, LATER, ReportDate(dt.date(2022, 6, 30))),
        (None, Period(dt.date(2021, 1, 1), dt.date(2021, 6, 30), "2021H1"), END, LATER,
         ReportDate(dt.date(2021, 6, 30))),
        (None, Period(dt.date(2021, 7, 1), dt.date(2022, 6, 30), "x"), END, LATER,
         ReportDate(END, project_end=True)),
        (None, Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2023"), END, LATER,
         ReportDate(dt.date(2023, 12, 31))),
    ],
)  # fmt: skip
def test_default_report_date(as_of, period, end, today, expected) -> None:
    assert report_date_from_option(as_of, period, end, today) == expected


@pytest.fixture
def files(write):
    return write("goals.yml", GOALS), write("deltagare.csv", DATA)


@pytest.mark.parametrize(
    ("fmt", "lang", "shown"),
    [
        ("table", "sv", "2021-12-31 (projektets slut)"),
        ("table", "en", "2021-12-31 (the project's end)"),
        ("markdown", "sv", "- **Rapportdatum:** 2021-12-31 (projektets slut)"),
        ("text", "en", "2021-12-31 (the project's end)"),
        ("html", "sv", "<dd>2021-12-31 (projektets slut)</dd>"),
    ],
)
def test_a_finished_project_is_reported_at_its_end(files, fmt, lang, shown) -> None:
    run = run_cli("check", *files, "-f", fmt, "--lang", lang, "--width", "200", today=LATER)
    assert run.exit_code == 0, run.stderr
    assert shown in run.stdout
    # rows 1 and 2 have left by the end; row 3 (exit 2022) is counted as enrolled
    assert "2030" not in run.stdout


def test_json_says_the_date_is_the_projects_end(files) -> None:
    report = run_cli("check", *files, "-f", "json", today=LATER).json()
    assert report["as_of"] == "2021-12-31"
    assert report["as_of_is_project_end"] is True
    studies = next(g for g in report["goals"] if g["id"] == "studies")
    assert studies["cells"][0]["denominator"] == 2  # row 3 left after the end: enrolled


def test_xlsx_header_says_the_date_is_the_projects_end(files, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    run = run_swedish("check", *files, "-o", out, today=LATER)
    assert run.exit_code == 0, run.stderr
    sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "2021-12-31 (projektets slut)" in texts


@pytest.mark.parametrize("today", [dt.date(2021, 6, 1), END])
def test_a_running_project_is_reported_today_without_a_note(files, today) -> None:
    run = run_cli("check", *files, "-f", "json", today=today)
    assert run.json()["as_of"] == today.isoformat()
    assert "as_of_is_project_end" not in run.json()
    assert "projektets slut" not in run_cli("check", *files, today=today).stdout


def test_as_of_given_is_never_called_the_projects_end(files) -> None:
    run = run_swedish("check", *files, "--as-of", "2021-12-31", today=LATER)
    assert "Rapportdatum" in run.stdout
    assert "projektets slut" not in run.stdout


def test_validate_and_explain_name_the_projects_end(files) -> None:
    validate = run_cli("validate", *files, today=LATER)
    assert validate.exit_code == 0, validate.stderr
    assert validate.stdout.startswith("report date 2021-12-31 (the project's end)\n")
    text = run_cli("explain", *files, "studies", today=LATER)
    assert "report date 2021-12-31 (the project's end)" in text.stdout
    assert "in the denominator: 2" in text.stdout
    found = json.loads(run_cli("explain", *files, "studies", "-f", "json", today=LATER).stdout)
    assert (found["as_of"], found["as_of_is_project_end"]) == ("2021-12-31", True)


def test_history_records_the_projects_end(files, tmp_path) -> None:
    history = tmp_path / "history.csv"
    run = run_cli("check", *files, "--history", history, today=LATER)
    assert run.exit_code == 0, run.stderr
    lines = history.read_text(encoding="utf-8").splitlines()[1:]
    assert lines and all(line.startswith("2021-12-31,") for line in lines)
    shown = run_cli("history", history)
    assert "2021-12-31" in shown.stdout


def test_a_date_with_a_time_on_the_report_date_counts_as_that_day(write, tmp_path) -> None:
    # Excel date-times on the project's last day, the default report date: a start at 08:15
    # is in the report, an exit at 15:30 has exited by it, and an exit at 09:00 after a start
    # at 10:00 the same day is not before it. Read as days, in a workbook and in a CSV.
    at = dt.datetime
    rows = [
        ["1", "Kvinna", "Berg", at(2020, 1, 1), at(2021, 12, 31, 15, 30), "Studier"],
        ["2", "Man", "Åre", at(2021, 12, 31, 8, 15), None, None],
        ["3", "Kvinna", "Åre", at(2021, 6, 1, 10, 0), at(2021, 6, 1, 9, 0), "Arbete"],
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(DATA.splitlines()[0].split(";"))
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "deltagare.xlsx")
    text = "".join(
        ";".join(f"{c:%Y-%m-%d %H:%M}" if isinstance(c, dt.datetime) else c or "" for c in row)
        + "\n"
        for row in rows
    )
    csv = write("deltagare.csv", DATA.splitlines(keepends=True)[0] + text)
    for data in (tmp_path / "deltagare.xlsx", csv):
        run = run_cli("check", write("goals.yml", GOALS), data, "--format", "json")
        assert run.exit_code == 0, run.stderr
        recruited, studies = run.json()["goals"]
        assert recruited["cells"][0]["value"] == 3
        total = studies["cells"][0]
        assert (total["numerator"], total["denominator"]) == (1, 2), total
