"""The library (esfkit.api, re-exported from esfkit): the same figures as the command line,
paths or loaded objects alike, errors raised and never printed."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import esfkit
from esfkit.errors import DataError, GoalFileError, UsageError
from tests.conftest import EXAMPLES, run_cli

NORRSKEN = EXAMPLES / "norrsken"
GOALS, DATA, AS_OF = NORRSKEN / "goals.yml", NORRSKEN / "deltagare.xlsx", "2014-08-31"
UTAN = EXAMPLES / "utan"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pd.read_excel(DATA, sheet_name="Deltagare")


def test_import_esfkit_loads_no_pandas_until_a_function_is_used() -> None:
    code = (
        "import sys, esfkit; assert 'pandas' not in sys.modules; "
        "esfkit.check; esfkit.DataError; assert 'pandas' in sys.modules; "
        "assert callable(esfkit.render) and esfkit.render.formatter; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "ok\n", done.stderr


def test_the_package_names_what_the_api_exports_and_each_resolves() -> None:
    """esfkit/__init__.py keeps its own list (importing api would import pandas): it must
    name every name api exports, and each must resolve to api's object."""
    from esfkit import api

    assert set(api.__all__) <= set(esfkit.__all__)
    for name in api.__all__:
        if name != "render":  # the callable package (tests/api: render_report)
            assert getattr(esfkit, name) is getattr(api, name), name
    for name in esfkit.__all__:
        assert getattr(esfkit, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'chek'"):
        _ = esfkit.chek


def test_check_gives_the_report_the_cli_prints_as_json() -> None:
    report = esfkit.check(GOALS, DATA, as_of=AS_OF)
    run = run_cli("check", GOALS, DATA, "--as-of", AS_OF, "--format", "json")
    assert json.loads(esfkit.render(report, "json")) == run.json()


@pytest.mark.parametrize("fmt", ["markdown", "text", "csv", "html", "table"])
def test_a_dataframe_renders_as_its_file_but_for_the_data_line(frame, fmt: str) -> None:
    from_file = esfkit.render(esfkit.check(GOALS, DATA, as_of=AS_OF), fmt, "en", width=120)
    from_frame = esfkit.render(esfkit.check(GOALS, frame, as_of=AS_OF), fmt, "en", width=120)
    differ = [
        (a.rstrip(), b.rstrip())  # the header's box is as wide as its widest line
        for a, b in zip(from_file.splitlines(), from_frame.splitlines(), strict=True)
        if a.rstrip() != b.rstrip()
    ]
    # Only the lines naming the data differ, by its name and digest (CSV names neither).
    assert all("deltagare.xlsx" in a and "DataFrame" in b for a, b in differ)
    assert differ or fmt == "csv"


def test_a_csv_example_as_a_dataframe_gives_its_figures() -> None:
    data = next(UTAN.glob("*.csv"))
    text = pd.read_csv(data, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    goals = esfkit.load_goals(UTAN / "goals.yml")
    assert (
        esfkit.check(goals, text, as_of="2022-06-30")
        .to_frame()
        .equals(esfkit.check(goals, data, as_of="2022-06-30").to_frame())
    )


def test_load_goals_takes_a_path_a_string_path_yaml_text_or_a_goal_file() -> None:
    from_path = esfkit.load_goals(GOALS)
    assert esfkit.load_goals(str(GOALS)).goals == from_path.goals
    assert esfkit.load_goals(GOALS.read_text(encoding="utf-8")).goals == from_path.goals
    assert esfkit.load_goals(from_path) is from_path


def test_a_wrong_goal_file_raises_a_located_goal_file_error() -> None:
    with pytest.raises(GoalFileError) as raised:
        esfkit.load_goals("version: 1\ngoals:\n  - id: x\n    cuont: everyone\n", filename="g.yml")
    assert str(raised.value.where).startswith("g.yml:4:")


def test_read_once_use_many_times(frame) -> None:
    participants = esfkit.read_participants(frame, GOALS, as_of=AS_OF)
    direct = esfkit.check(GOALS, frame, as_of="2013-12-31", period="2013")
    reused = esfkit.check(GOALS, participants, as_of="2013-12-31", period="2013")
    assert reused.to_frame().equals(direct.to_frame())
    assert esfkit.validate(GOALS, participants, as_of=AS_OF) == esfkit.validate(
        GOALS, frame, as_of=AS_OF
    )


def test_ids_read_at_one_date_are_keyed_again_for_a_report_on_another() -> None:
    goals = esfkit.load_goals(
        "version: 1\nproject: {name: T}\ndata: {unit: person}\n"
        "goals:\n  - id: all\n    count: everyone\n"
    )
    # 20-01-01: a person born 1920 seen in 2019 (the +: over 100), the same as 19200101
    frame = pd.DataFrame(
        {
            "Personnummer": ["200101+0008", "192001010008"],
            "Kön": ["Kvinna", "Kvinna"],
            "Inskrivningsdatum": ["2019-01-01", "2019-01-01"],
        }
    )
    participants = esfkit.read_participants(frame, goals, as_of="2019-12-31")
    for as_of in ("2019-12-31", "2121-01-02"):
        direct = esfkit.check(goals, frame, as_of=as_of).population.persons
        assert esfkit.check(goals, participants, as_of=as_of).population.persons == direct


def test_validate_numbers_rows_as_excel_would_and_explains_them(frame) -> None:
    careless = frame.astype({"Kommun": object})
    careless.loc[10, "Kommun"] = "Pitea"
    careless.loc[[3, 4], "Kön"] = "?"
    findings = esfkit.validate(GOALS, careless, as_of=AS_OF)
    assert findings and findings[0].is_error
    gender = next(f for f in findings if f.column == "Kön")
    assert gender.rows == (5, 6)
    with pytest.raises(DataError) as raised:
        esfkit.check(GOALS, careless, as_of=AS_OF)
    assert "DataFrame, rows 5, 6, column 'Kön'" in str(raised.value)
    assert "esfkit.validate(goals, data)" in str(raised.value)
    with pytest.raises(DataError, match="no participant rows"):
        esfkit.check(GOALS, careless.iloc[:0], as_of=AS_OF)


def test_a_named_frame_is_named_in_messages(frame) -> None:
    with pytest.raises(DataError) as raised:
        esfkit.read_participants(frame.assign(Kön="?"), GOALS, as_of=AS_OF, name="mars.xlsx")
    assert str(raised.value).startswith("mars.xlsx: ")


def test_explain_gives_the_rows_the_cli_lists(frame) -> None:
    found = esfkit.explain(
        GOALS, frame, "plan_to_work", where={"municipality": "Piteå"}, as_of=AS_OF
    )
    run = run_cli(
        "explain", GOALS, DATA, "plan_to_work", "--where", "municipality=Piteå",
        "--as-of", AS_OF, "--format", "json",
    )  # fmt: skip
    assert found.numerator == run.json()["numerator"]["rows"]
    assert found.denominator == run.json()["denominator"]["rows"]
    assert (
        esfkit.explain(GOALS, DATA, "plan_to_work", where="municipality=Piteå", as_of=AS_OF)
        == found
    )


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: esfkit.check(GOALS, DATA, as_of=AS_OF, goal_ids=["plan_to_wrok"]), "did you mean"),
        (lambda: esfkit.check(GOALS, DATA, as_of="31/8/2014"), "is not a date"),
        (lambda: esfkit.check(GOALS, DATA, period="2014H3"), "halves"),
        (lambda: esfkit.check(GOALS, DATA, period=("2014-06-30", "2014-01-01")), "before"),
        (lambda: esfkit.explain(GOALS, DATA, "nope", as_of=AS_OF), "no goal with id"),
        (lambda: esfkit.render(esfkit.check(GOALS, DATA, as_of=AS_OF), "pdf"), "unknown format"),
        (lambda: esfkit.render(esfkit.check(GOALS, DATA, as_of=AS_OF), "json", "de"), "language"),
        (lambda: esfkit.render(esfkit.check(GOALS, DATA, as_of=AS_OF), "table", width=5), "narrow"),
        (lambda: esfkit.render(esfkit.check(GOALS, DATA, as_of=AS_OF), "table", width=0), "wide"),
        (lambda: esfkit.check(GOALS, DATA, as_of=AS_OF, suppress_below=1), "from 2 to 1000"),
        (lambda: esfkit.check(GOALS, DATA, as_of=AS_OF, suppress_below=True), "from 2 to 1000"),
        (lambda: esfkit.check(GOALS, DATA, as_of=AS_OF, suppress_below=2.5), "from 2 to 1000"),
    ],
)
def test_a_wrong_argument_raises_a_usage_error(call, fragment: str, capsys) -> None:
    with pytest.raises(UsageError, match=fragment):
        call()
    assert capsys.readouterr() == ("", "")  # raised, not printed


