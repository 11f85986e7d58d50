"""Plain fixed-width text for mail: no colour, no box-drawing beyond a rule of dashes, and
every line within ``options.width`` (default 100) where the words allow it. Text from users'
files comes escaped for the terminal from ``Words`` (no control character is written)."""

from __future__ import annotations

import textwrap

from esfkit.i18n import Words
from esfkit.render import RenderOptions, layout
from esfkit.render.present import (
    TextTable,
    finding_lines,
    footer_line,
    goal_table,
    header_lines,
    report_notes,
    selected_goals,
    summary_table,
)
from esfkit.report import Report

WIDTH = 100
GAP = "  "
# In the summary the goal title and the gap (the last column) share what the figures leave.
MIN_WRAP = 16


def render(report: Report, options: RenderOptions) -> str:
    w = Words(options.lang, report.suppress_below)
    width = options.width or WIDTH
    goals = selected_goals(report, options.goal_ids)
    project = w.user(report.project)
    out = [project, "=" * min(len(project), width), ""]
    pairs = header_lines(report, w)[1:]
    label_width = max(len(label) for label, _ in pairs)
    out += [f"{label.ljust(label_width)}  {value}" for label, value in pairs]
    findings = finding_lines(report, w)
    if findings:
        out += ["", w("findings")]
        for line in findings:
            out += _wrap(line, width, "  * ", "    ")
    summary = summary_table(report, w, goals)
    out += ["", *_table(summary, summary.text_columns, _summary_wrap(summary, width))]
    for goal in goals:
        table = goal_table(goal, w)
        if table is None:
            continue
        out += ["", *_table(table, (0,), {0: 40})]
        for note in table.notes:
            out += _wrap(note, width, "  ", "  ")
    for note in report_notes(report, w):
        out += ["", *_wrap(note, width, "", "")]
    out += ["", "-" * min(width, 40), *_wrap(footer_line(report, w), width, "", "")]
    return "\n".join(line.rstrip() for line in out) + "\n"


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]


def _table(table: TextTable, left: tuple[int, ...], wrap: dict[int, int]) -> list[str]:
    """The title, the header, a rule, the rows (cells wrapped where allowed), a rule before the
    totals."""
    header = [table.columns, *table.rows]
    lines_of = [
        [layout.wrap(c, wrap[i]) if i in wrap else [c] for i, c in enumerate(row)] for row in header
    ]
    widths = [
        max(len(part) for row in lines_of for part in row[i]) for i in range(len(table.columns))
    ]
    rule = "-" * (sum(widths) + len(GAP) * (len(widths) - 1))
    out = [table.title, ""]
    total_from = len(table.rows) - table.total_rows
    for index, row in enumerate(lines_of):
        if index == total_from + 1 and table.total_rows and total_from > 0:
            out.append(rule)
        height = max(len(parts) for parts in row)
        for line in range(height):
            cells = []
            for i, parts in enumerate(row):
                part = parts[line] if line < len(parts) else ""
                cells.append(part.ljust(widths[i]) if i in left else part.rjust(widths[i]))
            out.append(GAP.join(cells))
        if index == 0:
            out.append(rule)
    return out


def _summary_wrap(table: TextTable, width: int) -> dict[int, int]:
    gap = len(table.columns) - 1
    fixed = sum(
        max(len(row[i]) for row in [table.columns, *table.rows])
        for i in range(len(table.columns))
        if i not in (0, gap)
    )
    spare = width - fixed - len(GAP) * (len(table.columns) - 1)
    title = max(MIN_WRAP, spare * 11 // 20)
    return {0: title, gap: max(MIN_WRAP, spare - title)}


def render_tables(tables: list[TextTable]) -> str:
    """Tables alone (``esfkit history``), one after the other."""
    out: list[str] = []
    for table in tables:
        out += [*_table(table, table.text_columns, {}), ""]
    return "\n".join(line.rstrip() for line in out)
