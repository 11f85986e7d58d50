"""`esfkit explain`: the rows behind a figure, by row number, agreeing with `check`."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from esfkit.api import parse_goal_file_text, validate_file
from esfkit.engine.explain import explain
from esfkit.engine.run import evaluate
from tests.conftest import run_cli_en as run_cli

AS_OF = dt.date(2022, 6, 30)
FILTERS = [
    "everyone",
    "exited",
    "{exit: Arbete}",
    "{exit: [Arbete, Studier]}",
    "{Enkät: Ja}",
    "{Enkät: {missing: true}}",
    "{not: {exit: Avbrott}}",
    "{any: [{exit: Studier}, {Enkät: Nej}]}",
]

rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["P1", "P2", "P3", "P4", "P5", ""]),
            "gender": st.sampled_from(["Kvinna", "K", "Man", "M", "Icke-binär", ""]),
            "municipality": st.sampled_from(["Berg", "Åre", "Krokom", ""]),
            "start": st.dates(dt.date(2020, 1, 1), dt.date(2022, 12, 31)),
            "days": st.one_of(st.none(), st.integers(0, 400)),
            "exit": st.sampled_from(["Arbete", "Studier", "Avbrott", ""]),
            "survey": st.sampled_from(["Ja", "Nej", "", "ja "]),
        }
    ),
    min_size=1,  # a header with no rows under it is an input error (no_rows)
    max_size=30,
)
goal_strategy = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["count", "share"]),
        "filter": st.sampled_from(FILTERS),
        "of": st.sampled_from(FILTERS),
        "scope": st.one_of(st.none(), st.sampled_from(FILTERS)),
    }
)


def _csv(rows: list[dict]) -> str:
    lines = ["Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Enkät"]
    for r in rows:
        end = "" if r["days"] is None else (r["start"] + dt.timedelta(days=r["days"])).isoformat()
        lines.append(
            f"{r['id']};{r['gender']};{r['municipality']};{r['start']};{end};{r['exit']};{r['survey']}"
        )
    return "\n".join(lines) + "\n"


def _goal_file(goals: list[dict], unit: str) -> str:
    text = f"version: 1\ndata: {{unit: {unit}}}\ngoals:\n"
    for i, g in enumerate(goals):
        text += f"  - id: g{i}\n    {g['kind']}: {g['filter']}\n"
        if g["kind"] == "share":
            text += f"    of: {g['of']}\n"
        if g["scope"]:
            text += f"    scope: {g['scope']}\n"
    return text


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=rows_strategy,
    goals=st.lists(goal_strategy, min_size=1, max_size=3),
    unit=st.sampled_from(["person", "enrolment"]),
)
def test_explain_counts_equal_every_cell_of_check(rows, goals, unit) -> None:
    goal_file = parse_goal_file_text(_goal_file(goals, unit))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_text(_csv(rows), encoding="utf-8")
        participants = validate_file(path, goal_file, AS_OF).participants
        assume(participants is not None)  # data with an error never reaches the engine
        report = evaluate(goal_file, participants, AS_OF)
        for result in report.goals:
            for cell in result.cells:
                where = {k: ("unknown" if v is None else str(v)) for k, v in cell.dims.items()}
                found = explain(goal_file, participants, result.id, AS_OF, None, where)
                assert len(found.numerator) == cell.numerator, (result.id, cell.dims)
                assert len(found.denominator) == cell.denominator, (result.id, cell.dims)
                if not cell.dims:
                    assert len(found.excluded_by_scope) == result.excluded_by_scope
                    if result.outside_denominator is not None:
                        assert len(found.outside_denominator) == result.outside_denominator


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_strategy, goal=goal_strategy)
def test_explain_command_agrees_with_check_json(rows, goal) -> None:
    with tempfile.TemporaryDirectory() as folder:
        goals = Path(folder) / "goals.yml"
        data = Path(folder) / "data.csv"
        goals.write_text(_goal_file([goal], "person"), encoding="utf-8")
        data.write_text(_csv(rows), encoding="utf-8")
        check = run_cli("check", goals, data, "--as-of", AS_OF.isoformat(), "--format", "json")
        assert check.exit_code == 0, check.stderr
        for cell in check.json()["goals"][0]["cells"]:
            where = ",".join(
                f"{k}={'unknown' if v is None else v}" for k, v in cell["dims"].items()
            )
            args = ["explain", goals, data, "g0", "--as-of", AS_OF.isoformat(), "-f", "json"]
            run = run_cli(*args, *(["--where", where] if where else []))
            assert run.exit_code == 0, run.stderr
            assert run.json()["numerator"]["count"] == cell["numerator"]
            assert run.json()["denominator"]["count"] == cell["denominator"]


GOALS = """\
version: 1
project: {name: T, municipalities: [Piteå, Luleå]}
goals:
  - id: studies
    title: Studier
    share: {exit: Studier}
    of: exited
    scope: {Insats: {not: Ingen}}
  - id: plan
    manual: met
