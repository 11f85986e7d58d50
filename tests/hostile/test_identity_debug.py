"""Issue 10, class 8: `--debug` adds the traceback and changes nothing else: the same exit
status (2 for bad input, 3 for a bug, 1 and 0 as without it) and the same masking, in the
traceback too."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli_en as run_cli
from tests.hostile.conftest import esfkit_process
from tests.hostile.test_identity import date_shaped_numbers

GOALS = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
goals:
  - {id: recruited, title: Rekryterade, count: everyone, target: 10}
"""
HEADER = "Personnummer;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
GOOD = HEADER + "811218-9876;Kvinna;Östersund;2021-01-01;2021-03-01;Studier\n"
# A personnummer typed in the gender column: an error whose message quotes the cell.
BAD = GOOD + "121212-1212;850101 2382;Berg;2021-02-01;;\n"


@pytest.mark.parametrize(
    ("data", "extra", "status"),
    [
        (GOOD, [], 0),
        (GOOD, ["--fail-on", "behind"], 1),
        (BAD, [], 2),
    ],
)
def test_debug_keeps_the_exit_status_and_the_output(write, data, extra, status) -> None:
    goals, path = write("g.yml", GOALS), write("d.csv", data)
    args = ["check", goals, path, "--as-of", "2021-06-30", *extra]
    plain, debug = run_cli(*args), run_cli("--debug", *args)
    assert plain.exit_code == debug.exit_code == status
    assert plain.stdout == debug.stdout
    assert debug.stderr.endswith(plain.stderr)  # the message as without --debug, last
    if status == 2:
        assert "Traceback (most recent call last)" in debug.stderr
        assert "850101-****" in debug.stderr
    for text in (debug.stdout, debug.stderr):
        assert "2382" not in text and date_shaped_numbers(text) == []


def test_debug_on_validate_and_explain_keeps_exit_2(write) -> None:
    goals, path = write("g.yml", GOALS), write("d.csv", BAD)
    listed = run_cli("--debug", "validate", goals, path)
    assert listed.exit_code == 2 and "2382" not in listed.stdout + listed.stderr
    explained = run_cli("--debug", "explain", goals, path, "recruited")
    assert explained.exit_code == 2 and "Traceback" in explained.stderr
    assert "2382" not in explained.stdout + explained.stderr


def test_a_bug_with_debug_exits_3_and_masks_the_traceback(write, monkeypatch) -> None:
    import esfkit.api

    def broken(*args, **kwargs):
        try:
            raise ValueError("cell 19850101 2382 unreadable")
        except ValueError as exc:
            raise KeyError("Kön for 850101–2382") from exc  # a chain: both messages shown

    monkeypatch.setattr(esfkit.api, "validation_report", broken)
    run = run_cli("--debug", "validate", write("g.yml", GOALS), write("d.csv", GOOD))
    assert run.exit_code == 3
    assert "Traceback" in run.stderr and "ValueError" in run.stderr
    assert "this is a bug in esfkit" in run.stderr.splitlines()[-1]
    assert "2382" not in run.stderr and date_shaped_numbers(run.stderr) == []


def test_debug_in_the_installed_command_exits_2_for_bad_input(write) -> None:
    # A cron job alerts on exit 2: --debug must not turn it into 1.
    goals, path = write("g.yml", GOALS), write("d.csv", BAD)
    done = esfkit_process("--debug", "check", goals, path, "--as-of", "2021-06-30")
    assert done.returncode == 2, done.stderr
    stderr = done.stderr.decode()
    assert "Traceback" in stderr and "2382" not in stderr
