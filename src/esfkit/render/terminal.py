"""The terminal report (rich): a header, the summary, then each goal's table.

Colour only when writing to a terminal; otherwise plain text of the same layout. Every
string goes to rich as a ``Text``, never as markup: a '[bold]' or '[link=...]' in a title
prints as typed (and the words are escaped for the terminal by ``Words``).
"""

from __future__ import annotations

import io

from rich import box
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
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold")
    header.add_column()
    for label, value in header_lines(report, w):
        header.add_row(Text(label), Text(value))
    console.print(header)
    findings = finding_lines(report, w)
    if findings:
        console.print()
        console.print(Text(w("findings"), style="bold yellow"))
        for line in findings:
            console.print(Text(f"  • {line}"))
    console.print()
    goals = [g for g in report.goals if not options.goal_ids or g.id in options.goal_ids]
    summary = summary_table(Report(**{**report.__dict__, "goals": goals}), w)
    statuses = [g.status.value for g in goals]
    console.print(_rich(summary, status_column=summary.status_column, statuses=statuses))
    for goal in goals:
        table = goal_table(goal, w)
        if table is None:
            continue
        console.print()
        console.print(_rich(table))
        for note in table.notes:
            console.print(Text(f"  {note}", style="dim"))
    for note in report_notes(report, w):  # what small-number suppression hides
        console.print()
        console.print(Text(note))
    return buffer.getvalue()


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
