"""A goal's `by:` date (issue 13, item 4, in part): "expected by now" paces to the date the
target is due instead of to the project's end, and the goal says so in every format."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

GOALS = """\
version: 1
project: {name: Faser, start: 2020-01-01, end: 2022-12-31}
goals:
  - id: phase1
    title: Rekryterade i fas 1
    count: everyone
    target: 10
    by: 2020-12-31
  - id: whole
    count: everyone
    target: 10
"""
DATA = (
    "Kön;Inskrivningsdatum\nKvinna;2020-01-01\nMan;2020-02-01\nMan;2020-03-01\nKvinna;2020-03-01\n"
)


@pytest.fixture
def files(write):
    return write("goals.yml", GOALS), write("d.csv", DATA)


def _goals(files, as_of: str, *more: str) -> dict:
    report = run_cli("check", *files, "-f", "json", "--as-of", as_of, *more).json()
    return {g["id"]: g for g in report["goals"]}


def test_paced_to_the_due_date(files) -> None:
    goals = _goals(files, "2020-06-30")
    phase1, whole = goals["phase1"], goals["whole"]
    # 182 of 366 days of 2020: 4,97 expected of 10; of the whole project (1096 days): 1,66
    assert phase1["cells"][0]["expected"] == pytest.approx(10 * 182 / 366)
    assert (phase1["status"], whole["status"]) == ("behind", "on_track")
    assert whole["cells"][0]["expected"] == pytest.approx(10 * 182 / 1096)
    assert phase1["due"] == "2020-12-31" and "due" not in whole


def test_judged_once_the_due_date_has_passed(files) -> None:
    goals = _goals(files, "2020-12-31")
    assert goals["phase1"]["status"] == "not_met"
    assert "expected" not in goals["phase1"]["cells"][0]
    assert goals["whole"]["status"] == "on_track"  # 4 of 3,34 expected by now


def test_suppression_judges_with_the_same_pacing(files) -> None:
    goals = _goals(files, "2020-06-30", "--suppress-below", "3")
    assert goals["phase1"]["status"] == "behind"
    assert goals["whole"]["status"] == "on_track"


@pytest.mark.parametrize(
    ("fmt", "shown"), [("text", "Due by 2020-12-31"), ("markdown", "senast 2020-12-31")]
)
def test_the_due_date_is_shown(files, fmt, shown) -> None:
    lang = "en" if fmt == "text" else "sv"
    run = run_cli("check", *files, "-f", fmt, "--lang", lang, "--as-of", "2020-06-30")
    assert shown in run.stdout


@pytest.mark.parametrize(
    ("project", "by", "message"),
    [
        ("{name: P, start: 2020-01-01, end: 2022-12-31}", "2019-12-31", "outside the project"),
        ("{name: P, start: 2020-01-01, end: 2022-12-31}", "2023-01-01", "outside the project"),
        ("{name: P, end: 2022-12-31}", "2021-12-31", "project.start is not given"),
        ("{name: P, start: 2020-01-01}", "someday", "must be a date"),
    ],
)
def test_bad_due_dates_are_located(write, project, by, message) -> None:
    goals = (
        f"version: 1\nproject: {project}\ngoals:\n  - id: x\n    count: everyone\n    by: {by}\n"
    )
    run = run_cli("check", write("g.yml", goals), write("d.csv", DATA))
    assert run.exit_code == 2
    assert "g.yml:6:9" in run.stderr and message in run.stderr


PHASES = """\
version: 1
project: {name: Faser, start: 2020-01-01, end: 2022-12-31}
goals:
  - id: phase2
    count: everyone
    target: 4
    from: 2021-01-01
    to: 2021-12-31
  - id: phase2_women
    count: everyone
    scope: {gender: women}
    target: 2
    from: 2021-01-01
    to: 2021-12-31
    by: 2021-06-30
"""
PHASE_DATA = (
    "Kön;Inskrivningsdatum;Avslutsdatum\n"
    "Kvinna;2020-01-01;2020-06-30\n"  # row 2: ended before the phase
    "Man;2020-02-01;2021-02-01\n"  # row 3: active into the phase
    "Man;2021-03-01;\n"  # row 4
    "Kvinna;2021-03-01;2021-05-01\n"  # row 5
    "Kvinna;2022-03-01;\n"  # row 6: after the report date
)


@pytest.fixture
def phased(write):
    return write("goals.yml", PHASES), write("d.csv", PHASE_DATA)


def test_a_phase_counts_its_active_enrolments_and_paces_over_itself(phased) -> None:
    goals = _goals(phased, "2021-03-31")
    phase2, women = goals["phase2"], goals["phase2_women"]
    assert (phase2["cells"][0]["value"], phase2["excluded_by_scope"]) == (3, 1)
    assert phase2["cells"][0]["expected"] == pytest.approx(4 * 90 / 365)
    assert phase2["phase"] == {"from": "2021-01-01", "to": "2021-12-31"}
    assert (women["cells"][0]["value"], women["excluded_by_scope"]) == (1, 3)
    assert women["cells"][0]["expected"] == pytest.approx(2 * 90 / 181)  # paced to its by


def test_explain_and_suppression_see_the_phase(phased) -> None:
    found = run_cli("explain", *phased, "phase2", "--as-of", "2021-03-31", "-f", "json").json()
    assert found["numerator"]["rows"] == [3, 4, 5]
    assert found["excluded_by_scope"]["rows"] == [2]
    hidden = _goals(phased, "2021-03-31", "--suppress-below", "3")
    # the one row outside the phase is a small count: hidden like any other
    assert hidden["phase2"]["excluded_by_scope"] is None
    assert "excluded_by_scope" in hidden["phase2"]["suppressed"]


def test_the_phase_is_shown(phased) -> None:
    run = run_cli("check", *phased, "-f", "text", "--lang", "en", "--as-of", "2021-03-31")
    assert "Phase 2021-01-01 – 2021-12-31: counts the enrolments active during it" in run.stdout


@pytest.mark.parametrize(
    ("keys", "where", "message"),
    [
        ("from: 2021-01-01", "g.yml:6:5", "has 'from' but not 'to'"),
        ("to: 2021-01-01", "g.yml:6:5", "has 'to' but not 'from'"),
        ("from: 2021-01-01\n    to: 2020-12-31", "g.yml:7:9", "is before its 'from'"),
        (
            "from: 2021-01-01\n    to: 2021-12-31\n    by: 2020-12-31",
            "g.yml:8:9",
            "before its phase",
        ),
    ],
)
def test_bad_phases_are_located(write, keys, where, message) -> None:
    goals = (
        "version: 1\nproject: {name: P, start: 2020-01-01, end: 2022-12-31}\ngoals:\n"
        f"  - id: x\n    count: everyone\n    {keys}\n"
    )
    run = run_cli("check", write("g.yml", goals), write("d.csv", DATA))
    assert run.exit_code == 2
    assert where in run.stderr and message in run.stderr
