"""Which rows make a goal's figure: so that anyone can check it by hand.

`esfkit explain` lists, by the row numbers the user sees (never by id), the rows counted in
the numerator, those in the denominator, those the goal's scope excludes, those outside the
report (starting after the report date, or not active in the period) and those with an
unknown value. The masks are the very ones `check` counts with, so the counts agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from esfkit import kinds
from esfkit.data.genders import BUILTIN_CODES
from esfkit.data.participants import Participants
from esfkit.engine.context import EvaluatorContext
from esfkit.engine.evaluator import Evaluator
from esfkit.engine.population import Period, Population, build_population
from esfkit.errors import UsageError, format_rows, one_of, row_words, say, split_row
from esfkit.escape import json_text, terminal
from esfkit.goalfile.filters import goal_filters
from esfkit.goalfile.model import Filter, GoalFile
from esfkit.i18n import LABELS, Words
from esfkit.kinds.rows import rows_of
from esfkit.text import key as text_key

# Words a user may write for a gender in --where, besides the built-in codes.
_GENDER_WORDS = {
    "kvinnor": "women",
    "män": "men",
    "icke-binära": "nonbinary",
    "unknown": "unknown",
    "okänt": "unknown",
}
_BLANK_WORDS = ("", "unknown", "okänt", "(tomt)", "(blank)", "blank")


@dataclass
class Explanation:
    goal: str
    kind: str
    title: str
    where: dict[str, str]
    as_of: dt.date
    unit: str
    numerator: list[int] | None  # None: the kind has no numerator (composition ...)
    denominator: list[int]
    outside_denominator: list[int] | None  # share goals: rows not in `of`
    excluded_by_scope: list[int]
    outside_report: list[int]
    unknown: dict[str, list[int]] = field(default_factory=dict)
    same_person: dict[int, list[int]] = field(default_factory=dict)  # row -> other rows
    # With --where municipality=X: a row of X whose person is counted in another
    # municipality (that of the latest enrolment) -> the person's other rows.
    moved_away: dict[int, list[int]] = field(default_factory=dict)
    as_of_is_project_end: bool = False  # the default report date: the project had ended
    lang: str | None = None  # the goal file's project.lang
    values: dict[int, float] | None = None  # a mean's: each averaged row's value
    values_unit: str | None = None
    # The participant file's name, or the files' in a few words (not compared: the rows are
    # the same whether read from a file or from its DataFrame).
    file: str = field(default="", compare=False)
    # The files of a register read from several: the rows above are then row keys
    # (esfkit.errors.row_key), each listed with its file.
    files: tuple[str, ...] = ()


def parse_where(text: str | None) -> dict[str, str]:
    """'municipality=Piteå,gender=women' -> {'municipality': 'Piteå', 'gender': 'women'}."""
    where: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise UsageError(
                say("usage.where_form", part=part.strip()), hint=say("hint.where_form")
            )
        where[name.strip()] = value.strip()
    return where


def explain(
    goal_file: GoalFile,
    participants: Participants,
    goal_id: str,
    as_of: dt.date,
    period: Period | None = None,
    where: dict[str, str] | None = None,
    *,
    as_of_is_project_end: bool = False,
) -> Explanation:
    goal = goal_file.goal(goal_id)
    if goal is None:
        raise UsageError(
            say("usage.no_goal", goal=goal_id),
            hint=one_of(goal_id, [g.id for g in goal_file.goals]),
        )
    population = build_population(participants, as_of, period, goal_file.data.unit)
    ev = Evaluator(population, participants, goal_file)
    scope = ev.mask(goal.scope)
    ctx = EvaluatorContext(goal, ev, goal_file, scope, (), as_of)
    sets = kinds.lookup(goal.kind).rows(goal, ctx)  # what evaluation returns with the cells
    if sets.denominator is None:
        raise UsageError(say("usage.set_by_hand", goal=goal_id, kind=goal.kind))
    rows = population.frame["_row"].to_numpy()
    chosen = _where_mask(ev, where or {}, strict=not _left_by_everyone(participants, where))
    n = len(rows)
    denominator = rows_of(sets.denominator, n) & chosen
    numerator = rows_of(sets.numerator, n) & chosen if sets.numerator is not None else None
    outside = rows_of(sets.outside, n) & chosen if sets.outside is not None else None
    return Explanation(
        goal=goal.id,
        kind=goal.kind,
        title=goal.title,
        where=dict(where or {}),
        as_of=as_of,
        as_of_is_project_end=as_of_is_project_end,
        unit=goal_file.data.unit,
        numerator=_rows(rows, numerator) if numerator is not None else None,
        denominator=_rows(rows, denominator),
        outside_denominator=_rows(rows, outside) if outside is not None else None,
        excluded_by_scope=_rows(rows, rows_of(sets.excluded, n) & chosen),
        outside_report=_outside_in_cell(population, participants, goal_file, where or {}),
        unknown=_unknown(ev, participants, denominator, rows, goal_filters(goal)),
        values=_values(rows, numerator, sets.values),
        values_unit=sets.unit,
        same_person=_same_person(participants, rows[denominator])
        if goal_file.data.unit == "person"
        else {},
        file=participants.file,
        files=participants.names,
        moved_away=_moved_away(ev, goal_file, (where or {}).get("municipality")),
    )


def _left_by_everyone(participants: Participants, where: dict[str, str] | None) -> bool:
    """Whether ``where`` names a municipality of some enrolment: one that everyone enrolled
    in moved away from is no value of the report, yet a cell to explain (empty)."""
    place = (where or {}).get("municipality")
    if place is None:
        return False
    names = participants.frame["_municipality"].dropna().unique()
    return text_key(place) in {text_key(name) for name in names}


def _moved_away(ev: Evaluator, goal_file: GoalFile, place: str | None) -> dict[int, list[int]]:
    """The enrolments in municipality ``place`` of persons counted in another one (their
    latest enrolment is elsewhere), each with the person's other rows: why a person who
    was enrolled here is not counted here."""
    population, participants = ev.pop, ev.participants
    if place is None or population.unit != "person" or "id" not in participants.columns:
        return {}
    here = _where_mask(ev, {"municipality": place}, strict=False)
    counted_elsewhere = set(population.frame.loc[~here, "_id"]) - {""}
    if not counted_elsewhere:
        return {}
    enrolments = build_population(
        replace(participants, findings=[]), population.as_of, population.period, "enrolment"
    )
    every = Evaluator(enrolments, participants, goal_file)
    in_place = _where_mask(every, {"municipality": place}, strict=False)
    left = enrolments.frame.loc[in_place & enrolments.frame["_id"].isin(counted_elsewhere)]
    if left.empty:
        return {}
    others = _same_person(participants, left["_row"].to_numpy())
    return {row: others[row] for row in sorted(others)}


def _values(
    rows: np.ndarray, numerator: np.ndarray | None, values: np.ndarray | None
) -> dict[int, float] | None:
    """A mean's value of each row it averages, by row number."""
    if values is None or numerator is None:
        return None
    return {
        int(r): float(v) for r, v in sorted(zip(rows[numerator], values[numerator], strict=True))
    }


