"""The Report as rows of words: shared by every text format (terminal, and the ones to come).

Nothing here knows about terminals or files; it decides what each figure reads like. Every
word comes from ``Words``: text from users' files through ``w.user`` (or ``w.dim_value``,
``w.dim_name``), so the words are already safe for the renderer's output (esfkit.escape).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Any

from esfkit.i18n import Words, round_half_away, telling_decimals
from esfkit.report import Cell, GoalResult, InputInfo, Report, Status

GENDER_COLUMNS = ("women", "men")
# Every gender a figure may be broken down by; nonbinary and unknown get a column (and a bar)
# only where such rows exist, so that the parts add up to the total.
GENDERS = ("women", "men", "nonbinary", "unknown")


@dataclass
class TextTable:
    title: str
    columns: list[str]
    rows: list[list[str]]
    total_rows: int = 1  # the last rows are totals
    notes: list[str] = field(default_factory=list)
    text_columns: tuple[int, ...] = (0,)  # left-aligned; the others hold figures
    status_column: int | None = None  # the column of statuses (the summary's), if any


def header_lines(report: Report, w: Words) -> list[tuple[str, str]]:
    lines = [(w("project"), w.user(report.project)), (w("as_of"), as_of_text(report, w))]
    if report.period is not None:
        start, end, label = report.period
        lines.append((w("period"), f"{label} ({start.isoformat()} – {end.isoformat()})"))
    lines += data_lines(report, w)
    unit = w("unit_person") if report.population.unit == "person" else w("unit_enrolment")
    population = report.population
    lines.append(
        (w("enrolments"), header_count(report, "population.enrolments", population.enrolments, w))
    )
    persons = header_count(report, "population.persons", population.persons, w)
    lines.append((w("persons"), f"{persons}  ({unit})"))
    outside = header_count(report, "population.outside_period", population.outside_period, w)
    lines.append((w("outside"), outside))
    if report.previous_as_of is not None:
        lines.append((w("change"), w("change.since", date=report.previous_as_of.isoformat())))
    if report.redefined:
        titles = "; ".join(w.user(g.title) for g in report.goals if g.id in report.redefined)
        lines.append((w("change.redefined"), w("change.redefined.goals", goals=titles)))
    return lines


def as_of_text(report: Report, w: Words) -> str:
    """'2021-12-31', or '2021-12-31 (projektets slut)' when that is the default date."""
    day = report.as_of.isoformat()
    return f"{day} ({w('as_of.project_end')})" if report.as_of_is_project_end else day


def data_lines(report: Report, w: Words) -> list[tuple[str, str]]:
    """The data file with its sha256 prefix and rows; several files read as one register:
    their number, the digest over them and the rows together, then each file on a line."""
    rows = header_count(report, "input.rows", report.input.rows, w)
    sha = report.input.sha256[:12]
    files = report.input.files
    lines = [(w("data"), f"{_source(report, w)}  sha256 {sha}  {rows} {w('rows')}")]
    for f, count in zip(files, report.input.file_rows(report.suppress_below), strict=True):
        shown = w.count(count) if count is not None else w.hidden("secondary")
        lines.append((w("file"), f"{_named(f, w)}  sha256 {f.sha256[:12]}  {shown} {w('rows')}"))
    return lines


def _source(report: Report, w: Words) -> str:
    """The data file's name, and the sheet read: 'deltagare.xlsx [Deltagare]'; several
    files: their number ('3 filer')."""
    if report.input.files:
        return w("files", n=w.integer(len(report.input.files)))
    return _named(report.input, w)


def _named(source: InputInfo, w: Words) -> str:
    """A file's name and the sheet read: 'deltagare.xlsx [Deltagare]'."""
    sheet = source.sheet
    return w.user(source.path) + (f" [{w.user(sheet)}]" if sheet else "")


def header_count(report: Report, key: str, value: int | None, w: Words) -> str:
    """A count of the header or the data notes; a hidden one as its marker."""
    if key in report.suppressed:
        return w.hidden(report.suppressed[key])
    return w.count(value or 0)


