"""Goal file -> validated ``GoalFile``. The whole file is checked before any data is read.

The parser knows the keys every goal shares; what a kind's own keys mean, and which goals an
``include:`` adds, it asks of what it is given (:class:`KindParser`, :data:`IncludeExpander`):
the goal kinds and the indicator libraries sit above the goal file and are passed in by
whoever loads one (``esfkit.api.load_goal_file``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from esfkit.data.settings import COLUMN_FIELDS, UNITS, ColumnRef, DataSettings, FilePattern
from esfkit.errors import GoalFileError, did_you_mean
from esfkit.goalfile import nodes
from esfkit.goalfile.filters import active_between, parse_filter
from esfkit.goalfile.model import (
    GENDER_VALUES,
    AgeBand,
    AllOf,
    Goal,
    GoalFile,
    Included,
    Project,
    Target,
)
from esfkit.goalfile.periods import NAMED, PeriodNameError, named_period
from esfkit.goalfile.targets import check_municipalities
from esfkit.goalfile.yamlnode import Node
from esfkit.limits import EXCEL_ROWS, GOALS_LIMIT, GROUP_DEPTH, OLDEST, SHEETS, SUPPRESS_LIMIT

TOP_KEYS = (
    "version",
    "project",
    "data",
    "outcomes",
    "breakdown",
    "age_bands",
    "include",
    "goals",
    "report",
)
PROJECT_KEYS = ("name", "start", "end", "municipalities", "lang")
DATA_KEYS = ("files", "sheet", "columns", "genders", "unit", "header_row", "skip_total_rows")
COMMON_GOAL_KEYS = ("id", "title", "note", "scope", "breakdown", "by", "from", "to", "period")
DEFAULT_BREAKDOWN = ("municipality", "gender")
LANGS = ("sv", "en")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_BAND = re.compile(r"^\s*(\d+)?\s*[-–]\s*(\d+)?\s*$")


class KindParser(Protocol):
    """What the parser needs of a goal kind (``esfkit.kinds.GoalKind`` is one)."""

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys the kind accepts besides its own name and the common ones."""
        ...

    def parse(self, node: Node, entries: dict[str, Node]) -> Any:
        """The goal's typed definition; a located GoalFileError when it is wrong."""
        ...


# ``include:``'s node and the file's outcome groups -> the goal nodes it adds and what each
# included library needs (``esfkit.indicators.expand_include``).
IncludeExpander = Callable[
    [Node, dict[str, tuple[str, ...]]], tuple[list[Node], tuple[Included, ...]]
]


def parse_goal_file(
    root: Node,
    filename: str,
    kinds: Mapping[str, KindParser],
    expand_include: IncludeExpander,
) -> GoalFile:
    """The validated goal file; ``kinds`` by the YAML key that selects each, in the order
    messages list them."""
    top = nodes.mapping(root, "the goal file")
    nodes.known_keys(root, TOP_KEYS, "the goal file")
    if "version" in top:
        version = top["version"]
        if version.value != 1:
            raise version.error(
                f"unsupported goal-file version {version.describe()}",
                hint="this esfkit reads version 1",
            )
    if "goals" not in top and "include" not in top:
        raise root.error(
            "the goal file has no 'goals:' list", hint="add `goals:` with at least one goal"
        )
    outcomes = _outcomes(top["outcomes"]) if "outcomes" in top else {}
    goal_nodes = nodes.sequence(top["goals"], "'goals'") if "goals" in top else []
    if "goals" in top and not goal_nodes and "include" not in top:
        raise top["goals"].error("'goals' is empty", hint="add at least one goal")
    includes: tuple[Included, ...] = ()
    if "include" in top:  # ready-made indicator goals (esfkit.indicators), after the file's own
        included_nodes, includes = expand_include(top["include"], outcomes)
        goal_nodes = [*goal_nodes, *included_nodes]
    if len(goal_nodes) > GOALS_LIMIT:
        raise goal_nodes[GOALS_LIMIT].error(
            f"the goal file has {len(goal_nodes)} goals; esfkit reads at most {GOALS_LIMIT}",
            hint="a report of more goals than this could not be read; split the file",
        )
    goals = tuple(_goal(node, index, kinds) for index, node in enumerate(goal_nodes, start=1))
    _unique_ids(goal_nodes, goals)
    project = _project(top.get("project"), filename)
    _check_due(goal_nodes, goals, project)
    _check_targets(goals, project)
    return GoalFile(
        path=filename,
        project=project,
        data=_data(top["data"]) if "data" in top else DataSettings(),
        outcomes=outcomes,
        breakdown=_breakdown(top["breakdown"]) if "breakdown" in top else DEFAULT_BREAKDOWN,
        goals=goals,
        age_bands=_age_bands(top["age_bands"]) if "age_bands" in top else (),
        includes=includes,
        suppress_below=_suppress_below(top["report"]) if "report" in top else None,
    )


