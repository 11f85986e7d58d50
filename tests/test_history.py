"""`check --history FILE.csv` and `esfkit history`: recording, replacing, changes, trends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from esfkit.history import COLUMNS, OLD_COLUMNS, dims_text
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli
from tests.test_cli import DATA, GOALS

# Three months of the same project: one more woman by March, one more exit to studies by May.
MORE_BY_MARCH = "4;Kvinna;Berg;2021-03-01;;\n"
MORE_BY_MAY = "5;Man;Berg;2021-04-01;2021-05-01;Studier\n"


@pytest.fixture
def project(write) -> tuple[Path, Path]:
    return write("g.yml", GOALS), write("d.csv", DATA + MORE_BY_MARCH + MORE_BY_MAY)


def _check(project, as_of: str, history: Path, *extra: str, lang: str = "sv"):
    goals, data = project
    return run_swedish(
        "check", goals, data, "--as-of", as_of, "--history", history, "--lang", lang, *extra
    )


def _rows(history: Path) -> list[dict[str, str]]:
    with history.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_rerun_for_the_same_date_replaces_its_rows(project, tmp_path) -> None:
    history = tmp_path / "history.csv"
    assert _check(project, "2021-03-31", history).exit_code == 0
    first = history.read_bytes()
    assert _check(project, "2021-03-31", history).exit_code == 0
    assert history.read_bytes() == first  # replaced, not duplicated: the same bytes
    rows = _rows(history)
    assert tuple(rows[0]) == COLUMNS
    keys = [(r["as_of"], r["goal"], r["dims"]) for r in rows]
    assert len(keys) == len(set(keys)) and keys == sorted(keys)
    total = next(r for r in rows if r["goal"] == "recruited" and r["dims"] == "{}")
    assert (total["value"], total["target"], total["status"]) == ("4", "4", "met")


def test_three_dates_give_the_change_since_the_latest_earlier_run(project, tmp_path) -> None:
    history = tmp_path / "history.csv"
    for as_of in ("2021-01-31", "2021-05-31", "2021-03-31"):  # recorded out of order
        assert _check(project, as_of, history).exit_code == 0
    assert sorted({r["as_of"] for r in _rows(history)}) == [
        "2021-01-31",
        "2021-03-31",
        "2021-05-31",
    ]
    report = _check(project, "2021-05-31", history, "-f", "json").json()
    assert report["previous_as_of"] == "2021-03-31"
    goals = {g["id"]: g for g in report["goals"]}
    recruited = {str(c["dims"]): c["change"] for c in goals["recruited"]["cells"]}
    assert recruited["{}"] == 1 and recruited["{'gender': 'men'}"] == 1
    assert recruited["{'gender': 'women'}"] == 0
    # studies: 1 of 1 exited by March, 2 of 3 by May: -33.3 points
    studies = goals["studies"]["cells"][0]
    assert studies["change"] == pytest.approx(200 / 3 - 100)
    march = _check(project, "2021-03-31", history, "-f", "markdown", "--lang", "en").stdout
    assert "since 2021-01-31" in march
    assert "| 4 (100.0%) ▲ 2 |" in march  # two women more than in January
    may = _check(project, "2021-05-31", history, "-f", "text").stdout
    assert "66,7 % ▼ 33,3" in may and "5 (125,0 %) ▲ 1" in may
    terminal = _check(project, "2021-05-31", history).stdout
    assert "▼ 33,3" in terminal


def test_the_first_run_and_a_run_before_every_recorded_date_show_no_change(
    project, tmp_path
) -> None:
    history = tmp_path / "history.csv"
    first = _check(project, "2021-05-31", history, "-f", "json").json()
    assert first["previous_as_of"] is None
    assert all(c["change"] is None for g in first["goals"] for c in g["cells"])
    earlier = _check(project, "2021-01-31", history, "-f", "markdown").stdout
    assert "▲" not in earlier and "▼" not in earlier and "±" not in earlier


def test_without_history_there_is_no_change_anywhere(project) -> None:
    goals, data = project
    report = run_cli("check", goals, data, "--as-of", "2021-05-31", "-f", "json").json()
    assert "previous_as_of" not in report
    assert all("change" not in c for g in report["goals"] for c in g["cells"])


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("2021-13-01,recruited,count,{},4,4,met,", "as_of"),
        ("2021-03-31,recruited,count,{},four,4,met,", "value"),
        ("2021-03-31,recruited,count,{},4,x,met,", "target"),
        ("2021-03-31,recruited,count,[1],4,4,met,", "dims"),
        ("2021-03-31,recruited,count,{},4,4,great,", "status"),
    ],
)
def test_a_malformed_history_is_a_located_error(project, write, line, column) -> None:
    good = "2021-01-31,recruited,count,{},2,4,not_met,"
    history = write("history.csv", ",".join(OLD_COLUMNS) + f"\n{good}\n{line}\n")
    before = history.read_bytes()
    run = _check(project, "2021-05-31", history, lang="en")
    assert run.exit_code == 2
    assert f"history.csv, row 3, column '{column}'" in run.stderr
    assert history.read_bytes() == before
    assert run_cli("history", history).exit_code == 2


def test_a_history_with_another_header_is_refused(project, write) -> None:
    history = write("history.csv", "date,goal,value\n2021-01-31,recruited,2\n")
    run = _check(project, "2021-05-31", history, lang="en")
    assert run.exit_code == 2 and "history.csv, row 1" in run.stderr and "header" in run.stderr


def test_the_history_is_never_an_input_or_the_report(project, tmp_path) -> None:
    goals, data = project
    for target in (goals, data):
        before = target.read_bytes()
        run = _check(project, "2021-05-31", target, lang="en")
        assert run.exit_code == 2 and "input" in run.stderr
        assert target.read_bytes() == before
    out = tmp_path / "report.md"
    run = _check(project, "2021-05-31", out, "-o", out)
    assert run.exit_code == 2 and not out.exists()


def _people(*groups: tuple[str, str, int, str]) -> str:
    """Participant rows: (gender, municipality, how many, start date)."""
    lines, n = [], 100
    for gender, municipality, count, start in groups:
        for _ in range(count):
            n += 1
            lines.append(f"{n};{gender};{municipality};{start};;\n")
    return "".join(lines)


def test_with_suppression_hidden_figures_are_blank_and_get_no_change(write, tmp_path) -> None:
    march = [("Kvinna", "Berg", 6, "2021-02-01"), ("Man", "Berg", 6, "2021-02-01")]
    march += [("Kvinna", "Åre", 6, "2021-02-01"), ("Man", "Åre", 1, "2021-02-01")]
    data = DATA.splitlines(keepends=True)[0] + _people(*march, ("Man", "Åre", 2, "2021-04-01"))
    project = (write("g.yml", GOALS), write("d.csv", data))
    history = tmp_path / "history.csv"
    args = ("--suppress-below", "3", "-f", "json", "--goal", "recruited")
    before = _check(project, "2021-03-31", history, *args).json()["goals"][0]["cells"]
    hidden = [c["dims"] for c in before if "value" in c.get("suppressed", {})]
    assert {"municipality": "Åre", "gender": "men"} in hidden
    recorded = {r["dims"]: r for r in _rows(history)}
    for cell in before:
        row = recorded[dims_text(cell["dims"])]
        assert row["suppress_below"] == "3"
        assert row["value"] == ("" if cell["dims"] in hidden else str(cell["value"]))
    after = _check(project, "2021-05-31", history, *args).json()["goals"][0]["cells"]
    shown = {dims_text(c["dims"]): c["value"] for c in before if c["dims"] not in hidden}
    for cell in after:
        if cell["dims"] in hidden or "value" in cell.get("suppressed", {}):
            assert cell["change"] is None, cell
        else:
            assert cell["change"] == cell["value"] - shown[dims_text(cell["dims"])], cell
    total = next(c for c in after if c["dims"] == {})
    assert total["change"] == 2
    markdown = _check(project, "2021-05-31", history, "--suppress-below", "3", "-f", "markdown")
    assert "| 21 (525,0 %) ▲ 2 |" in markdown.stdout


def test_a_run_recorded_without_suppression_gives_no_change_to_a_suppressed_one(
    project, tmp_path
) -> None:
    history = tmp_path / "history.csv"
    assert _check(project, "2021-03-31", history).exit_code == 0
    report = _check(project, "2021-05-31", history, "--suppress-below", "3", "-f", "json").json()
    # the change would give away March's figures, which this report would hide
    assert all(c["change"] is None for g in report["goals"] for c in g["cells"])


def test_history_command_prints_the_trend_per_goal(project, tmp_path) -> None:
    history = tmp_path / "history.csv"
    for as_of in ("2021-01-31", "2021-03-31", "2021-05-31"):
        assert _check(project, as_of, history).exit_code == 0
    run = run_cli("history", history, "--goal", "recruited", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "recruited" and "studies" not in run.stdout
    assert "Report date" in lines[2] and "Change" in lines[2]
    table = [line.split() for line in lines if line.startswith("2021-")]
    assert [row[:3] for row in table] == [
        ["2021-01-31", "2", "–"],
        ["2021-03-31", "4", "▲"],
        ["2021-05-31", "5", "▲"],
    ]
    assert run_cli("history", history, "--goal", "recruitd").exit_code == 2
    assert run_cli("history", tmp_path / "missing.csv").exit_code == 2


ORDERED = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
goals:
  - {id: women, title: Kvinnor, count: {gender: women}}
  - {id: all, title: Alla, count: everyone}
  - {id: mix, title: Könsfördelning, composition: gender}
  - {id: exits, title: Avslut, distribution: exit}
"""


