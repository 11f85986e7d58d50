"""Excel: a summary sheet and one sheet per goal, with number and percent formats, status
colours, frozen headers, fitted widths, and a native bar chart of target versus actual per
gender for every count and share goal.

Figures are numbers (percentages as fractions with a percent format), so the secretary can
compute with them; a hidden figure is its marker as text. Every text is a text cell, never
a formula (esfkit.escape.excel_text_cell: no apostrophe shown); text from users' files comes
masked, its control characters escaped, from ``Words``. The file is the same bytes for the same report: the
document properties carry the report date, and every zip entry a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from esfkit.escape import EXCEL, excel_text_cell
from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.package import fixed_package
from esfkit.render.present import (
    GENDERS,
    STATUS_FILLS,
    finding_lines,
    footer_line,
    genders_shown,
    goal_notes,
    header_lines,
    report_notes,
    selected_goals,
    summary_table,
    trend_series,
    trend_shown,
)
from esfkit.report import Cell, GoalResult, Report, Status

COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
# A gap's sign says which side of the target a figure is on (its header says which is which).
POINTS_FORMAT = "+0.0;-0.0;0.0"
SIGNED_COUNT_FORMAT = "+#,##0;-#,##0;0"
SIGNED_DECIMAL_FORMAT = "+#,##0.0;-#,##0.0;0.0"
RIGHT = Alignment(horizontal="right")
TOP_RIGHT = Alignment(horizontal="right", vertical="top")
TOP = Alignment(vertical="top")
# Excel's page header holds at most 255 characters, its codes included.
PAGE_HEADER_MAX = 200
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
MAX_WIDTH = 60
WRAP_WIDTH = 40
LINE_HEIGHT = 15  # points, a line of Calibri 11
BOLD_WIDTH = 1.25  # a bold letter's width in normal ones, with room for wider fonts
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def render(report: Report, options: RenderOptions) -> bytes:
    w = Words(options.lang, report.suppress_below, EXCEL)
    goals = selected_goals(report, options.goal_ids)
    workbook = Workbook()
    summary = workbook.worksheets[0]  # the one a new workbook has
    summary.title = _sheet_name(w("sheet.summary"), set())
    _summary_sheet(summary, report, goals, w)
    names = {summary.title}
    for goal in goals:
        sheet = workbook.create_sheet(_sheet_name(w.user(goal.id), names))
        names.add(sheet.title)
        _goal_sheet(sheet, goal, w)
    moment = dt.datetime.combine(report.as_of, dt.time())
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = f"esfkit {report.esfkit}"
    workbook.properties.title = w.user(report.project)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_package(buffer.getvalue(), moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_NAME_BAD.sub("_", name)[:31] or "_"
    candidate, n = base, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f"_{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def _put(sheet: Worksheet, row: int, col: int, value: Any, number_format: str | None = None):
    """A cell; text is always text (never a formula), numbers get their format."""
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        excel_text_cell(cell, value)
    else:
        cell.value = value
        if number_format and value is not None:
            cell.number_format = number_format
    return cell


# --- summary -------------------------------------------------------------------------------


def _summary_sheet(sheet: Worksheet, report: Report, goals: list[GoalResult], w: Words) -> None:
    _put(sheet, 1, 1, w.user(report.project)).font = TITLE
    row = 2
    for label, value in header_lines(report, w)[1:]:
        _put(sheet, row, 1, label).font = BOLD
        _put(sheet, row, 2, value)
        row += 1
    for index, line in enumerate(finding_lines(report, w)):
        if index == 0:  # the label once, beside the first finding
            _put(sheet, row, 1, w("findings")).font = BOLD
        _put(sheet, row, 2, line)
        row += 1
    row += 1
    table = summary_table(report, w, goals)
    header_row = row
    _header_row(sheet, row, table.columns, table.text_columns)
    for goal, words in zip(goals, table.rows, strict=True):
        row += 1
        total = goal.cell()
        for col, text in enumerate(words, start=1):
            _put(sheet, row, col, text)
        if goal.layout.figures and total is not None:  # the figures, to compute with
            _figure(sheet, row, 2, "target", total, goal, w)
            _figure(sheet, row, 3, "value", total, goal, w)
            for col, gender in enumerate(genders_shown(goals), start=4):
                cell = goal.cell(gender=gender)
                if cell is not None:
                    _figure(sheet, row, col, "value", cell, goal, w)
        if table.status_column is not None:
            _status_fill(sheet.cell(row=row, column=table.status_column + 1), goal.status)
        for col in range(1, len(words) + 1):  # figures right, all at the top of the row
            right = col - 1 not in table.text_columns
            sheet.cell(row=row, column=col).alignment = TOP_RIGHT if right else TOP
    row += 2
    for note in [*report_notes(report, w), footer_line(report, w)]:
        _put(sheet, row, 1, note)
        row += 1
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2).coordinate
    _fit(
        sheet, wrap=(1, len(table.columns)), first_row=header_row, last_row=header_row + len(goals)
    )
    _print_setup(sheet, w.user(report.project), header_row)


def _header_row(sheet: Worksheet, row: int, columns: list[str], text: tuple[int, ...]) -> None:
    """A table's header: bold, aligned like its column (figures right, words left)."""
    for col, name in enumerate(columns, start=1):
        cell = _put(sheet, row, col, name)
        cell.font = BOLD
        if col - 1 not in text:
            cell.alignment = Alignment(horizontal="right", wrap_text=True, vertical="bottom")


