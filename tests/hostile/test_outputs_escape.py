"""esfkit.escape, the one path from a user's text to an output: each sink's function on its
own, for any text (properties), and the spellings of a personnummer it masks.

The commands that use these functions are tested in test_outputs.py and
test_outputs_property.py; here a failure names the function.
"""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from esfkit import escape
from tests.hostile import outputs as o

# Text a hostile or careless user types: personnummer, control and format characters,
# markup of every kind, formula starts, and ordinary words, glued together.
FRAGMENTS = (
    *o.PNR_SPELLINGS,
    *o.HOSTILE,
    "\x00",
    "\x07",
    "\x08",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\U000e0041",
    "\ud800",
    "\\x1b",
    "<",
    ">",
    "&",
    "&lt;",
    "`",
    "*",
    "_",
    "#",
    "|",
    "~",
    "[",
    "]",
    "(",
    ")",
    "!",
    ":",
    "'",
    '"',
    "\\",
    "%",
    "{",
    "}",
    ",",
    "=",
    "+",
    "-",
    "@",
    "＋",
    "－",
    "＠",
    "﹦",
    " ",
    "\u00a0",
    "Åre",
    "yes",
    "null",
    "1.",
    "12",
)
TEXT = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), min_size=0, max_size=8).map(
    "".join
)
SINKS = {
    "terminal": escape.terminal,
    "plain": escape.plain,
    "markdown": escape.markdown,
    "html": escape.html,
    "csv": escape.csv_field,
    "excel": escape.excel,
    "yaml": escape.yaml_scalar,
}


@pytest.mark.slow
@given(TEXT)
def test_no_sink_lets_through_a_control_character_or_a_personnummer(text: str) -> None:
    for name, sink in SINKS.items():
        shown = sink(text)
        assert not o.raw_controls(shown), name
        assert not o.personnummer_in(shown), (name, shown)
        assert "\n" not in shown or name == "excel", name  # Excel shows a line break


@pytest.mark.slow
@given(TEXT)
def test_each_sink_is_idempotent_on_its_own_output(text: str) -> None:
    for name in ("terminal", "plain", "excel"):
        once = SINKS[name](text)
        assert SINKS[name](once) == once, name


@pytest.mark.slow
@given(TEXT)
def test_markdown_text_renders_as_one_paragraph_of_plain_text(text: str) -> None:
    shown = escape.markdown(text)
    for where in (f"{shown}", f"- {shown}", f"# {shown}", f"| a |\n|---|\n| {shown} |"):
        shape = o.markdown_shape(where)
        assert not {
            "image:img",
            "link_open:a",
            "html_inline:",
            "html_block:",
            "code_inline:code",
            "em_open:em",
            "strong_open:strong",
            "s_open:s",
            "blockquote_open:blockquote",
            "ordered_list_open:ol",
            "code_block:code",
            "fence:code",
            "hr:hr",
        } & set(shape), (where, shape)
    rendered = o.MARKDOWN.render(shown)
    assert rendered == "" or (rendered.startswith("<p>") and rendered.count("<") == 2), rendered


@pytest.mark.slow
@given(TEXT)
def test_markdown_shows_the_text_as_typed(text: str) -> None:
    # Rendered and read back, the text is the masked text on one line with controls shown
    # escaped: nothing is dropped or added by Markdown.
    rendered = o.html_text(o.MARKDOWN.render(escape.markdown(text)))
    assert rendered.strip() == escape.visible(escape.mask_text(" ".join(text.split())))


@pytest.mark.slow
@given(TEXT)
def test_html_text_reads_back_as_the_escaped_text(text: str) -> None:
    shown = escape.html(text)
    assert o.html_shape(f'<p title="{shown}">{shown}</p>') == ["p[title]", "/p"]
    assert o.html_text(f"<p>{shown}</p>") == escape.plain(text)


@pytest.mark.slow
@given(TEXT)
def test_a_csv_field_is_never_a_formula(text: str) -> None:
    assert not o.live_formula(escape.csv_field(text))


@pytest.mark.slow
@given(TEXT)
def test_a_yaml_scalar_loads_back_as_the_masked_text_wherever_it_is_written(text: str) -> None:
    scalar = escape.yaml_scalar(text)
    value = escape.mask_text(text)
    assert yaml.safe_load(f"key: {scalar}   # comment") == {"key": value}
    assert yaml.safe_load(f"[{scalar}, {scalar}]") == [value, value]
    assert yaml.safe_load(f"{{a: {scalar}}}") == {"a": value}
    assert yaml.safe_load(f"# {scalar}\nkey: 1") == {"key": 1}
    assert yaml.safe_load(f"{scalar}: 1") == {value: 1} or len(scalar) > 1000