def _project(node: Node | None, filename: str) -> Project:
    if node is None:
        return Project(name=Path(filename).stem)
    entries = nodes.mapping(node, "'project'")
    nodes.known_keys(node, PROJECT_KEYS, "'project'")
    start = nodes.date(entries["start"], "project.start") if "start" in entries else None
    end = nodes.date(entries["end"], "project.end") if "end" in entries else None
    if start and end and end < start:
        raise entries["end"].error(f"project.end {end} is before project.start {start}")
    municipalities = None
    if "municipalities" in entries:
        items = nodes.sequence(entries["municipalities"], "project.municipalities")
        names = [nodes.text(item, "a municipality") for item in items]
        seen: dict[str, Node] = {}
        for name, item in zip(names, items, strict=True):
            if name.casefold() in seen:
                raise item.error(f"municipality '{name}' is listed twice")
            seen[name.casefold()] = item
        municipalities = tuple(names)
    lang = nodes.choice(entries["lang"], LANGS, "project.lang") if "lang" in entries else None
    name = nodes.text(entries["name"], "project.name") if "name" in entries else Path(filename).stem
    return Project(name, start, end, municipalities, lang, node.loc)


def _data(node: Node) -> DataSettings:
    entries = nodes.mapping(node, "'data'")
    nodes.known_keys(node, DATA_KEYS, "'data'")
    sheet: str | int | None = None
    if "sheet" in entries:
        value = entries["sheet"].value
        if isinstance(value, int) and not isinstance(value, bool):
            sheet = (
                nodes.whole(
                    entries["sheet"],
                    "data.sheet as a number",
                    1,
                    SHEETS,
                    hint="it counts the sheets from 1 (the first sheet); or give the sheet's name",
                )
                - 1
            )
        else:
            sheet = nodes.text(entries["sheet"], "data.sheet")
    columns: dict[str, ColumnRef] = {}
    if "columns" in entries:
        nodes.mapping(entries["columns"], "data.columns")
        nodes.known_keys(entries["columns"], COLUMN_FIELDS, "data.columns")
        for key, value in entries["columns"].value.items():
            columns[key] = ColumnRef(nodes.text(value, f"data.columns.{key}"), value.loc)
    genders: dict[str, str] = {}
    if "genders" in entries:
        for code, value in nodes.mapping(entries["genders"], "data.genders").items():
            genders[code] = nodes.choice(
                value, (*GENDER_VALUES, "unknown"), f"the gender for code '{code}'"
            )
    unit = nodes.choice(entries["unit"], UNITS, "data.unit") if "unit" in entries else "person"
    header_row = None
    if "header_row" in entries:
        header_row = nodes.whole(
            entries["header_row"],
            "data.header_row",
            1,
            EXCEL_ROWS,
            hint="the row number of the header as Excel shows it (1, 2 ...)",
        )
    skip = "skip_total_rows" in entries and nodes.boolean(
        entries["skip_total_rows"], "data.skip_total_rows"
    )
    files = _files(entries["files"]) if "files" in entries else ()
    return DataSettings(sheet, columns, genders, unit, header_row, skip, files)


