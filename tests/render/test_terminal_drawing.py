"""The terminal's report drawn without rich (issue 12: 4): without colour, line for line what
rich draws for the same table or line, whatever the cells hold; where a cell is not plain
text (a tab, a zero-width space, a line break) rich draws it."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from esfkit.render.layout import sliced_shape, summary_shape
from esfkit.render.present import TextTable
from esfkit.render.terminal import FRAME, Drawing, Lines, _print_table

WORDS = st.sampled_from(
    ["Kvinnor", "Män", "≥ 50 %", "110 / 112", "(109,5 %)", "n = 173", "✔ Uppfyllt", "",
     " ", "Östersund", "漢字", "e\u0301", "日本語テキスト", "a  b", "trailing ", " leading",
     "x" * 30, "32,6 %-enheter", "–", "\t", "a\u200bb", "\u00a0", "rad\nrad", "[bold]x[/]"]
)  # fmt: skip
TEXTS = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def _rich(draw: Drawing, columns: list[int], rows: list, header: bool, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True)
    console.print(draw.table(columns, rows, header))
    return console.file.getvalue()  # type: ignore[attr-defined]


def _plain(draw: Drawing, columns: list[int], rows: list, header: bool, width: int) -> str:
    out = Lines(width, color=False)
    _print_table(out, draw, columns, rows, header)
    return out.file.getvalue()


def _stripped(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    width=st.integers(30, 120),
    size=st.tuples(st.integers(2, 6), st.integers(0, 6)),
    totals=st.integers(0, 2),
    header=st.booleans(),
)
def test_plain_drawing_is_what_rich_draws(
    data: st.DataObject, width: int, size: tuple[int, int], totals: int, header: bool
) -> None:
    columns, count = size
    table = TextTable(
        data.draw(TEXTS),
        data.draw(st.lists(TEXTS, min_size=columns, max_size=columns)),
        data.draw(st.lists(st.lists(TEXTS, min_size=columns, max_size=columns), max_size=count)),
        total_rows=min(totals, count),
    )
    rows = [table.columns, *table.rows]
    shape = data.draw(st.sampled_from([sliced_shape, "summary"]))
    if shape == "summary":
        found = summary_shape(rows, width, FRAME, whole=(columns - 1,), give=(0,), longest=None)
    else:
        found = sliced_shape(rows, width, FRAME)
    if found is None:
        return
    draw = Drawing(table, found, (0,), len(table.rows) - table.total_rows, None)
    for part in found.slices:
        shown = list(enumerate(table.rows))
        assert _stripped(_plain(draw, part, shown, header, width)) == _stripped(
            _rich(draw, part, shown, header, width)
        )


@pytest.mark.parametrize("cell", ["a\tb", "a\u200bb", "rad\nrad", "\u00a0x"])
def test_a_cell_not_plain_text_is_left_to_rich(cell: str) -> None:
    table = TextTable("T", ["Mål", "Utfall"], [[cell, "12"], ["Totalt", "12"]])
    shape = sliced_shape([table.columns, *table.rows], 80, FRAME)
    assert shape is not None
    draw = Drawing(table, shape, (0,), 1, None)
    assert draw.lines([0, 1], list(enumerate(table.rows))) is None
    assert draw.lines([0, 1], [(1, table.rows[1])]) is not None


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, width=st.integers(1, 60), bold=st.integers(0, 8))
def test_a_line_without_colour_is_what_rich_prints(text: str, width: int, bold: int) -> None:
    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True)
    shown = Text(text)
    shown.stylize("bold", 0, bold)
    console.print(shown, no_wrap=True, overflow="ignore")
    out = Lines(width, color=False)
    out.line(text, bold=bold)
    assert _stripped(out.file.getvalue()) == _stripped(console.file.getvalue())  # type: ignore[attr-defined]


def test_a_report_without_colour_does_not_import_rich_s_layout() -> None:
    code = (
        "import sys; from esfkit.cli import app; from tests.conftest import EXAMPLES; "
        "folder = EXAMPLES / 'utan'; "
        "app(['check', str(folder / 'goals.yml'), str(folder / 'deltagare.csv'), "
        "'--as-of', '2014-01-31'], standalone_mode=False); "
        "print(sorted(m for m in sys.modules if m.startswith('rich.') and m != 'rich.cells' "
        "and not m.startswith('rich._')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    *report, imported = done.stdout.strip().splitlines()
    assert "Totalt" in "".join(report), done.stderr
    assert imported == "[]"
