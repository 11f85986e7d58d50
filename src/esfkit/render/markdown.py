"""Markdown for the minutes: headings, bullet lists and pipe tables that paste cleanly into
Word, Teams and Confluence. The words come from ``present``; only the layout is here."""

from __future__ import annotations

from esfkit.engine.report import Report
from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.present import (
    SUMMARY_TEXT_COLUMNS,
    TextTable,
    finding_lines,
    footer_line,
    goal_table,
    header_lines,
    report_notes,
    selected_goals,
    summary_table,
)


def render(report: Report, options: RenderOptions) -> str:
    w = Words(options.lang, report.suppress_below)
    goals = selected_goals(report, options.goal_ids)
    out = [f"# {_inline(report.project)}", ""]
    out += [f"- **{label}:** {_inline(value)}" for label, value in header_lines(report, w)[1:]]
    findings = finding_lines(report, w)
    if findings:
        out += ["", f"**{w('findings')}**", ""]
        out += [f"- {_inline(line)}" for line in findings]
    out += ["", f"## {w('summary')}", ""]
    out += _table(summary_table(report, w, goals), left=SUMMARY_TEXT_COLUMNS)
    for goal in goals:
        table = goal_table(goal, w)
        if table is None:
            continue
        out += ["", f"### {_inline(table.title)}", ""]
        out += _table(table, left=(0,))
        if table.notes:
            out += [""] + [f"- {_inline(note)}" for note in table.notes]
    notes = report_notes(report, w)
    out += [""] + [f"{_inline(note)}" for note in notes] + ([""] if notes else [])
    out += ["---", "", f"*{_inline(footer_line(report, w))}*", ""]
    return "\n".join(out)


def _table(table: TextTable, left: tuple[int, ...]) -> list[str]:
    width = len(table.columns)
    rule = [":---" if i in left else "---:" for i in range(width)]
    total_from = len(table.rows) - table.total_rows
    lines = [_row(table.columns), "|" + "|".join(rule) + "|"]
    for index, row in enumerate(table.rows):
        cells = [_cell(c) for c in row]
        if index >= total_from and cells[0]:
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) or " " for c in cells) + " |"


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    """One line of text: a line break inside a cell or heading would end it."""
    return " ".join(str(text).split())
