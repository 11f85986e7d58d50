"""Swedish throughout: every message in both languages, one language per run, following
--lang, else the goal file's project.lang, else Swedish (issue 14: 5)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from esfkit.errors import impossible_date
from esfkit.i18n import LABELS
from esfkit.messages import MESSAGES
from tests.conftest import run_cli

SRC = Path(__file__).parents[1] / "src" / "esfkit"
EXAMPLE = Path(__file__).parents[1] / "examples" / "norrsken"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_is_in_both_languages_with_the_same_fields() -> None:
    for table in (MESSAGES, LABELS):
        assert set(table["sv"]) == set(table["en"])
        for key, english in table["en"].items():
            assert _fields(table["sv"][key]) == _fields(english), key


def test_every_sentence_the_code_says_has_its_key() -> None:
    """Each say("key", ...) in src/ names a key of esfkit.messages."""
    said = set()
    for path in SRC.rglob("*.py"):
        said |= set(re.findall(r'\bsay\(\s*"([^"]+)"', path.read_text(encoding="utf-8")))
    assert said, "no say(...) found: the pattern is wrong"
    assert sorted(said - set(MESSAGES["en"])) == []


@pytest.mark.parametrize(
    ("text", "english", "swedish"),
    [
        ("2021-11-31", "November has 30 days", "november har 30 dagar"),
        ("31/11/2021", "November has 30 days", "november har 30 dagar"),
        ("20210230", "February 2021 has 28 days", "februari 2021 har 28 dagar"),
        ("2024-02-30 08:00", "February 2024 has 29 days", "februari 2024 har 29 dagar"),
        ("2021-13-01", "there is no month 13", "det finns ingen månad 13"),
    ],
)
def test_an_impossible_date_says_why(text: str, english: str, swedish: str) -> None:
    why = impossible_date(text)
    assert why is not None
    assert (why.text(), why.text(MESSAGES["sv"])) == (english, swedish)


@pytest.mark.parametrize("text", ["2021-11-30", "1/13/2021", "abc", "2021-11", "44256"])
def test_a_possible_or_unreadable_date_has_no_calendar_reason(text: str) -> None:
    assert impossible_date(text) is None


GOALS = """\
project:
  name: Test
{lang}
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: 10
"""
HEADER = "Personnummer;Kön;Kommun;Startdatum;Slutdatum;Avslutsorsak\n"
BAD = HEADER + "19811218-9876;Kvinan;Östersund;2021-11-31;;\n"


@pytest.fixture
def files(tmp_path: Path):
    def make(data: str = BAD, lang: str = "") -> tuple[Path, Path]:
        goals = tmp_path / "g.yml"
        goals.write_text(GOALS.format(lang=f"  lang: {lang}" if lang else ""), encoding="utf-8")
        path = tmp_path / "d.csv"
        path.write_text(data, encoding="utf-8")
        return goals, path

    return make


def test_validate_is_swedish_by_default_and_says_why_a_date_is_impossible(files) -> None:
    run = run_cli("validate", *files(), "--as-of", "2021-12-31")
    assert run.exit_code == 2
    assert "d.csv: 1 rad; 2 fel, 0 varningar" in run.stdout
    assert "fel bad_date (1): ett datum som inte går att läsa" in run.stdout
    assert "rad 2, kolumn 'Startdatum': '2021-11-31' går inte att läsa" in run.stdout
    assert "gör så här: rätta datumet: november har 30 dagar" in run.stdout
    assert "2021-03-01" not in run.stdout  # never the form the user already typed
    assert "'Kvinan' är inget känt kön" in run.stdout
    assert not re.search(r"\b(rows?|column|error|warning|what to do)\b", run.stdout)


def test_validate_follows_lang_en_over_project_lang_sv(files) -> None:
    run = run_cli("validate", *files(lang="sv"), "--as-of", "2021-12-31", "--lang", "en")
    assert "d.csv: 1 row; 2 errors, 0 warnings" in run.stdout
    assert "what to do: correct the date: November has 30 days" in run.stdout
    assert not re.search(r"\b(rad|rader|kolumn|varning)\b", run.stdout)


def test_validate_follows_project_lang(files) -> None:
    run = run_cli("validate", *files(lang="en"), "--as-of", "2021-12-31")
    assert "d.csv: 1 row; 2 errors, 0 warnings" in run.stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ((), ["fel: d.csv: 2 fel i data stoppar check:", "rad 2, kolumn 'Kön'", "tips: "]),
        (("--lang", "en"), ["error: d.csv: 2 errors in the data stop check:", "hint: "]),
    ],
)
def test_check_stops_on_bad_data_in_the_run_language(files, lang, expected) -> None:
    run = run_cli("check", *files(), "--as-of", "2021-12-31", *lang)
    assert run.exit_code == 2
    for fragment in expected:
        assert fragment in run.stderr


def test_check_says_a_data_error_in_project_lang_without_lang(files) -> None:
    run = run_cli("check", *files(lang="en"), "--as-of", "2021-12-31")
    assert run.stderr.startswith("error: d.csv: 2 errors in the data stop check:")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ((), "fel: g.yml:4:10: '2021-11-31' är inget datum: november har 30 dagar"),
        (("--lang", "en"), "error: g.yml:4:10: '2021-11-31' is not a date: November has 30 days"),
    ],
)
def test_an_impossible_date_in_the_goal_file_says_why(files, lang, expected) -> None:
    goals, data = files(HEADER)
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("goals:", "  start: 2021-11-31\ngoals:"),
        encoding="utf-8",
    )
    run = run_cli("validate", goals, data, *lang)
    assert run.exit_code == 2
    assert run.stderr.strip() == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ((), "fel: --as-of '2021-02-29' är inget datum: februari 2021 har 28 dagar"),
        (("--lang", "en"), "error: --as-of '2021-02-29' is not a date: February 2021 has 28 days"),
    ],
)
def test_an_impossible_as_of_says_why_and_no_form_hint(files, lang, expected) -> None:
    run = run_cli("check", *files(HEADER), "--as-of", "2021-02-29", *lang)
    assert run.exit_code == 2
    assert run.stderr.strip() == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ((), ["fel: g.yml:8:5: okänd nyckel 'trget'", "tips: menade du 'target'? Kända nycklar"]),
        (("--lang", "en"), ["error: g.yml:8:5: unknown key 'trget'", "hint: did you mean"]),
    ],
)
def test_a_goal_file_error_is_said_in_the_run_language(files, lang, expected) -> None:
    goals, data = files(HEADER)
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("target: 10", "trget: 10"), encoding="utf-8"
    )
    for command in ("check", "validate", "explain"):
        more = ("recruited",) if command == "explain" else ()
        run = run_cli(command, goals, data, *more, *lang)
        assert run.exit_code == 2
        for fragment in expected:
            assert fragment in run.stderr, (command, run.stderr)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_command_takes_lang(tmp_path: Path, lang: str) -> None:
    """--lang on every command: none refuses it."""
    goals, data = EXAMPLE / "goals.yml", EXAMPLE / "deltagare.xlsx"
    history = tmp_path / "h.csv"
    commands = [
        ("check", goals, data, "--history", history),
        ("validate", goals, data),
        ("explain", goals, data, "--as-of", "2021-12-31", "no-such-goal"),
        ("history", history),
        ("init", data, "-o", "-"),
        ("template", "-o", tmp_path / "t.xlsx"),
        ("indicators", "list"),
        ("indicators", "show", "EECR04"),
    ]
    for command in commands:
        run = run_cli(*command, "--lang", lang)
        assert "No such option" not in run.stderr, (command, run.stderr)
        assert run.exit_code in (0, 2), (command, run.stderr)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [((), "fel: nohistory.csv: no such file"), (("--lang", "en"), "error: nohistory.csv")],
)
def test_history_without_a_goal_file_is_swedish_unless_lang(tmp_path, lang, expected) -> None:
    run = run_cli("history", tmp_path / "nohistory.csv", *lang)
    assert run.exit_code == 2
    assert run.stderr.startswith(expected.split(":")[0] + ": ")


def test_every_finding_of_a_messy_file_is_swedish_by_default(files) -> None:
    """Re-enrolments, overlaps, formulas: the sentences of validate in one language."""
    data = (
        HEADER
        + "19811218-9876;K;Östersund;2021-01-01;2021-02-01;Arbete\n"
        + "19811218-9876;K;Östersund;2021-03-01;;\n"
        + "19811218-9876;K;Östersund;2021-03-05;;\n"
        + "1,98112E+11;M;Östersund;2021-01-01;;\n"
    )
    run = run_cli("validate", *files(data), "--as-of", "2021-12-31")
    assert "är inskrivet på rader 2–4 (3 rader) och perioderna överlappar" in run.stdout
    assert "'1,98112E+11' är ett tal som Excel avrundat" in run.stdout
    english = run_cli("validate", *files(data), "--as-of", "2021-12-31", "--lang", "en")
    assert "is enrolled on rows 2–4 (3 rows) and the periods overlap" in english.stdout
    for text in (run.stdout, english.stdout):
        kinds = re.findall(r"^(?:fel|error|varning|warning) (\w+) ", text, re.M)
        assert {"overlapping_enrolments", "rounded_id"} <= set(kinds)
