"""The command line through its real entry point: output, exit codes, files."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from esfkit import __version__
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli

GOALS = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: {women: 2, men: 2}
  - id: studies
    title: Studier
    share: {exit: Studier}
    of: exited
    target: 50 %
"""
DATA = (
    "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
    "1;Kvinna;Berg;2021-01-01;2021-03-01;Studier\n"
    "2;Man;Åre;2021-01-01;2021-04-01;Arbete\n"
    "3;Kvinna;Åre;2021-02-01;;\n"
)


def test_version() -> None:
    run = run_cli("--version")
    assert run.exit_code == 0
    assert run.stdout.strip() == f"esfkit {__version__}"


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "esfkit", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"esfkit {__version__}"


def test_help_does_not_import_pandas() -> None:
    code = "import sys; from esfkit.cli import app; app(['--help'], standalone_mode=False); print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip().endswith("False"), done.stdout


def test_check_parses_its_options_without_pydantic(write) -> None:
    """typer 0.29 built a pydantic TypeAdapter per option as a command ran (0.06 s of a small
    project's run): the options are parsed as Click parses them."""
    args = [str(write("g.yml", GOALS)), str(write("d.csv", DATA)), "--as-of", "2021-12-31"]
    code = (
        "import sys; from esfkit.cli import app; "
        f"app(['check', *{args!r}, '--width', '90', '-f', 'table'], standalone_mode=False); "
        "print('pydantic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "Rekryterade" in done.stdout, done.stderr
    assert done.stdout.strip().endswith("False"), done.stdout


def test_check_prints_header_summary_and_goal_tables(write) -> None:
    run = run_swedish(
        "check",
        write("g.yml", GOALS),
        write("d.csv", DATA),
        "--as-of",
        "2021-12-31",
        "--width",
        "110",
    )
    assert run.exit_code == 0, run.stderr
    sha = hashlib.sha256(DATA.encode()).hexdigest()[:12]
    assert f"d.csv  sha256 {sha}  3 rader" in run.stdout
    assert "Rekryterade" in run.stdout and "Studier" in run.stdout
    assert "✘ Ej uppfyllt" in run.stdout  # men 1 of 2 at the end of the project
    assert "1 man till behövs" in run.stdout
    assert "50,0 %" in run.stdout
    assert "\x1b[" not in run.stdout  # no colour when not a terminal


def test_english_and_goal_selection(write) -> None:
    run = run_cli(
        "check",
        write("g.yml", GOALS),
        write("d.csv", DATA),
        "--as-of",
        "2021-12-31",
        "--lang",
        "en",
        "--goal",
        "studies",
    )
    assert run.exit_code == 0
    assert "Report date" in run.stdout and "50.0%" in run.stdout
    assert "Rekryterade" not in run.stdout


def test_json_has_the_contract_shape(write) -> None:
    run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", DATA), "--as-of", "2021-12-31", "-f", "json"
    )
    report = run.json()
    assert set(report) >= {"esfkit", "project", "as_of", "period", "input", "population", "goals"}
    assert report["input"] == {
        "path": "d.csv",
        "sha256": hashlib.sha256(DATA.encode()).hexdigest(),
        "rows": 3,
    }
    assert report["population"]["enrolments"] == 3
    goal = report["goals"][0]
    assert set(goal) >= {"id", "title", "kind", "status", "cells"}
    assert set(goal["cells"][0]) >= {
        "dims",
        "value",
        "numerator",
        "denominator",
        "percent",
        "target",
        "gap",
        "status",
    }
    dims = [c["dims"] for c in goal["cells"]]
    assert (
        {} in dims
        and {"gender": "women"} in dims
        and {"municipality": "Berg", "gender": "women"} in dims
    )


def test_period_limits_the_population_and_is_reported(write) -> None:
    run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", DATA), "--period", "2021-03", "-f", "json"
    )
    report = run.json()
    assert report["period"] == {"start": "2021-03-01", "end": "2021-03-31"}
    assert report["as_of"] == "2021-03-31"
    assert report["population"]["outside_period"] == 0
    run = run_cli(
        "check",
        write("g.yml", GOALS),
        write("d.csv", DATA),
        "--from",
        "2021-03-15",
        "--to",
        "2021-03-31",
        "-f",
        "json",
    )
    assert run.json()["population"]["outside_period"] == 1  # ended 2021-03-01


def test_fail_on_unmet_exits_1_only_when_asked(write) -> None:
    args = ("check", write("g.yml", GOALS), write("d.csv", DATA), "--as-of", "2021-12-31")
    assert run_cli(*args).exit_code == 0
    assert run_cli(*args, "--fail-on", "unmet").exit_code == 1


def test_output_is_written_and_inputs_untouched(write, tmp_path) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (goals, data)]
    out = tmp_path / "report.json"
    run = run_cli("check", goals, data, "-f", "json", "-o", out)
    assert run.exit_code == 0 and run.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in (goals, data)] == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_onto_an_input_is_refused(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    before = data.read_bytes()
    run = run_cli("check", goals, data, "-o", data)
    assert run.exit_code == 2 and "never writes to its inputs" in run.stderr
    assert data.read_bytes() == before


def test_validate_lists_findings(write) -> None:
    run = run_cli("validate", write("g.yml", GOALS), write("d.csv", DATA), "--as-of", "2021-12-31")
    assert run.exit_code == 0
    assert "3 rows" in run.stdout


def test_entry_point_leaves_the_objects_alive_at_exit_out_of_the_last_collection(
    monkeypatch,
) -> None:
    import gc

    from esfkit import cli

    monkeypatch.setattr(cli, "_given", {})  # main() marks the process as the command's own
    monkeypatch.setattr(sys, "argv", ["esfkit", "--version"])
    try:
        cli.main()
    except SystemExit as exit_:
        assert exit_.code == 0
    finally:
        frozen = gc.get_freeze_count()
        gc.unfreeze()
    assert frozen > 0  # the interpreter's collection at exit walks none of them


def test_heavy_imports_are_frozen_only_in_the_command_s_own_process(monkeypatch) -> None:
    import gc

    from esfkit import cli

    monkeypatch.setattr(cli, "_given", {})
    frozen = gc.get_freeze_count()
    with cli._heavy_imports(None):
        assert gc.isenabled()  # a caller's process: its collector as it was
    assert gc.get_freeze_count() == frozen
    monkeypatch.setattr(cli, "_given", {"process": True})
    try:
        with cli._heavy_imports(None):
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]  # what an import makes and keeps
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()