def test_one_goal_id_may_be_given_as_a_string() -> None:
    report = esfkit.check(GOALS, DATA, as_of=AS_OF, goal_ids="plan_to_work")
    assert [g.id for g in report.goals] == ["plan_to_work"]


def test_a_missing_file_is_a_data_error() -> None:
    with pytest.raises(DataError, match=r"does not exist|no such file|not found"):
        esfkit.check(GOALS, NORRSKEN / "saknas.xlsx", as_of=AS_OF)


def test_suppression_and_periods_reach_the_report() -> None:
    report = esfkit.check(GOALS, DATA, as_of=AS_OF, suppress_below=5)
    table = report.to_frame()
    hidden = table[table.suppressed != ""]
    assert report.suppress_below == 5 and len(hidden)
    assert hidden.value.isna().all() and hidden.status.isin(["hidden", "no_target"]).all()
    half = esfkit.check(GOALS, DATA, as_of=AS_OF, period=(dt.date(2014, 1, 1), "2014-06-30"))
    assert half.period == (dt.date(2014, 1, 1), dt.date(2014, 6, 30), "2014-01-01–2014-06-30")
    assert half.as_of == dt.date(2014, 8, 31)
    stamped = esfkit.check(GOALS, DATA, as_of=pd.Timestamp("2014-08-31 15:00"), period="2014")
    assert stamped.as_of == dt.date(2014, 8, 31) and stamped.period[2] == "2014"


