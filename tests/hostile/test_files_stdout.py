"""Class 17: standard output and error under a C or ISO-8859-1 locale, closed, or a pipe whose
reader has gone. Everything is written as UTF-8 whatever the locale; a closed standard
output is exit 2 with a message; a reader that stops reading ends the output quietly (exit
status as if it had read everything). Never exit 3, never a traceback. Real processes:
locales, closed descriptors and pipes only exist there."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest

from tests.hostile.conftest import ESFKIT, esfkit_process
from tests.test_cli import DATA, GOALS

AS_OF = ("--as-of", "2021-12-31")

# Locales that cannot show 'å', '–' or '▲' (PYTHONUTF8=0: Python's own C-locale rescue off).
LOCALES = {
    "C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
    "POSIX": {"LC_ALL": "POSIX", "PYTHONUTF8": "0"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "ISO-8859-1 locale": {"LC_ALL": "sv_SE.ISO-8859-1", "PYTHONUTF8": "0"},
}


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    goals = tmp_path / "goals.yml"
    goals.write_text(GOALS.replace("Studier\n", "Studier – Åre ≥ 50 %\n", 1), encoding="utf-8")
    data = tmp_path / "deltagare Åre.csv"  # its name is in the report's footer
    data.write_text(DATA, encoding="utf-8")
    return goals, data


def _clean(done: subprocess.CompletedProcess) -> None:
    assert done.returncode != 3, done.stderr
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr
    assert b"internal error" not in done.stderr


@pytest.mark.parametrize("locale", list(LOCALES))
def test_a_report_with_swedish_letters_is_utf8_in_any_locale(project, tmp_path, locale) -> None:
    history = tmp_path / "history.csv"
    done = esfkit_process(
        "check", *project, *AS_OF, "-f", "markdown", "--history", history, env=LOCALES[locale]
    )
    _clean(done)
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")  # UTF-8, whatever the locale would have made of it
    assert "Studier – Åre ≥ 50 %" in text and "deltagare Åre.csv" in text
    assert "Åre" in history.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("check", "{goals}", "{data}", *AS_OF), "Åre ≥ 50 %"),  # the terminal table
        (("validate", "{goals}", "{data}", *AS_OF), "Östersunds kommun"),
        (("explain", "{goals}", "{data}", "studies", *AS_OF, "--where", "gender=men"), "–"),
        (("indicators", "list"), "2021–2027"),
        (("init", "{data}", "-o", "-"), "Kön"),
        (("explain", "--help"), "Piteå"),
    ],
    ids=["check", "validate", "explain", "indicators", "init", "help"],
)
def test_every_command_prints_utf8_under_the_c_locale(project, args, shown) -> None:
    goals, data = project
    with data.open("a", encoding="utf-8") as more:
        more.write("4;Man;Östersunds kommun;2021-02-01;;\n")  # validate quotes it
    given = [str(a).format(goals=goals, data=data) for a in args]
    done = esfkit_process(*given, env=LOCALES["C"])
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout.decode("utf-8")


@pytest.mark.parametrize("locale", ["C", "ascii"])
def test_an_error_message_with_swedish_letters_is_utf8(project, locale) -> None:
    done = esfkit_process("check", *project, "--goal", "måluppfyllelse", env=LOCALES[locale])
    _clean(done)
    assert done.returncode == 2
    assert "no goal with id 'måluppfyllelse'" in done.stderr.decode("utf-8")


def _closed(fd: int):
    return lambda: os.close(fd)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_closed_standard_output_is_an_error_not_a_crash(project, tmp_path, fmt) -> None:
    history = tmp_path / "history.csv"
    done = subprocess.run(
        [
            ESFKIT,
            "check",
            *map(str, project),
            *AS_OF,
            "-f",
            fmt,
            "--history",
            str(history),
            "--lang",
            "en",
        ],
        stderr=subprocess.PIPE,
        preexec_fn=_closed(1),
        timeout=30,
    )
    _clean(done)
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr
    assert not history.exists()  # the report went nowhere: the run is not recorded


def test_with_standard_output_closed_a_file_output_still_works(project, tmp_path) -> None:
    out = tmp_path / "report.md"
    done = subprocess.run(
        [ESFKIT, "check", *map(str, project), *AS_OF, "-o", str(out)],
        stderr=subprocess.PIPE,
        preexec_fn=_closed(1),
        timeout=30,
    )
    _clean(done)
    assert done.returncode == 0 and "Rekryterade" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("goals_ok", [True, False], ids=["report", "error"])
def test_a_closed_standard_error_changes_nothing(project, goals_ok) -> None:
    goals, data = project
    args = [ESFKIT, "check", str(goals), str(data), *AS_OF]
    if not goals_ok:
        args += ["--goal", "nonesuch"]
    done = subprocess.run(args, stdout=subprocess.PIPE, preexec_fn=_closed(2), timeout=30)
    assert done.returncode == (0 if goals_ok else 2)
    assert (b"Rekryterade" in done.stdout) == goals_ok


@pytest.mark.parametrize(
    ("args", "fmt", "reads"),
    [
        (("check", "{goals}", "{data}", *AS_OF, "--history", "{history}"), "json", 0),
        (("check", "{goals}", "{data}", *AS_OF, "--history", "{history}"), "json", 1),
        (("check", "{goals}", "{data}", *AS_OF), "html", 1),
        (("validate", "{goals}", "{data}"), None, 0),
        (("template", "-o", "-"), None, 1),
        (("indicators", "list"), None, 1),
    ],
    ids=["check json --history", "check json --history, a line read", "check html", "validate",
         "template", "indicators"],
)  # fmt: skip
def test_a_reader_that_stops_reading_ends_the_output_quietly(
    project, tmp_path, args, fmt, reads
) -> None:
    goals, data = project
    history = tmp_path / "history.csv"
    given = [str(a).format(goals=goals, data=data, history=history) for a in args]
    given += ["-f", fmt] if fmt else []
    process = subprocess.Popen(
        [ESFKIT, *given], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    if reads:
        process.stdout.readline()
    process.stdout.close()  # `| head -1`: the reader goes away
    stderr = process.stderr.read()
    process.stderr.close()
    code = process.wait(timeout=30)
    _clean(subprocess.CompletedProcess(given, code, b"", stderr))
    assert code == 0, stderr
    assert b"error" not in stderr
    if "--history" in given:  # the run itself was whole: it is recorded
        rows = list(csv.DictReader(history.open(encoding="utf-8")))
        assert {r["as_of"] for r in rows} == {"2021-12-31"}
