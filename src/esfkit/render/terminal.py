"""The terminal report (rich): a header, the summary, then each goal's table.

Colour only when writing to a terminal; otherwise plain text of the same layout, written
line for line as rich would draw it, without importing rich (a small project's run pays
more for rich than for its figures), except for a line only rich can tell how to draw.
Every string goes to rich as a ``Text``, never as markup: a '[bold]' or '[link=...]' in a
title prints as typed (and the words are escaped for the terminal by ``Words``).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len

from esfkit.errors import UsageError, say
from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.layout import Frame, Shape, sliced_shape, summary_shape, wrap
from esfkit.render.present import (
    TextTable,
    finding_lines,
    goal_table,
    header_lines,
    report_notes,
    selected_goals,
    summary_table,
)
from esfkit.report import Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

PIPED_WIDTH = 100  # the width when standard output is not a terminal (cron, a pipe, a file)
WIDEST = 1000
MIN_CUT_WIDTH = 40  # where no width shows every word whole, at least this many columns
# What box.SIMPLE_HEAD adds to the cells of a line: a space of padding either side of each
# cell, a space between columns, and one at each edge.
FRAME = Frame(per_column=3, fixed=1)
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
    goals = selected_goals(report, options.goal_ids)
    summary = summary_table(report, w, goals)
    tables = [t for t in (goal_table(goal, w) for goal in goals) if t is not None]
    width, shapes = _layout(summary, tables, options)
    out = Lines(width, options.color)
    _header(out, report, w, width)
    findings = finding_lines(report, w)
    if findings:
        out.line()
        out.line(w("findings"), "bold yellow", wrap=True)
        for line in findings:
            _print_wrapped(out, line, width, "  • ", "    ")
    out.line()
    statuses = [g.status.value for g in goals]
    _draw(out, summary, shapes[0], width, summary.text_columns, statuses)
    for table, shape in zip(tables, shapes[1:], strict=True):
        out.line()
        _draw(out, table, shape, width, table.text_columns)
        for note in table.notes:
            _print_wrapped(out, note, width, "  ", "  ", style="dim")
    for note in report_notes(report, w):  # what small-number suppression hides
        out.line()
        _print_wrapped(out, note, width, "", "")
    return "".join(line.rstrip() + "\n" for line in out.file.getvalue().splitlines())


@dataclass
class Lines:
    """Where the report is drawn: a line is written as it is where rich would print it
    unchanged (no colour, plainly printable, within the width); else rich prints it, and
    rich is imported then."""

    width: int
    color: bool
    file: io.StringIO = field(default_factory=io.StringIO, init=False)
    _console: Console | None = field(default=None, init=False)

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.file,
                width=self.width,
                force_terminal=self.color,
                color_system="standard" if self.color else None,
                no_color=not self.color,
                highlight=False,
                emoji=False,
            )
        return self._console

    def line(self, text: str = "", style: str = "", bold: int = 0, wrap: bool = False) -> None:
        """``text`` on a line of its own, in ``style``, its first ``bold`` characters in
        bold; rich breaks a line wider than the width only if ``wrap``."""
        if not self.color and _plain(text, self.width):
            self.file.write(text + "\n")
            return
        from rich.text import Text

        shown = Text(text, style=style)
        if bold:
            shown.stylize("bold", 0, bold)
        if wrap:
            self.console.print(shown)
        else:
            self.console.print(shown, no_wrap=True, overflow="ignore")


def _layout(
    summary: TextTable, tables: list[TextTable], options: RenderOptions
) -> tuple[int, list[Shape]]:
    """The line width and every table's shape. A --width too narrow for a table is refused;
    a terminal that narrow gets the narrowest width that shows every table, and where no
    width does (a word of a thousand letters), its own width with such words cut."""
    width = options.width or options.terminal_width or PIPED_WIDTH
    shapes = _shapes(summary, tables, width)
    if shapes is not None:
        return width, shapes
    needed = _narrowest(summary, tables, width + 1)
    if needed is None:  # a word wider than any line (hostile input): cut to fit the line
        if not options.width or options.width >= MIN_CUT_WIDTH:
            width = max(width, MIN_CUT_WIDTH)
            return width, _shapes(summary, tables, width, longest=1) or []
        needed = MIN_CUT_WIDTH
    if options.width:
        raise UsageError(
            say("usage.too_narrow", width=options.width, needed=needed),
            hint=say("hint.too_narrow", needed=needed, piped=PIPED_WIDTH),
        )
    return needed, _shapes(summary, tables, needed) or []


def _narrowest(summary: TextTable, tables: list[TextTable], lowest: int) -> int | None:
    """The narrowest width from ``lowest`` up to WIDEST that shows every table (a table
    that fits a width fits any wider one), or None."""
    if lowest > WIDEST or _shapes(summary, tables, WIDEST) is None:
        return None
    low, high = lowest, WIDEST
    while low < high:
        middle = (low + high) // 2
        if _shapes(summary, tables, middle) is None:
            low = middle + 1
        else:
            high = middle
    return high


def _shapes(
    summary: TextTable, tables: list[TextTable], width: int, longest: int | None = None
) -> list[Shape] | None:
    rows = [summary.columns, *summary.rows]
    status = summary.status_column
    wrapping = [i for i in summary.text_columns if i != status]
    whole: tuple[int, ...] = () if status is None else (status,)
    first = summary_shape(rows, width, FRAME, whole=whole, give=wrapping, longest=longest)
    shapes = [first]
    shapes += [sliced_shape([t.columns, *t.rows], width, FRAME, longest) for t in tables]
    return None if any(shape is None for shape in shapes) else shapes  # type: ignore[return-value]


def _header(out: Lines, report: Report, w: Words, width: int) -> None:
    """The header's labels in bold, their values wrapped beside them."""
    lines = header_lines(report, w)
    label_width = max(len(label) for label, _ in lines)
    room = max(width - label_width - 2, 1)
    for label, value in lines:
        for index, part in enumerate(wrap(value, room)):
            shown = label.ljust(label_width) if index == 0 else " " * label_width
            out.line(f"{shown}  {part}", bold=len(shown))