def _files(node: Node) -> tuple[FilePattern, ...]:
    """data.files: a path or glob pattern, or a list of them (relative to the goal file)."""
    items = nodes.sequence(node, "data.files") if node.is_sequence else [node]
    if not items:
        raise node.error(
            "data.files is an empty list",
            hint="list the participant files or patterns, e.g. files: ['*.xlsx'], or leave "
            "data.files out and name the files on the command line",
        )
    return tuple(FilePattern(nodes.text(item, "a file in data.files"), item.loc) for item in items)


def _outcomes(node: Node) -> dict[str, tuple[str, ...]]:
    """Outcome groups with nested group names expanded; values kept as written."""
    entries = nodes.mapping(node, "'outcomes'")
    members: dict[str, list[Node]] = {}
    for name, value in entries.items():
        items = value.value if value.is_sequence else [value]
        for item in items:
            nodes.text(item, f"a value in outcome group '{name}'")
        members[name] = items

    def expand(name: str, trail: tuple[str, ...]) -> tuple[str, ...]:
        values: list[str] = []
        for item in members[name]:
            word = str(item.text).strip()
            if word in members:
                if word in trail:
                    cycle = " -> ".join((*trail, word))
                    raise item.error(f"outcome groups name each other in a circle: {cycle}")
                if len(trail) >= GROUP_DEPTH:
                    raise item.error(
                        f"outcome groups name groups more than {GROUP_DEPTH} deep: "
                        f"{trail[0]} -> ... -> {name} -> {word}",
                        hint="list the values of a group directly",
                    )
                values.extend(expand(word, (*trail, word)))
            else:
                values.append(word)
        return tuple(dict.fromkeys(values))

    return {name: expand(name, (name,)) for name in members}


def _breakdown(node: Node) -> tuple[str, ...]:
    items = node.value if node.is_sequence else [node]
    dims = [nodes.text(item, "a breakdown dimension") for item in items]
    for item, dim in zip(items, dims, strict=True):
        if dims.count(dim) > 1:
            raise item.error(f"breakdown names '{dim}' twice")
    return tuple(dims)


def _age_bands(node: Node) -> tuple[AgeBand, ...]:
    bands: list[AgeBand] = []
    for item in nodes.sequence(node, "'age_bands'"):
        label = nodes.text(item, "an age band")
        match = _BAND.match(label)
        if not match or not (match.group(1) or match.group(2)):
            raise item.error(
                f"age band '{label}' is not of the form 16-19, -17 or 55-",
                hint="write each band as LOW-HIGH, both ages included",
            )
        low, high = (_age(item, label, group) for group in match.groups())
        if low is not None and high is not None and high < low:
            raise item.error(f"age band '{label}' ends before it starts")
        for other in bands:
            if _overlap(other, low, high):
                raise item.error(f"age band '{label}' overlaps '{other.label}'")
        bands.append(AgeBand(label, low, high))
    return tuple(bands)


def _age(node: Node, label: str, digits: str | None) -> int | None:
    if digits is None:
        return None
    if len(digits) > 3 or int(digits) > OLDEST:
        raise node.error(f"age band '{label}': an age is from 0 to {OLDEST}")
    return int(digits)


def _overlap(band: AgeBand, low: int | None, high: int | None) -> bool:
    lo = -1 if low is None else low
    hi = 10**6 if high is None else high
    band_lo = -1 if band.low is None else band.low
    band_hi = 10**6 if band.high is None else band.high
    return lo <= band_hi and band_lo <= hi


