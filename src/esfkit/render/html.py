"""HTML: one self-contained page (inline CSS and SVG, no scripts, no external assets) with
the summary, each goal's table and an inline SVG bar chart of target versus actual per
gender for count and share goals. Prints cleanly: no goal is split across pages where it
can be helped. The words come from ``present`` and ``Words``, already HTML-escaped (esfkit's
labels too; text from users' files also masked, esfkit.escape.html); only the layout is
here, and nothing is escaped a second time."""

from __future__ import annotations

from esfkit.escape import HTML
from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.present import (
    GENDERS,
    TextTable,
    figure,
    finding_lines,
    footer_line,
    goal_table,
    header_lines,
    report_notes,
    selected_goals,
    summary_table,
    trend_series,
    trend_shown,
)
from esfkit.report import GoalResult, Report

CSS = """
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.6em; margin-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 1.6em; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .15em 1em; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #bbb; padding: .25em .6em; vertical-align: top; }
th { background: #eee; text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #555; }
td[class*="status-"] { white-space: nowrap; }
.status-met, .status-on_track { background: #c6efce; }
.status-not_met { background: #ffc7ce; }
.status-behind, .status-no_data { background: #ffeb9c; }
.notes { color: #444; font-size: .92em; margin: .2em 0 0 0; padding-left: 1.2em; }
svg.chart { display: block; margin: .4em 0 1em 0; }
svg.chart text { font-size: 11px; fill: #222; }
footer { margin-top: 2em; border-top: 1px solid #999; padding-top: .5em; font-size: .9em; }
section.goal { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 0; } h2 { break-after: avoid; } }
"""
ACTUAL_COLOUR = "#2f6db5"
TARGET_COLOUR = "#b0b0b0"
TREND_COLOURS = ("#2f6db5", "#b0b0b0", "#c0504d", "#9bbb59", "#8064a2", "#f79646")


