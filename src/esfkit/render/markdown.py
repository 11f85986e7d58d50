"""Markdown for the minutes: headings, bullet lists and pipe tables that paste cleanly into
Word, Teams and Confluence. The words come from ``present``, text from users' files escaped
by ``Words`` (esfkit.escape.markdown: it shows as typed, never as markup); only the layout
is here."""

from __future__ import annotations

from esfkit.escape import MARKDOWN
from esfkit.i18n import Words
from esfkit.render import RenderOptions
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


def render(report: Report, options: RenderOptions) -> str:
    w = Words(options.lang, report.suppress_below, MARKDOWN)
    goals = selected_goals(report, options.goal_ids)
    out = [f"# {w.user(report.project)}", ""]
    # The header's values are spaced for the terminal; Markdown would fold the spaces anyway.
    out += [
        f"- **{label}:** {' '.join(value.split())}" for label, value in header_lines(report, w)[1:]
    ]
    findings = finding_lines(report, w)
    if findings:
        out += ["", f"**{w('findings')}**", ""]
        out += [f"- {line}" for line in findings]
    out += ["", f"## {w('summary')}", ""]
    summary = summary_table(report, w, goals)
    out += _table(summary, left=summary.text_columns)
    for goal in goals:
        table = goal_table(goal, w)
        if table is None:
            continue
        out += ["", f"### {table.title}", ""]
        out += _table(table, left=(0,))
        if table.notes:
            out += [""] + [f"- {note}" for note in table.notes]
    notes = report_notes(report, w)
    out += [""] + notes + ([""] if notes else [])
    out += ["---", "", f"*{footer_line(report, w)}*", ""]
    return "\n".join(out)


def _table(table: TextTable, left: tuple[int, ...]) -> list[str]:
    width = len(table.columns)
    rule = [":---" if i in left else "---:" for i in range(width)]
    total_from = len(table.rows) - table.total_rows
    lines = [_row(table.columns), "|" + "|".join(rule) + "|"]
    for index, row in enumerate(table.rows):
        cells = list(row)
        if index >= total_from and cells[0]:
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"
