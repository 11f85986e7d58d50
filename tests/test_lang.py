"""Swedish throughout: every message in both languages, one language per run, following
--lang, else the goal file's project.lang, else Swedish (issue 14: 5)."""

from __future__ import annotations

import ast
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


def _commands(tmp_path: Path, goals: Path = EXAMPLE / "goals.yml") -> dict[str, tuple]:
    """Every command `esfkit --help` lists, with arguments that run it: its words in Swedish
    and in English, and where they are printed."""
    data, history = EXAMPLE / "deltagare.xlsx", tmp_path / "h.csv"
    if not history.exists():
        assert run_cli("check", goals, data, "--history", history).exit_code == 0
    return {
        "check": (("check", goals, data), "stdout", "Rapportdatum", "Report date"),
        "validate": (("validate", goals, data), "stdout", "0 varningar", "0 warnings"),
        "explain": (
            ("explain", goals, data, "plan_to_work"),
            "stdout",
            "rapportdatum",
            "report date",
        ),
        "history": (("history", history), "stdout", "Målvärde", "Target"),
        "init": (("init", data, "-o", "-"), "stdout", "# Startmålfil", "# Starter goal file"),
        "template": (
            ("template", "-o", tmp_path / "t.xlsx", "--force", "--goals", goals),
            "stderr",
            "kolumner på bladet",
            "columns on sheet",
        ),
        "indicators list": (("indicators", "list"), "stdout", "Använd dem", "Use them"),
        "indicators show": (("indicators", "show", "EECR04"), "stdout", "bibliotek:", "library:"),
    }


def test_the_commands_tested_are_every_command_esfkit_has(tmp_path: Path) -> None:
    from esfkit.cli import app

    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    for group in app.registered_groups:
        names |= {f"{group.name} {c.name}" for c in group.typer_instance.registered_commands}
    assert names == set(_commands(tmp_path))


@pytest.mark.parametrize(
    ("given", "sv"), [((), True), (("--lang", "sv"), True), (("--lang", "en"), False)]
)
def test_every_command_speaks_the_language_asked_for_swedish_by_default(
    tmp_path: Path, given: tuple[str, ...], sv: bool
) -> None:
    """--lang on every command, one language per run; without it, Swedish."""
    for command, (args, stream, swedish, english) in _commands(tmp_path).items():
        run = run_cli(*args, *given)
        assert run.exit_code == 0, (command, run.stderr)
        text = getattr(run, stream)
        assert (swedish if sv else english) in text, (command, text[:300])
        assert (english if sv else swedish) not in text, (command, text[:300])


def test_commands_with_a_goal_file_follow_its_project_lang(tmp_path: Path) -> None:
    goals = tmp_path / "goals.yml"
    text = (EXAMPLE / "goals.yml").read_text(encoding="utf-8")
    goals.write_text(text.replace("project:\n", "project:\n  lang: en\n", 1), encoding="utf-8")
    assert "lang: en" in goals.read_text(encoding="utf-8")
    for command, (args, stream, swedish, english) in _commands(tmp_path, goals).items():
        if goals not in args:
            continue
        for given, expected in (((), english), (("--lang", "sv"), swedish)):
            run = run_cli(*args, *given)
            assert run.exit_code == 0, (command, run.stderr)
            assert expected in getattr(run, stream), (command, given)


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


# --- no sentence outside esfkit.messages -----------------------------------------------------

_ERRORS = {"EsfkitError", "GoalFileError", "DataError", "UsageError"}


def _has_words(node: ast.expr) -> bool:
    """A string literal (or an f-string, a sum or a choice of them) holding a letter."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    return False


def _said_in_english(tree: ast.AST) -> list[tuple[int, str]]:
    """The sentences a user reads, written in place: an error's message or hint, a
    finding's message or what to do."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        words = {"message", "hint", "todo"}
        if name in _ERRORS or name == "error":
            given = [*node.args[:1], *(k.value for k in node.keywords if k.arg in words)]
        elif name == "_make":  # data.checks: kind, rows, column, value, message, todo
            given = [*node.args[4:6], *(k.value for k in node.keywords if k.arg in words)]
        elif name == "Finding":
            given = [k.value for k in node.keywords if k.arg in words]
        else:
            continue
        found += [(node.lineno, ast.unparse(arg)) for arg in given if _has_words(arg)]
    return found


