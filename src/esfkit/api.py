"""esfkit as a library: the use cases the command line runs, callable from Python.

The command line (esfkit.cli) parses options and calls these; a notebook can call them too.
This module is where the layers below meet: here the goal-file parser is given the goal
kinds and the indicator libraries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from esfkit.data.checks import inspect
from esfkit.data.columns import map_columns
from esfkit.data.participants import Participants, clean
from esfkit.data.read import RawTable, read_table
from esfkit.engine.run import evaluate
from esfkit.errors import EsfkitError
from esfkit.findings import Finding, summarise
from esfkit.goalfile.declared import declared
from esfkit.goalfile.model import GoalFile
from esfkit.goalfile.parse import parse_goal_file
from esfkit.goalfile.yamlnode import Node, load_file, load_text
from esfkit.i18n import Words
from esfkit.indicators import check_included, expand_include
from esfkit.kinds import KINDS
from esfkit.render.validation import data_errors, validation_text


def load_goal_file(path: Path) -> GoalFile:
    """Read and validate the goal file ``path``; a located GoalFileError when it is wrong."""
    return _parsed(load_file(path), path.name)


def parse_goal_file_text(text: str, filename: str = "goals.yml") -> GoalFile:
    """The goal file whose YAML is ``text``, located as ``filename`` in messages."""
    return _parsed(load_text(text, filename), filename)


def _parsed(root: Node, filename: str) -> GoalFile:
    return parse_goal_file(root, filename, KINDS, expand_include)


@dataclass
class Validation:
    """The file as read, its column mapping, the findings, and the participants when the
    data has no error (None otherwise)."""

    raw: RawTable
    columns: dict[str, str]
    findings: list[Finding]
    participants: Participants | None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def validate_file(
    path: Path, goal_file: GoalFile, report_date: dt.date, every: bool = True
) -> Validation:
    """Read ``path`` and find every problem; unreadable files still raise DataError. Ids
    are keyed at ``report_date`` (a ten-digit personnummer's century depends on it).

    Without ``every``, the findings are those `check` shows, summarised per kind in its
    header: no re-enrolments, and the overlapping enrolments as one finding holding their
    rows, not one per id (either kind is tens of thousands of ids in a large register).
    """
    settings, values = goal_file.data, declared(goal_file)
    raw = read_table(path, settings.sheet, settings.header_row)
    columns = map_columns(raw.headers, settings.columns, raw.path.name)
    parsed: dict[str, pd.Series] = {}
    findings = inspect(raw, columns, settings, values, report_date, every, parsed)
    participants = None
    if not any(f.is_error for f in findings):
        participants = clean(raw, columns, settings, values, report_date, parsed)
    return Validation(raw, columns, findings, participants)


def load_checked(
    path: Path, goal_file: GoalFile, report_date: dt.date, command: str = "check"
) -> Participants:
    """The participants, or a DataError naming the first errors and pointing at validate.

    Warnings are added, one line per kind, to the participants' findings, which the report
    header shows.
    """
    validation = validate_file(path, goal_file, report_date, every=False)
    if validation.errors or validation.participants is None:
        raise data_errors(
            validation.errors, path.name, f"esfkit validate {goal_file.path} {path}", command
        )
    participants = validation.participants
    shown = [f for f in summarise(validation.warnings) if f.kind != "re_enrolment"]
    participants.findings = [*shown, *participants.findings]  # re-enrolments: the population's
    return participants


def validation_report(
    goal_file: GoalFile, path: Path, as_of: dt.date, all_rows: bool = False
) -> tuple[str, int, int]:
    """Every finding at once: the data's, and the report's own (who is outside the report
    date, exits without an outcome ...), the latter counted on the rows without an error
    while the data has errors. The text (each finding's rows folded unless ``all_rows``),
    and the error and warning counts.
    """
    validation = validate_file(path, goal_file, as_of)
    participants, more, note = validation.participants, [], None
    if participants is None:
        participants, note = _rows_without_errors(validation, goal_file, as_of)
    if participants is not None:
        try:
            more = _population_findings(goal_file, participants, as_of)
        except EsfkitError as error:
            if validation.participants is not None:
                raise  # the data is clean: the goal file is what is wrong
            note = _left_out(error)
    file = validation.raw.path.name
    rows = len(validation.raw.frame)
    return validation_text(file, validation.findings, more, rows, note, all_rows)


def _population_findings(
    goal_file: GoalFile, participants: Participants, as_of: dt.date
) -> list[tuple[Finding, str]]:
    """The report's findings about its population, each with its sentence."""
    if goal_file.includes:
        check_included(goal_file.includes, participants)
    report = evaluate(goal_file, participants, as_of)
    w = Words("en")
    return [
        (f, w(f"finding.{f.kind}", n=w.integer(f.size), **f.params))
        for f in report.findings
        if f.kind != "re_enrolments"  # listed person by person as re_enrolment
    ]


def _rows_without_errors(
    validation: Validation, goal_file: GoalFile, as_of: dt.date
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
        participants = clean(rows, validation.columns, goal_file.data, declared(goal_file), as_of)
    except EsfkitError as error:
        return None, _left_out(error)
    shown = "1 row" if keep.sum() == 1 else f"{int(keep.sum())} rows"
    return participants, f"the report's own findings count the {shown} without an error"


def _left_out(error: EsfkitError) -> str:
    """Why the report's own findings are missing while the data has errors."""
    where = f"{error.where}: " if error.where else ""
    return f"the report's own findings are left out until the errors are corrected: {where}{error.message}"
