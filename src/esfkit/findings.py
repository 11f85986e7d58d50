"""Things worth saying about the data: one model for `validate`, `check` and the report header.

A finding names its kind (a stable code the renderers translate as ``finding.<kind>``), its
severity, the rows it concerns as the user numbers them (Excel row counting the header, or
CSV line), the column, the value as typed (masked when it is personal), a message and what
to do. An error stops `check`; a warning is summarised in the report header, so the minutes
show it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol


class Sentence(Protocol):
    """A sentence in every language (esfkit.errors.Said)."""

    def text(self, labels: Mapping[str, str] | None = None) -> str: ...


ERROR = "error"
WARNING = "warning"

# Every kind, its severity and what it means; docs and tests read this table.
KINDS: dict[str, tuple[str, str]] = {
    # values that cannot be read: the report would be wrong, so `check` stops
    "no_rows": (ERROR, "a header with no participant rows under it"),
    "gender_code": (ERROR, "a gender value esfkit does not know"),
    "bad_date": (ERROR, "a date that cannot be read, or an impossible date"),
    "ambiguous_date": (ERROR, "a date such as 3/1/2021 that reads day first or month first"),
    "formula_without_value": (
        ERROR,
        "a formula with no saved value (the file was never opened in Excel): it reads blank",
    ),
    "exit_before_start": (ERROR, "an exit date before the start date"),
    "undeclared_municipality": (ERROR, "a municipality not in project.municipalities"),
    "total_row": (
        ERROR,
        "a sum or subtotal row ('Summa', 'Totalt', 'Summa Berg') among the participants",
    ),
    "note_row": (ERROR, "a line of notes below the participants, which would count as one"),
    "error_value": (ERROR, "an Excel error value (#N/A, #REF! ...) where a value should be"),
    "detached_rows": (
        ERROR,
        "rows far below the table, cut off from it by a long run of empty rows",
    ),
    "mixed_encoding": (
        WARNING,
        "a CSV file with lines in UTF-8 and lines in Windows-1252, each read in its own",
    ),
    "merged_cells": (
        ERROR,
        "cells merged over several rows or columns: only the first holds the value shown",
    ),
    "rounded_id": (
        ERROR,
        "an id Excel shows rounded (1,98501E+11): its last digits are lost, persons may merge",
    ),
    "lookalike_characters": (
        ERROR,
        "a value that looks like a declared one but has a letter of another alphabet",
    ),
    "duplicate_row": (
        WARNING,
        "the same row twice (a paste twice); an error with unit: enrolment, which counts both",
    ),
    # worth a look: the report is produced and says so in its header
    "invisible_characters": (
        WARNING,
        "a declared value with invisible or compatibility characters, counted as declared",
    ),
    "municipality_spelling": (WARNING, "a municipality close to an official name, not merged"),
    "not_a_municipality": (WARNING, "a value that is neither a municipality name nor a code"),
    "total_row_skipped": (WARNING, "sum rows skipped as data.skip_total_rows says, not counted"),
    "invalid_personnummer": (WARNING, "a personnummer with a wrong check digit or date"),
    "missing_id": (WARNING, "a row without a participant id, counted as a person of its own"),
    "re_enrolment": (WARNING, "one id on several rows with separate periods"),
    "municipality_move": (
        WARNING,
        "one id enrolled in several municipalities: counted in that of the latest enrolment",
    ),
    "overlapping_enrolments": (WARNING, "one id enrolled twice at the same time"),
    # from the population: counted and shown, never dropped without a word
    "starts_after_report_date": (WARNING, "enrolments starting after the report date"),
    "outside_period": (WARNING, "enrolments not active during the period"),
    "no_start_date": (WARNING, "rows without a start date"),
    "re_enrolments": (WARNING, "re-enrolled persons, counted once"),
    "municipality_moves": (
        WARNING,
        "persons enrolled in several municipalities, counted in that of the latest enrolment",
    ),
    "outcome_without_date": (WARNING, "an exit outcome without an exit date"),
    "no_outcome": (WARNING, "exited without an exit outcome"),
    "unknown_gender": (WARNING, "no gender recorded"),
    "unknown_municipality": (WARNING, "no municipality recorded"),
    "uncompared": (
        WARNING,
        "a blank on either side of a goal's column comparison: it matches neither way",
    ),
    "no_id_column": (WARNING, "no participant id column"),
    "no_gender_column": (WARNING, "no gender column"),
    "no_municipality_column": (WARNING, "no municipality column"),
}

# Rows that are no one (sum rows): their count says nothing about a person, so suppression
# never hides it, and the note lists the rows.
NO_ONE = frozenset({"total_row_skipped"})


@dataclass(frozen=True)
class Finding:
    kind: str
    rows: tuple[int, ...] = ()
    column: str | None = None
    count: int | None = None
    params: dict[str, str] = field(default_factory=dict)
    severity: str = WARNING
    value: str | None = None  # as typed; masked when it is a personnummer
    message: str | None = None  # English, for `validate`; the header uses finding.<kind>
    todo: str | None = None  # what to do about it
    said: Sentence | None = None  # the message in every language, where it is translated
    todo_said: Sentence | None = None

    def text(self, labels: Mapping[str, str]) -> str:
        """The message in the language of ``labels`` (English where not translated)."""
        return self.said.text(labels) if self.said else self.message or ""

    def todo_text(self, labels: Mapping[str, str]) -> str | None:
        """What to do, in the language of ``labels`` (English where not translated)."""
        return self.todo_said.text(labels) if self.todo_said else self.todo

    @property
    def size(self) -> int:
        return self.count if self.count is not None else len(self.rows)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def summarise(findings: list[Finding]) -> list[Finding]:
    """One finding per kind, its rows joined: what a report header shows. A note that lists
    its rows (``params["rows"]``, one per file of a register) lists them all."""
    first: dict[str, Finding] = {}
    rows: dict[str, set[int]] = {}
    listed: dict[str, list[str]] = {}
    for finding in findings:
        first.setdefault(finding.kind, finding)
        rows.setdefault(finding.kind, set()).update(finding.rows)
        if "rows" in finding.params:
            listed.setdefault(finding.kind, []).append(finding.params["rows"])
    return [
        replace(
            f,
            rows=tuple(sorted(rows[kind])),
            count=None,
            value=None,
            message=None,
            todo=None,
            said=None,
            todo_said=None,
            params={**f.params, "rows": "; ".join(listed[kind])} if kind in listed else f.params,
        )
        for kind, f in first.items()
    ]
