"""Bad input ends in one located message on stderr and exit 2, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esfkit.errors import format_rows
from tests.conftest import run_cli_en as run_cli

GOALS = """\
version: 1
project:
  name: Test
  municipalities: [Berg, Åre]
goals:
  - id: recruited
    count: everyone
    target: {women: 2, men: 2}
"""
DATA = "Kön;Kommun;Inskrivningsdatum;Avslutsdatum\nKvinna;Berg;2021-01-01;2021-03-01\nMan;Åre;2021-01-01;\n"


def _fails(run, *fragments: str) -> None:
    assert run.exit_code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: ")
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr


def test_yaml_typo_in_a_key_names_line_column_and_suggests(write) -> None:
    goals = write("goals.yml", GOALS.replace("    target:", "    trget:"))
    run = run_cli("check", goals, write("d.csv", DATA))
    _fails(run, "goals.yml:8:5", "unknown key 'trget'", "did you mean 'target'")


def test_broken_yaml_syntax_is_located(write) -> None:
    goals = write("goals.yml", GOALS.replace("count: everyone", "count: [everyone"))
    _fails(run_cli("check", goals, write("d.csv", DATA)), "goals.yml:", "invalid YAML")


def test_duplicate_key_is_rejected(write) -> None:
    goals = write("goals.yml", GOALS + "    target: 5\n")
    _fails(
        run_cli("check", goals, write("d.csv", DATA)),
        "goals.yml:9:5",
        "duplicate key 'target'",
        "line 8",
    )


def test_unknown_goal_kind_names_the_known_kinds(write) -> None:
    goals = write("goals.yml", GOALS.replace("count: everyone", "cont: everyone"))
    _fails(
        run_cli("check", goals, write("d.csv", DATA)),
        "goals.yml:7:5",
        "unknown goal kind 'cont'",
        "did you mean 'count'",
    )


def test_kind_written_as_kind_key_says_how_to_write_it(write) -> None:
    goals = write("goals.yml", GOALS.replace("count: everyone", "kind: count"))
    _fails(
        run_cli("check", goals, write("d.csv", DATA)),
        "goals.yml:7:5",
        "the kind is written as the key",
        "`count: everyone`",
    )


def test_missing_column_in_data_columns_lists_the_columns(write) -> None:
    goals = write(
        "goals.yml",
        GOALS.replace("goals:\n", "data:\n  columns:\n    exit: Avslutsorsak\ngoals:\n", 1),
    )
    _fails(
        run_cli("check", goals, write("d.csv", DATA)),
        "goals.yml:7:11",
        "'Avslutsorsak', which is not a column of d.csv",
        "Kön, Kommun, Inskrivningsdatum, Avslutsdatum",
    )


def test_unknown_gender_code_names_rows_column_and_value(write) -> None:
    data = DATA + "Kvinnna;Berg;2021-02-01;\nMan;Berg;2021-02-01;\nKvinnna;Åre;2021-02-01;\n"
    _fails(
        run_cli("check", write("g.yml", GOALS), write("d.csv", data)),
        "d.csv",
        "rows 4, 6",
        "'Kön'",
        "Kvinnna",
        "data.genders",
    )


def test_municipality_outside_the_declared_list_suggests_the_close_one(write) -> None:
    data = DATA + "Man;Are;2021-02-01;\n"
    _fails(
        run_cli("check", write("g.yml", GOALS), write("d.csv", data)),
        "d.csv, row 4",
        "'Kommun'",
        "'Are'",
        "did you mean 'Åre'",
    )


def test_exit_date_before_start_date(write) -> None:
    data = DATA + "Man;Berg;2021-05-01;2021-04-30\n"
    _fails(
        run_cli("check", write("g.yml", GOALS), write("d.csv", data)),
        "d.csv, row 4, column 'Avslutsdatum'",
        "2021-04-30 is before start date 2021-05-01",
    )


def test_unreadable_date_names_row_and_value(write) -> None:
    data = DATA + "Man;Berg;första maj;\n"
    _fails(
        run_cli("check", write("g.yml", GOALS), write("d.csv", data)),
        "row 4",
        "Inskrivningsdatum",
        "första maj",
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--as-of", "31/5"], "--as-of '31/5' is not a date"),
        (["--period", "2022H3"], "halves"),
        (["--period", "last year"], "is not a period"),
        (["--from", "2022-01-01"], "--from and --to go together"),
        (["--goal", "recruted"], "did you mean 'recruited'"),
    ],
)
def test_bad_command_line_values(write, args: list[str], fragment: str) -> None:
    _fails(run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), *args), fragment)


def test_missing_files_are_named(write, tmp_path) -> None:
    _fails(run_cli("check", tmp_path / "nope.yml", write("d.csv", DATA)), "goal file not found")
    _fails(run_cli("check", write("g.yml", GOALS), tmp_path / "nope.xlsx"), "nope.xlsx")


def test_every_error_is_shown_with_debug_with_its_traceback_and_exit_2(write) -> None:
    goals = write("goals.yml", GOALS.replace("    target:", "    trget:"))
    run = run_cli("--debug", "check", goals, write("d.csv", DATA))
    assert run.exit_code == 2
    assert "Traceback" in run.stderr and "GoalFileError" in run.stderr
    assert "\nerror: " in run.stderr  # the message as without --debug, after it


def test_an_internal_error_is_one_message_and_exit_3_not_a_traceback(write, monkeypatch) -> None:
    import esfkit.api
    from esfkit.errors import ExitCode

    def broken(*args, **kwargs):
        raise KeyError("Kön for 19850101-1234")  # a bug; its message may quote a cell

    monkeypatch.setattr(esfkit.api, "validation_report", broken)
    run = run_cli("validate", write("g.yml", GOALS), write("d.csv", DATA))
    assert run.exit_code == ExitCode.INTERNAL == 3
    assert run.stderr.startswith("esfkit: internal error: KeyError: ")
    assert "this is a bug in esfkit" in run.stderr and "--debug" in run.stderr
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert "1234" not in run.stderr and "19850101-****" in run.stderr
    debug = run_cli("--debug", "validate", write("g.yml", GOALS), write("d.csv", DATA))
    assert debug.exit_code == 3 and "Traceback" in debug.stderr and "1234" not in debug.stderr


def test_an_internal_error_in_the_installed_command_prints_no_traceback(write, tmp_path) -> None:
    # Through a real process: sitecustomize breaks the engine before esfkit runs.
    import os
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "sitecustomize.py").write_text(
        "import esfkit.engine.run as run\n"
        "def evaluate(*a, **k):\n"
        "    raise ZeroDivisionError('division by zero')\n"
        "run.evaluate = evaluate\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    esfkit = str(Path(sys.executable).with_name("esfkit"))
    args = [esfkit, "check", "--lang", "en", str(write("g.yml", GOALS)), str(write("d.csv", DATA))]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stderr == (
        "esfkit: internal error: ZeroDivisionError: division by zero; this is a bug in esfkit "
        "— please report it with the command; --debug shows the details\n"
    )
    debug = subprocess.run(
        [esfkit, "--debug", *args[1:]], capture_output=True, text=True, env=env, timeout=60
    )
    assert debug.returncode == 3 and "Traceback" in debug.stderr


def test_a_gender_filter_may_name_a_code_the_goal_file_declares(write) -> None:
    """A code from `data.genders`, written in a filter in other case, means its gender."""
    goals = (
        "version: 1\nproject: {name: T}\ndata:\n  genders: {Kv: women}\ngoals:\n"
        "  - id: women\n    title: Kvinnor\n    count: {gender: KV}\n"
    )
    data = "Kön;Kommun;Inskrivningsdatum\nKv;Berg;2021-01-01\nKvinna;Berg;2021-01-01\nMan;Berg;2021-01-01\n"
    run = run_cli(
        "check", write("g.yml", goals), write("d.csv", data), "--as-of", "2021-12-31", "-f", "json"
    )
    assert run.exit_code == 0, run.stderr
    total = next(c for c in run.json()["goals"][0]["cells"] if c["dims"] == {})
    assert total["value"] == 2


@given(st.sets(st.integers(2, 400), min_size=2), st.integers(1, 12))
def test_a_folded_row_list_names_only_its_rows_and_counts_them_all(rows, limit) -> None:
    def expand(text: str) -> set[int]:
        found: set[int] = set()
        for item in text.split(", "):
            first, _, last = item.partition("–")
            found.update(range(int(first), int(last or first) + 1))
        return found

    every = format_rows(rows, None)
    items = every.removeprefix("rows ").split(" (")[0]
    assert expand(items) == rows
    folded = format_rows(rows, limit)
    shown = folded.removeprefix("rows ").split(" (")[0].removesuffix(" …")
    assert expand(shown) <= rows and len(shown.split(", ")) <= limit
    if expand(shown) != rows:
        assert folded.endswith(f" … ({len(rows)} rows)")


def test_runs_of_three_rows_or_more_are_ranges() -> None:
    assert format_rows([7]) == "row 7"
    assert format_rows([3, 9]) == "rows 3, 9"
    assert format_rows([4, 5]) == "rows 4, 5"
    assert format_rows([4, 2, 3, 3]) == "rows 2–4 (3 rows)"
    assert format_rows([*range(12, 41), 52, 61, *range(90, 278)], 3) == (
        "rows 12–40, 52, 61 … (219 rows)"
    )
    assert format_rows([*range(12, 41), 52], None, ("rad", "rad", "rader")) == (
        "rad 12–40, 52 (30 rader)"
    )


@pytest.mark.parametrize("newline", ["\n", "\r", "\u2028", "\x85"])
def test_a_header_typed_with_a_line_break_never_starts_a_line_of_the_message(
    newline: str, write
) -> None:
    # A header written with Alt+Enter, quoted in the hint that lists the file's columns and
    # in the message naming two columns alike: shown as its escape, on the message's line,
    # so that a header cannot forge a line that looks like esfkit's own.
    forged = f"Kön{newline}error: forged line"
    data = write("data.csv", f'"{forged}";"{forged}";Kommun\nKvinna;Kvinna;Berg\n')
    goals = write("goals.yml", GOALS.replace("goals:", "data:\n  columns: {gender: Genus}\ngoals:"))
    for run in (run_cli("check", goals, data), run_cli("validate", goals, data)):
        assert run.exit_code == 2 and "Traceback" not in run.stderr, run.stderr
        lines = run.stderr.splitlines()
        assert not any(line.startswith("error: forged") for line in lines), run.stderr
        assert "Kön\\x" in run.stderr or "Kön\\u" in run.stderr, run.stderr


@pytest.mark.parametrize("command", [("check", "g.yml", "d.csv"), ("indicators", "list")])
def test_click_s_usage_errors_show_an_argument_s_format_characters_and_mask_it(
    command: tuple[str, ...],
) -> None:
    # Click escapes an argument's C0 controls itself ('\x0a'), not a bidi override or a
    # zero-width space; and its escape must not let a personnummer through.
    argument = "--x\u202eRLO\u200bZW\u2028LSEP 850101-\n2382"
    run = run_cli(*command, argument)
    assert run.exit_code == 2
    for raw in ("\u202e", "\u200b", "\u2028", "2382"):
        assert raw not in run.stderr, run.stderr
    assert "\\u202e" in run.stderr and "850101-****" in run.stderr, run.stderr


def test_a_file_name_with_a_line_break_stays_on_its_line(write, tmp_path) -> None:
    goals = write("goals.yml", GOALS)
    missing = tmp_path / "x\nerror: forged 850101-\n2382.xlsx"
    for run in (run_cli("check", goals, missing), run_cli("history", missing)):
        assert run.exit_code == 2, run.stderr
        assert not any(line.startswith("error: forged") for line in run.stderr.splitlines())
        assert "2382" not in run.stderr and "850101-****" in run.stderr, run.stderr


def test_a_value_click_quotes_as_python_does_is_masked(write) -> None:
    run = run_cli("check", write("goals.yml", GOALS), "d.csv", "--width", "x\n850101-\n2382")
    assert run.exit_code == 2 and "2382" not in run.stderr, run.stderr
