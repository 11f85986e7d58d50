"""The terminal report (rich): a header, the summary, then each goal's table.

Colour only when writing to a terminal; otherwise plain text of the same layout. Every
string goes to rich as a ``Text``, never as markup: a '[bold]' or '[link=...]' in a title
prints as typed (and the words are escaped for the terminal by ``Words``).

Without colour, a goal's table or a line that needs none of rich's layout (nothing to
wrap or shrink, every character one column wide) is drawn here as rich would draw it:
rich's layout of a few hundred such lines costs a fifth of a second, longer than a small
project's figures take to compute. Anything else still goes through rich.
"""

from __future__ import annotations

import io

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.present import (
    TextTable,
    finding_lines,
    goal_table,
    header_lines,
    report_notes,
    summary_table,
)
from esfkit.report import Report

# The goal title and the gap wrap within these widths; the figures never wrap.
SUMMARY_MAX_WIDTHS = {0: 40, -1: 34}
STATUS_STYLES = {
    "met": "green",
    "not_met": "red",
    "on_track": "green",
    "behind": "yellow",
    "no_target": "dim",
    "no_data": "yellow",
    "in_progress": "cyan",
    "hidden": "dim",
}


def render(report: Report, options: RenderOptions) -> str:
    w = Words(options.lang, report.suppress_below)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width or 120,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        highlight=False,
        emoji=False,
    )
    width = options.width or 120

    def line(text: str, style: str | None = None) -> None:
        if options.color or not _plain(text) or cell_len(text) > width:
            console.print(Text(text, style=style))
        else:
            buffer.write(text + "\n")

    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold")
    header.add_column()
    for label, value in header_lines(report, w):
        header.add_row(Text(label), Text(value))
    console.print(header)
    findings = finding_lines(report, w)
    if findings:
        console.print()
        line(w("findings"), style="bold yellow")
        for finding in findings:
            line(f"  • {finding}")
    console.print()
    goals = [g for g in report.goals if not options.goal_ids or g.id in options.goal_ids]
    summary = summary_table(Report(**{**report.__dict__, "goals": goals}), w)
    console.print(_rich(summary, status_column=5, statuses=[g.status.value for g in goals]))
    for goal in goals:
        table = goal_table(goal, w)
        if table is None:
            continue
        console.print()
        drawn = None if options.color else _plain_table(table, width)
        if drawn is None:
            console.print(_rich(table))
        else:
            buffer.write(drawn)
        for note in table.notes:
            line(f"  {note}", style="dim")
    for note in report_notes(report, w):  # what small-number suppression hides
        console.print()
        line(note)
    return buffer.getvalue()


def _plain(text: str) -> bool:
    """Whether rich would draw ``text`` as it is: printable, one column per character, no
    space at its end (rich strips it before justifying)."""
    return text.isprintable() and cell_len(text) == len(text) and not text.endswith(" ")


def _plain_table(table: TextTable, width: int) -> str | None:
    """The lines rich draws for ``_rich(table)`` when nothing wraps; None otherwise."""
    texts = [table.title, *table.columns, *(cell for row in table.rows for cell in row)]
    if not all(_plain(text) and not text.startswith(" ") for text in texts):
        return None
    widths = [len(name) for name in table.columns]
    for row in table.rows:
        if len(row) != len(widths):
            return None
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    total = sum(widths) + 3 * len(widths) + 1  # a space each side of a cell, and the edges
    if total > width or len(table.title) > total or not widths:
        return None

    def row_line(cells: list[str]) -> str:
        first, *rest = cells
        drawn = [
            f" {first.ljust(widths[0])} ",
            *(f" {c.rjust(n)} " for c, n in zip(rest, widths[1:], strict=True)),
        ]
        return " " + " ".join(drawn) + " \n"

    blank = " " * total + "\n"
    lines = [table.title.ljust(total) + "\n"] if table.title else []
    lines += [blank, row_line(table.columns), " " + "─" * (total - 2) + " \n"]
    total_from = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        lines.append(row_line(row))
        if index == total_from - 1 and index < len(table.rows) - 1:
            lines.append(blank)
    lines.append(blank)
    return "".join(lines)


def _rich(
    table: TextTable, status_column: int | None = None, statuses: list[str] | None = None
) -> Table:
    """A rich table; in the summary the title and gap columns take the spare width and the
    figures never wrap."""
    summary = status_column is not None
    rich_table = Table(
        title=Text(table.title), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD
    )
    last = len(table.columns) - 1
    for index, name in enumerate(table.columns):
        if summary:
            widest = SUMMARY_MAX_WIDTHS.get(index if index < last else -1)
            rich_table.add_column(
                Text(name), max_width=widest, no_wrap=widest is None, overflow="fold"
            )
        else:
            justify = "right" if index > 0 else "left"
            rich_table.add_column(Text(name), justify=justify, overflow="fold")
    total_from = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        cells = [Text(value) for value in row]
        if summary and statuses:
            cells[status_column].stylize(STATUS_STYLES[statuses[index]])
        rich_table.add_row(
            *cells,
            style="bold" if index >= total_from else None,
            end_section=index == total_from - 1,
        )
    return rich_table