def _rows(rows: np.ndarray, mask: np.ndarray) -> list[int]:
    return sorted(int(r) for r in rows[mask])


def _outside_in_cell(
    population: Population, participants: Participants, goal_file: GoalFile, where: dict[str, str]
) -> list[int]:
    """The rows outside the report (starting after the report date, or not in the period)
    that belong to the ``where`` cell: each row read as an enrolment of its own, on a report
    date that takes them all in."""
    kinds = ("starts_after_report_date", "outside_period")
    rows = sorted(r for f in population.findings if f.kind in kinds for r in f.rows)
    if not rows or not where:
        return rows
    frame = participants.frame
    outside = replace(participants, frame=frame.loc[frame["_row"].isin(rows)], findings=[])
    dates = outside.frame[["_start", "_end"]].stack()
    as_of = max(population.as_of, dates.max().date()) if len(dates) else population.as_of
    everyone = build_population(outside, as_of, None, "enrolment")
    ev = Evaluator(everyone, outside, goal_file)
    return _rows(everyone.frame["_row"].to_numpy(), _where_mask(ev, where, strict=False))


def _where_mask(ev: Evaluator, where: dict[str, str], strict: bool = True) -> np.ndarray:
    """The rows of the ``where`` cell; a value no row has is an error, unless not ``strict``
    (then no row is in the cell)."""
    mask = ev.all.copy()
    for name, value in where.items():
        dimension = ev.dimension(name, None)
        wanted = _label_index(name, value, dimension.labels, strict)
        mask &= dimension.codes == wanted
    return mask


