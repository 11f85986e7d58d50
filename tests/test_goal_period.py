"""A goal's `period:` (issue 13, item 4): the phase by name or as {from, to}, meaning
exactly the from:/to: it stands for; `per: year` in a phase is a rate over the phase."""

from __future__ import annotations

import re

import pytest

from esfkit.api import parse_goal_file_text
from esfkit.errors import GoalFileError
from tests.conftest import ROOT
from tests.conftest import run_cli_en as run_cli

HEAD = """\
version: 1
project: {name: Faser, start: 2019-01-01, end: 2021-12-31}
goals:
  - id: phase
    count: {Avslutsorsak: Eget företag}
    target: 2
    per: year
"""
DATA = (
    "Kön;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
    + "".join(
        f"{'Kvinna' if i % 2 else 'Man'};2019-{1 + i % 12:02}-05;"
        f"{'2019-12-20' if i % 3 else ''};{'Eget företag' if i % 4 else 'Arbete'}\n"
        for i in range(30)
    )
    + "Man;2020-02-01;2020-03-01;Eget företag\nKvinna;2018-06-01;2018-12-01;Arbete\n"
)


def _goal(write, phase: str, as_of: str = "2021-12-31") -> dict:
    goals = write("g.yml", HEAD + "".join(f"    {line}\n" for line in phase.splitlines()))
    run = run_cli("check", goals, write("d.csv", DATA), "-f", "json", "--as-of", as_of)
    assert run.exit_code == 0, run.stderr
    return run.json()["goals"][0]


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2019", "2019-01-01", "2019-12-31"),
        ("'2019'", "2019-01-01", "2019-12-31"),
        ("2019-H1", "2019-01-01", "2019-06-30"),
        ("2019h2", "2019-07-01", "2019-12-31"),
        ("2019-Q3", "2019-07-01", "2019-09-30"),
        ("2020Q1", "2020-01-01", "2020-03-31"),
        ("2019-05", "2019-05-01", "2019-05-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("{from: 2019-03-01, to: 2020-02-29}", "2019-03-01", "2020-02-29"),
        ("\n  from: 2019-03-01\n  to: 2020-02-29", "2019-03-01", "2020-02-29"),
    ],
)
def test_a_period_is_the_from_and_to_it_stands_for(write, period, first, last) -> None:
    named = _goal(write, f"period: {period}", as_of="2020-06-30")
    written = _goal(write, f"from: {first}\nto: {last}", as_of="2020-06-30")
    assert named["phase"] == {"from": first, "to": last}
    assert named == written


@pytest.mark.parametrize(
    ("phase", "years"),
    [
        ("period: 2019-H1", 0.5),
        ("period: 2019", 1.0),
        ("period: 2019-Q3", 0.25),
        ("from: 2019-01-01\nto: 2020-12-31", 2.0),
        ("period: {from: 2019-01-01, to: 2019-06-30}", 0.5),
        ("by: 2021-12-31", 3.0),  # no phase: the project's three years
    ],
)
def test_per_year_in_a_phase_is_a_rate_over_the_phase(write, phase, years) -> None:
    goal = _goal(write, phase)
    total = next(c for c in goal["cells"] if c["dims"] == {})
    assert total["target"] == pytest.approx(2 * years)


def test_a_phase_goal_without_project_dates_still_has_a_rate(write) -> None:
    goals = HEAD.replace("project: {name: Faser, start: 2019-01-01, end: 2021-12-31}", "")
    path = write("g.yml", goals + "    period: 2019-H1\n")
    run = run_cli("check", path, write("d.csv", DATA), "-f", "json", "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stderr
    cells = run.json()["goals"][0]["cells"]
    assert next(c for c in cells if c["dims"] == {})["target"] == 1.0


@pytest.mark.parametrize(
    ("phase", "column", "message"),
    [
        ("period: 2019\nfrom: 2019-01-01", 5, "goal 'phase' has both 'period' and 'from'"),
        ("to: 2019-06-30\nperiod: 2019-H1", 5, "goal 'phase' has both 'period' and 'to'"),
        ("period: 2019-H3", 13, "'period' of goal 'phase' is '2019-H3': a year has halves"),
        ("period: 2019-13", 13, "is '2019-13': there is no month 13"),
        ("period: 1850", 13, "is '1850': esfkit reports on the years 1900 to 2199"),
        ("period: H1", 13, "'period' of goal 'phase' is 'H1', not a period"),
        ("period: 2019-05-01", 13, "must name a period, not"),
        ("period: [2019]", 13, "must name a period, not a list"),
        ("period: true", 13, "must name a period, not"),
        ("period:", 12, "must name a period, not"),
        ("period: {}", 13, "'period' of goal 'phase' is empty"),
        ("period: {from: 2019-01-01}", 14, "has 'period.from' but not 'period.to'"),
        ("period: {to: 2019-01-01}", 14, "has 'period.to' but not 'period.from'"),
        ("period: {from: 2019-07-01, to: 2019-06-30}", 36, "'period.to' 2019-06-30"),
        ("period: {from: 2019-01-01, to: 2019-06-30, by: 2019-05-01}", 48, "unknown key 'by'"),
        ("period: {from: 1 May, to: 2019-06-30}", 20, "'period.from' of goal 'phase' must be"),
    ],
)
def test_a_bad_period_is_a_located_error(write, phase, column, message) -> None:
    goals = write("g.yml", HEAD + "".join(f"    {line}\n" for line in phase.splitlines()))
    run = run_cli("check", goals, write("d.csv", DATA))
    assert run.exit_code == 2, run.stdout
    assert message in run.stderr
    assert re.search(rf"g\.yml:(8|9):{column}\b", run.stderr), run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "phase", ["{from: 2019-01-01, to: 2019-01-01}", "{from: 2019-06-01, to: 2019-06-14}"]
)
def test_per_year_over_a_phase_of_under_half_a_month_is_refused(write, phase) -> None:
    goals = write("g.yml", HEAD + f"    period: {phase}\n")
    run = run_cli("check", goals, write("d.csv", DATA), "--as-of", "2021-12-31")
    assert run.exit_code == 2, run.stdout
    assert "g.yml:4:" in run.stderr and "its target would be 0" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_documented_examples_load_or_fail_as_they_say() -> None:
    text = (ROOT / "docs" / "goal-file.md").read_text(encoding="utf-8")
    section = text.split("### Deadlines and phases")[1].split("\n## ")[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    head = (
        "version: 1\nproject: {name: P, start: 2019-01-01, end: 2021-12-31}\n"
        "outcomes: {own_business: [Eget företag]}\ngoals:\n"
    )
    passes, *failing = blocks
    goal_file = parse_goal_file_text(head + passes.split("\n", 1)[1])
    due, phased = goal_file.goals
    assert due.by is not None and due.by.isoformat() == "2019-12-31" and due.phase is None
    assert phased.phase is not None and phased.phase[1].isoformat() == "2019-06-30"
    assert len(failing) == 2
    for block in failing:
        quoted = re.search(r'# "(.*)"', block)
        assert quoted is not None
        with pytest.raises(GoalFileError, match=re.escape(quoted[1])):
            parse_goal_file_text(head + block.split("\n", 1)[1])
