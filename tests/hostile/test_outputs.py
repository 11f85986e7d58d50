"""Issue 10, text reaching outputs: a personnummer in the goal file (class 7), formula
injection (10), terminal escapes (11), Markdown (12), and every output masking (6).

One set of inputs carries text built to break outputs in every place a user's text can be
(project name, titles, notes, a column header, municipality, exit and answer cells); each
test runs the real command and reads the output back as its reader would. The Markdown and
HTML are compared with the same report made of plain words: the structure a renderer or a
browser builds must not change with what the users typed.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import termios
from pathlib import Path

import pytest
from openpyxl import load_workbook

from esfkit.privacy import mask_text
from tests.conftest import run_cli
from tests.hostile import outputs as o
from tests.hostile.conftest import ESFKIT

ARGS = ("--as-of", "2021-12-31", "--width", "300")
TEXT_FORMATS = ("table", "text", "markdown", "csv", "json", "html")
HOSTILE = o.Texts(
    project=f"{o.RICH} {o.ESC_TITLE} {o.PNR_DASH}",
    title=f"{o.OSC_LINK}{o.HTML_TAGS} {o.PNR_12}",
    note=f"{o.MD_SYNTAX} {o.NEWLINE}",
    manual_title=f"{o.DDE}{o.CR}",
    manual_note=o.MD_IMAGE,
    header=f"{o.FULLWIDTH} {o.PNR_PLUS}",
    municipalities=(o.BIDI, o.C1, o.CSI, o.MD_LIST, o.PNR_DASH),
    exits=(o.MD_ORDERED, o.PLUS, o.AT, o.TAB, o.FULLWIDTH),
    answers=(o.DDE, o.NEWLINE, o.HTML_TAGS),
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> o.Inputs:
    return o.write_inputs(tmp_path_factory.mktemp("hostile"), HOSTILE)


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> o.Inputs:
    return o.write_inputs(tmp_path_factory.mktemp("plain"), HOSTILE.plain())


def _check(inputs: o.Inputs, *options: str | Path) -> str:
    run = run_cli("check", inputs.goals, inputs.data, *ARGS, *options)
    assert run.exit_code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_no_format_prints_a_control_character_or_a_personnummer(hostile, fmt) -> None:
    o.assert_clean_text(_check(hostile, "-f", fmt), fmt)


def test_the_terminal_shows_escapes_and_rich_markup_as_typed(hostile) -> None:
    out = _check(hostile)
    project = out.splitlines()[0]
    assert "[bold red]rich[/] [link=http://evil.example]y[/link]" in project
    assert "\\x1b]0;pwned\\x07retitled 850101-****" in project
    assert "Qwz\\u202eå\\u2066x\\u2069\\u200b" in out  # the bidi override, shown
    assert "c1\\x{9b}31m\\x{9d}0;x\\x9c" in out  # C1 controls (CSI, OSC, ST)


def test_text_for_mail_has_no_control_character_either(hostile) -> None:
    out = _check(hostile, "-f", "text")
    assert "\\x1b]0;pwned\\x07retitled" in out.splitlines()[0]


def test_markdown_structure_is_the_same_as_with_plain_words(hostile, plain) -> None:
    produced = _check(hostile, "-f", "markdown")
    assert o.markdown_shape(produced) == o.markdown_shape(_check(plain, "-f", "markdown"))
    page = o.MARKDOWN.render(produced)
    for shown in (
        "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
        "![x](http://evil.example/a.png)",
        "# [link](http://evil.example) `code` **b** _e_ ~~s~~ | pipe &gt; q www.evil.example",
        "- item",
        "1. first",
    ):
        assert shown in page, shown


def test_markdown_escapes_bare_links_that_github_would_turn_into_links(hostile) -> None:
    produced = _check(hostile, "-f", "markdown")
    assert "http://" not in produced and "www.evil" not in produced
    assert "http\\://evil.example" in produced and "www\\.evil.example" in produced


def test_html_structure_is_the_same_as_with_plain_words(hostile, plain) -> None:
    produced = _check(hostile, "-f", "html")
    o.assert_html_safe(produced)
    assert o.html_shape(produced) == o.html_shape(_check(plain, "-f", "html"))
    text = o.html_text(produced)
    assert o.HTML_TAGS in text and o.DDE in text
    assert "\\x1b]8;;http://evil.example/\\x07click me" in text


@pytest.mark.parametrize("excel", [False, True], ids=["csv", "csv-excel"])
def test_no_csv_field_is_a_formula_headers_included(hostile, excel) -> None:
    options = ("-f", "csv", "--csv-excel") if excel else ("-f", "csv")
    rows = o.assert_csv_safe(_check(hostile, *options), ";" if excel else ",")
    header = rows[0]
    assert "'＝1+1 850101-****" in header  # a column header from the data
    values = {v for row in rows[1:] for v in row}
    assert {"'=cmd|' /C calc'!A0", "'+1+1", "'@SUM(A1)", "'＝1+1", "\\- item"} - values == {
        "\\- item"
    }
    assert "-1" in values  # esfkit's own negative figure (a gap) stays a number


def test_xlsx_writes_users_text_as_text_cells_and_a_control_character_is_no_crash(
    hostile, tmp_path
) -> None:
    out = tmp_path / "r.xlsx"
    _check(hostile, "-o", out)
    texts = o.assert_xlsx_safe(out)
    assert o.DDE in texts and "@SUM(A1)" in texts and "＝1+1" in texts
    book = load_workbook(out)
    plan = next(c for c in book["Sammanfattning"]["A"] if c.value and c.value.startswith("=cmd"))
    assert plan.data_type == "s" and plan.quotePrefix  # no apostrophe shown, never a formula
    title = book["recruited"]["A1"].value
    assert title.startswith("\\x1b]8;;http://evil.example/\\x07click me")


def test_docx_shows_users_text_as_text_masked_with_no_control_character(hostile, tmp_path) -> None:
    out = tmp_path / "r.docx"
    _check(hostile, "-o", out)
    texts = o.assert_docx_safe(out)
    assert o.DDE in texts and "@SUM(A1)" in texts and "＝1+1" in texts
    assert any(t.startswith("\\x1b]8;;http://evil.example/\\x07click me") for t in texts)


def test_json_holds_the_texts_as_data_masked(hostile) -> None:
    report = o.assert_json_safe(_check(hostile, "-f", "json"))
    assert report["project"] == mask_text(HOSTILE.project)
    assert report["goals"][0]["title"] == mask_text(HOSTILE.title)
    assert report["goals"][0]["note"] == HOSTILE.note
    dims = {k for g in report["goals"] for c in g["cells"] for k in c["dims"]}
    assert "＝1+1 850101-****" in dims  # the column header, masked


def test_validate_and_explain_show_cells_and_titles_escaped(hostile) -> None:
    run = run_cli("validate", hostile.goals, hostile.data, "--as-of", "2021-12-31")
    assert run.exit_code == 0, run.stderr
    o.assert_clean_text(run.stdout, "validate")
    assert "'c1\\x{9b}31m\\x{9d}0;x\\x9c' is neither" in run.stdout
    for fmt in ("table", "json"):
        run = run_cli(
            "explain", hostile.goals, hostile.data, "recruited", "--as-of", "2021-12-31", "-f", fmt
        )
        assert run.exit_code == 0, run.stderr
        o.assert_clean_text(run.stdout, f"explain {fmt}")
    assert run.json()["goal"] == "recruited"


def test_the_history_file_is_masked_and_the_history_table_escaped(hostile, tmp_path) -> None:
    history = tmp_path / "history.csv"
    for day in ("2021-06-30", "2021-12-31"):
        run = run_cli("check", hostile.goals, hostile.data, "--as-of", day, "--history", history)
        assert run.exit_code == 0, run.stderr
        o.assert_clean_text(run.stdout, "check --history")
    text = history.read_text(encoding="utf-8")
    o.assert_clean_text(text, "history file")
    # With a history, the HTML draws trend lines named by the users' values.
    page = _check(hostile, "-f", "html", "--history", history)
    o.assert_html_safe(page)
    assert 'class="chart trend"' in page and "Qwz\\u202eå" in page
    assert "850101-****" in text and "\\u202e" in text  # masked; a bidi override as \u202e
    # A hand-edited history file: its goal ids reach the table.
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        row[1] = f"{o.OSC_LINK} {o.PNR_DASH}" if row[1] == "by_answer" else row[1]
    with history.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    run = run_cli("history", history)
    assert run.exit_code == 0, run.stderr
    o.assert_clean_text(run.stdout, "esfkit history")
    assert "\\x1b]8;;http://evil.example/\\x07click me\\x1b]8;;\\x07 850101-****" in run.stdout


def test_an_error_quoting_a_cell_is_escaped_and_masked(write) -> None:
    # A gender no one declared stops check; its message quotes the cell.
    gender = f"{o.OSC_LINK} {o.PNR_12} {o.NEWLINE}"
    data = o.data_file(o.Texts(), genders=(gender, "Man"))
    run = run_cli("check", write("g.yml", o.goal_file(o.Texts())), write("d.csv", data), *ARGS)
    assert run.exit_code == 2
    o.assert_clean_text(run.stderr, "error")
    shown = "\\x1b]8;;http://evil.example/\\x07click me\\x1b]8;;\\x07 19850101-**** two\\x0alines"
    assert f"'{shown}' is not a known gender" in run.stderr


def test_an_error_quoting_the_goal_file_is_escaped_and_masked(write) -> None:
    content = o.goal_yaml(o.Texts())
    content["goals"][1]["breakdown"] = [o.CSI + o.PNR_DASH]
    run = run_cli("check", write("g.yml", o.dump(content)), write("d.csv", o.data_file(o.Texts())))
    assert run.exit_code == 2
    o.assert_clean_text(run.stderr, "error")
    assert "\\x1b[2J\\x1b[31mred\\x1b[0m850101-****" in run.stderr


# --- template --goals (class 10) -------------------------------------------------------------


def _template_goals(write, sheet: str = "Deltagare") -> Path:
    texts = o.Texts(
        project=f"{o.DDE} {o.PNR_DASH}",
        header=o.DDE,
        municipalities=(o.DDE, o.AT, o.FULLWIDTH, o.ESC_TITLE, o.PNR_12),
        exits=(o.PLUS, o.TAB, "-2+3", o.C1),
    )
    content = o.goal_yaml(texts)
    content["data"] = {"sheet": sheet}
    content["project"]["municipalities"] = list(texts.municipalities)
    content["outcomes"] = {"work": list(texts.exits)}
    content["goals"].append({"id": "answered", "count": {o.DDE: [o.AT, "Ja"]}})
    return write("g.yml", o.dump(content))


def test_template_writes_goal_file_values_as_text_never_formulas(write, tmp_path) -> None:
    out = tmp_path / "t.xlsx"
    run = run_cli("template", "--goals", _template_goals(write), "-o", out)
    assert run.exit_code == 0, run.stderr
    o.assert_clean_text(run.stderr)
    texts = o.assert_xlsx_safe(out)  # no formula; every drop-down a reference to 'Listor'
    book = load_workbook(out)
    headers = [c.value for c in book["Deltagare"][1]]
    assert o.DDE in headers
    lists = [c.value for column in book["Listor"].iter_cols() for c in column if c.value]
    assert {o.DDE, "@SUM(A1)", "＝1+1", "+1+1", "-2+3"} <= set(lists)
    assert "\\x1b]0;pwned\\x07retitled" in lists and "19850101-****" in lists
    assert any(t.startswith("Deltagarlista för esfkit – =cmd") for t in texts)


def test_template_refuses_a_data_sheet_excel_cannot_name(write, tmp_path) -> None:
    run = run_cli(
        "template", "--goals", _template_goals(write, "a/b\x1b[31m"), "-o", tmp_path / "t.xlsx"
    )
    assert run.exit_code == 2
    assert "cannot name an Excel sheet" in run.stderr
    o.assert_clean_text(run.stderr)
    assert not (tmp_path / "t.xlsx").exists()


def test_template_keeps_its_lists_apart_from_a_data_sheet_named_listor(write, tmp_path) -> None:
    out = tmp_path / "t.xlsx"
    run = run_cli("template", "--goals", _template_goals(write, "Listor"), "-o", out)
    assert run.exit_code == 0, run.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["Listor", "Instruktioner", "Listor (esfkit)"]
    o.assert_xlsx_safe(out)
    formulas = {v.formula1 for v in book["Listor"].data_validations.dataValidation}
    assert any(f.startswith("='Listor (esfkit)'!") for f in formulas if f)


def test_a_goal_id_holding_a_personnummer_is_masked_everywhere(write, tmp_path) -> None:
    content = o.goal_yaml(o.Texts())
    content["goals"][0]["id"] = o.PNR_12
    goals, data = write("g.yml", o.dump(content)), write("d.csv", o.data_file(o.Texts()))
    for fmt in TEXT_FORMATS:
        run = run_cli("check", goals, data, *ARGS, "-f", fmt)
        assert run.exit_code == 0, run.stderr
        o.assert_clean_text(run.stdout, fmt)
    out = tmp_path / "r.xlsx"
    assert run_cli("check", goals, data, *ARGS, "-o", out).exit_code == 0
    assert "19850101-____" in o.assert_xlsx_safe(out)  # the sheet's name: no '*' in a name


@pytest.mark.parametrize("spelling", o.BROADER_PNR_SPELLINGS)
def test_every_output_masks_the_broader_spellings(spelling, tmp_path) -> None:
    texts = o.Texts(project=f"P {spelling}", note=f"n {spelling}", municipalities=(spelling, "Åre"))
    inputs = o.write_inputs(tmp_path, texts)
    outputs = [_check(inputs, "-f", fmt) for fmt in ("table", "markdown", "csv", "json")]
    outputs.append(run_cli("validate", inputs.goals, inputs.data).stdout)
    for text in outputs:
        assert not o.personnummer_in(text, o.BROAD_PNR), text


def test_in_colour_on_a_terminal_only_esfkit_s_own_styles_are_escape_codes(hostile) -> None:
    # Colour is only written to a terminal: the real command on a pseudo-terminal, wide
    # enough for the hostile project name on one line.
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    args = [ESFKIT, "check", hostile.goals, hostile.data, "--as-of", "2021-12-31"]
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(args, stdout=follower, stderr=follower, env=env, timeout=60, check=False)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    out = b"".join(chunks).decode()
    assert done.returncode == 0, out
    styles = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's colours and bold
    assert "\x1b[" in out and not o.raw_controls(styles.replace("\r\n", "\n"))
    assert "[bold red]rich[/] [link=http://evil.example]y[/link] \\x1b]0;pwned" in styles