def _label_index(name: str, value: str, labels: tuple[str, ...], strict: bool = True) -> int:
    folded = text_key(value)
    if name == "gender":
        folded = _GENDER_WORDS.get(folded) or BUILTIN_CODES.get(folded) or folded
    for index, label in enumerate(labels):
        if label is None:
            if folded in _BLANK_WORDS:
                return index
        elif text_key(label) == folded:
            return index
    if not strict:
        return len(labels)  # no row's code
    shown = [str(label) for label in labels if label is not None]
    raise UsageError(say("usage.no_value", name=name, value=value), hint=one_of(value, shown))


def _unknown(
    ev: Evaluator,
    participants: Participants,
    counted: np.ndarray,
    rows: np.ndarray,
    filters: list[Filter],
) -> dict[str, list[int]]:
    """Rows of ``counted`` with an unknown gender, municipality or outcome, or a blank on
    either side of a column comparison in ``filters`` ('comparison')."""
    frame = ev.frame
    unknown = {"gender": (frame["_gender"] == "unknown").to_numpy()}
    if "municipality" in participants.columns:
        unknown["municipality"] = frame["_municipality"].isna().to_numpy()
    unknown["exit"] = (frame["_exited"] & (frame["_outcome"] == "")).to_numpy()
    unknown["comparison"] = ev.uncompared(filters)
    return {
        name: _rows(rows, counted & mask) for name, mask in unknown.items() if mask[counted].any()
    }


def _same_person(participants: Participants, shown: np.ndarray) -> dict[int, list[int]]:
    """For a person on several rows, listed by one row: the other rows."""
    frame = participants.frame
    ids = frame["_id"].to_numpy(dtype=object)
    if not len(ids) or "id" not in participants.columns:
        return {}
    all_rows = frame["_row"].to_numpy()
    repeated = (ids != "") & frame["_id"].duplicated(keep=False).to_numpy()
    by_id: dict[object, list[int]] = {}
    for key, row in zip(ids[repeated], all_rows[repeated], strict=True):
        by_id.setdefault(key, []).append(int(row))
    row_id = dict(zip(all_rows[repeated].tolist(), ids[repeated], strict=True))
    return {
        int(r): sorted(x for x in by_id[row_id[int(r)]] if x != int(r))
        for r in shown
        if int(r) in row_id
    }


# --- as text and as JSON (pure functions: the CLI prints them) -----------------------------
# The goal's title and id, the file name and the --where values are escaped here: the text
# for the terminal (esfkit.escape.terminal), the JSON's strings masked (json_text).


def to_text(e: Explanation, lang: str = "sv") -> str:
    """The rows behind the figure as text, in ``lang``."""
    said = LABELS[lang]
    where = ", ".join(f"{k} = {v}" for k, v in e.where.items()) or said["explain.everyone"]
    unit = said["explain.per_person" if e.unit == "person" else "explain.per_enrolment"]
    as_of = e.as_of.isoformat() + (said["explain.project_end"] if e.as_of_is_project_end else "")
    lines = [
        terminal(said["explain.goal"].format(goal=e.goal, kind=e.kind, title=e.title)),
        terminal(said["explain.head"].format(file=e.file, as_of=as_of, where=where, unit=unit)),
        "",
    ]

    def block(label: str, rows: list[int] | None) -> None:
        if rows is None:
            return
        lines.append(f"{label}: {len(rows)}")
        lines.extend(_wrapped(rows, said, e.files))

    def also(key: str, rows: dict[int, list[int]]) -> None:
        lines.append(said[key].format(n=len(rows)))
        lines.extend(
            terminal(
                said["explain.also"].format(
                    row=_row(row, e.files, said), others=_also(others, e.files, said)
                )
            )
            for row, others in sorted(rows.items())
        )

    block(said["explain.numerator" if e.values is None else "explain.averaged"], e.numerator)
    if e.values is not None:
        unit = f" ({said[f'unit.{e.values_unit}']})" if e.values_unit else ""
        lines.append(said["explain.values"].format(unit=unit))
        lines.extend(_values_text(e, said, Words(lang)))
    counted = "explain.denominator" if e.numerator is not None else "explain.counted"
    block(said[counted], e.denominator)
    block(said["explain.outside_denominator"], e.outside_denominator)
    block(said["explain.excluded"], e.excluded_by_scope)
    block(said["explain.outside_report"], e.outside_report)
    for name, rows in e.unknown.items():
        block(said["explain.unknown"].format(name=name), rows)
    if e.moved_away:
        also("explain.moved_away", e.moved_away)
    if e.same_person:
        also("explain.same_person", e.same_person)
    return "\n".join(lines) + "\n"