def _goal(node: Node, index: int, kinds: Mapping[str, KindParser]) -> Goal[Any]:
    entries = nodes.mapping(node, f"goal {index}")
    present = [name for name in kinds if name in entries]
    goal_id = nodes.text(entries["id"], "a goal id") if "id" in entries else None
    label = f"goal '{goal_id}'" if goal_id else f"goal {index}"
    if len(present) > 1:
        raise node.error(
            f"{label} has more than one kind: {', '.join(present)}",
            hint="a goal has exactly one of: " + ", ".join(kinds),
        )
    if not present:
        _no_kind(node, label, tuple(kinds))
    name = present[0]
    kind = kinds[name]
    nodes.known_keys(node, (*COMMON_GOAL_KEYS, name, *kind.keys), f"{label} ({name})")
    if goal_id is None:
        raise node.error(
            f"{label} has no 'id'", hint="add `id: a_short_name` (used on the command line)"
        )
    if not _ID.match(goal_id):
        raise entries["id"].error(
            f"goal id '{goal_id}' may only hold letters, digits, '_', '-' and '.'",
            hint="for example `id: job_or_studies`",
        )
    title = nodes.text(entries["title"], "title") if "title" in entries else goal_id
    note = nodes.text(entries["note"], "note") if "note" in entries else None
    scope = parse_filter(entries["scope"], f"the scope of {label}") if "scope" in entries else None
    breakdown = _breakdown(entries["breakdown"]) if "breakdown" in entries else None
    due = nodes.date(entries["by"], f"'by' of {label}") if "by" in entries else None
    phase = _phase(node, label)
    if phase is not None:  # the phase's enrolments are the goal's: explain and suppression too
        written = node.key_locs["period" if "period" in entries else "from"]
        active = active_between(*phase, written)
        scope = active if scope is None else AllOf((scope, active), scope.loc)
    return Goal(
        id=goal_id,
        title=title,
        kind=name,
        definition=kind.parse(node, entries),
        loc=node.loc,
        note=note,
        scope=scope,
        breakdown=breakdown,
        by=due,
        phase=phase,
    )


def _phase(node: Node, label: str) -> tuple[dt.date, dt.date] | None:
    """A goal's phase: ``from:`` and ``to:`` (both or neither, in order), or ``period:``."""
    entries = node.value
    given = [k for k in ("from", "to") if k in entries]
    if "period" in entries:
        if given:
            raise GoalFileError(
                f"{label} has both 'period' and '{given[0]}'",
                where=node.key_locs[given[0]],
                hint="write its phase once: period: 2019-H1, or from: and to:",
            )
        return _period(entries["period"], label)
    return _from_to(node, label, "") if given else None


def _from_to(node: Node, label: str, within: str) -> tuple[dt.date, dt.date]:
    """``from`` and ``to`` of the mapping ``node``: both, in order. ``within``: 'period.'
    when they are written under ``period:``."""
    entries = node.value
    given = [k for k in ("from", "to") if k in entries]
    if len(given) == 1:
        missing = "to" if given[0] == "from" else "from"
        raise GoalFileError(
            f"{label} has '{within}{given[0]}' but not '{within}{missing}'",
            where=node.key_locs[given[0]],
            hint="a phase has both: from: 2020-01-01 and to: 2020-12-31",
        )
    first = nodes.date(entries["from"], f"'{within}from' of {label}")
    last = nodes.date(entries["to"], f"'{within}to' of {label}")
    if last < first:
        raise entries["to"].error(
            f"'{within}to' {last} of {label} is before its '{within}from' {first}"
        )
    return first, last


