"""Issue 10's property for text reaching outputs: random text (a personnummer in every
spelling today's masking covers, control and format characters, markup, formula starts)
placed in the goal file's project name, titles and notes and in the data's headers and
cells leaves no raw control character, no personnummer, no rendered markup and no live
formula in any format, the history file, `validate`, `explain`, `init`, `history` or an
error message. Each example runs the real commands, so there are few of them; the sinks
on their own get many (test_outputs_escape.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from esfkit.data.csvfile import _MOJIBAKE as MOJIBAKE
from esfkit.privacy import mask_text
from esfkit.text import key
from tests.conftest import run_cli
from tests.hostile import outputs as o

pytestmark = pytest.mark.slow  # every command, several times an example

FORMATS = ("table", "text", "markdown", "csv", "json", "html")
MARKUP = (
    "<b>",
    "<img src=x>",
    "![a](http://x.se/a.png)",
    "[l](http://x.se)",
    "`",
    "*",
    "_",
    "# ",
    "> ",
    "- ",
    "1. ",
    "|",
    "~~",
    "&amp;",
    "[bold]",
    "[/]",
    "www.x.se",
)
FORMULAS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "=cmd|' /C calc'!A0", "\t")
CONTROLS = ("\x1b", "\x1b[31m", "\x1b]8;;http://x\x07", "\x07", "\x9b", "\u202e", "\u200b", "\n")
# Data cells hold no carriage return or NUL (reading them is the reader's class); the goal
# file may.
CELL_PART = st.sampled_from(
    (*o.PNR_SPELLINGS, *MARKUP, *FORMULAS, *CONTROLS, "Åre", "Arbete", " ")
) | st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FF), max_size=3)
CELL = st.lists(CELL_PART, min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())
GOAL_TEXT = st.lists(CELL_PART | st.sampled_from(("\r", "\x00", "\x7f")), min_size=1, max_size=4)
GOAL_TEXT = GOAL_TEXT.map("".join).filter(lambda s: s.strip())


def _texts() -> st.SearchStrategy[o.Texts]:
    distinct = st.lists(
        CELL, min_size=2, max_size=3, unique_by=lambda s: " ".join(s.split()).casefold()
    )
    return st.builds(
        o.Texts,
        project=GOAL_TEXT,
        title=GOAL_TEXT,
        note=GOAL_TEXT,
        manual_title=GOAL_TEXT,
        manual_note=GOAL_TEXT,
        header=CELL.map(lambda s: "Fråga " + " ".join(s.split())),
        municipalities=distinct.map(tuple),
        exits=distinct.map(tuple),
        answers=distinct.map(tuple),
    )


def _run(*args) -> str:
    """A command's output: its stdout when it ran, else its (clean) error message."""
    run = run_cli(*args)
    o.assert_clean_text(run.stderr, f"stderr of {args[0]}")
    assert run.exit_code in (0, 2), run.stderr  # never a crash
    return run.stdout if run.exit_code == 0 else ""


def _formats(inputs: o.Inputs, folder: Path) -> dict[str, str]:
    shown = {}
    for fmt in FORMATS:
        shown[fmt] = _run("check", inputs.goals, inputs.data, "--as-of", "2021-12-31", "-f", fmt)
    workbook = folder / "r.xlsx"
    _run("check", inputs.goals, inputs.data, "--as-of", "2021-12-31", "-o", workbook)
    if workbook.exists():
        o.assert_xlsx_safe(workbook)
    document = folder / "r.docx"
    _run("check", inputs.goals, inputs.data, "--as-of", "2021-12-31", "-o", document)
    if document.exists():
        o.assert_docx_safe(document)
    return shown


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(texts=_texts())
def test_any_text_anywhere_leaves_every_output_clean(texts: o.Texts) -> None:
    # Values that differ only by invisible characters (with a finding) or only in digits the
    # masking hides count as one, and a cell of invisible characters only is blank: the
    # layout would differ from the plain words' for that reason (tests/hostile/test_identity*).
    # UTF-8 once read as Windows-1252 ('Ã¸') stops the reading, by design (test_reading.py).
    assume(not any(MOJIBAKE.search(v) for v in texts.all()))
    for values in (texts.municipalities, texts.exits, texts.answers):
        shown = {key(mask_text(v)) for v in values}
        assume(len(shown) == len(set(values)) and "" not in shown)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        inputs = o.write_inputs(folder / "hostile", texts)
        plain = o.write_inputs(folder / "plain", texts.plain())
        shown = _formats(inputs, folder)
        for fmt, text in shown.items():
            if fmt == "csv":
                o.assert_csv_safe(text)
            elif fmt == "json" and text:
                o.assert_json_safe(text)
            elif fmt == "html":
                o.assert_html_safe(text)
            else:
                o.assert_clean_text(text, fmt)
        if shown["markdown"]:
            expected = _run(
                "check", plain.goals, plain.data, "--as-of", "2021-12-31", "-f", "markdown"
            )
            assert o.markdown_shape(shown["markdown"]) == o.markdown_shape(expected)
        if shown["html"]:
            expected = _run("check", plain.goals, plain.data, "--as-of", "2021-12-31", "-f", "html")
            assert o.html_shape(shown["html"]) == o.html_shape(expected)
        o.assert_clean_text(_run("validate", inputs.goals, inputs.data), "validate")
        explained = _run("explain", inputs.goals, inputs.data, "recruited", "--as-of", "2021-12-31")
        o.assert_clean_text(explained, "explain")
        history = folder / "history.csv"
        o.assert_clean_text(
            _run("check", inputs.goals, inputs.data, "--as-of", "2021-12-31", "--history", history)
        )
        if history.exists():
            o.assert_clean_text(history.read_text(encoding="utf-8"), "history file")
            o.assert_clean_text(_run("history", history), "esfkit history")
        started = _run("init", inputs.data, "-o", "-")
        o.assert_clean_text(started, "init")
        assert isinstance(yaml.safe_load(started), dict)
        # A cell no one declared as a gender stops check: the error quotes it.
        wrong = folder / "wrong.csv"
        gender = f"Kön? {texts.answers[0]}"  # no gender code holds a "?"
        wrong.write_text(o.data_file(texts, genders=(gender, "Man")), encoding="utf-8")
        run = run_cli("check", inputs.goals, wrong, "--as-of", "2021-12-31")
        assert run.exit_code == 2
        o.assert_clean_text(run.stderr, "error")
