"""The Report as rows of words: shared by every text format (terminal, and the ones to come).

Nothing here knows about terminals or files; it decides what each figure reads like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Any

from esfkit.engine.report import Cell, GoalResult, Report, Status
from esfkit.i18n import Words, telling_decimals

GENDER_COLUMNS = ("women", "men")


@dataclass
class TextTable:
    title: str
    columns: list[str]
    rows: list[list[str]]
    total_rows: int = 1  # the last rows are totals
    notes: list[str] = field(default_factory=list)


def header_lines(report: Report, w: Words) -> list[tuple[str, str]]:
    lines = [(w("project"), report.project), (w("as_of"), report.as_of.isoformat())]
    if report.period is not None:
        start, end, label = report.period
        lines.append((w("period"), f"{label} ({start.isoformat()} – {end.isoformat()})"))
    source = report.input.path + (f" [{report.input.sheet}]" if report.input.sheet else "")
    lines.append(
        (
            w("data"),
            f"{source}  sha256 {report.input.sha256[:12]}  {w.integer(report.input.rows)} {w('rows')}",
        )
    )
    unit = w("unit_person") if report.population.unit == "person" else w("unit_enrolment")
    lines.append((w("enrolments"), w.integer(report.population.enrolments)))
    lines.append((w("persons"), f"{w.integer(report.population.persons)}  ({unit})"))
    lines.append((w("outside"), w.integer(report.population.outside_period)))
    return lines


def finding_lines(report: Report, w: Words) -> list[str]:
    return [w(f"finding.{f.kind}", n=w.integer(f.size), **f.params) for f in report.findings]


# --- summary -------------------------------------------------------------------------------


def summary_table(report: Report, w: Words) -> TextTable:
    columns = [w("goal"), w("target"), w("actual"), w("women"), w("men"), w("status"), w("gap")]
    rows = [_summary_row(goal, w) for goal in report.goals]
    return TextTable(w("summary"), columns, rows, total_rows=0)


def _summary_row(goal: GoalResult, w: Words) -> list[str]:
    total = goal.cell()
    women, men = goal.cell(gender="women"), goal.cell(gender="men")
    if goal.kind == "manual":
        return [goal.title, "–", "–", "", "", w.status(goal.status), goal.note or ""]
    if goal.kind == "composition":
        inner = goal.dimension or ""
        targeted = [c for c in goal.cells if set(c.dims) == {inner} and c.target is not None]

        # By gender the women and men columns name the values; otherwise each share is named.
        def named(c: Cell) -> str:
            return "" if inner == "gender" else f"{w.dim_value(inner, c.dims[inner])} "

        target = " / ".join(f"{named(c)}{w.percent(c.target, 0)}" for c in targeted)
        actual = " / ".join(f"{named(c)}{figure(c, goal, w)}" for c in targeted)
        women = goal.cell(**{inner: "women"}) if inner == "gender" else None
        men = goal.cell(**{inner: "men"}) if inner == "gender" else None
        return [
            goal.title,
            target or "–",
            actual or "–",
            _fig(women, goal, w),
            _fig(men, goal, w),
            w.status(goal.status),
            gap_text(goal, w),
        ]
    if goal.kind == "distribution":
        count = sum(c.numerator or 0 for c in goal.cells if set(c.dims) == {goal.dimension})
        women_n = _distribution_base(goal, "women")
        men_n = _distribution_base(goal, "men")
        return [
            goal.title,
            "–",
            f"n = {w.integer(count)}",
            women_n and w.integer(women_n),
            men_n and w.integer(men_n),
            w.status(goal.status),
            "",
        ]
    return [
        goal.title,
        target_text(total, goal, w),
        _actual(total, goal, w),
        _fig(women, goal, w, with_target=True),
        _fig(men, goal, w, with_target=True),
        w.status(goal.status),
        gap_text(goal, w),
    ]


def _actual(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    """The total's figure; for a count with a target also how far along it is (62 (41,3 %))."""
    if cell is None:
        return "–"
    text = figure(cell, goal, w)
    if cell.attainment is not None and not goal.at_most:
        text += f" ({w.percent(cell.attainment)})"
    return text


def _distribution_base(goal: GoalResult, gender: str) -> int | None:
    cells = [
        c
        for c in goal.cells
        if c.dims.get("gender") == gender and set(c.dims) == {"gender", goal.dimension}
    ]
    return cells[0].denominator if cells else None