def _goal_order(history: Path, *extra: str) -> list[str]:
    """The goals `esfkit history` lists, in its order: each table starts with the goal id."""
    run = run_cli("history", history, "--lang", "en", *extra)
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    return [line for n, line in enumerate(lines[:-2]) if lines[n + 2].startswith("Report date")]


def test_history_lists_goals_in_the_goal_files_order_not_by_id(write, tmp_path) -> None:
    history = tmp_path / "history.csv"
    data = write("d.csv", DATA + MORE_BY_MARCH)
    goals = write("g.yml", ORDERED)
    for as_of in ("2021-01-31", "2021-03-31"):
        assert run_cli("check", goals, data, "--as-of", as_of, "--history", history).exit_code == 0
    assert _goal_order(history) == ["women", "all", "mix", "exits"]
    # The file holds each run's rows in that order, which is where `history` takes it from.
    assert list(dict.fromkeys(r["goal"] for r in _rows(history))) == [
        "women",
        "all",
        "mix",
        "exits",
    ]
    # A goal moved up and a goal dropped: the latest run's order, the dropped goal last.
    reordered = ORDERED.replace("  - {id: women, title: Kvinnor, count: {gender: women}}\n", "")
    reordered = reordered.replace(
        "goals:\n", "goals:\n  - {id: exits, title: A, distribution: exit}\n", 1
    )
    reordered = reordered.rstrip("\n").rsplit("\n", 1)[0] + "\n"  # the old 'exits' line gone
    goals = write("g.yml", reordered)
    assert (
        run_cli("check", goals, data, "--as-of", "2021-05-31", "--history", history).exit_code == 0
    )
    assert _goal_order(history) == ["exits", "all", "mix", "women"]
    assert _goal_order(history, "--goal", "women", "--goal", "exits") == ["exits", "women"]