def finding_lines(report: Report, w: Words) -> list[str]:
    lines = []
    for f in report.findings:
        params = dict(f.params)
        if "persons" in params:  # the re-enrolment note names the unique persons
            params["persons"] = header_count(
                report, "population.persons", report.population.persons, w
            )
        n = header_count(report, f"finding.{f.kind}", f.size, w)
        lines.append(w(f"finding.{f.kind}", n=n, **params))
    return lines


# --- summary -------------------------------------------------------------------------------


def summary_table(report: Report, w: Words, goals: list[GoalResult] | None = None) -> TextTable:
    """A row per goal: target, actual, a column per gender with rows (women and men always),
    status and gap."""
    goals = report.goals if goals is None else goals
    genders = genders_shown(goals)
    columns = [
        w("goal"),
        w("target"),
        w("actual"),
        *(w.dim_value("gender", g) for g in genders),
        w("status"),
        w("gap"),
    ]
    rows = [_summary_row(goal, genders, w) for goal in goals]
    status = len(columns) - 2
    return TextTable(
        w("summary"),
        columns,
        rows,
        total_rows=0,
        text_columns=(0, status, status + 1),
        status_column=status,
    )


def genders_shown(goals: list[GoalResult]) -> tuple[str, ...]:
    """Women and men, then nonbinary and unknown where some goal has a cell of them."""
    present = {c.dims.get("gender") for g in goals for c in g.cells}
    return tuple(g for g in GENDERS if g in GENDER_COLUMNS or g in present)


def _summary_row(goal: GoalResult, genders: tuple[str, ...], w: Words) -> list[str]:
    total = goal.cell()
    blank = [""] * len(genders)
    if goal.layout.summary == "note":
        note = w.user(goal.note) if goal.note else ""
        return [w.user(goal.title), "–", "–", *blank, w.status(goal.status), note]
    if goal.layout.summary == "shares":
        inner = goal.dimension or ""
        targeted = [c for c in goal.cells if set(c.dims) == {inner} and c.target is not None]

        # By gender the gender columns name the values; otherwise each share is named.
        def named(c: Cell) -> str:
            return "" if inner == "gender" else f"{w.dim_value(inner, c.dims[inner])} "

        sign = "≥ " if goal.at_least else ("≤ " if goal.at_most else "")
        target = " / ".join(f"{named(c)}{sign}{w.percent(c.target, 0)}" for c in targeted)
        actual = " / ".join(
            with_change(f"{named(c)}{figure(c, goal, w)}", c, goal, w) for c in targeted
        )
        parts = [_fig(goal.cell(**{inner: g}), goal, w) for g in genders]
        return [
            w.user(goal.title),
            target or "–",
            actual or "–",
            *(parts if inner == "gender" else blank),
            w.status(goal.status),
            gap_text(goal, w),
        ]
    if goal.layout.summary == "base":
        return [
            w.user(goal.title),
            "–",
            w("n_equals", n=base_text(goal, {}, w)),
            *(_distribution_base(goal, g, w) for g in genders),
            w.status(goal.status),
            "",
        ]
    target = target_text(total, goal, w)
    if target == "–" and any(own_target(c) for c in goal.cells):
        target = w("per.municipality")
    return [
        w.user(goal.title),
        target,
        _actual(total, goal, w),
        *(_gender_fig(goal, g, w) for g in genders),
        w.status(goal.status),
        gap_text(goal, w),
    ]


def _gender_fig(goal: GoalResult, gender: str, w: Words) -> str:
    """A gender's figure in the summary; none of a goal broken down by gender: 0 or '–'."""
    cell = goal.cell(gender=gender)
    if cell is None and "gender" in goal.breakdown:
        return w.integer(0) if goal.measure == "count" else "–"
    return _fig(cell, goal, w, with_target=True)


