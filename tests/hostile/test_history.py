"""Class 19: the history file. Runs writing it at once take turns (a lock beside it), so none
loses another's records; a file of another project is refused; a goal whose definition
changed is not compared with the old figures, and the report says so; a hand-edited file's
conflicting rows and impossible figures are located errors. Files of an older esfkit, without
the project and definition columns, still read and are brought up to date on the next write."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

from esfkit.history import COLUMNS, NAMED_COLUMNS, OLD_COLUMNS
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli
from tests.hostile.conftest import ESFKIT
from tests.test_cli import DATA, GOALS


@pytest.fixture
def project(write) -> tuple[Path, Path]:
    return write("goals.yml", GOALS), write("data.csv", DATA)


def _rows(history: Path) -> list[dict[str, str]]:
    with history.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _check(project, as_of: str, history: Path, *extra: str):
    return run_swedish("check", *project, "--as-of", as_of, "--history", history, *extra)


# --- concurrent writers -------------------------------------------------------------------------


@pytest.mark.slow  # processes racing: seconds; the lock itself is tested in-process
def test_runs_writing_one_history_at_once_lose_no_records(project, tmp_path) -> None:
    """Real processes, each its own report date, started together (without the lock most of
    them read the file before another has written it, and their rows are lost)."""
    history = tmp_path / "history.csv"
    assert _check(project, "2021-01-31", history).exit_code == 0  # a file to read-modify-write
    dates = [f"2021-{month:02d}-28" for month in range(2, 7)]
    runs = [
        subprocess.Popen(
            [ESFKIT, "check", *map(str, project), "--as-of", day, "--history", str(history)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for day in dates
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read()
        run.stderr.close()
    recorded = _rows(history)
    assert {r["as_of"] for r in recorded} == {"2021-01-31", *dates}
    for day in ["2021-01-31", *dates]:  # every run's rows whole
        assert {r["goal"] for r in recorded if r["as_of"] == day and r["dims"] == "{}"} == {
            "recruited",
            "studies",
        }
    assert not list(tmp_path.glob(".history.csv.*.tmp"))


def test_a_run_that_cannot_get_the_lock_stops_with_a_clear_message(
    project, tmp_path, monkeypatch
) -> None:
    history = tmp_path / "history.csv"
    assert _check(project, "2021-01-31", history).exit_code == 0
    before = history.read_bytes()
    out = tmp_path / "report.md"
    monkeypatch.setattr("esfkit.history.LOCK_TIMEOUT", 0.3)
    with FileLock(tmp_path / "history.csv.lock"):  # another run, holding it
        run = _check(project, "2021-02-28", history, "-o", out, "--lang", "en")
    assert run.exit_code == 2
    assert "another esfkit run" in run.stderr and "history.csv.lock" in run.stderr
    assert history.read_bytes() == before and not out.exists()


def test_a_lock_that_cannot_be_created_is_named_at_once_not_waited_for(
    project, monkeypatch
) -> None:
    # filelock retries a lock file it cannot create as if another run held it; in /proc
    # no file can be created, though the folder exists.
    monkeypatch.setattr("esfkit.history.LOCK_TIMEOUT", 1.0)
    run = _check(project, "2021-01-31", Path("/proc/self/esfkit-history.csv"), "--lang", "en")
    assert run.exit_code == 2
    assert "cannot lock the history file" in run.stderr, run.stderr
    assert "esfkit-history.csv.lock: No such file" in run.stderr


def test_the_lock_is_beside_the_file_a_symlink_points_to(project, tmp_path) -> None:
    real = tmp_path / "shared" / "history.csv"
    real.parent.mkdir()
    link = tmp_path / "history.csv"
    link.symlink_to(real)
    assert _check(project, "2021-01-31", link).exit_code == 0
    assert (real.parent / "history.csv.lock").exists() and link.is_symlink()
    assert _rows(real)[0]["as_of"] == "2021-01-31"


# --- another project, changed definitions -------------------------------------------------------


@pytest.mark.parametrize("other", ["Another project", "Test 2", "Tést"])
def test_a_history_of_another_project_is_refused(project, write, tmp_path, other) -> None:
    history = tmp_path / "history.csv"
    assert _check(project, "2021-01-31", history).exit_code == 0
    before = history.read_bytes()
    goals = write("other.yml", GOALS.replace("name: Test", f"name: '{other}'"))
    out = tmp_path / "report.md"
    run = run_cli(
        "check", goals, project[1], "--as-of", "2021-02-28", "--history", history, "-o", out
    )
    assert run.exit_code == 2
    assert "history.csv, row 2, column 'project'" in run.stderr
    assert "belongs to project 'Test'" in run.stderr and "own --history file" in run.stderr
    assert history.read_bytes() == before and not out.exists()


CHANGED = {
    "the filter": ("share: {exit: Studier}", "share: {exit: [Studier, Arbete]}"),
    "the denominator": ("    of: exited\n", ""),
    "the kind": (
        "share: {exit: Studier}\n    of: exited\n    target: 50 %",
        "count: {exit: Studier}",
    ),
    "a scope": ("    of: exited\n", "    of: exited\n    scope: {Kommun: Åre}\n"),
    "a phase": ("    of: exited\n", "    of: exited\n    period: 2021-H1\n"),
    "a phase by dates": (
        "    of: exited\n",
        "    of: exited\n    from: 2021-02-01\n    to: 2021-12-31\n",
    ),
}
UNCHANGED = {
    "the title": ("title: Studier", "title: Studier (reviderat)"),
    "the target": ("target: 50 %", "target: 60 %"),
    "comments and layout": (
        "share: {exit: Studier}",
        "share:   # the outcome\n      exit: Studier",
    ),
    "a note": ("    of: exited\n", "    of: exited\n    note: Enligt ansökan\n"),
    "at_most": ("    of: exited\n", "    of: exited\n    at_most: false\n"),
}


def _recorded_then_changed(project, write, history: Path, old: str, new: str):
    """A run in March, the goal file edited (``old`` -> ``new``), a run in June: the June
    report (JSON) and the edited goal file."""
    assert _check(project, "2021-03-31", history).exit_code == 0
    assert old in GOALS
    goals = write("goals.yml", GOALS.replace(old, new))
    return _check((goals, project[1]), "2021-06-30", history, "-f", "json").json(), goals


@pytest.mark.parametrize("change", list(CHANGED))
def test_a_goal_whose_definition_changed_is_not_compared_and_the_report_says_so(
    project, write, tmp_path, change
) -> None:
    history = tmp_path / "history.csv"
    report, goals = _recorded_then_changed(project, write, history, *CHANGED[change])
    assert report["previous_as_of"] == "2021-03-31" and report["redefined"] == ["studies"]
    studies = next(g for g in report["goals"] if g["id"] == "studies")
    recruited = next(g for g in report["goals"] if g["id"] == "recruited")
    assert all(c["change"] is None for c in studies["cells"])
    assert recruited["cells"][0]["change"] == 0  # the unchanged goal is still compared
    for fmt, line in (("markdown", "Ändrade mål"), ("text", "Ändrade mål")):
        shown = _check((goals, project[1]), "2021-06-30", history, "-f", fmt).stdout
        assert line in shown and "Studier" in shown and "före ändringen" in shown
    english = _check((goals, project[1]), "2021-06-30", history, "--lang", "en").stdout
    assert "Changed goals" in english
    digests = {r["as_of"]: r["definition"] for r in _rows(history) if r["goal"] == "studies"}
    assert digests["2021-03-31"] != digests["2021-06-30"]
    again = _check((goals, project[1]), "2021-07-31", history, "-f", "json").json()
    assert again["redefined"] == ["studies"]
    assert next(g for g in again["goals"] if g["id"] == "studies")["cells"][0]["change"] == 0


@pytest.mark.parametrize("change", list(UNCHANGED))
def test_what_only_judges_or_describes_a_goal_keeps_the_comparison(
    project, write, tmp_path, change
) -> None:
    history = tmp_path / "history.csv"
    report, _ = _recorded_then_changed(project, write, history, *UNCHANGED[change])
    assert report["redefined"] == []
    studies = next(g for g in report["goals"] if g["id"] == "studies")
    assert studies["cells"][0]["change"] == pytest.approx(-50)  # 1 of 1 exited, then 1 of 2
    digests = {r["as_of"]: r["definition"] for r in _rows(history) if r["goal"] == "studies"}
    assert digests["2021-03-31"] == digests["2021-06-30"]


def test_an_outcome_group_the_goal_names_is_part_of_its_definition(
    project, write, tmp_path
) -> None:
    grouped = GOALS.replace("share: {exit: Studier}", "share: {exit: studies}")
    goals = write("goals.yml", "outcomes: {studies: [Studier], work: [Arbete]}\n" + grouped)
    history = tmp_path / "history.csv"
    assert _check((goals, project[1]), "2021-01-31", history).exit_code == 0
    write("goals.yml", "outcomes: {studies: [Studier], work: [Arbete, Jobb]}\n" + grouped)
    same = _check((goals, project[1]), "2021-06-30", history, "-f", "json").json()
    assert same["redefined"] == []  # 'work' is not named by any goal
    write("goals.yml", "outcomes: {studies: [Studier, Arbete], work: [Arbete]}\n" + grouped)
    changed = _check((goals, project[1]), "2021-06-30", history, "-f", "json").json()
    assert changed["redefined"] == ["studies"]


def test_an_older_history_file_still_reads_and_is_brought_up_to_date(project, write) -> None:
    old = ",".join(OLD_COLUMNS) + (
        "\n2021-01-31,recruited,count,{},2,4,not_met,"
        '\n2021-01-31,recruited,count,"{""gender"":""women""}",1,2,not_met,'
        "\n2021-01-31,studies,percent,{},100,50,met,\n"
    )
    history = write("history.csv", old)
    assert run_cli("history", history).exit_code == 0
    report = _check(project, "2021-06-30", history, "-f", "json").json()
    assert report["redefined"] == []  # recorded without a definition: taken as the same
    recruited = next(g for g in report["goals"] if g["id"] == "recruited")
    assert recruited["cells"][0]["change"] == 1
    rows = _rows(history)
    assert tuple(rows[0]) == COLUMNS
    assert {r["project"] for r in rows} == {"Test"}  # the old rows are this project's now
    assert {r["definition"] for r in rows if r["as_of"] == "2021-01-31"} == {""}
    assert all(r["definition"] for r in rows if r["as_of"] == "2021-06-30")
    listed = run_cli("history", history, "--lang", "en")
    assert listed.exit_code == 0 and "recruited" in listed.stdout and "studies" in listed.stdout


# --- hand-edited files ------------------------------------------------------------------------

HEADER = ",".join(NAMED_COLUMNS) + "\n"  # the rows below: the format before the data column
ROW = "2021-01-31,recruited,count,{},2,4,not_met,,Test,abcdefghijklmnop\n"


@pytest.mark.parametrize(
    ("second", "column"),
    [
        ("2021-01-31,recruited,count,{},3,4,not_met,,Test,abcdefghijklmnop", "value"),
        ("2021-01-31,recruited,count,{},2,5,not_met,,Test,abcdefghijklmnop", "value"),
        ("2021-01-31,recruited,count,{},2,4,met,,Test,abcdefghijklmnop", "value"),
        ("2021-01-31,recruited,percent,{},2,4,not_met,,Test,abcdefghijklmnop", "value"),
        (
            '2021-01-31,recruited,percent,"{""gender"":""men""}",2,4,not_met,,Test,abcdefghijklmnop',
            "measure",
        ),
        (
            '2021-01-31,recruited,count,"{""gender"":""men""}",1,2,not_met,,Test,bbbbbbbbbbbbbbbb',
            "definition",
        ),
        ("2021-01-31,recruited,count,{},-2,4,not_met,,Test,abcdefghijklmnop", "value"),
        ("2021-02-28,recruited,count,{},-1,4,not_met,,Test,abcdefghijklmnop", "value"),
        ("2021-02-28,recruited,count,{},2,-4,not_met,,Test,abcdefghijklmnop", "target"),
        ("2021-02-28,recruited,count,{},2,4,not_met,,Other,abcdefghijklmnop", "project"),
        ('2021-02-28,recruited,count,"{""gender"":{""a"":1}}",2,4,not_met,,Test,x', "dims"),
        ("2021-02-28,recruited,count,{},2,4,not_met,,Test", None),
    ],
)
def test_a_hand_edited_history_that_contradicts_itself_is_a_located_error(
    project, write, second, column
) -> None:
    history = write("history.csv", HEADER + ROW + second + "\n")
    before = history.read_bytes()
    where = "history.csv, row 3" + (f", column '{column}'" if column else "")
    checked = ("check", *project, "--as-of", "2021-06-30", "--history", history)
    for args in (checked, ("history", history)):
        run = run_cli(*args)
        assert run.exit_code == 2, run.stdout
        assert where in run.stderr, run.stderr
    assert history.read_bytes() == before


def test_the_same_row_twice_is_one_row(project, write) -> None:
    history = write("history.csv", HEADER + ROW + ROW)
    listed = run_cli("history", history)
    assert listed.exit_code == 0
    assert len([line for line in listed.stdout.splitlines() if line.startswith("2021-01-31")]) == 1
    assert _check(project, "2021-06-30", history).exit_code == 0
    assert sum(r["as_of"] == "2021-01-31" for r in _rows(history)) == 1


@pytest.mark.parametrize(
    "text",
    [
        HEADER + ROW + '2021-02-28,recruited,count,"' + "{" * 200_000 + '",2,4,met,,Test,x\n',
        HEADER + ROW + "2021-02-28,recruited,count," + "[" * 100_000 + ",2,4,met,,Test,x\n",
        "as_of" + "x" * 200_000 + ",goal\n",
        HEADER + ROW + '2021-02-28,recruited,count,"{},2,4,met,,Test,x\n',
    ],
    ids=["a field of 200 KB", "dims nested 100 000 deep", "a header of 200 KB", "open quote"],
)
def test_a_history_line_esfkit_cannot_read_is_a_located_error(write, text) -> None:
    history = write("history.csv", text)
    run = run_cli("history", history)
    assert run.exit_code == 2 and "internal error" not in run.stderr
    assert re.search(r"history\.csv, row \d+", run.stderr), run.stderr