def test_a_run_of_some_goals_keeps_the_goal_files_order_in_the_file(write, tmp_path) -> None:
    history = tmp_path / "history.csv"
    data, goals = write("d.csv", DATA), write("g.yml", ORDERED)
    run = run_cli(
        "check", goals, data, "--as-of", "2021-01-31", "--history", history, "--goal", "exits"
    )
    assert run.exit_code == 0, run.stderr
    run = run_cli(
        "check", goals, data, "--as-of", "2021-01-31", "--history", history, "--goal", "women"
    )
    assert run.exit_code == 0, run.stderr
    assert list(dict.fromkeys(r["goal"] for r in _rows(history))) == ["women", "exits"]
    assert _goal_order(history) == ["women", "exits"]


def test_a_project_named_like_a_formula_is_never_one_in_the_file(write, tmp_path) -> None:
    # The file is CSV that people open in Excel: the project's name is a CSV field there.
    name = '=HYPERLINK("http://evil.example","klicka")'
    goals = write("g.yml", GOALS.replace("name: Test", f"name: '{name}'"))
    assert name in goals.read_text(encoding="utf-8")
    data = write("d.csv", DATA)
    history = tmp_path / "history.csv"
    for as_of in ("2021-01-31", "2021-03-31"):  # read back as this project's
        run = run_cli("check", goals, data, "--as-of", as_of, "--history", history)
        assert run.exit_code == 0, run.stderr
    assert {r["project"] for r in _rows(history)} == {"'" + name}
    # A file an earlier esfkit wrote, with the name as it is, is this project's too.
    history.write_text(history.read_text(encoding="utf-8").replace("'=", "="), encoding="utf-8")
    run = run_cli("check", goals, data, "--as-of", "2021-05-31", "--history", history)
    assert run.exit_code == 0, run.stderr
    assert {r["project"] for r in _rows(history)} == {"'" + name}
