"""Class 16: numbers and nesting. Every number and date in the goal file, on the command line
and in a hand-edited history file is finite and within its documented range (esfkit.limits),
and a goal file nested or listed beyond its limits is refused: exit 2 with file:line:column,
never exit 3. JSON output is strict JSON."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.limits import GOALS_LIMIT, GROUP_DEPTH, YAML_DEPTH, YAML_ITEMS
from tests.conftest import EXAMPLES
from tests.conftest import run_cli_en as run_cli
from tests.test_cli import DATA

AS_OF = ("--as-of", "2021-12-31")
DATA_WITH_DAYS = (
    "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Dagar\n"
    "1;Kvinna;Berg;2021-01-01;2021-03-01;Studier;40\n"
    "2;Man;Åre;2021-01-01;2021-04-01;Arbete;20\n"
    "3;Kvinna;Åre;2021-02-01;;;\n"
)

# Every numeric slot of a goal file; @@ is where the value goes.
SLOTS = {
    "count target": "goals:\n  - id: a\n    count: everyone\n    target: @@\n",
    "target per gender": "goals:\n  - id: a\n    count: everyone\n    target: {women: @@, men: 2}\n",
    "total target": "goals:\n  - id: a\n    count: everyone\n    target: {men: 2, total: @@}\n",
    "per-year target": "goals:\n  - id: a\n    count: everyone\n    per: [year, municipality]\n    target: @@\n",
    "share target": "goals:\n  - id: a\n    share: {exit: Studier}\n    target: @@ %\n",
    "composition target": "goals:\n  - id: a\n    composition: gender\n    target: {women: '@@ %'}\n",
    "tolerance": "goals:\n  - id: a\n    composition: gender\n    target: {women: 50 %}\n    tolerance: @@\n",
    "parity tolerance": "goals:\n  - id: a\n    parity: {exit: Studier}\n    tolerance: @@\n",
    "filter min": "goals:\n  - id: a\n    count: {Dagar: {min: @@}}\n",
    "filter max": "goals:\n  - id: a\n    count: {Dagar: {max: @@}}\n",
    "filter value": "goals:\n  - id: a\n    count: {start_year: @@}\n",
    "filter date": "goals:\n  - id: a\n    count: {start: {after: @@}}\n",
    "suppress_below": "report: {suppress_below: @@}\ngoals:\n  - id: a\n    count: everyone\n",
    "header_row": "data: {header_row: @@}\ngoals:\n  - id: a\n    count: everyone\n",
    "sheet": "data: {sheet: @@}\ngoals:\n  - id: a\n    count: everyone\n",
    "age band": "age_bands: [16-@@]\ngoals:\n  - id: a\n    count: everyone\n",
    "project start": "goals:\n  - id: a\n    count: everyone\n    per: year\n    target: 2\n",
    "version": "version: @@\ngoals:\n  - id: a\n    count: everyone\n",
}
PROJECT = "project: {name: Test, start: 2021-01-01, end: 2022-12-31}\n"
PROJECT_SLOT = "project: {name: Test, start: @@, end: 2022-12-31}\n"

NOT_FINITE = [".nan", ".NaN", ".inf", ".Inf", "-.inf", "+.inf"]
HUGE = ["1.0e+35", "1.0e+308", "100000000000000000000000000000000000", "0x7fffffffffffffffffff"]
HUGE_DIGITS = "9" * 5000  # more digits than Python turns into an int

BAD = {
    "count target": [*NOT_FINITE, *HUGE, "-1", "-0.5", "1.0e-300", "1000001", "1e6"],
    "target per gender": [*NOT_FINITE, *HUGE, "-3", "0.001"],
    "total target": [*NOT_FINITE, *HUGE, "-3"],
    "per-year target": [*NOT_FINITE, *HUGE, "-3", "2000000"],
    "share target": ["nan", "inf", "1e400", "101", "-1", "9" * 400],
    "composition target": ["nan", "inf", "1e400", "101", "-1"],
    "tolerance": [*NOT_FINITE, *HUGE, "-1", "101", "1000 %"],
    "parity tolerance": [*NOT_FINITE, *HUGE, "-1", "101"],
    "filter min": [*NOT_FINITE, *HUGE, "-1.0e+16", HUGE_DIGITS],
    "filter max": [*NOT_FINITE, *HUGE],
    "filter value": [*NOT_FINITE, *HUGE, "1.0e+16", "9999-12-31"],
    "filter date": ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"],
    "suppress_below": [*NOT_FINITE, *HUGE, "1000000000", "1001", "1", "0", "-5", "5.5"],
    "header_row": [*NOT_FINITE, *HUGE, "0", "-1", "1048577", "2.5"],
    "sheet": ["0", "-1", "1001", "99999999999999999999999"],  # .inf: a sheet's name
    "age band": ["151", "99999999999999999999999", HUGE_DIGITS],
    "version": [*NOT_FINITE, "1.0e+308", "2"],
}
BAD_DATES = ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "10000-01-01"]


def _goal_file(slot: str, value: str) -> tuple[str, int]:
    """The goal file with ``value`` in ``slot``, and the line it is on."""
    text = (PROJECT_SLOT if slot == "project start" else PROJECT) + SLOTS[slot]
    line = text[: text.index("@@")].count("\n") + 1
    return text.replace("@@", value), line


def _check(write, text: str, *extra: str):
    goals = write("goals.yml", text)
    data = write("data.csv", DATA_WITH_DAYS)
    return run_cli("check", goals, data, *AS_OF, *extra)


def _strict_json(text: str):
    def refuse(constant: str):
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    ("slot", "value"),
    [(slot, value) for slot, values in BAD.items() for value in values]
    + [("project start", value) for value in BAD_DATES],
)
def test_a_number_or_date_out_of_range_is_a_located_error(write, slot, value) -> None:
    text, line = _goal_file(slot, value)
    run = _check(write, text, "-f", "json")
    assert run.exit_code == 2, (run.stdout, run.stderr)
    assert re.search(rf"goals\.yml:{line}:\d+: ", run.stderr), run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("slot", "value"),
    [
        ("count target", "2.5"),
        ("count target", "1000000"),
        ("count target", "0"),
        ("total target", "0.01"),
        ("share target", "100"),
        ("tolerance", "100"),
        ("filter min", "-1000000000000000"),
        ("filter value", "2021"),
        ("filter date", "1900-01-01"),
        ("suppress_below", "1000"),
        ("age band", "150"),
        ("project start", "1900-01-01"),
    ],
)
def test_the_edges_of_each_range_are_accepted(write, slot, value) -> None:
    text, _ = _goal_file(slot, value)
    run = _check(write, text, "-f", "json")
    assert run.exit_code == 0, run.stderr
    _strict_json(run.stdout)


@pytest.mark.parametrize(
    "options",
    [
        ("--period", "9999Q4"),
        ("--period", "0000"),
        ("--period", "1899"),
        ("--period", "2200H1"),
        ("--period", "99999"),
        ("--as-of", "9999-12-31"),
        ("--as-of", "0001-01-01"),
        ("--as-of", "2200-01-01"),
        ("--from", "0001-01-01", "--to", "2021-06-30"),
        ("--from", "2021-01-01", "--to", "9999-12-31"),
        ("--suppress-below", "1000000000"),
        ("--suppress-below", "99999999999999999999999"),
        ("--suppress-below", "1001"),
        ("--suppress-below", "-5"),
        ("--width", "0"),
        ("--width", "-1"),
        ("--width", "1000000000000"),
    ],
)
def test_a_number_or_date_out_of_range_on_the_command_line_is_refused(write, options) -> None:
    goals = write("goals.yml", PROJECT + SLOTS["count target"].replace("@@", "2"))
    data = write("data.csv", DATA)
    args = ("check", goals, data, *options)
    run = run_cli(*args) if "--as-of" in options else run_cli(*args, *AS_OF)
    assert run.exit_code == 2, run.stdout
    assert options[0] in run.stderr or options[-2] in run.stderr
    assert "internal error" not in run.stderr
    if options[0] in ("--as-of", "--period") or "--from" in options:
        explain = run_cli("explain", goals, data, "a", *options)
        assert explain.exit_code == 2 and "internal error" not in explain.stderr


# --- nesting and length ---------------------------------------------------------------------


def _nested(word: str, depth: int, inner: str = "{Kön: Kvinna}") -> str:
    text = inner
    for _ in range(depth):
        text = f"{{{word}: [{text}]}}" if word in ("any", "all") else f"{{{word}: {text}}}"
    return text


def _block_nested(depth: int) -> str:
    """``not:`` on its own line, each level indented two more spaces."""
    lines = ["    count:"]
    for level in range(depth):
        lines.append("  " * (level + 3) + "not:")
    lines.append("  " * (depth + 3) + "Kön: Kvinna")
    return "\n".join(lines) + "\n"


DEEP = {
    "not, flow": f"goals:\n  - id: a\n    count: {_nested('not', 300)}\n",
    "any, flow": f"goals:\n  - id: a\n    count: {_nested('any', 300)}\n",
    "all, flow": f"goals:\n  - id: a\n    count: {_nested('all', 300)}\n",
    "not, block": "goals:\n  - id: a\n" + _block_nested(300),
    "list in a title": "goals:\n  - id: a\n    count: everyone\n    title: "
    + "[" * 100_000
    + "]" * 100_000
    + "\n",
    "mapping in a note": "goals:\n  - id: a\n    count: everyone\n    note: "
    + "{a: " * 5000
    + "b"
    + "}" * 5000
    + "\n",
    "list in outcomes": "outcomes: {work: " + "[" * 3000 + "x" + "]" * 3000 + "}\n"
    "goals:\n  - id: a\n    count: everyone\n",
}


@pytest.mark.parametrize("case", list(DEEP))
def test_a_goal_file_nested_too_deep_is_a_located_error(write, case) -> None:
    run = _check(write, PROJECT + DEEP[case])
    assert run.exit_code == 2, run.stderr
    assert re.search(r"goals\.yml:\d+:\d+: ", run.stderr) and str(YAML_DEPTH) in run.stderr
    assert "internal error" not in run.stderr


def test_a_filter_as_deep_as_allowed_is_counted_everywhere(write) -> None:
    """The limit leaves room: the deepest filter the file may hold is evaluated, explained and
    suppressed without running out of stack."""
    depth = YAML_DEPTH - 6  # the goal file's own levels around the filter
    text = (
        PROJECT
        + f"goals:\n  - id: a\n    count: {_nested('not', depth)}\n    target: 1\n"
        + f"  - id: b\n    share: {_nested('any', depth // 2 - 1)}\n    target: 50 %\n"
    )
    goals, data = write("goals.yml", text), write("data.csv", DATA_WITH_DAYS)
    run = run_cli("check", goals, data, *AS_OF, "-f", "json", "--suppress-below", "2")
    assert run.exit_code == 0, run.stderr
    _strict_json(run.stdout)
    explained = run_cli("explain", goals, data, "b", *AS_OF)
    assert explained.exit_code == 0, explained.stderr
    plain = run_cli("check", goals, data, *AS_OF, "-f", "json").json()
    counted = {g["id"]: g["cells"][0]["value"] for g in plain["goals"]}
    assert counted == {"a": 2, "b": pytest.approx(200 / 3)}  # not^even: the two women


LONG = {
    "values of a filter": "goals:\n  - id: a\n    count: {Kommun: ["
    + ", ".join(f"k{i}" for i in range(YAML_ITEMS + 1))
    + "]}\n",
    "municipalities": "goals:\n  - id: a\n    count: everyone\n",
    "goals": "goals:\n"
    + "".join(f"  - {{id: g{i}, count: everyone}}\n" for i in range(GOALS_LIMIT + 1)),
    "outcome groups naming groups": "outcomes:\n"
    + "".join(f"  g{i}: [g{i + 1}]\n" for i in range(GROUP_DEPTH + 5))
    + f"  g{GROUP_DEPTH + 5}: [Arbete]\ngoals:\n  - id: a\n    count: {{exit: g0}}\n",
}


@pytest.mark.parametrize("case", list(LONG))
def test_a_goal_file_too_long_is_a_located_error(write, case) -> None:
    project = PROJECT
    if case == "municipalities":
        names = ", ".join(f"m{i}" for i in range(YAML_ITEMS + 1))
        project = f"project: {{name: Test, municipalities: [{names}]}}\n"
    run = _check(write, project + LONG[case])
    assert run.exit_code == 2, run.stderr
    assert re.search(r"goals\.yml:\d+:\d+: ", run.stderr), run.stderr
    assert "internal error" not in run.stderr


# --- the history file ------------------------------------------------------------------------

HISTORY_HEADER = "as_of,goal,measure,dims,value,target,status,suppress_below\n"


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("1e308", "value"),
        ("1.7976931348623157e308", "value"),
        ("nan", "value"),
        ("NaN", "value"),
        ("inf", "value"),
        ("-inf", "value"),
        ("-1", "value"),
        ("2.5", "value"),
        ("1" * 400, "value"),
        ("1e16", "value"),
        ("1e308", "target"),
        ("nan", "target"),
        ("-2", "target"),
        ("1e308", "suppress_below"),
        ("inf", "suppress_below"),
    ],
)
def test_a_hand_edited_history_number_out_of_range_is_a_located_error(write, value, column):
    fields = {"value": "2", "target": "4", "suppress_below": ""}
    fields[column] = value
    row = f"2021-01-31,a,count,{{}},{fields['value']},{fields['target']},met,{fields['suppress_below']}"
    history = write("history.csv", HISTORY_HEADER + row + "\n")
    goals = write("goals.yml", PROJECT + SLOTS["count target"].replace("@@", "4"))
    data = write("data.csv", DATA)
    for args in (("check", goals, data, *AS_OF, "--history", history), ("history", history)):
        run = run_cli(*args)
        assert run.exit_code == 2, run.stdout
        assert f"history.csv, row 2, column '{column}'" in run.stderr
        assert "internal error" not in run.stderr


def test_a_history_percentage_above_100_is_a_located_error(write) -> None:
    history = write("history.csv", HISTORY_HEADER + "2021-01-31,a,percent,{},100.5,50,met,\n")
    run = run_cli("history", history)
    assert run.exit_code == 2 and "row 2, column 'value'" in run.stderr


# --- strict JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["utan", "norrsken"])
def test_json_output_is_strict_json_with_history_and_suppression(example, tmp_path) -> None:
    folder = EXAMPLES / example
    goals, data = folder / "goals.yml", next(folder.glob("deltagare.*"))
    history = tmp_path / "history.csv"
    for as_of in ("2012-06-30", "2013-06-30"):
        run = run_cli(
            "check", goals, data, "--as-of", as_of, "-f", "json", "--history", history,
            "--suppress-below", "5",
        )  # fmt: skip
        assert run.exit_code == 0, run.stderr
        _strict_json(run.stdout)
    first_goal = _strict_json(run.stdout)["goals"][0]["id"]
    explained = run_cli("explain", goals, data, first_goal, "-f", "json")
    assert explained.exit_code == 0
    _strict_json(explained.stdout)


# --- the whole class: any number in any slot --------------------------------------------------


def _yaml_number(number: float | int) -> str:
    """A number as YAML writes it: .nan, .inf, -.inf, or digits with an exponent."""
    if isinstance(number, float):
        if number != number:
            return ".nan"
        if number in (float("inf"), float("-inf")):
            return ".inf" if number > 0 else "-.inf"
        text = repr(number)
        return text if "." in text or "e" not in text else text.replace("e", ".0e", 1)
    return str(number)


NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(_yaml_number),
    st.floats(min_value=-1e6, max_value=1e6).map(_yaml_number),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=-5, max_value=2000).map(str),
    st.sampled_from(
        [
            *NOT_FINITE,
            *HUGE,
            "1e308",
            "1.0e-320",
            "-0.0",
            "0",
            "1_000",
            "0o17",
            "1:30",
            "'12'",
            '"5"',
            "1e6",
            "12,5",
            "5.",
            ".5",
            "+3",
            "0b101",
            "1e",
            "Infinity",
            "NaN",
        ]
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(slot=st.sampled_from([*SLOTS]), number=NUMBERS, fmt=st.sampled_from(["json", "table"]))
def test_any_number_in_any_slot_is_a_report_or_a_located_error(write, slot, number, fmt) -> None:
    value = number if slot not in ("filter date", "project start") else f"{number}-01-01"
    text, _ = _goal_file(slot, value)
    run = _check(write, text, "-f", fmt)
    assert run.exit_code in (0, 1, 2), run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    if run.exit_code == 2:  # the goal file's line, or the data file's row it points at
        assert re.search(r"goals\.yml:\d+:\d+: |data\.csv", run.stderr), run.stderr
    elif fmt == "json":
        _strict_json(run.stdout)