def _values_text(e: Explanation, said: Mapping[str, str], w: Words) -> list[str]:
    """'  row 3: 4.01' per averaged row, the value in the language's number style."""
    rounded = {row: round(value, 2) for row, value in (e.values or {}).items()}
    return [
        terminal(
            said["explain.value"].format(
                row=_row(row, e.files, said),
                value=w.integer(v) if v.is_integer() else w.decimal(v, 2).rstrip("0"),
            )
        )
        for row, v in rounded.items()
    ]


def _wrapped(
    rows: list[int], said: Mapping[str, str], files: tuple[str, ...] = (), per_line: int = 15
) -> list[str]:
    """Every row, 15 to a line; with several files, each file's rows under its name."""
    if files:
        lines = []
        for index, found in _by_file(rows).items():
            lines.append(terminal(f"  {files[index]}:"))
            lines += ["  " + line for line in _wrapped(found, said, (), per_line)]
        return lines
    return [
        f"  {said['explain.rows']} " + ", ".join(map(str, rows[i : i + per_line]))
        for i in range(0, len(rows), per_line)
    ]


def _by_file(rows: list[int]) -> dict[int, list[int]]:
    """Row keys grouped by file index, as rows of that file."""
    grouped: dict[int, list[int]] = {}
    for key in rows:
        index, row = split_row(key)
        grouped.setdefault(index, []).append(row)
    return grouped


def _row(key: int, files: tuple[str, ...], said: Mapping[str, str]) -> str:
    """'row 14', or with several files 'kiruna.xlsx, row 14'."""
    return format_rows((key,), words=row_words(said), files=files)


def _also(others: list[int], files: tuple[str, ...], said: Mapping[str, str]) -> str:
    """A person's other rows: '9, 31', or with several files 'pajala.xlsx, rows 3, 9'."""
    if not files:
        return ", ".join(map(str, others))
    return format_rows(others, None, words=row_words(said), files=files)


def _json_rows(rows: list[int], files: tuple[str, ...]) -> list[Any]:
    """Rows as numbers; with several files, each as {"file": ..., "row": ...}."""
    if not files:
        return list(rows)
    return [
        {"file": json_text(files[index]), "row": row}
        for index, found in _by_file(rows).items()
        for row in found
    ]


def _json_key(key: int, files: tuple[str, ...]) -> str:
    """A row as a JSON key: '14', or with several files 'kiruna.xlsx:14'."""
    if not files:
        return str(key)
    index, row = split_row(key)
    return f"{json_text(files[index])}:{row}"


def to_json(e: Explanation) -> dict[str, Any]:
    def part(rows: list[int] | None) -> dict[str, Any] | None:
        return None if rows is None else {"count": len(rows), "rows": _json_rows(rows, e.files)}

    return {
        "goal": json_text(e.goal),
        "kind": e.kind,
        "file": json_text(e.file),
        **({"files": [json_text(name) for name in e.files]} if e.files else {}),
        "as_of": e.as_of.isoformat(),
        **({"as_of_is_project_end": True} if e.as_of_is_project_end else {}),
        "unit": e.unit,
        "where": {json_text(k): json_text(v) for k, v in e.where.items()},
        "numerator": part(e.numerator),
        "denominator": part(e.denominator),
        "outside_denominator": part(e.outside_denominator),
        "excluded_by_scope": part(e.excluded_by_scope),
        "outside_report": part(e.outside_report),
        "unknown": {name: part(rows) for name, rows in e.unknown.items()},
        "same_person": {
            _json_key(k, e.files): _json_rows(v, e.files) for k, v in e.same_person.items()
        },
        "moved_away": {
            _json_key(k, e.files): _json_rows(v, e.files) for k, v in e.moved_away.items()
        },
        **(
            {"values": {_json_key(k, e.files): v for k, v in e.values.items()}}
            if e.values is not None
            else {}
        ),
        **({"values_unit": e.values_unit} if e.values_unit else {}),
    }