def _print_setup(sheet: Worksheet, title: str, header_row: int) -> None:
    """A4 landscape, one page wide, the table's header row on every page, the title in the
    page header ('&' doubled: alone it starts one of Excel's header codes)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    fit = sheet.sheet_properties.pageSetUpPr or PageSetupProperties()
    fit.fitToPage = True
    sheet.sheet_properties.pageSetUpPr = fit
    sheet.print_title_rows = f"{header_row}:{header_row}"
    if len(title) > PAGE_HEADER_MAX:
        title = title[: PAGE_HEADER_MAX - 1] + "…"
    if sheet.oddHeader is not None:  # openpyxl makes one with every sheet
        sheet.oddHeader.center.text = title.replace("&", "&&")


def _figure(sheet, row, col, name: str, cell: Cell, goal: GoalResult, w: Words) -> None:
    """The cell's figure ``name`` (value or target) as a number Excel computes with; without
    one, the summary's words stay ('–', or 'per kommun' for targets per municipality)."""
    value = getattr(cell, name)
    if name in cell.suppressed:
        _put(sheet, row, col, w.hidden(cell.suppressed[name]))
        return
    if value is None:
        return
    if goal.measure == "percent":
        _put(sheet, row, col, value / 100, PERCENT_FORMAT)
    else:
        _put(sheet, row, col, value, COUNT_FORMAT if float(value).is_integer() else DECIMAL_FORMAT)


def _status_fill(cell, status: Status) -> None:
    colour = STATUS_FILLS.get(status.value)
    if colour:
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)


# --- one goal ------------------------------------------------------------------------------