"""
DATA = (
    "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Insats\n"
    "D1;Kvinna;Piteå;2021-01-01;2021-03-01;Studier;Grupp\n"  # line 2
    "D2;Man;Piteå;2021-01-01;2021-04-01;Arbete;Grupp\n"
    "D3;Kvinna;Luleå;2021-02-01;;;Grupp\n"
    "D1;Kvinna;Piteå;2021-05-01;2021-06-01;Studier;Grupp\n"  # line 5: D1 again
    "D4;;Piteå;2021-02-01;2021-03-01;Studier;Ingen\n"
    "D5;Man;Luleå;2030-01-01;;;Grupp\n"  # after the report date
)


def test_explain_lists_rows_by_number_never_by_id(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    run = run_cli("explain", goals, data, "studies", "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "counted (numerator): 1\n  rows 5\n" in out
    assert "in the denominator: 2\n  rows 3, 5\n" in out
    assert "in scope but outside the denominator (of): 1\n  rows 4\n" in out
    assert "excluded by the goal's scope: 1\n  rows 6\n" in out
    assert "outside the report" in out and "rows 7" in out
    assert "row 5: also 2" in out
    assert "D1" not in out and "D2" not in out


def test_explain_where_selects_one_cell(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    args = ("explain", goals, data, "studies", "--as-of", "2021-12-31", "-f", "json")
    run = run_cli(*args, "--where", "municipality=piteå,gender=Kvinnor")
    assert run.exit_code == 0, run.stderr
    assert run.json()["numerator"] == {"count": 1, "rows": [5]}
    assert run.json()["denominator"] == {"count": 1, "rows": [5]}


def test_explain_refuses_unknown_goal_value_and_manual_goals(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    run = run_cli("explain", goals, data, "studdies")
    assert run.exit_code == 2 and "did you mean 'studies'" in run.stderr
    run = run_cli("explain", goals, data, "studies", "--where", "municipality=Umeå")
    assert run.exit_code == 2 and "municipality=Umeå" in run.stderr and "Piteå" in run.stderr
    run = run_cli("explain", goals, data, "studies", "--where", "kommun")
    assert run.exit_code == 2 and "NAME=VALUE" in run.stderr
    run = run_cli("explain", goals, data, "plan")
    assert run.exit_code == 2 and "manual" in run.stderr


def test_explain_where_limits_the_rows_outside_the_report_to_the_cell(write) -> None:
    more = (
        "D6;Kvinna;Piteå;2030-02-01;;;Grupp\n"  # line 8: after the report date, Piteå
        "D7;Man;Piteå;2020-01-01;2020-06-01;Arbete;Grupp\n"  # line 9: ended before the period
    )
    goals, data = write("g.yml", GOALS), write("d.csv", DATA + more)
    args = ("explain", goals, data, "studies", "--as-of", "2021-12-31", "-f", "json")
    assert run_cli(*args).json()["outside_report"]["rows"] == [7, 8]
    cells = {
        "municipality=Piteå": [8],
        "municipality=Luleå": [7],
        "municipality=Piteå,gender=män": [],
        "gender=Kvinnor": [8],
        "exit=Arbete": [],
    }
    for where, rows in cells.items():
        run = run_cli(*args, "--where", where)
        assert run.exit_code == 0, run.stderr
        assert run.json()["outside_report"] == {"count": len(rows), "rows": rows}, where
    period = ("--period", "2021", "--where", "municipality=Piteå")
    run = run_cli(*args, *period)
    assert run.exit_code == 0, run.stderr
    assert run.json()["outside_report"]["rows"] == [8, 9]
    text = run_cli(*args[:-2], "--where", "municipality=Luleå").stdout
    assert (
        "outside the report (start after the report date, or not in the period): 1\n  rows 7\n"
        in text
    )