def _print_wrapped(
    out: Lines, text: str, width: int, first: str, rest: str, style: str = ""
) -> None:
    """A line of text, broken between words only, the first line after ``first``, the
    others after ``rest``."""
    for index, part in enumerate(wrap(text, max(width - len(first), 1))):
        out.line(f"{first if index == 0 else rest}{part}", style)


def _draw(
    out: Lines,
    table: TextTable,
    shape: Shape,
    width: int,
    left: tuple[int, ...],
    statuses: list[str] | None = None,
) -> None:
    """The table's title on lines of its own, then the table in its shape: each slice of
    its columns in turn; stacked, each row's title on its own line above the row."""
    for part in wrap(table.title, width):
        out.line(part, "bold")
    total_from = len(table.rows) - table.total_rows
    draw = Drawing(table, shape, left, total_from, statuses)
    for columns in shape.slices:
        if not shape.stacked:
            _print_table(out, draw, columns, list(enumerate(table.rows)))
            continue
        _print_table(out, draw, columns, [], framed=True)
        for index, row in enumerate(table.rows):
            style = "bold" if index >= total_from else ""
            _print_wrapped(out, row[0], width, " ", " ", style=style)
            _print_table(out, draw, columns, [(index, row)], header=False, framed=True)
            if shape.below is not None and row[shape.below]:
                _print_wrapped(out, row[shape.below], width, "  ", "  ")
        out.line()