def _period(node: Node, label: str) -> tuple[dt.date, dt.date]:
    """``period:`` of a goal: a year, half-year, quarter or month by name, or
    ``{from: ..., to: ...}``."""
    hint = f"write {NAMED}, or {{from: 2019-01-01, to: 2019-06-30}}"
    if node.is_mapping:
        nodes.known_keys(node, ("from", "to"), f"'period' of {label}")
        if not node.value:
            raise node.error(f"'period' of {label} is empty", hint=hint)
        return _from_to(node, label, "period.")
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise node.error(
            f"'period' of {label} must name a period, not {node.describe()}", hint=hint
        )
    text = str(value).strip()
    try:
        first, last, _ = named_period(text)
    except PeriodNameError as error:
        if error.reason is None:
            raise node.error(f"'period' of {label} is '{text}', not a period", hint=hint) from None
        raise node.error(f"'period' of {label} is '{text}': {error.reason}") from None
    return first, last


def _check_targets(goals: tuple[Goal[Any], ...], project: Project) -> None:
    """A target per municipality names only project.municipalities."""
    for goal in goals:
        target = getattr(goal.definition, "target", None)
        if isinstance(target, Target):
            check_municipalities(target, project.municipalities)


def _check_due(goal_nodes: list[Node], goals: tuple[Goal[Any], ...], project: Project) -> None:
    """A goal's ``by`` paces from its phase's start or project.start, so it needs one, and
    falls after it and not after the project's end."""
    for node, goal in zip(goal_nodes, goals, strict=True):
        if goal.by is None:
            continue
        where = node.value["by"]
        start = goal.phase[0] if goal.phase else project.start
        if goal.phase and goal.by < goal.phase[0]:
            raise where.error(
                f"'by' of goal '{goal.id}' is {goal.by}, before its phase starts ({start})"
            )
        if start is None:
            raise where.error(
                f"'by' of goal '{goal.id}' paces the target from the project's start, "
                "but project.start is not given",
                hint="add start: YYYY-MM-DD under project:",
            )
        if goal.by < start or (project.end is not None and goal.by > project.end):
            end = project.end.isoformat() if project.end else "its end"
            raise where.error(
                f"'by' of goal '{goal.id}' is {goal.by}, outside the project ({start} to {end})",
                hint="the date a target is due lies within project.start and project.end",
            )


def _no_kind(node: Node, label: str, names: tuple[str, ...]) -> None:
    known = set(COMMON_GOAL_KEYS) | {"target", "of", "at_most", "per", "tolerance", "group"}
    for key, loc in node.key_locs.items():
        if key == "kind":  # `kind: count`, as other tools write it
            raise GoalFileError(
                f"{label}: the kind is written as the key that holds what to measure",
                where=loc,
                hint="for example `count: everyone` or `share: {exit: work}` with `of: exited`,"
                " instead of `kind: count`",
            )
        if key not in known:
            suggestion = did_you_mean(key, names)
            hint = f"did you mean '{suggestion}'? " if suggestion else ""
            raise GoalFileError(
                f"unknown goal kind '{key}' in {label}",
                where=loc,
                hint=hint + "Goal kinds: " + ", ".join(names),
            )
    raise node.error(
        f"{label} does not say what to measure",
        hint="add exactly one of: " + ", ".join(names),
    )


def _unique_ids(goal_nodes: list[Node], goals: tuple[Goal[Any], ...]) -> None:
    seen: dict[str, Goal[Any]] = {}
    for node, goal in zip(goal_nodes, goals, strict=True):
        if goal.id in seen:
            raise node.value["id"].error(
                f"goal id '{goal.id}' is used twice (first at line {seen[goal.id].loc.line})",
                hint="every goal needs its own id",
            )
        seen[goal.id] = goal


REPORT_KEYS = ("suppress_below",)


def _suppress_below(node: Node) -> int | None:
    """``report: {suppress_below: N}``: counts from 1 to N-1 are hidden in every format."""
    entries = nodes.mapping(node, "'report'")
    nodes.known_keys(node, REPORT_KEYS, "'report'")
    if "suppress_below" not in entries:
        return None
    return nodes.whole(
        entries["suppress_below"],
        "report.suppress_below",
        2,
        SUPPRESS_LIMIT,
        hint="for example `suppress_below: 5` shows counts 1-4 as <5",
    )