def _fig(cell: Cell | None, goal: GoalResult, w: Words, with_target: bool = False) -> str:
    if cell is None:
        return ""
    text = figure(cell, goal, w)
    if with_target and cell.target is not None and goal.measure == "count":
        text += f" / {w.number(cell.target)}"
    return text


def target_text(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    if cell is None or cell.target is None:
        return "–"
    if goal.kind == "parity":
        return f"≥ {w.percent(cell.target)}"
    sign = "≤ " if goal.at_most else ("≥ " if goal.measure == "percent" else "")
    if goal.measure == "percent":
        return sign + w.percent(cell.target, 0 if float(cell.target).is_integer() else 1)
    return sign + w.number(cell.target)


def figure(cell: Cell, goal: GoalResult, w: Words) -> str:
    """A cell's own figure: the count, or the percentage with enough decimals to be honest."""
    if goal.measure == "count" or goal.kind == "distribution":
        return w.number(cell.value)
    if cell.value is None:
        return "–"
    decimals = 1
    if cell.target is not None:
        meets = cell.status in (Status.MET, Status.ON_TRACK)
        decimals = telling_decimals(cell.value, cell.target, meets)
    return w.percent(cell.value, decimals)


# --- gap -----------------------------------------------------------------------------------


def gap_text(goal: GoalResult, w: Words) -> str:
    if goal.kind == "count":
        parts = [(c, _count_gap(c, goal, w)) for c in _judged(goal)]
        by_gender = [text for c, text in parts if text and "gender" in c.dims]
        # Per-gender gaps already say what the total's gap says, and more precisely.
        return "; ".join(by_gender or [text for _c, text in parts if text])
    if goal.kind == "share":
        total = goal.cell()
        if total is None or total.gap is None or total.status == Status.MET:
            return ""
        key = "gap.over" if goal.at_most else "gap.more"
        points = w.decimal(abs(total.gap))
        return f"{w(key, n=w.integer(total.needed or 0))} ({w('gap.points_below' if not goal.at_most else 'gap.points_above', points=points)})"
    if goal.kind in ("composition", "parity"):
        parts = []
        for cell in _judged(goal):
            if cell.status != Status.NOT_MET or cell.gap is None:
                continue
            key = "gap.points_below" if cell.gap > 0 else "gap.points_above"
            label = " ".join(w.dim_value(k, v) for k, v in cell.dims.items())
            parts.append(f"{label}: {w(key, points=w.decimal(abs(cell.gap)))}".strip(": "))
        return "; ".join(parts)
    return ""


def _judged(goal: GoalResult) -> list[Cell]:
    """The cells whose status the goal's status is made of (the total level first)."""
    if goal.kind == "count":
        return [c for c in goal.cells if c.target is not None]
    if goal.kind == "composition":
        return [c for c in goal.cells if set(c.dims) == {goal.dimension} and c.target is not None]
    return [c for c in goal.cells if not c.dims]


def _count_gap(cell: Cell, goal: GoalResult, w: Words) -> str:
    if cell.gap is None or (cell.status in (Status.MET, Status.ON_TRACK) and not goal.at_most):
        return ""
    group = cell.dims.get("gender")
    where = cell.dims.get("municipality")
    suffix = f" ({where})" if where else ""
    amount = w.number(abs(cell.gap))
    if goal.at_most:
        if cell.gap <= 0:
            return ""
        key = "gap.over_group" if group else "gap.over"
    else:
        key = "gap.more_group" if group else "gap.more"
    text = w(key, n=amount, group=w.group(group, abs(cell.gap)) if group else "")
    if cell.status == Status.BEHIND and cell.expected is not None:
        text += f", {w('gap.expected', n=w.number(cell.expected))}"
    return text + suffix


# --- one goal ------------------------------------------------------------------------------


def goal_table(goal: GoalResult, w: Words) -> TextTable | None:
    """The goal's breakdown: rows for the first dimensions, columns for the last."""
    if goal.kind == "manual" or not goal.cells:
        return None
    if goal.kind in ("composition", "distribution"):
        return _inner_table(goal, w)
    dims = list(goal.breakdown)
    column_dim = dims[-1] if dims else None
    row_dims = dims[:-1]
    col_values = _values(goal, column_dim) if column_dim else []
    columns = (
        [" × ".join(w.dim_name(d) for d in row_dims) or ""]
        + [w.dim_value(column_dim, v) for v in col_values]
        + [w("total")]
    )
    rows = []
    for combo in product(*(_values(goal, d) for d in row_dims)):
        row_fixed = dict(zip(row_dims, combo, strict=True))
        label = " ".join(w.dim_value(d, v) for d, v in row_fixed.items())
        rows.append([label, *_row_cells(goal, row_fixed, column_dim, col_values, w)])
    total = [w("total"), *_row_cells(goal, {}, column_dim, col_values, w)]
    if not row_dims:
        rows = []
    rows.append(total)
    return TextTable(goal.title, columns, rows, total_rows=1, notes=goal_notes(goal, w))


def _row_cells(
    goal: GoalResult, fixed: dict, column_dim: str | None, col_values: list, w: Words
) -> list[str]:
    cells = [goal.cell(**fixed, **{column_dim: v}) for v in col_values] if column_dim else []
    cells.append(goal.cell(**fixed))
    return [cell_text(c, goal, w) for c in cells]


def _inner_table(goal: GoalResult, w: Words) -> TextTable:
    inner = goal.dimension or ""
    column_dim = goal.breakdown[-1] if goal.breakdown else None
    col_values = _values(goal, column_dim) if column_dim else []
    columns = [w.dim_name(inner)] + [w.dim_value(column_dim, v) for v in col_values] + [w("total")]
    rows = []
    for value in _values(goal, inner):
        fixed = {inner: value}
        rows.append(
            [w.dim_value(inner, value), *_row_cells(goal, fixed, column_dim, col_values, w)]
        )
    bases = [_base(goal, {column_dim: v}) for v in col_values] + [_base(goal, {})]
    rows.append([w("total")] + [w.integer(b) if b is not None else "–" for b in bases])
    return TextTable(goal.title, columns, rows, total_rows=1, notes=goal_notes(goal, w))


def _base(goal: GoalResult, outer: dict) -> int | None:
    cell = next(
        (
            c
            for c in goal.cells
            if {k: v for k, v in c.dims.items() if k != goal.dimension} == outer
        ),
        None,
    )
    return cell.denominator if cell else None


def _values(goal: GoalResult, dim: str) -> list[Any]:
    seen: dict[Any, None] = {}
    for cell in goal.cells:
        if dim in cell.dims:
            seen.setdefault(cell.dims[dim], None)
    return list(seen)


def cell_text(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    if cell is None:
        return ""
    if goal.kind == "distribution" or goal.kind == "composition":
        return f"{w.integer(cell.numerator or 0)} ({w.percent(cell.percent)})"
    if goal.measure == "count":
        text = w.number(cell.value)
        if cell.target is not None:
            text += f" / {w.number(cell.target)}"
        return text
    text = figure(cell, goal, w)
    if cell.numerator is not None:
        text += f" ({w.integer(cell.numerator)}/{w.integer(cell.denominator or 0)})"
    return text


def _per_note(per: dict[str, float], w: Words) -> str:
    """'Målet gäller per år och kommun: totalen är målet × 2,5 år × 2 kommuner'."""
    which = "per.both" if len(per) == 2 else f"per.{next(iter(per))}"
    factors = []
    if "year" in per:
        years = w.number(per["year"], 2)
        factors.append(
            w(
                "per.years",
                n=years.rstrip("0").rstrip(",.") if "," in years or "." in years else years,
            )
        )
    if "municipality" in per:
        factors.append(w("per.municipalities", n=w.integer(per["municipality"])))
    return w("per.note", per=w(which), factors=" × ".join(factors))


def goal_notes(goal: GoalResult, w: Words) -> list[str]:
    notes = []
    if goal.excluded_by_scope:
        notes.append(w("scope_excluded", n=w.integer(goal.excluded_by_scope)))
    if goal.outside_denominator:
        notes.append(w("outside_denominator", n=w.integer(goal.outside_denominator)))
    if goal.per:
        notes.append(_per_note(goal.per, w))
    if goal.tolerance:
        notes.append(w("tolerance", points=w.number(goal.tolerance)))
    if goal.kind == "parity" and goal.group:
        notes.append(f"{w('target')}: {w('parity_target', group=w(f'group.{goal.group}'))}")
    if goal.note:
        notes.append(f"{w('note')}: {goal.note}")
    return notes