def test_no_user_facing_sentence_is_written_outside_the_messages() -> None:
    """Every error, hint and finding says a key of esfkit.messages (say("...")), so it is
    said in both languages: a literal sentence at a raise site fails here."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        if "messages" not in path.relative_to(SRC).parts:
            where = _said_in_english(ast.parse(path.read_text(encoding="utf-8")))
            found.update({f"{path.relative_to(SRC)}:{line}": text for line, text in where})
    assert found == {}


@pytest.mark.parametrize(
    "source",
    [
        'raise DataError("the file is empty")',
        'raise node.error(f"{what} is wrong", hint="write it again")',
        'raise UsageError(say("usage.no_goal", goal=g), hint="known: " + known)',
        '_make("total_row", rows, None, value, f"row {row} is a total", say("x"))',
        'Finding("no_rows", message="nothing here")',
    ],
)
def test_the_scan_finds_a_sentence_written_in_place(source: str) -> None:
    assert _said_in_english(ast.parse(source))


def test_the_scan_lets_a_said_sentence_pass() -> None:
    source = 'raise node.error(say("goal.list", what=what), hint=say("hint.x", value=f"{v}"))'
    assert _said_in_english(ast.parse(source)) == []


def _errors(tmp_path: Path) -> list[tuple[tuple, str, str]]:
    """An error from each part of esfkit: the command, its Swedish and its English words."""
    data = tmp_path / "d.csv"
    data.write_text(HEADER + "19811218-9876;K;Östersund;2021-01-01;;\n", encoding="utf-8")
    wide = tmp_path / "wide.csv"
    wide.write_text(HEADER + "19811218-9876;K;Östersund;2021-01-01;;;x\n", encoding="utf-8")
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS.format(lang=""), encoding="utf-8")
    phase = tmp_path / "phase.yml"
    phase.write_text(GOALS.format(lang="") + "    from: 2021-01-01\n", encoding="utf-8")
    column = tmp_path / "column.yml"
    column.write_text(GOALS.format(lang="").replace("everyone", "{Foo: 1}"), encoding="utf-8")
    history = tmp_path / "h.csv"
    history.write_text("a,b\n", encoding="utf-8")
    as_of = ("--as-of", "2021-12-31")
    return [
        (("check", phase, data), "har 'from' men inte 'to'", "has 'from' but not 'to'"),
        (("check", goals, wide, *as_of), "har 7 fält men rubrikraden", "has 7 fields but the"),
        (("check", column, data, *as_of), "'Foo' är ingen kolumn i", "'Foo' is not a column of"),
        (("check", goals, data, "-o", tmp_path), "är en mapp", "is a folder"),
        (("check", goals, data, "--period", "2021Q5"), "är ingen period", "is not a period"),
        (("history", history), "rubriken är 'a,b'", "the header is 'a,b'"),
    ]


def test_an_error_from_every_part_of_esfkit_is_swedish_unless_lang_en(tmp_path: Path) -> None:
    for args, swedish, english in _errors(tmp_path):
        sv, en = run_cli(*args), run_cli(*args, "--lang", "en")
        assert sv.exit_code == en.exit_code == 2, (args, sv.stderr, en.stderr)
        assert sv.stderr.startswith("fel: ") and swedish in sv.stderr, sv.stderr
        assert en.stderr.startswith("error: ") and english in en.stderr, en.stderr


def test_every_sentence_is_given_each_word_it_needs() -> None:
    """say("key", a=..., b=...) fills every {placeholder} of the key, in both languages: a
    missing one would end the run with a KeyError (exit 3) instead of the message."""
    missing, checked = {}, 0
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "say"):
                continue
            key = node.args[0] if node.args else None
            if not isinstance(key, ast.Constant) or any(k.arg is None for k in node.keywords):
                continue  # a key made at run time, or words passed on as **words
            given, checked = {k.arg for k in node.keywords}, checked + 1
            for lang in ("sv", "en"):
                needed = _fields(MESSAGES[lang][key.value]) - given
                if needed:
                    missing[f"{path.relative_to(SRC)}:{node.lineno} {key.value} ({lang})"] = needed
    assert checked > 300 and missing == {}


@pytest.mark.parametrize(
    ("text", "swedish", "english"),
    [
        ("goals:\n\t- id: a\n", "ett tabbtecken", "a tab character"),
        ("goals:\n  - id: a: b\n", "ett 'nyckel: värde' står där", "a 'key: value' where"),
        ("goals: [a, b\n", "en lista [ ... ] eller", "a list [ ... ] or mapping"),
        ("goals:\n  - id: a\n   count: x\n", "indraget stämmer inte", "the indentation does not"),
    ],
)
def test_common_yaml_mistakes_are_said_in_the_run_language(
    files, text: str, swedish: str, english: str
) -> None:
    goals, data = files(HEADER)
    goals.write_text(text, encoding="utf-8")
    sv, en = run_cli("check", goals, data), run_cli("check", goals, data, "--lang", "en")
    assert sv.exit_code == en.exit_code == 2
    assert f"ogiltig YAML: {swedish}" in sv.stderr and f"invalid YAML: {english}" in en.stderr