def _print_table(
    out: Lines,
    draw: Drawing,
    columns: list[int],
    rows: list[tuple[int, list[str]]],
    header: bool = True,
    framed: bool = False,
) -> None:
    """A table; ``framed``: without the blank lines its box draws above and below it (a
    stacked summary is a header and a table per row, which would otherwise stand apart).
    Without colour its lines are written as rich would draw them, without rich's layout,
    which costs a small project's run more than its figures do."""
    plain = None if out.color else draw.lines(columns, rows, header)
    if plain is None:
        if not framed:
            out.console.print(draw.table(columns, rows, header))
            return
        with out.console.capture() as captured:
            out.console.print(draw.table(columns, rows, header))
        plain = captured.get().splitlines()
    for line in plain:
        if not framed or _ANSI.sub("", line).strip():
            out.file.write(line.rstrip() + "\n")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Drawing:
    """How a table's cells are drawn: which columns are words (left-aligned), where the
    totals start, the summary's statuses (coloured)."""

    words: TextTable
    shape: Shape
    left: tuple[int, ...]
    total_from: int
    statuses: list[str] | None

    def lines(
        self, columns: list[int], rows: list[tuple[int, list[str]]], header: bool = True
    ) -> list[str] | None:
        """The lines rich draws for :meth:`table` without colour (box.SIMPLE_HEAD: a
        blank edge above and below, a rule under the header, a blank line closing the
        rows above the totals); None where only rich can tell: a character that is not
        plainly printable (a tab, a zero-width space), or a line wider than its column."""
        if not columns:
            return [""]  # rich's empty line for a table without columns
        widths = [self.shape.widths[i] for i in columns]
        right = [i not in self.left for i in columns]
        lines = [""]
        if header:
            drawn = _row_lines(self.words.columns, columns, widths, right, bottom=True)
            if drawn is None:
                return None
            lines += [*drawn, " " + "─".join("─" * (w + 2) for w in widths) + " "]
        for count, (index, row) in enumerate(rows, 1):
            drawn = _row_lines(row, columns, widths, right)
            if drawn is None:
                return None
            lines += drawn
            if index == self.total_from - 1 and count < len(rows):
                lines.append("")
        return [*lines, ""]

    def table(
        self, columns: list[int], rows: list[tuple[int, list[str]]], header: bool = True
    ) -> Table:
        """A rich table of ``columns`` at their fixed widths, every cell already broken
        into lines (rich wraps nothing); figures right-aligned."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        widths = self.shape.widths
        rich_table = Table(box=box.SIMPLE_HEAD, show_header=header)
        for index in columns:
            rich_table.add_column(
                Text("\n".join(wrap(self.words.columns[index], widths[index]))),
                width=widths[index],
                justify="left" if index in self.left else "right",
                no_wrap=True,
                overflow="fold",  # never needed: the cells are broken to fit
            )
        for index, row in rows:
            cells = [Text("\n".join(wrap(row[i], widths[i]))) for i in columns]
            status_column = self.words.status_column
            if self.statuses is not None and status_column in columns:
                status = STATUS_STYLES[self.statuses[index]]
                cells[columns.index(status_column)].stylize(status)
            rich_table.add_row(
                *cells,
                style="bold" if index >= self.total_from else None,
                end_section=index == self.total_from - 1,
            )
        return rich_table


def _row_lines(
    row: list[str], columns: list[int], widths: list[int], right: list[bool], bottom: bool = False
) -> list[str] | None:
    """One row's lines as rich draws them (``bottom``: its cells set at the bottom, as
    rich sets a header's), or None when a cell is not plain text."""
    cells = [wrap(row[i], width) for i, width in zip(columns, widths, strict=True)]
    if not all(_plain(part, w) for c, w in zip(cells, widths, strict=True) for part in c):
        return None
    height = max(map(len, cells))
    blank = [""] * height
    cells = [(blank + c)[-height:] if bottom else (c + blank)[:height] for c in cells]
    lines = []
    for at in range(height):
        parts = [_fill(c[at], w, r) for c, w, r in zip(cells, widths, right, strict=True)]
        lines.append(" " + " ".join(f" {part} " for part in parts) + " ")
    return lines


def _plain(text: str, width: int) -> bool:
    """Whether rich draws ``text`` in ``width`` cells as it is, padded with spaces."""
    return text.isprintable() and cell_len(text) <= width


def _fill(text: str, width: int, right: bool) -> str:
    """A cell's line padded to ``width`` cells, as rich justifies it (right: its trailing
    spaces dropped first)."""
    if right:
        text = text.rstrip()
        return " " * (width - cell_len(text)) + text
    return text + " " * (width - cell_len(text))
