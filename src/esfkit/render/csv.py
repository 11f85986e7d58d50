"""CSV in tidy long format: one row per goal, cell and measure (goal_id, title, one column per
dimension, measure, value), ready for a pivot table.

``--csv-excel`` writes what Swedish Excel opens by double-click: UTF-8 with BOM, ``;`` as
separator and a decimal comma. Text from users' files (goal ids, titles, dimension values
and the headers they come from) is masked and neutralised against formula injection by
``Words`` (esfkit.escape.csv_field); esfkit's own figures are written as numbers, a negative
one with its minus sign.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from esfkit.escape import CSV
from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.present import cell_measures, dimensions_of, selected_goals
from esfkit.report import Cell, Report, Status

PERCENT_DECIMALS = 4


def render(report: Report, options: RenderOptions) -> str:
    w = Words(options.lang, report.suppress_below, CSV)
    goals = selected_goals(report, options.goal_ids)
    dims = dimensions_of(goals)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if options.csv_excel else ",", lineterminator="\r\n")
    writer.writerow(
        [w("goal_id"), w("title"), *(w.dim_name(d) for d in dims), w("measure"), w("value")]
    )
    for goal in goals:
        own = {*goal.breakdown, goal.dimension}
        cells = goal.cells or [Cell({}, None, status=goal.status)]
        ident, title = w.user(goal.id), w.user(goal.title)  # once a goal, not once a row
        for cell in cells:
            labels = [_dim(w, d, cell) if d in own else "" for d in dims]
            for measure, value in cell_measures(goal, cell):
                writer.writerow(
                    [
                        ident,
                        title,
                        *labels,
                        w(f"measure.{measure}"),
                        _value(value, w, report, options.csv_excel),
                    ]
                )
    text = buffer.getvalue()
    return "\ufeff" + text if options.csv_excel else text


def _dim(w: Words, dim: str, cell: Cell) -> str:
    if dim not in cell.dims:
        return w("total")
    return w.dim_value(dim, cell.dims[dim])


def _value(value: Any, w: Words, report: Report, excel: bool) -> str:
    if isinstance(value, Status):
        return w(f"status.{value.value}")
    if isinstance(value, str):  # a hidden figure's marker
        return w.hidden(value)
    if float(value).is_integer():
        return str(int(value))
    text = repr(round(float(value), PERCENT_DECIMALS))
    return text.replace(".", ",") if excel else text