def _goal_sheet(sheet: Worksheet, goal: GoalResult, w: Words) -> None:
    _put(sheet, 1, 1, w.user(goal.title)).font = TITLE
    _put(sheet, 2, 1, f"{w('status')}: {w.status(goal.status)}")
    _status_fill(sheet.cell(row=2, column=1), goal.status)
    dims = list(dict.fromkeys([*goal.breakdown, *([goal.dimension] if goal.dimension else [])]))
    measures = _measures(goal)
    header = 4
    columns = [w.dim_name(d) for d in dims] + [_measure_name(goal, m, w) for m in measures]
    columns.append(w("status"))
    words = (*range(len(dims)), len(columns) - 1)
    _header_row(sheet, header, columns, words)
    row = header
    for cell in goal.cells:
        row += 1
        for col, dim in enumerate(dims, start=1):
            text = w.dim_value(dim, cell.dims[dim]) if dim in cell.dims else w("total")
            _put(sheet, row, col, text).font = Font(bold=not cell.dims)
        for col, name in enumerate(measures, start=len(dims) + 1):
            _measure(sheet, row, col, goal, cell, name, w)
        status_cell = _put(sheet, row, len(columns), w(f"status.{cell.status.value}"))
        _status_fill(status_cell, cell.status)
    if goal.layout.table == "none" and goal.note:
        _put(sheet, header + 1, 1, w.user(goal.note))
    sheet.freeze_panes = sheet.cell(row=header + 1, column=len(dims) + 1).coordinate
    _fit(sheet, last_row=row)
    if goal.layout.table != "none":
        for offset, note in enumerate(goal_notes(goal, w), start=2):
            _put(sheet, row + offset, 1, note)
    _print_setup(sheet, w.user(goal.title), header)
    anchor = len(columns) + 2
    if goal.layout.chart:
        _chart(sheet, goal, w, anchor_col=anchor)
        anchor += 4
    if trend_shown(goal):
        _trend_chart(sheet, goal, w, anchor_col=anchor)


def _measures(goal: GoalResult) -> list[str]:
    return [
        m
        for m in goal.layout.columns
        if any(getattr(c, m) is not None or m in c.suppressed for c in goal.cells)
    ]


def _measure_name(goal: GoalResult, name: str, w: Words) -> str:
    """A figure column's header; the gap's says its unit and what its sign means."""
    if name == "gap":
        return w("sheet.gap_points" if goal.measure == "percent" else "sheet.gap")
    return w(f"measure.{name}")


def _measure(sheet, row: int, col: int, goal: GoalResult, cell: Cell, name: str, w: Words) -> None:
    value = getattr(cell, name)
    if name in cell.suppressed:
        _put(sheet, row, col, w.hidden(cell.suppressed[name])).alignment = RIGHT
    elif value is None:
        return
    elif name == "gap":
        whole = float(value).is_integer()
        fmt = SIGNED_COUNT_FORMAT if whole else SIGNED_DECIMAL_FORMAT
        _put(sheet, row, col, value, POINTS_FORMAT if goal.measure == "percent" else fmt)
    elif name in ("value", "target") and goal.measure == "percent":
        _put(sheet, row, col, value / 100, PERCENT_FORMAT)
    elif name == "value" and goal.layout.value_field == "percent":
        _put(sheet, row, col, cell.percent / 100 if cell.percent is not None else None)
        sheet.cell(row=row, column=col).number_format = PERCENT_FORMAT
    else:
        fmt = COUNT_FORMAT if float(value).is_integer() else DECIMAL_FORMAT
        _put(sheet, row, col, value, fmt)


def _chart(sheet: Worksheet, goal: GoalResult, w: Words, anchor_col: int) -> None:
    """Target versus actual for each gender and the total: a native clustered bar chart on
    a small block of figures beside the table (a hidden figure counts as empty)."""
    levels = [({"gender": g}, w(g)) for g in GENDERS if goal.cell(gender=g) is not None]
    levels.append(({}, w("total")))
    top = 4
    _put(sheet, top, anchor_col, "").font = BOLD
    _put(sheet, top, anchor_col + 1, w("chart.value")).font = BOLD
    _put(sheet, top, anchor_col + 2, w("chart.target")).font = BOLD
    percent = goal.measure == "percent"
    for offset, (dims, label) in enumerate(levels, start=1):
        cell = goal.cell(**dims)
        _put(sheet, top + offset, anchor_col, label)
        for col, name in ((anchor_col + 1, "value"), (anchor_col + 2, "target")):
            value = None if cell is None or name in cell.suppressed else getattr(cell, name)
            if value is not None:
                _put(
                    sheet,
                    top + offset,
                    col,
                    value / 100 if percent else value,
                    PERCENT_FORMAT if percent else COUNT_FORMAT,
                )
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = w("chart.target_actual")
    _place(sheet, chart, percent, anchor_col, 2, top, top + len(levels))


