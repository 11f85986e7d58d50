"""The terminal's tables drawn without rich's layout (issue 12: 4): without colour, line for
line what rich draws for the same table, whatever the cells hold; where a cell is not
plain text (a tab, a zero-width space, a line break) rich draws it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from esfkit.render.layout import sliced_shape, summary_shape
from esfkit.render.present import TextTable
from esfkit.render.terminal import FRAME, Drawing, _print_table

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
    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True)
    _print_table(console, draw, columns, rows, header)
    return console.file.getvalue()  # type: ignore[attr-defined]


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