def render(report: Report, options: RenderOptions) -> str:
    w = Words(options.lang, report.suppress_below, HTML)
    goals = selected_goals(report, options.goal_ids)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{w("html.lang")}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{w.user(report.project)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{w.user(report.project)}</h1>",
        '<dl class="meta">',
    ]
    for label, value in header_lines(report, w)[1:]:
        out.append(f"<dt>{label}</dt><dd>{value}</dd>")
    out.append("</dl>")
    findings = finding_lines(report, w)
    if findings:
        out.append(f"<h2>{w('findings')}</h2><ul>")
        out += [f"<li>{line}</li>" for line in findings]
        out.append("</ul>")
    summary = summary_table(report, w, goals)
    out.append(f'<section class="summary"><h2>{summary.title}</h2>')
    statuses = [g.status.value for g in goals]
    out += _table(summary, summary.text_columns, statuses, status_col=summary.status_column)
    out.append("</section>")
    for goal in goals:
        out.append(
            f'<section class="goal" id="goal-{w.user(goal.id)}" data-goal="{w.user(goal.id)}">'
        )
        out.append(f"<h2>{w.user(goal.title)}</h2>")
        table = goal_table(goal, w)
        if table is not None:
            out += _table(table, (0,))
            if goal.layout.chart:
                out.append(_chart(goal, w))
            if trend_shown(goal):
                out.append(_trend_chart(goal, w))
            if table.notes:
                out.append('<ul class="notes">')
                out += [f"<li>{note}</li>" for note in table.notes]
                out.append("</ul>")
        else:
            out.append(f'<p class="status-{goal.status.value}">{w.status(goal.status)}</p>')
            if goal.note:
                out.append(f"<p>{w.user(goal.note)}</p>")
        out.append("</section>")
    out += [f'<p class="notes">{note}</p>' for note in report_notes(report, w)]
    out += [f"<footer>{footer_line(report, w)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _table(
    table: TextTable,
    left: tuple[int, ...],
    statuses: list[str] | None = None,
    status_col: int | None = None,
) -> list[str]:
    out = ["<table>", "<thead><tr>"]
    for i, name in enumerate(table.columns):
        out.append(f"<th>{name}</th>" if i in left else f'<th class="num">{name}</th>')
    out.append("</tr></thead><tbody>")
    total_from = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        css = ' class="total"' if index >= total_from else ""
        cells = []
        for i, text in enumerate(row):
            classes = [] if i in left else ["num"]
            if statuses is not None and i == status_col:
                classes.append(f"status-{statuses[index]}")
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{text}</td>")
        out.append(f"<tr{css}>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return out


def _chart(goal: GoalResult, w: Words) -> str:
    """Inline SVG: a pair of bars (actual, target) per gender and for the total. A hidden
    figure has no bar, only its marker."""
    levels = [({"gender": g}, w(g)) for g in GENDERS if goal.cell(gender=g) is not None]
    levels.append(({}, w("total")))
    cells = [goal.cell(**dims) for dims, _ in levels]
    values = [v for c in cells if c is not None for v in (c.value, c.target) if v is not None]
    top = max([*values, 1.0])
    bar, gap, group_gap, height, base = 22, 4, 26, 140, 160
    width = 40 + len(levels) * (2 * bar + gap + group_gap) + 150
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{base + 40}"'
        f' role="img" aria-label="{w("chart.target_actual")}">',
        f'<line x1="30" y1="{base}" x2="{width - 150}" y2="{base}" stroke="#555"/>',
    ]
    x = 40
    for (_dims, label), cell in zip(levels, cells, strict=True):
        for offset, (name, colour) in enumerate(
            (("value", ACTUAL_COLOUR), ("target", TARGET_COLOUR))
        ):
            bx = x + offset * (bar + gap)
            value = None if cell is None or name in cell.suppressed else getattr(cell, name)
            if value is None or cell is None:
                if cell is not None and name in cell.suppressed:
                    parts.append(
                        f'<text x="{bx + bar / 2}" y="{base - 4}" text-anchor="middle">'
                        f"{w.hidden(cell.suppressed[name])}</text>"
                    )
                continue
            h = round(height * value / top, 1)
            shown = figure(cell, goal, w) if name == "value" else _target(goal, value, w)
            parts.append(
                f'<rect x="{bx}" y="{round(base - h, 1)}" width="{bar}" height="{h}" fill="{colour}">'
                f"<title>{label}: {shown}</title></rect>"
            )
            parts.append(
                f'<text x="{bx + bar / 2}" y="{round(base - h - 3, 1)}" text-anchor="middle">'
                f"{shown}</text>"
            )
        parts.append(
            f'<text x="{x + bar + gap / 2}" y="{base + 16}" text-anchor="middle">{label}</text>'
        )
        x += 2 * bar + gap + group_gap
    legend_x = width - 140
    for row, (name, colour) in enumerate(
        (("chart.value", ACTUAL_COLOUR), ("chart.target", TARGET_COLOUR))
    ):
        y = 20 + row * 18
        parts.append(f'<rect x="{legend_x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 18}" y="{y}">{w(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _target(goal: GoalResult, value: float, w: Words) -> str:
    return (
        w.percent(value, 0 if float(value).is_integer() else 1)
        if goal.measure == "percent"
        else w.number(value)
    )


def _trend_chart(goal: GoalResult, w: Words) -> str:
    """Inline SVG, with --history: a line per series (the total and its target, or each
    share of a composition goal) over the report dates; a hidden figure is a gap."""
    lines = trend_series(goal, w)
    dates = [day.isoformat() for day, _value in goal.trend[0].points]
    values = [v for _label, series in lines for v in series if v is not None]
    low, high = min([*values, 0.0]), max([*values, 1.0])
    step, left, base, height = 90, 50, 160, 130
    width = left + step * max(len(dates) - 1, 1) + 210
    percent = goal.measure == "percent"

    def y(value: float) -> float:
        return round(base - height * (value - low) / ((high - low) or 1), 1)

    def shown(value: float) -> str:
        return w.percent(value) if percent else w.number(value)

    parts = [
        f'<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" width="{width}"'
        f' height="{base + 40}" role="img" aria-label="{w("chart.trend")}">',
        f'<line x1="{left - 10}" y1="{base}" x2="{width - 170}" y2="{base}" stroke="#555"/>',
    ]
    for index, day in enumerate(dates):
        x = left + index * step
        parts.append(f'<text x="{x}" y="{base + 16}" text-anchor="middle">{day}</text>')
    for number, (label, series) in enumerate(lines):
        colour = TREND_COLOURS[number % len(TREND_COLOURS)]
        points = [(left + i * step, v) for i, v in enumerate(series)]
        for run in _runs(points):
            path = " ".join(f"{x},{y(v)}" for x, v in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for (x, v), day in zip(points, dates, strict=True):
            if v is None:
                continue
            parts.append(
                f'<circle cx="{x}" cy="{y(v)}" r="3" fill="{colour}">'
                f"<title>{label} {day}: {shown(v)}</title></circle>"
            )
            if number == 0:
                parts.append(
                    f'<text x="{x}" y="{round(y(v) - 6, 1)}" text-anchor="middle">{shown(v)}</text>'
                )
        ly = 20 + number * 18
        parts.append(
            f'<rect x="{width - 160}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>'
        )
        parts.append(f'<text x="{width - 142}" y="{ly}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _runs(points: list[tuple[int, float | None]]) -> list[list[tuple[int, float]]]:
    """The unbroken stretches of a line: a missing figure breaks it."""
    runs: list[list[tuple[int, float]]] = [[]]
    for x, value in points:
        if value is None:
            runs.append([])
        else:
            runs[-1].append((x, value))
    return [run for run in runs if run]