def _trend_chart(sheet: Worksheet, goal: GoalResult, w: Words, anchor_col: int) -> None:
    """With --history: a native line chart of the goal's value per report date (and its
    target), on a block of figures beside the table; a hidden figure is a gap."""
    series = trend_series(goal, w)
    dates = [day for day, _value in goal.trend[0].points]
    top = 4
    percent = goal.measure == "percent"
    _put(sheet, top, anchor_col, w("history.date")).font = BOLD
    for offset, (label, _values) in enumerate(series, start=1):
        _put(sheet, top, anchor_col + offset, label).font = BOLD
    for row, day in enumerate(dates, start=top + 1):
        _put(sheet, row, anchor_col, day.isoformat())
        for offset, (_label, values) in enumerate(series, start=1):
            value = values[row - top - 1]
            if value is not None:
                shown = value / 100 if percent else value
                _put(sheet, row, anchor_col + offset, shown, PERCENT_FORMAT if percent else "0")
    chart = LineChart()
    chart.title = w("chart.trend")
    _place(sheet, chart, percent, anchor_col, len(series), top, top + len(dates))


def _place(
    sheet: Worksheet, chart, percent: bool, anchor_col: int, series: int, top: int, last: int
) -> None:
    """The chart's series from the block of figures at rows top..last (titles on row top,
    categories in anchor_col, one series a column after it), and the chart under the block."""
    chart.y_axis.numFmt = PERCENT_FORMAT if percent else "0"
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    data = Reference(
        sheet, min_col=anchor_col + 1, max_col=anchor_col + series, min_row=top, max_row=last
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=anchor_col, min_row=top + 1, max_row=last))
    chart.height, chart.width = 7.5, 14
    sheet.add_chart(chart, f"{get_column_letter(anchor_col)}{last + 2}")


def _fit(
    sheet: Worksheet, wrap: tuple[int, ...] = (), first_row: int = 4, last_row: int | None = None
) -> None:
    """Column widths from the longest text of the table in rows first_row..last_row (the
    lines above and below it run over into the empty cells beside them), capped; the
    ``wrap`` columns wrapped within WRAP_WIDTH."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row):
        for cell in row:
            if cell.value is None:
                continue
            text = cell.value if isinstance(cell.value, str) else f"{cell.value:,}"
            if cell.row == first_row:  # a header wraps: half its length, or its longest word,
                # in bold letters a quarter wider
                words = max(len(text) // 2, *(len(word) for word in text.split(" ")))
                longest = round(words * BOLD_WIDTH)
            else:
                longest = len(text)
            widths[cell.column] = max(widths.get(cell.column, 0), longest + 3)
    for col, width in widths.items():
        limit = WRAP_WIDTH if col in wrap else MAX_WIDTH
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width, 8), limit)
    for col in wrap:
        for row in sheet.iter_rows(min_row=first_row, max_row=last_row, min_col=col, max_col=col):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _row_heights(sheet, first_row, last_row)


def _row_heights(sheet: Worksheet, first_row: int, last_row: int | None) -> None:
    """Rows with wrapped text made as tall as their lines: LibreOffice keeps a row's height
    as written, so wrapped lines would be drawn over the next row."""
    rows = sheet.iter_rows(min_row=first_row, max_row=last_row)
    for number, row in enumerate(rows, start=first_row):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = sheet.column_dimensions[get_column_letter(cell.column)].width or 8
                letters = (width - 2) / (BOLD_WIDTH if cell.font.bold else 1)
                wrapped = textwrap.wrap(cell.value, max(int(letters), 4))
                lines = max(lines, len(wrapped))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
