"""esfkit as a library: what the command line does, callable from Python (docs/python.md).

``load_goals``, ``read_participants``, ``check``, ``validate``, ``explain`` and ``render``
are the public functions, re-exported from ``esfkit``. Each takes the goal file and the
participants as paths or as objects already loaded (a ``GoalFile``, ``Participants``, or a
pandas DataFrame for the participants), so a notebook reads them once. Bad input raises an
``EsfkitError`` (``GoalFileError``, ``DataError``, ``UsageError``), located as the command
line reports it; nothing here prints or exits.

The command line (esfkit.cli) parses options and calls these. This module is also where the
layers below meet: here the goal-file parser is given the goal kinds and the indicator
libraries, and suppression the engine's Evaluator.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd

from esfkit.data.frame import FRAME_NAME, read_frame
from esfkit.data.participants import Parsed, Participants, clean, rekeyed
from esfkit.data.read import RawTable
from esfkit.data.register import (
    Register,
    join_tables,
    read_register,
    refuse_matched_output,
    register_findings,
    resolve_files,
)
from esfkit.data.sources import describe, relocated
from esfkit.engine.explain import Explanation, parse_where, to_json, to_text
from esfkit.engine.explain import explain as explain_rows
from esfkit.engine.population import (
    Period,
    ReportDate,
    period_from_options,
    report_date_from_option,
)
from esfkit.engine.run import evaluate, evaluator_for
from esfkit.errors import EsfkitError, UsageError, data_errors, one_of, say
from esfkit.escape import json_document
from esfkit.files import write_atomically
from esfkit.findings import Finding, summarise
from esfkit.goalfile.declared import declared
from esfkit.goalfile.model import GoalFile
from esfkit.goalfile.parse import parse_goal_file
from esfkit.goalfile.yamlnode import Node, load_file, load_text
from esfkit.i18n import Words, run_lang
from esfkit.indicators import check_included, expand_include
from esfkit.kinds import KINDS
from esfkit.limits import SUPPRESS_LIMIT
from esfkit.messages import plural
from esfkit.render import render_report as render
from esfkit.render.validation import validation_text
from esfkit.report import Report, Status

__all__ = [
    "Explanation",
    "Finding",
    "GoalFile",
    "Participants",
    "Report",
    "check",
    "explain",
    "load_goals",
    "read_participants",
    "render",
    "validate",
]

GoalsSource = GoalFile | str | os.PathLike[str]
PathLike = str | os.PathLike[str]
# A list of paths is one register (several files); None: the goal file's data.files.
DataSource = Participants | pd.DataFrame | PathLike | Sequence[PathLike] | None
FileSource = pd.DataFrame | PathLike | Sequence[PathLike] | None
DateLike = dt.date | str
PeriodLike = str | tuple[DateLike | None, DateLike | None] | Period


# --- the goal file --------------------------------------------------------------------------


def load_goals(source: GoalsSource, *, filename: str = "goals.yml") -> GoalFile:
    """The goal file: a path, or its YAML as a string holding a line break (located as
    ``filename`` in messages); a GoalFile is returned as it is. A GoalFileError, located
    by line and column, when it is wrong."""
    if isinstance(source, GoalFile):
        return source
    if isinstance(source, str) and "\n" in source:
        return parse_goal_file_text(source, filename)
    return load_goal_file(Path(source))


def load_goal_file(path: Path) -> GoalFile:
    """Read and validate the goal file ``path``; a located GoalFileError when it is wrong."""
    return replace(_parsed(load_file(path), path.name), folder=str(path.parent))


def parse_goal_file_text(text: str, filename: str = "goals.yml") -> GoalFile:
    """The goal file whose YAML is ``text``, located as ``filename`` in messages."""
    return _parsed(load_text(text, filename), filename)


def _parsed(root: Node, filename: str) -> GoalFile:
    return parse_goal_file(root, filename, KINDS, expand_include)


# --- the participants -----------------------------------------------------------------------


@dataclass
class Validation:
    """The file as read (several files: the register they make), its column mapping, the
    findings, what the checks read from the cells, and the participants when the data has
    no error (None otherwise)."""

    register: Register
    findings: list[Finding]
    participants: Participants | None
    parsed: Parsed

    @property
    def raw(self) -> RawTable:
        return self.register.raw

    @property
    def columns(self) -> dict[str, str]:
        return self.register.columns

    @property
    def file(self) -> str:
        """The file's name, or the files' in a few words."""
        return describe(self.register.names) or self.raw.path.name

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def read_register_of(
    data: pd.DataFrame | Path | list[Path],
    goal_file: GoalFile,
    sheet: str | int | None = None,
    name: str | None = None,
) -> Register:
    """The files (their sheet ``sheet``, else the goal file's) read as one register, or a
    DataFrame read as the .xlsx it would save to (esfkit.data.frame), named ``name``."""
    settings = goal_file.data if sheet is None else replace(goal_file.data, sheet=sheet)
    if isinstance(data, pd.DataFrame):
        return join_tables([read_frame(data, name or FRAME_NAME, settings.header_row)], settings)
    return read_register([data] if isinstance(data, (str, os.PathLike)) else data, settings)


def validate_file(
    data: pd.DataFrame | Path | list[Path],
    goal_file: GoalFile,
    report_date: dt.date,
    every: bool = True,
    sheet: str | int | None = None,
    name: str | None = None,
) -> Validation:
    """Read the files (or a DataFrame) and find every problem; unreadable files still raise
    DataError. Ids are keyed at ``report_date`` (a ten-digit personnummer's century depends
    on it).

    Without ``every``, the findings are those `check` shows, summarised per kind in its
    header: no re-enrolments, and the overlapping enrolments as one finding holding their
    rows, not one per id (either kind is tens of thousands of ids in a large register).
    """
    register = read_register_of(data, goal_file, sheet, name)
    return validate_register(register, goal_file, report_date, every)


def validate_register(
    register: Register, goal_file: GoalFile, report_date: dt.date, every: bool = True
) -> Validation:
    """:func:`validate_file` of a register already read: the checks, then, when none of
    their findings is an error, the participants cleaned from what they read."""
    parsed = Parsed()
    findings = register_findings(
        register, goal_file.data, declared(goal_file), report_date, every, parsed
    )
    participants = None
    if not any(f.is_error for f in findings):
        participants = _cleaned(register, register.raw, report_date, parsed)
    return Validation(register, findings, participants, parsed)


def _cleaned(
    register: Register, raw: RawTable, report_date: dt.date, parsed: Parsed
) -> Participants:
    """The rows ``raw`` of ``register`` cleaned from what the checks read in them
    (``parsed``); an error names each row with its file."""
    try:
        participants = clean(raw, register.columns, report_date, parsed)
    except EsfkitError as error:
        raise relocated(error, register.names) from None
    participants.files = register.files
    return participants


def load_checked(
    data: pd.DataFrame | Path | list[Path],
    goal_file: GoalFile,
    report_date: dt.date,
    command: str = "check",
    sheet: str | int | None = None,
    name: str | None = None,
) -> Participants:
    """The participants, or a DataError naming the first errors and pointing at validate
    (see :func:`checked_participants`)."""
    if isinstance(data, pd.DataFrame):
        todo = "esfkit.validate(goals, data)"
    else:
        paths = [data] if isinstance(data, Path) else data
        todo = " ".join(["esfkit validate", goal_file.path, *(str(p) for p in paths)])
    register = read_register_of(data, goal_file, sheet, name)
    return checked_participants(register, goal_file, report_date, command, todo)


def checked_participants(
    register: Register, goal_file: GoalFile, report_date: dt.date, command: str, todo: str
) -> Participants:
    """The participants of ``register``, or the DataError that stops ``command``: the first
    errors the checks found, and ``todo``, the command listing them all.

    Warnings are added, one line per kind, to the participants' findings, which the report
    header shows.
    """
    validation = validate_register(register, goal_file, report_date, False)
    if validation.errors or validation.participants is None:
        names = validation.register.names
        raise data_errors(validation.errors, validation.file, todo, command, names)
    participants = validation.participants
    shown = [f for f in summarise(validation.warnings) if f.kind != "re_enrolment"]
    participants.findings = [*shown, *participants.findings]  # re-enrolments: the population's
    return participants


def read_participants(
    data: DataSource,
    goals: GoalsSource,
    *,
    as_of: DateLike | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
    today: dt.date | None = None,
) -> Participants:
    """The participants of a file, of several files read as one register (a list of paths;
    None: the goal file's data.files) or of a pandas DataFrame, checked and cleaned for
    ``goals``.

    A DataFrame is read as the .xlsx ``df.to_excel(path, index=False)`` would be: its column
    names are the header (row 1) and ``df.iloc[i]`` is row ``i + 2`` in findings; ``name``
    stands for the file in messages (default 'DataFrame'). ``sheet`` overrides the goal
    file's ``data.sheet`` for a workbook. Ids are keyed at the report date (``as_of``, by
    default as :func:`check` takes it).
    A DataError names the first errors; :func:`validate` lists them all.
    """
    goal_file = load_goals(goals)
    report_date = _report_date(as_of, None, goal_file, today).day
    return _participants(data, goal_file, report_date, "read_participants", sheet, name)


def _report_date(
    as_of: DateLike | None, period: Period | None, goal_file: GoalFile, today: dt.date | None
) -> ReportDate:
    """``as_of``; by default ``today`` (the clock's unless given), or the period's or the
    project's end when earlier (engine.population.report_date_from_option)."""
    end = goal_file.project.end
    return report_date_from_option(_iso(as_of), period, end, today or dt.date.today())


def data_files(
    goals: GoalsSource,
    data: Sequence[PathLike] | None,
    writes: Sequence[tuple[str, Path]] = (),
) -> list[Path]:
    """The participant files a command reads: those given, else the goal file's data.files
    (the command line keeps its output from overwriting any of them). A GoalFileError when
    a pattern of data.files matches a file the command ``writes`` (option, path)."""
    if data:
        return [Path(p) for p in data]
    goal_file = load_goals(goals)
    for option, path in writes:
        folder = Path(goal_file.folder or ".")
        refuse_matched_output(goal_file.data.files, folder, path, option)
    source = _source(None, goal_file)
    return source if isinstance(source, list) else []


def _source(data: FileSource, goal_file: GoalFile) -> pd.DataFrame | list[Path]:
    """A DataFrame, or the files to read: those given (a path or a list), else the goal
    file's data.files (relative to its folder)."""
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, (str, os.PathLike)):
        return [Path(data)]
    if data:
        paths = list(data)
        if not all(isinstance(p, (str, os.PathLike)) for p in paths):
            raise UsageError(say("api.not_paths"), hint=say("hint.not_paths"))
        return [Path(p) for p in paths]
    if goal_file.data.files:
        return resolve_files(goal_file.data.files, Path(goal_file.folder or "."))
    raise UsageError(say("register.no_file"), hint=say("hint.no_file_command"))


def _participants(
    data: DataSource,
    goal_file: GoalFile,
    report_date: dt.date,
    command: str,
    sheet: str | int | None = None,
    name: str | None = None,
) -> Participants:
    """``data`` read (or, when read already, its ids keyed at ``report_date``)."""
    if isinstance(data, Participants):
        return rekeyed(data, report_date)
    return load_checked(_source(data, goal_file), goal_file, report_date, command, sheet, name)


# --- check ----------------------------------------------------------------------------------


@dataclass
class Checked:
    """What `check` made: the report (with small counts hidden when asked), each goal's
    status before hiding (``--fail-on`` judges the figures, hidden or not), the goal file."""

    report: Report
    statuses: list[Status]
    goal_file: GoalFile
    goal_ids: tuple[str, ...] = field(default=())

    def fails(self, behind: bool = False) -> bool:
        """A goal is not met (with ``behind``: or behind plan): ``--fail-on``."""
        failing = {Status.NOT_MET} | ({Status.BEHIND} if behind else set())
        return any(status in failing for status in self.statuses)


def check(  # noqa: PLR0913  # keyword options, one per command-line option (docs/python.md)
    goals: GoalsSource,
    data: DataSource,
    *,
    as_of: DateLike | None = None,
    period: PeriodLike | None = None,
    goal_ids: Sequence[str] = (),
    suppress_below: int | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
    today: dt.date | None = None,
) -> Report:
    """Evaluate the goals against the participants: the Report every format renders.

    ``as_of`` is the report date (default ``today``, the clock's unless given, or the
    period's last day or the project's end if earlier: the report then says so);
    ``period`` a name ('2022', '2022H1', '2022Q3', '2022-05') or a (first, last) pair of
    dates; ``goal_ids`` only these goals; ``suppress_below`` hides counts from 1 to N-1
    (default: the goal file's report.suppress_below); ``sheet`` and ``name`` as for
    :func:`read_participants`.
    """
    return run_check(
        goals,
        data,
        as_of=as_of,
        period=period,
        goal_ids=goal_ids,
        suppress_below=suppress_below,
        sheet=sheet,
        name=name,
        today=today,
    ).report


def run_check(  # noqa: PLR0913  # keyword options, one per command-line option (docs/python.md)
    goals: GoalsSource,
    data: DataSource,
    *,
    as_of: DateLike | None = None,
    period: PeriodLike | None = None,
    goal_ids: Sequence[str] = (),
    suppress_below: int | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
    reading: Callable[[str], AbstractContextManager[None]] | None = None,
    today: dt.date | None = None,
) -> Checked:
    """:func:`check`, keeping what the command line needs besides the report. ``reading``
    gives a context shown while the participants are read (the command line's spinner)."""
    the_period = _period(period)
    goal_file = load_goals(goals)
    with _in_project_lang(goal_file):
        report_date = _report_date(as_of, the_period, goal_file, today)
        ids = (goal_ids,) if isinstance(goal_ids, str) else tuple(goal_ids)
        _check_threshold(suppress_below)
        with (reading or _quietly)(name or _data_name(data, goal_file)):
            participants = _participants(data, goal_file, report_date.day, "check", sheet, name)
        if goal_file.includes:
            check_included(goal_file.includes, participants)
        report = evaluate(
            goal_file,
            participants,
            report_date.day,
            the_period,
            ids,
            as_of_is_project_end=report_date.project_end,
        )
        statuses = [g.status for g in report.goals]
        for goal_id in ids:
            if goal_file.goal(goal_id) is None:
                raise UsageError(
                    say("usage.no_goal", goal=goal_id),
                    hint=one_of(goal_id, [g.id for g in goal_file.goals]),
                )
        threshold = suppress_below or goal_file.suppress_below
        if threshold:
            from esfkit.suppression import suppress  # imported when asked for: it takes a while

            ev = evaluator_for(report, goal_file, participants)
            report = suppress(report, threshold, ev)
        return Checked(report, statuses, goal_file, ids)


@contextmanager
def _in_project_lang(goal_file: GoalFile) -> Iterator[None]:
    """An error raised while ``goal_file`` is used knows its project.lang: the language the
    command line says it in when no --lang is given."""
    try:
        yield
    except EsfkitError as error:
        error.lang = error.lang or goal_file.project.lang
        raise


def _check_threshold(suppress_below: int | None) -> None:
    """``suppress_below`` as ``--suppress-below`` takes it: a whole number, 2 to the limit."""
    if suppress_below is None:
        return
    whole = isinstance(suppress_below, Integral) and not isinstance(suppress_below, bool)
    if not whole or not 2 <= suppress_below <= SUPPRESS_LIMIT:
        raise UsageError(
            say("usage.suppress_below", value=repr(suppress_below)),
            hint=say("hint.suppress_below_value", limit=SUPPRESS_LIMIT),
        )


@contextmanager
def _quietly(_: str) -> Iterator[None]:
    yield


def _data_name(data: DataSource, goal_file: GoalFile) -> str:
    """What the spinner says is being read."""
    if isinstance(data, Participants):
        return data.file
    if isinstance(data, pd.DataFrame):
        return FRAME_NAME
    if isinstance(data, (str, os.PathLike)):
        return Path(data).name
    names = [Path(p).name for p in data or () if isinstance(p, (str, os.PathLike))]
    return describe(names) if data else "data.files"


def _iso(value: DateLike | None) -> str | None:
    """A date as the command line takes it: a datetime (a pandas Timestamp) is its day."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else value


def _period(period: PeriodLike | None) -> Period | None:
    if period is None or isinstance(period, Period):
        return period
    if isinstance(period, str):
        return period_from_options(period, None, None)
    first, last = period
    return period_from_options(None, _iso(first), _iso(last))


def with_history(
    checked: Checked, history: Path, write: Callable[[Report], None], inputs: tuple[Path, ...]
) -> Report:
    """``check --history``: the report with the changes since the history file's previous
    run, written by ``write`` and recorded in ``history``, with no other run in between."""
    from esfkit import history as recorded  # imported when asked for, as suppression is

    with _in_project_lang(checked.goal_file), recorded.locked(history):
        earlier = recorded.read_history(history, project=checked.report.project)
        definitions = recorded.definitions(checked.goal_file)
        report = recorded.attach(checked.report, earlier, definitions)
        write(report)
        rows = recorded.record(earlier, report, definitions, whole_run=not checked.goal_ids)
        write_atomically(history, recorded.history_text(rows), inputs=inputs, option="--history")
    return report


# --- validate and explain -------------------------------------------------------------------


def validate(
    goals: GoalsSource,
    data: DataSource,
    *,
    as_of: DateLike | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Every finding about the participants, errors first as ``esfkit validate`` lists them:
    the cells' problems and the report's own (who starts after the report date, exits
    without an outcome ...), counted on the rows without an error while there are errors.
    Each finding has ``kind``, ``is_error``, ``rows`` (as :func:`read_participants` numbers
    them), ``column`` and ``message``."""
    goal_file = load_goals(goals)
    report_date = _report_date(as_of, None, goal_file, today).day
    if isinstance(data, Participants):
        participants = rekeyed(data, report_date)
        findings = list(participants.findings)
        more = _population_findings(goal_file, participants, report_date)
    else:
        source = _source(data, goal_file)
        validation = validate_file(source, goal_file, report_date, True, sheet, name)
        findings = validation.findings
        more, _ = _report_findings(validation, goal_file, report_date)
    return sorted([*findings, *(f for f, _ in more)], key=lambda f: not f.is_error)


def _population_findings(
    goal_file: GoalFile, participants: Participants | None, as_of: dt.date, w: Words | None = None
) -> list[tuple[Finding, str]]:
    """The report's findings about who is counted, each with its sentence."""
    if participants is None:
        return []
    if goal_file.includes:
        check_included(goal_file.includes, participants)
    report = evaluate(goal_file, participants, as_of)
    w = w or Words("en")
    return [
        (f, w(f"finding.{f.kind}", n=w.integer(f.size), **f.params))
        for f in report.findings
        # listed person by person as re_enrolment and municipality_move
        if f.kind not in ("re_enrolments", "municipality_moves")
    ]


def validation_report(
    goals: GoalsSource,
    data: FileSource,
    as_of: DateLike | None = None,
    *,
    reading: Callable[[str], AbstractContextManager[None]] | None = None,
    all_rows: bool = False,
    today: dt.date | None = None,
    lang: str | None = None,
) -> tuple[str, int, int]:
    """`esfkit validate`: every finding at once, the data's and the report's own (who is
    outside the report date, exits without an outcome ...), the latter counted on the rows
    without an error while the data has errors. The text (each finding's rows folded unless
    ``all_rows``), and the error and warning counts. ``lang``: default project.lang, else
    Swedish."""
    goal_file = load_goals(goals)
    w = Words(run_lang(lang, goal_file.project.lang))
    with _in_project_lang(goal_file):
        report_date = _report_date(as_of, None, goal_file, today)
        day = report_date.day
        with (reading or _quietly)(_data_name(data, goal_file)):
            validation = validate_file(_source(data, goal_file), goal_file, day)
            more, note = _report_findings(validation, goal_file, day, w)
        register = validation.register
        files = tuple((f.name, f.rows) for f in register.files) if register.names else ()
        rows = len(validation.raw.frame)
        text, errors, warnings = validation_text(
            validation.file, validation.findings, more, rows, note, all_rows, files, w.labels
        )
        if report_date.project_end:
            text = w("validate.project_end", day=day.isoformat()) + "\n" + text
        return text, errors, warnings


def _report_findings(
    validation: Validation, goal_file: GoalFile, as_of: dt.date, w: Words | None = None
) -> tuple[list[tuple[Finding, str]], str | None]:
    """The report's own findings, each with its sentence in the language of ``w`` (English:
    None), counted on the rows without an error while the data has errors; and the sentence
    saying so (or why they are left out)."""
    w = w or Words("en")
    participants, note = validation.participants, None
    if participants is None:
        participants, note = _rows_without_errors(validation, goal_file, as_of, w)
    try:
        return _population_findings(goal_file, participants, as_of, w), note
    except EsfkitError as error:
        if validation.participants is not None:
            raise  # the data is clean: the goal file is what is wrong
        return [], _left_out(error, w)


def _rows_without_errors(
    validation: Validation, goal_file: GoalFile, as_of: dt.date, w: Words
) -> tuple[Participants | None, str | None]:
    """The participants on the rows no error names, and the sentence saying so; None when
    no row is left or those rows cannot be read either."""
    raw = validation.raw
    bad = {row for f in validation.errors for row in f.rows}
    keep = ~np.isin(np.asarray(raw.row_numbers), sorted(bad))
    if not keep.any():
        return None, None
    rows = replace(
        raw,
        frame=raw.frame[keep].reset_index(drop=True),
        row_numbers=np.asarray(raw.row_numbers)[keep],
    )
    try:
        participants = _cleaned(validation.register, rows, as_of, validation.parsed.take(keep))
    except EsfkitError as error:
        return None, _left_out(error, w)
    shown = plural(w.labels, "word.rows_count", int(keep.sum()))
    return participants, w("validate.without_errors", rows=shown)


def _left_out(error: EsfkitError, w: Words) -> str:
    """Why the report's own findings are missing while the data has errors."""
    return w("validate.left_out", reason=error.text(w.labels))


def explain(  # noqa: PLR0913  # keyword options, one per command-line option (docs/python.md)
    goals: GoalsSource,
    data: DataSource,
    goal_id: str,
    *,
    where: str | dict[str, str] | None = None,
    as_of: DateLike | None = None,
    period: PeriodLike | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
    today: dt.date | None = None,
) -> Explanation:
    """The rows behind goal ``goal_id``'s figure, by row number: numerator, denominator,
    excluded by scope, outside the report, unknown values. ``where`` picks one cell:
    {'municipality': 'Piteå', 'gender': 'women'} or 'municipality=Piteå,gender=women'.
    ``as_of``, ``period``, ``sheet`` and ``name`` as for :func:`check`."""
    the_period = _period(period)
    chosen = parse_where(where) if where is None or isinstance(where, str) else dict(where)
    goal_file = load_goals(goals)
    with _in_project_lang(goal_file):
        report_date = _report_date(as_of, the_period, goal_file, today)
        participants = _participants(data, goal_file, report_date.day, "explain", sheet, name)
        found = explain_rows(
            goal_file,
            participants,
            goal_id,
            report_date.day,
            the_period,
            chosen,
            as_of_is_project_end=report_date.project_end,
        )
        return replace(found, lang=goal_file.project.lang)


def explanation_text(found: Explanation, as_json: bool = False, lang: str | None = None) -> str:
    """`esfkit explain`'s output: the rows as text (in ``lang``, else the goal file's
    project.lang, else Swedish), or as a JSON document."""
    if as_json:
        return json_document(to_json(found)) + "\n"
    return to_text(found, run_lang(lang, found.lang))


def period_option(period: str | None, first: str | None, last: str | None) -> Period | None:
    """The period of ``--period``, or of ``--from`` and ``--to``; None: no period."""
    return period_from_options(period, first, last)