def test_to_frame_has_one_row_per_cell_and_the_documented_columns() -> None:
    report = esfkit.check(GOALS, DATA, as_of=AS_OF)
    table = report.to_frame()
    assert len(table) == sum(len(g.cells) for g in report.goals)
    assert list(table.columns[:7]) == [
        "goal_id", "title", "kind", "measure", "at_most", "goal_status", "breakdown",
    ]  # fmt: skip
    assert list(table.columns[-12:]) == [
        "value", "numerator", "denominator", "percent", "target", "expected", "gap",
        "needed", "attainment", "status", "change", "suppressed",
    ]  # fmt: skip
    for goal in report.goals:
        rows = table[table.goal_id == goal.id]
        for cell, (_, row) in zip(goal.cells, rows.iterrows(), strict=True):
            assert row.breakdown == ", ".join(cell.dims)
            assert all(row[d] == v or (v is None and pd.isna(row[d])) for d, v in cell.dims.items())
            assert (pd.isna(row.value) and cell.value is None) or row.value == cell.value
            assert row.status == cell.status.value


def test_to_frame_parts_add_up_to_the_total() -> None:
    table = esfkit.check(GOALS, DATA, as_of=AS_OF).to_frame()
    counts = table[(table.kind == "share")]
    for _, goal in counts.groupby("goal_id"):
        total = goal[goal.breakdown == ""].denominator.iloc[0]
        assert goal[goal.breakdown == "municipality"].denominator.sum() == total