def _actual(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    """The total's figure; for a count with a target also how far along it is (62 (41,3 %))."""
    if cell is None:
        return "–"
    text = figure(cell, goal, w)
    if cell.attainment is not None and not goal.at_most:
        text += f" ({w.percent(cell.attainment)})"
    return with_change(text, cell, goal, w)


def with_change(text: str, cell: Cell, goal: GoalResult, w: Words) -> str:
    """A figure and, after a --history run, its change since the previous one: '62 ▲ 3'."""
    change = change_text(cell, goal, w)
    return f"{text} {change}" if change else text


def change_text(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    """▲ 3, ▼ 1 or ±0; a percentage's change in points, one decimal. Empty: no change known."""
    if cell is None or cell.change is None:
        return ""
    return change_words(cell.change, goal.measure == "percent", w)


def change_words(change: float, percent: bool, w: Words) -> str:
    size = abs(change)
    if round_half_away(size, 1 if percent else 0) == 0:
        return "±0"
    shown = w.decimal(size, 1) if percent else w.number(size)
    return f"{'▲' if change > 0 else '▼'} {shown}"


def _distribution_base(goal: GoalResult, gender: str, w: Words) -> str:
    if "gender" not in goal.breakdown:
        return ""
    return base_text(goal, {"gender": gender}, w, missing="")


def _fig(cell: Cell | None, goal: GoalResult, w: Words, with_target: bool = False) -> str:
    if cell is None:
        return ""
    text = figure(cell, goal, w)
    if with_target and cell.target is not None and goal.measure == "count":
        text += f" / {w.number(cell.target)}"
    return text


def target_text(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    if cell is not None and "target" in cell.suppressed:  # a parity target built on a hidden count
        return w.hidden(cell.suppressed["target"])
    if cell is None or cell.target is None:
        return "–"
    sign = "≤ " if goal.at_most else ("≥ " if goal.measure == "percent" else "")
    if goal.measure == "percent":
        decimals = goal.layout.target_decimals
        if decimals is None:
            decimals = 0 if float(cell.target).is_integer() else 1
        return sign + w.percent(cell.target, decimals)
    return sign + w.number(cell.target)


def figure(cell: Cell, goal: GoalResult, w: Words) -> str:
    """A cell's own figure: the count, or the percentage with enough decimals to be honest."""
    if "value" in cell.suppressed:
        return w.hidden(cell.suppressed["value"])
    if goal.measure == "count":
        return w.number(cell.value)
    if cell.value is None:
        return "–"
    if goal.measure == "mean":
        return w.decimal(cell.value, 1)
    decimals = 1
    if cell.target is not None:
        meets = cell.status in (Status.MET, Status.ON_TRACK)
        decimals = telling_decimals(cell.value, cell.target, meets)
    return w.percent(cell.value, decimals)


# --- gap -----------------------------------------------------------------------------------


def gap_text(goal: GoalResult, w: Words) -> str:
    if goal.layout.gap == "counts":
        parts = [(c, _count_gap(c, goal, w)) for c in _judged(goal)]
        by_gender = [text for c, text in parts if text and "gender" in c.dims]
        # Per-gender gaps already say what the total's gap says, and more precisely.
        return "; ".join(by_gender or [text for _c, text in parts if text])
    if goal.layout.gap == "persons":
        total = goal.cell()
        cells = [c for c in [total, *filter(own_target, goal.cells)] if c is not None]
        return "; ".join(filter(None, (_persons_gap(c, goal, w) for c in cells)))
    if goal.layout.gap == "values":  # a mean: how far the total's value is off its target
        total = goal.cell()
        if total is None or total.gap is None or total.status == Status.MET:
            return ""
        side = "gap.value_above" if goal.at_most else "gap.value_below"
        return w(side, value=w.decimal(abs(total.gap), 1))
    if goal.layout.gap == "points":
        gaps: list[str] = []
        for cell in _judged(goal):
            if cell.status != Status.NOT_MET or cell.gap is None:
                continue
            key = "gap.points_below" if cell.gap > 0 else "gap.points_above"
            label = " ".join(w.dim_value(k, v) for k, v in cell.dims.items())
            gaps.append(f"{label}: {w(key, points=w.decimal(abs(cell.gap)))}".strip(": "))
        return "; ".join(gaps)
    return ""


def _persons_gap(cell: Cell, goal: GoalResult, w: Words) -> str:
    """How many persons more (or fewer) would reach a share's target, named by the cell's
    values when it is not the total."""
    if cell.gap is None or cell.status == Status.MET:
        return ""
    key = "gap.over" if goal.at_most else "gap.more"
    points = w.decimal(abs(cell.gap))
    side = "gap.points_below" if not goal.at_most else "gap.points_above"
    label = " ".join(w.dim_value(k, v) for k, v in cell.dims.items())
    text = f"{w(key, n=w.integer(cell.needed or 0))} ({w(side, points=points)})"
    return f"{label}: {text}" if label else text


def _judged(goal: GoalResult) -> list[Cell]:
    """The cells with a target whose status the goal's status is made of (the total level
    first)."""
    return [c for c in goal.cells if c.judged and c.target is not None]


def _count_gap(cell: Cell, goal: GoalResult, w: Words) -> str:
    if cell.gap is None or (cell.status in (Status.MET, Status.ON_TRACK) and not goal.at_most):
        return ""
    group = cell.dims.get("gender")
    where = cell.dims.get("municipality")
    suffix = f" ({w.dim_value('municipality', where)})" if where else ""
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
    if goal.layout.table == "none" or not goal.cells:
        return None
    if goal.layout.table == "inner":
        return _inner_table(goal, w)
    dims = list(goal.breakdown)
    column_dim = dims[-1] if dims else None
    row_dims = dims[:-1]
    col_values = _values(goal, column_dim) if column_dim else []
    columns = (
        [" × ".join(w.dim_name(d) for d in row_dims) or ""]
        + ([w.dim_value(column_dim, v) for v in col_values] if column_dim else [])
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
    return TextTable(w.user(goal.title), columns, rows, total_rows=1, notes=goal_notes(goal, w))


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
    labels = [w.dim_value(column_dim, v) for v in col_values] if column_dim else []
    columns = [w.dim_name(inner), *labels, w("total")]
    rows = []
    for value in _values(goal, inner):
        fixed = {inner: value}
        rows.append(
            [w.dim_value(inner, value), *_row_cells(goal, fixed, column_dim, col_values, w)]
        )
    outers = [{column_dim: v} for v in col_values] + [{}]
    rows.append([w("total")] + [base_text(goal, outer, w) for outer in outers])
    return TextTable(w.user(goal.title), columns, rows, total_rows=1, notes=goal_notes(goal, w))


def base_cell(goal: GoalResult, outer: dict) -> Cell | None:
    """A cell of a composition or distribution goal at this outer level: its denominator is
    the level's base."""
    return next(
        (
            c
            for c in goal.cells
            if {k: v for k, v in c.dims.items() if k != goal.dimension} == outer
        ),
        None,
    )


def base_text(goal: GoalResult, outer: dict, w: Words, missing: str = "–") -> str:
    cell = base_cell(goal, outer)
    if cell is None:
        return missing
    return cell_figure(cell, "denominator", w)


def _values(goal: GoalResult, dim: str) -> list[Any]:
    seen: dict[Any, None] = {}
    for cell in goal.cells:
        if dim in cell.dims:
            seen.setdefault(cell.dims[dim], None)
    return list(seen)


def cell_text(cell: Cell | None, goal: GoalResult, w: Words) -> str:
    if cell is None:
        return ""
    if goal.layout.table == "inner":
        percent = cell_figure(cell, "percent", w, w.percent)
        return f"{cell_figure(cell, 'numerator', w)} ({percent})"
    if goal.measure == "count":
        text = figure(cell, goal, w)
        if cell.target is not None:
            text += f" / {w.number(cell.target)}"
        return text
    text = figure(cell, goal, w)
    if cell.numerator is not None or cell.suppressed:
        parts = (cell_figure(cell, "numerator", w), cell_figure(cell, "denominator", w))
        text += f" ({parts[0]}/{parts[1]})"
    if own_target(cell):
        text += f" / {target_text(cell, goal, w)}"
    return text


def own_target(cell: Cell) -> bool:
    """A municipality's cell judged on a target of its own (a target per municipality)."""
    return cell.judged and cell.target is not None and "municipality" in cell.dims


def cell_figure(cell: Cell, name: str, w: Words, show=None) -> str:
    """One figure of a cell as text; a hidden one as its marker."""
    if name in cell.suppressed:
        return w.hidden(cell.suppressed[name])
    value = getattr(cell, name)
    if show is not None:
        return show(value)
    return w.integer(value or 0)


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


def _mean_notes(goal: GoalResult, w: Words) -> list[str]:
    """A mean's unit, and how many of the persons counted have no value."""
    notes = [w("mean.unit", unit=w(f"unit.{goal.unit}"))] if goal.unit else []
    notes.append(w("mean.counts"))
    total = goal.cell()
    if total is not None and total.numerator is not None and total.denominator is not None:
        if "numerator" in total.suppressed or "denominator" in total.suppressed:
            return notes
        if total.denominator > total.numerator:
            notes.append(w("mean.unknown", n=w.count(total.denominator - total.numerator)))
    return notes


def goal_notes(goal: GoalResult, w: Words) -> list[str]:
    notes = []
    # who is outside a share's denominator, or outside the rows a mean is taken over
    outside = "outside_denominator.mean" if goal.measure == "mean" else "outside_denominator"
    for name, key in (("excluded_by_scope", "scope_excluded"), ("outside_denominator", outside)):
        if name in goal.suppressed:
            n = w.hidden(goal.suppressed[name])
        elif getattr(goal, name):
            n = w.count(getattr(goal, name))
        else:
            continue
        notes.append(w(key, n=n, who=outside_words(goal, w)))
    if goal.per:
        notes.append(_per_note(goal.per, w))
    if goal.measure == "mean":
        notes += _mean_notes(goal, w)
    if goal.tolerance:
        notes.append(w("tolerance", points=w.number(goal.tolerance)))
    if goal.group:  # a parity goal's target
        notes.append(f"{w('target')}: {w('parity_target', group=w(f'group.{goal.group}'))}")
    if goal.phase is not None:
        start, end = goal.phase
        notes.append(w("phase", start=start.isoformat(), end=end.isoformat()))
    if goal.due is not None:
        notes.append(w("due", date=goal.due.isoformat()))
    if goal.note:
        notes.append(f"{w('note')}: {w.user(goal.note)}")
    return notes


def outside_words(goal: GoalResult, w: Words) -> str:
    """Who the denominator leaves out, in the goal's terms: 'är fortfarande inskrivna eller
    svarade inte på Enkät stöd'."""
    parts = []
    for who in goal.outside:
        columns = _either(w, [field_name(c, w) for c in who.columns])
        values = _either(w, [_value_name(who.columns[0], v, w) for v in who.values])
        parts.append(w(f"outside.{who.reason}", column=columns, values=values))
    return _either(w, parts) or w("outside.default")


def _value_name(field: str, value: str, w: Words) -> str:
    """A value of a filter in running text: esfkit's word for a gender, else as typed."""
    return w.dim_value(field, value) if field == "gender" and value in w.labels else w.user(value)


def _either(w: Words, words: list[str]) -> str:
    """'a', 'a eller b', 'a, b eller c'."""
    if len(words) < 3:
        return f" {w('or')} ".join(words)
    return f"{', '.join(words[:-1])} {w('or')} {words[-1]}"


def field_name(field: str, w: Words) -> str:
    """A field in running text: esfkit's word for its own fields, else the column as typed."""
    key = f"field.{field}"
    return w(key) if key in w.labels else w.user(field)


# --- footer --------------------------------------------------------------------------------


def footer_line(report: Report, w: Words) -> str:
    """Where the figures come from, for the end of a pasted report: file, rows, sha256
    prefix, report date, period, esfkit version. No wall-clock time: same input, same text."""
    period = ""
    if report.period is not None:
        start, end, label = report.period
        period = w("footer.period", period=f"{label} ({start.isoformat()} – {end.isoformat()})")
    return w(
        "footer",
        file=_source(report, w),
        rows=header_count(report, "input.rows", report.input.rows, w),
        sha=report.input.sha256[:12],
        as_of=as_of_text(report, w),
        period=period,
        version=report.esfkit,
    )


def selected_goals(report: Report, goal_ids: tuple[str, ...]) -> list[GoalResult]:
    return [g for g in report.goals if not goal_ids or g.id in goal_ids]


# A status cell's shading in the office formats (Excel's own good, bad and neutral fills).
STATUS_FILLS = {
    "met": "C6EFCE",
    "on_track": "C6EFCE",
    "not_met": "FFC7CE",
    "behind": "FFEB9C",
    "no_data": "FFEB9C",
}


def report_notes(report: Report, w: Words) -> list[str]:
    """Footnotes about the whole report (small-number suppression)."""
    if not report.suppress_below:
        return []
    n = report.suppress_below
    return [w("suppressed.note", n=w.integer(n), last=w.integer(n - 1))]


# --- spreadsheets --------------------------------------------------------------------------


def dimensions_of(goals: list[GoalResult]) -> list[str]:
    """Every dimension the goals' cells use, breakdown dimensions first, in first-seen order."""
    seen: dict[str, None] = {}
    for goal in goals:
        for dim in goal.breakdown:
            seen.setdefault(dim, None)
    for goal in goals:
        for cell in goal.cells:
            for dim in cell.dims:
                seen.setdefault(dim, None)
    return list(seen)


def cell_measures(goal: GoalResult, cell: Cell) -> list[tuple[str, Any]]:
    """(measure, raw value) pairs of a cell for long formats; a hidden figure is its marker
    (``Words.hidden``), never its value: the measures its kind lists (a count goal's count
    is ``numerator``; its denominator, the cell's population, is not a figure of the goal)."""
    pairs: list[tuple[str, Any]] = []
    for name in goal.layout.measures:
        value = getattr(cell, name)
        if name in cell.suppressed:
            pairs.append((name, cell.suppressed[name]))
        elif value is not None:
            pairs.append((name, value))
    if cell.status != Status.NO_TARGET:
        pairs.append(("status", cell.status))
    return pairs


# --- trend charts (check --history) ---------------------------------------------------------


def trend_shown(goal: GoalResult) -> bool:
    """A goal gets a trend chart when its history has an earlier figure to draw from."""
    return any(sum(v is not None for _d, v in s.points) >= 2 for s in goal.trend)


def trend_series(goal: GoalResult, w: Words) -> list[tuple[str, list[float | None]]]:
    """The lines of a goal's trend chart, named: the total's value and its target, or one
    line per share of a composition goal."""
    lines = []
    for series in goal.trend:
        values = [value for _day, value in series.points]
        if not series.dims:
            lines.append((w("chart.value"), values))
            if series.target is not None:
                lines.append((w("chart.target"), [series.target] * len(values)))
        else:
            label = " ".join(w.dim_value(k, v) for k, v in series.dims.items())
            lines.append((label, values))
    return lines


# --- esfkit history ------------------------------------------------------------------------


def trend_tables(trends: list, w: Words) -> list[TextTable]:
    """`esfkit history`: per goal (an ``esfkit.history.GoalTrend``) a row per report date with
    the total's value, its change since the date before, target and status; a goal without
    a total gets a column per one-dimension cell instead."""
    tables = []
    for trend in trends:
        percent = trend.measure == "percent"
        total = trend.dims == [{}]
        columns = [w("history.date")]
        if total:
            columns += [w("actual"), w("change"), w("target"), w("status")]
        else:
            columns += [" ".join(w.dim_value(k, v) for k, v in d.items()) for d in trend.dims]
        rows, before = [], None
        for date, found in trend.rows:
            figures = [_recorded(r.value if r else None, percent, w) for r in found]
            if not total:
                rows.append([date.isoformat(), *figures])
                continue
            row = found[0]
            value = row.value if row else None
            change = w("change.none")
            if value is not None and before is not None:
                change = change_words(value - before, percent, w)
            target = "–"
            if row is not None and row.target is not None:
                whole = float(row.target).is_integer()
                target = (
                    w.percent(row.target, 0 if whole else 1) if percent else w.number(row.target)
                )
            status = w.status(row.status) if row else ""
            rows.append([date.isoformat(), figures[0], change, target, status])
            before = value
        text_columns = (0, 4) if total else (0,)
        table = TextTable(
            w.user(trend.goal), columns, rows, total_rows=0, text_columns=text_columns
        )
        tables.append(table)
    return tables


def _recorded(value: float | None, percent: bool, w: Words) -> str:
    if value is None:
        return "–"
    return w.percent(value) if percent else w.number(value)
