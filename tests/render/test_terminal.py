"""The terminal report draws plain tables and lines itself: byte for byte what rich draws."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from esfkit.render.present import TextTable
from esfkit.render.terminal import _plain, _plain_table, _rich

# Words, figures and what a careless or hostile goal file puts in a title or a label:
# wide and zero-width characters, spaces at either end, tabs, line breaks.
_CELL = st.one_of(
    st.sampled_from(
        ["", "Totalt", "23", "62 / 150", "10 (38,5 %)", "Östersund", "–", "↘ Efter plan"]
    ),
    st.text(alphabet=st.sampled_from("ab Åé–·\t\n界\u200b\u0301#[]"), max_size=12),
    st.text(max_size=8),
)


def _by_rich(table: TextTable, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, no_color=True, highlight=False, emoji=False
    )
    console.print(_rich(table))
    return buffer.getvalue()


@st.composite
def _tables(draw) -> TextTable:
    columns = draw(st.lists(_CELL, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(_CELL, min_size=len(columns), max_size=len(columns)), max_size=6))
    totals = draw(st.integers(0, len(rows)))
    return TextTable(draw(_CELL), columns, rows, total_rows=totals)


@settings(max_examples=300, deadline=None)
@given(table=_tables(), width=st.sampled_from([20, 40, 80, 120]))
def test_a_plain_table_is_drawn_as_rich_draws_it(table: TextTable, width: int) -> None:
    drawn = _plain_table(table, width)
    if drawn is not None:
        assert drawn == _by_rich(table, width)


def test_a_goal_table_is_drawn_without_rich() -> None:
    table = TextTable(
        "Resultat 2008-08-08",
        ["Avslutsorsak", "Kvinnor", "Män", "Totalt"],
        [["Arbete", "6 (26,1 %)", "7 (17,9 %)", "13 (21,0 %)"], ["Totalt", "23", "39", "62"]],
    )
    drawn = _plain_table(table, 120)
    assert drawn is not None and drawn == _by_rich(table, 120)
    assert _plain_table(table, 30) is None  # too wide: rich shrinks and wraps it


@settings(max_examples=200, deadline=None)
@given(text=_CELL)
def test_a_plain_line_is_printed_as_rich_prints_it(text: str) -> None:
    if _plain(text) and len(text) <= 120:
        buffer = io.StringIO()
        Console(file=buffer, width=120, color_system=None, no_color=True).print(Text(text))
        assert buffer.getvalue() == text + "\n"
