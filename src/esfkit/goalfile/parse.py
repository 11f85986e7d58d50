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
from esfkit.errors import GoalFileError, Said, did_you_mean, say
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
    top = nodes.mapping(root, say("what.goal_file"))
    nodes.known_keys(root, TOP_KEYS, say("what.goal_file"))
    if "version" in top:
        version = top["version"]
        if version.value != 1:
            raise version.error(
                say("goal.version", value=version.described()), hint=say("hint.version")
            )
    if "goals" not in top and "include" not in top:
        raise root.error(say("goal.no_goals"), hint=say("hint.no_goals"))
    outcomes = _outcomes(top["outcomes"]) if "outcomes" in top else {}
    goal_nodes = nodes.sequence(top["goals"], "'goals'") if "goals" in top else []
    if "goals" in top and not goal_nodes and "include" not in top:
        raise top["goals"].error(say("goal.empty_goals"), hint=say("hint.empty_goals"))
    includes: tuple[Included, ...] = ()
    if "include" in top:  # ready-made indicator goals (esfkit.indicators), after the file's own
        included_nodes, includes = expand_include(top["include"], outcomes)
        goal_nodes = [*goal_nodes, *included_nodes]
    if len(goal_nodes) > GOALS_LIMIT:
        raise goal_nodes[GOALS_LIMIT].error(
            say("goal.too_many", n=len(goal_nodes), limit=GOALS_LIMIT), hint=say("hint.too_many")
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
        raise entries["end"].error(say("goal.end_before_start", end=end, start=start))
    municipalities = None
    if "municipalities" in entries:
        items = nodes.sequence(entries["municipalities"], "project.municipalities")
        names = [nodes.text(item, say("what.a_municipality")) for item in items]
        seen: dict[str, Node] = {}
        for name, item in zip(names, items, strict=True):
            if name.casefold() in seen:
                raise item.error(say("goal.municipality_twice", name=name))
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
                    say("what.sheet_number"),
                    1,
                    SHEETS,
                    hint=say("hint.sheet_number"),
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
                value, (*GENDER_VALUES, "unknown"), say("what.gender_for", code=code)
            )
    unit = nodes.choice(entries["unit"], UNITS, "data.unit") if "unit" in entries else "person"
    header_row = None
    if "header_row" in entries:
        header_row = nodes.whole(
            entries["header_row"],
            "data.header_row",
            1,
            EXCEL_ROWS,
            hint=say("hint.header_row"),
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
        raise node.error(say("goal.files_empty"), hint=say("hint.files_empty"))
    what = say("what.a_data_file")
    return tuple(FilePattern(nodes.text(item, what), item.loc) for item in items)


def _outcomes(node: Node) -> dict[str, tuple[str, ...]]:
    """Outcome groups with nested group names expanded; values kept as written."""
    entries = nodes.mapping(node, "'outcomes'")
    members: dict[str, list[Node]] = {}
    for name, value in entries.items():
        items = value.value if value.is_sequence else [value]
        for item in items:
            nodes.text(item, say("what.group_value", name=name))
        members[name] = items

    def expand(name: str, trail: tuple[str, ...]) -> tuple[str, ...]:
        values: list[str] = []
        for item in members[name]:
            word = str(item.text).strip()
            if word in members:
                if word in trail:
                    cycle = " -> ".join((*trail, word))
                    raise item.error(say("goal.group_circle", cycle=cycle))
                if len(trail) >= GROUP_DEPTH:
                    raise item.error(
                        say(
                            "goal.group_depth",
                            depth=GROUP_DEPTH,
                            trail=f"{trail[0]} -> ... -> {name} -> {word}",
                        ),
                        hint=say("hint.group_depth"),
                    )
                values.extend(expand(word, (*trail, word)))
            else:
                values.append(word)
        return tuple(dict.fromkeys(values))

    return {name: expand(name, (name,)) for name in members}


def _breakdown(node: Node) -> tuple[str, ...]:
    items = node.value if node.is_sequence else [node]
    dims = [nodes.text(item, say("what.a_breakdown")) for item in items]
    for item, dim in zip(items, dims, strict=True):
        if dims.count(dim) > 1:
            raise item.error(say("goal.breakdown_twice", dim=dim))
    return tuple(dims)


def _age_bands(node: Node) -> tuple[AgeBand, ...]:
    bands: list[AgeBand] = []
    for item in nodes.sequence(node, "'age_bands'"):
        label = nodes.text(item, say("what.an_age_band"))
        match = _BAND.match(label)
        if not match or not (match.group(1) or match.group(2)):
            raise item.error(say("goal.band_form", label=label), hint=say("hint.band_form"))
        low, high = (_age(item, label, group) for group in match.groups())
        if low is not None and high is not None and high < low:
            raise item.error(say("goal.band_reversed", label=label))
        for other in bands:
            if _overlap(other, low, high):
                raise item.error(say("goal.band_overlap", label=label, other=other.label))
        bands.append(AgeBand(label, low, high))
    return tuple(bands)


def _age(node: Node, label: str, digits: str | None) -> int | None:
    if digits is None:
        return None
    if len(digits) > 3 or int(digits) > OLDEST:
        raise node.error(say("goal.band_age", label=label, oldest=OLDEST))
    return int(digits)


def _overlap(band: AgeBand, low: int | None, high: int | None) -> bool:
    lo = -1 if low is None else low
    hi = 10**6 if high is None else high
    band_lo = -1 if band.low is None else band.low
    band_hi = 10**6 if band.high is None else band.high
    return lo <= band_hi and band_lo <= hi


def _goal(node: Node, index: int, kinds: Mapping[str, KindParser]) -> Goal[Any]:
    entries = nodes.mapping(node, say("what.goal_n", n=index))
    present = [name for name in kinds if name in entries]
    goal_id = nodes.text(entries["id"], say("what.a_goal_id")) if "id" in entries else None
    label = say("what.goal", id=goal_id) if goal_id else say("what.goal_n", n=index)
    if len(present) > 1:
        raise node.error(
            say("goal.two_kinds", label=label, present=", ".join(present)),
            hint=say("hint.two_kinds", kinds=", ".join(kinds)),
        )
    if not present:
        _no_kind(node, label, tuple(kinds))
    name = present[0]
    kind = kinds[name]
    nodes.known_keys(
        node,
        (*COMMON_GOAL_KEYS, name, *kind.keys),
        say("what.goal_kind", id=goal_id or index, kind=name),
    )
    if goal_id is None:
        raise node.error(say("goal.no_id", label=label), hint=say("hint.no_id"))
    if not _ID.match(goal_id):
        raise entries["id"].error(say("goal.bad_id", id=goal_id), hint=say("hint.bad_id"))
    title = nodes.text(entries["title"], say("what.title")) if "title" in entries else goal_id
    note = nodes.text(entries["note"], say("what.note")) if "note" in entries else None
    scope = (
        parse_filter(entries["scope"], say("what.scope_of", label=label))
        if "scope" in entries
        else None
    )
    breakdown = _breakdown(entries["breakdown"]) if "breakdown" in entries else None
    due = (
        nodes.date(entries["by"], say("what.key_of", key="by", label=label))
        if "by" in entries
        else None
    )
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


def _phase(node: Node, label: Said) -> tuple[dt.date, dt.date] | None:
    """A goal's phase: ``from:`` and ``to:`` (both or neither, in order), or ``period:``."""
    entries = node.value
    given = [k for k in ("from", "to") if k in entries]
    if "period" in entries:
        if given:
            raise GoalFileError(
                say("goal.period_and", label=label, given=given[0]),
                where=node.key_locs[given[0]],
                hint=say("hint.period_and"),
            )
        return _period(entries["period"], label)
    return _from_to(node, label, "") if given else None


def _from_to(node: Node, label: Said, within: str) -> tuple[dt.date, dt.date]:
    """``from`` and ``to`` of the mapping ``node``: both, in order. ``within``: 'period.'
    when they are written under ``period:``."""
    entries = node.value
    given = [k for k in ("from", "to") if k in entries]
    if len(given) == 1:
        missing = "to" if given[0] == "from" else "from"
        raise GoalFileError(
            say("goal.half_phase", label=label, given=within + given[0], missing=within + missing),
            where=node.key_locs[given[0]],
            hint=say("hint.half_phase"),
        )
    first = nodes.date(entries["from"], say("what.key_of", key=within + "from", label=label))
    last = nodes.date(entries["to"], say("what.key_of", key=within + "to", label=label))
    if last < first:
        raise entries["to"].error(
            say("goal.phase_reversed", within=within, last=last, label=label, first=first)
        )
    return first, last


def _period(node: Node, label: Said) -> tuple[dt.date, dt.date]:
    """``period:`` of a goal: a year, half-year, quarter or month by name, or
    ``{from: ..., to: ...}``."""
    hint = say("hint.goal_period", named=NAMED)
    what = say("what.key_of", key="period", label=label)
    if node.is_mapping:
        nodes.known_keys(node, ("from", "to"), what)
        if not node.value:
            raise node.error(say("target.empty", what=what), hint=hint)
        return _from_to(node, label, "period.")
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise node.error(say("goal.period_shape", what=what, value=node.described()), hint=hint)
    text = str(value).strip()
    try:
        first, last, _ = named_period(text)
    except PeriodNameError as error:
        if error.reason is None:
            raise node.error(say("goal.not_a_period", what=what, text=text), hint=hint) from None
        message = say("goal.period_reason", what=what, text=text, reason=error.reason)
        raise node.error(message) from None
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
            raise where.error(say("goal.by_before_phase", id=goal.id, by=goal.by, start=start))
        if start is None:
            raise where.error(
                say("goal.by_without_start", id=goal.id), hint=say("hint.by_without_start")
            )
        if goal.by < start or (project.end is not None and goal.by > project.end):
            end = project.end.isoformat() if project.end else say("goal.its_end")
            raise where.error(
                say("goal.by_outside", id=goal.id, by=goal.by, start=start, end=end),
                hint=say("hint.by_outside"),
            )


def _no_kind(node: Node, label: Said, names: tuple[str, ...]) -> None:
    known = set(COMMON_GOAL_KEYS) | {"target", "of", "at_most", "per", "tolerance", "group"}
    for key, loc in node.key_locs.items():
        if key == "kind":  # `kind: count`, as other tools write it
            raise GoalFileError(
                say("goal.kind_key", label=label), where=loc, hint=say("hint.kind_key")
            )
        if key not in known:
            suggestion = did_you_mean(key, names)
            kinds = ", ".join(names)
            hint = (
                say("hint.did_you_mean_kinds", suggestion=suggestion, kinds=kinds)
                if suggestion
                else say("hint.kinds", kinds=kinds)
            )
            raise GoalFileError(
                say("goal.unknown_kind", key=key, label=label), where=loc, hint=hint
            )
    raise node.error(
        say("goal.no_measure", label=label), hint=say("hint.no_measure", kinds=", ".join(names))
    )


def _unique_ids(goal_nodes: list[Node], goals: tuple[Goal[Any], ...]) -> None:
    seen: dict[str, Goal[Any]] = {}
    for node, goal in zip(goal_nodes, goals, strict=True):
        if goal.id in seen:
            raise node.value["id"].error(
                say("goal.id_twice", id=goal.id, line=seen[goal.id].loc.line),
                hint=say("hint.id_twice"),
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
        hint=say("hint.suppress_below"),
    )