@pytest.mark.slow
@given(st.dictionaries(TEXT, TEXT, max_size=4))
def test_a_json_document_is_the_same_data_without_raw_controls(value: dict) -> None:
    text = escape.json_document(value)
    assert not o.raw_controls(text)
    assert json.loads(text) == value


def test_a_formula_start_is_found_in_every_form() -> None:
    for text in ("=1", "+1", "-A1", "@x", "＝1", "＋1", "－1", "＠x", "﹦1", " =1", "\t1", "\r1"):
        assert escape.formula_like(text), text
        assert escape.csv_field(text).startswith("'") or text[0] in "\t\r", text
    for text in ("-5", "-2,5", "1+1", "Åre", "", "–", "(tomt)"):
        assert not escape.formula_like(text), text


def test_escapes_read_like_python_string_escapes() -> None:
    assert escape.terminal("a\x1bb\x9b\u202e\U000e0041\n") == "a\\x1bb\\x9b\\u202e\\U000e0041\\x0a"
    assert escape.terminal_lines("a\n\tb\x1b") == "a\n\tb\\x1b"
    # Before a digit, braced: the escape's digits and the text's never read as one number.
    assert escape.terminal("\u20288501012382") == "\\u{2028}850101-****"
    assert escape.terminal("\x8501012382") == "\\x{85}01012382"
    assert escape.excel("a\nb\x1b\x0b") == "a\nb\\x1b\\x0b"
    assert escape.plain("Enkät:\r\nnöjd\t\x1b") == "Enkät: nöjd \\x1b"  # Alt+Enter: a space


def test_esfkit_s_own_words_pass_every_sink_unchanged() -> None:
    from esfkit.i18n import LABELS

    words = [w for labels in LABELS.values() for w in labels.values() if "{" not in w]
    for word in words:
        assert escape.terminal(word) == word
        assert escape.excel(word) == word
    assert escape.markdown("Avslut per orsak (UTAN) 2 deltagare/år/kommun") == (
        "Avslut per orsak (UTAN) 2 deltagare/år/kommun"
    )


# A personnummer in any separator's spelling is masked by every sink above.
@pytest.mark.parametrize("spelling", o.BROADER_PNR_SPELLINGS)
def test_every_sink_masks_the_broader_spellings(spelling: str) -> None:
    for name, sink in SINKS.items():
        assert not o.personnummer_in(sink(f"id {spelling} x"), o.BROAD_PNR), name


@pytest.mark.parametrize(
    "spelling",
    [
        "850101-\n2382",  # a line break typed in the cell (Alt+Enter), or from a PDF
        "850101-\r\n2382",
        "850101\u20282382",
        "19850101\n\n2382",
        "1985-01-01-2382",  # separators inside the date, as a hand writes it
        "85-01-01-2382",
        "85 01 01-2382",
        "1985 01 01 2382",
        "8501-01-2382",
        "8 501 012 382",  # a number column shown with a thousands separator
        "198 501 012 382",
        "8.501.012.382",
        "850101_2382",
        "850101:2382",
        "850101\u00b72382",
        "850101-23-82",
        "85-01-01-23-82",
        "850101-23 82",
        "850101,2382",
        "850101------2382",
        "850101\u207b2382",  # superscript minus
        "850101-\\x0a2382",  # a line break already shown as its escape (Click does so)
        "850101\\x{a}2382",
    ],
)
def test_every_sink_masks_a_personnummer_however_it_is_parted(spelling: str) -> None:
    # The escape a sink writes for a line break ('\x{a}') must not show the number whole.
    for name, sink in SINKS.items():
        shown = sink(f"id {spelling} x")
        assert "2382" not in shown and "23 82" not in shown, (name, shown)


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-01 – 2022-03-01",
        "perioden 2021-03-01 - 2022-02-28",
        "2021-03-01",
        "20210301",
        "Per 2021-12-31, 1500 deltagare",  # a date and a count, a time, an amount
        "v. 2021-03-01 1200 deltagare",
        "2021-12-31 – 1200 deltagare",
        "Möte 2021-05-03 1300",
        "beslut 2021-05-03, 1500 000 kr",
        "2021-03-01\n1200 deltagare",
        "0911-69 60 00",  # a switchboard's number
        "08-12 12 34 56",
        "1 234 567,89 kr",
        "12 345 678 901",
    ],
)
def test_a_date_count_amount_or_phone_number_is_no_personnummer(text: str) -> None:
    for name, sink in SINKS.items():
        assert "****" not in sink(text), name
