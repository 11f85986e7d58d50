"""A participant file read, mapped and cleaned: one row per enrolment, esfkit's fields typed.

Canonical columns carry a leading underscore (``_gender``, ``_start`` ...) beside the user's
own columns, which stay as text under their headers for filters to use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from esfkit.data.genders import GENDERS, gender_series
from esfkit.data.personnummer import read_ids
from esfkit.data.read import RawTable
from esfkit.data.sources import SourceFile, describe, relocated
from esfkit.data.table import Distinct, text_series
from esfkit.errors import DataError, DataLocation, EsfkitError, say
from esfkit.findings import Finding

CANONICAL = ("_row", "_id", "_gender", "_municipality", "_start", "_end", "_birth", "_exit")
CANONICAL_DATES = {"start": "_start", "end": "_end", "birth_date": "_birth"}  # field -> column


@dataclass
class Participants:
    path: Path
    sha256: str
    sheet: str | None
    frame: pd.DataFrame
    columns: dict[str, str]  # field -> header
    headers: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    keyed_at: dt.date | None = None  # the report date the ids were keyed at (``_id``)
    # Per row an integer, equal for rows of one id key (None without an id column), and the
    # user's columns (by header) and ``_municipality`` and ``_exit`` as codes into their
    # distinct values: the engine groups and filters on these instead of hashing the texts
    # again.
    persons: np.ndarray | None = None
    distinct: dict[str, Distinct] = field(default_factory=dict)
    # The files read as one register (esfkit.data.register), in order; ``_row`` then holds
    # row keys (esfkit.errors.row_key). One file: its name, sha256, rows and sheet.
    files: tuple[SourceFile, ...] = ()

    def __post_init__(self) -> None:
        if not self.files:
            self.files = (SourceFile(self.path.name, self.sha256, len(self.frame), self.sheet),)

    @property
    def file(self) -> str:
        """The file's name; for several files, all of them in a few words."""
        return describe(self.names) if self.names else self.path.name

    @property
    def names(self) -> tuple[str, ...]:
        """The files' names when there are several (their rows are row keys), else ()."""
        return tuple(f.name for f in self.files) if len(self.files) > 1 else ()

    def where(self, rows: tuple[int, ...] = (), column: str | None = None) -> DataLocation:
        """Rows (``_row`` values) and a column of the participants, each row with its file."""
        return DataLocation(self.file, rows, column, self.names)

    def relocated(self, error: EsfkitError) -> EsfkitError:
        """``error``, raised on these participants' rows, with each row shown with its file."""
        return relocated(error, self.names)

    @property
    def rows(self) -> int:
        return len(self.frame)

    def header_for(self, name: str) -> str | None:
        """The user's header matching ``name`` without regard to case or surrounding spaces."""
        wanted = name.strip().casefold()
        return next((h for h in self.headers if h.casefold() == wanted), None)


def rekeyed(participants: Participants, report_date: dt.date) -> Participants:
    """The participants with their ids keyed at ``report_date``: a ten-digit personnummer's
    century depends on it. The same object when they already are."""
    header = participants.columns.get("id")
    if header is None or participants.keyed_at == report_date:
        return participants
    frame = participants.frame.copy(deep=False)
    ids = read_ids(frame[header], report_date)
    frame["_id"] = ids.keys
    return replace(participants, frame=frame, keyed_at=report_date, persons=ids.persons)


class Parsed(dict[str, pd.Series]):
    """What the checks (esfkit.data.checks.inspect) read from the cells, which `clean`
    takes as it is: the canonical columns by name (``_id``, ``_person``, ``_gender``,
    ``_start``, ``_end``, ``_birth``) and the municipalities' display names (``places``).
    ``rows``: how many rows they were read from (None: the checks have not run)."""

    places: Distinct | None = None
    rows: int | None = None

    def take(self, keep: np.ndarray) -> Parsed:
        """The same for the rows where ``keep`` holds (a mask), numbered from 0."""
        taken = Parsed({name: s[keep].reset_index(drop=True) for name, s in self.items()})
        taken.places = self.places.take(keep) if self.places is not None else None
        taken.rows = int(np.count_nonzero(keep))
        return taken


def clean(
    raw: RawTable,
    columns: dict[str, str],
    report_date: dt.date,
    parsed: Parsed,
) -> Participants:
    """The canonical frame, from what the checks read in ``raw`` (``parsed``): a value they
    found wrong is their error, said before cleaning, so nothing here judges a cell again.
    The checks keyed the ids at ``report_date`` (the century of a ten-digit personnummer
    depends on it)."""
    file = raw.path.name
    if parsed.rows != len(raw.frame):
        raise RuntimeError("clean: the checks have not read these rows")
    rows = np.asarray(raw.row_numbers)
    source = raw.frame
    findings: list[Finding] = []
    frame = source.copy(deep=False)  # only columns are added; the cells are shared
    for name in CANONICAL:
        if name in frame.columns:
            raise DataError(
                say("participants.reserved", name=name), where=DataLocation(file, column=name)
            )

    def dates(field_name: str) -> pd.Series:
        if field_name not in columns:
            return pd.Series(pd.NaT, index=source.index, dtype="datetime64[ns]")
        return parsed[CANONICAL_DATES[field_name]]

    frame["_row"] = rows
    persons = None
    if "id" in columns:  # keyed by the checks, at report_date
        frame["_id"], persons = parsed["_id"], parsed["_person"].to_numpy()
    else:
        frame["_id"] = ""
    if "gender" in columns:
        frame["_gender"] = parsed["_gender"]
    else:
        unknown = np.full(len(source), GENDERS.index("unknown"), dtype=np.int8)
        frame["_gender"] = gender_series(unknown, source.index)
        findings.append(Finding("no_gender_column", count=len(source)))
    places = parsed.places
    if places is None:  # no municipality column
        places = Distinct(np.zeros(len(source), dtype=np.intp), np.array([None], dtype=object))
    frame["_municipality"] = text_series(places.values[places.codes], source.index)
    frame["_start"] = dates("start")
    frame["_end"] = dates("end")
    frame["_birth"] = dates("birth_date")
    exits = _texts(raw, columns.get("exit"))
    frame["_exit"] = text_series(exits.values[exits.codes], source.index)
    if "id" not in columns:
        findings.append(Finding("no_id_column", count=len(source)))
    distinct = {header: raw.codes(header) for header in raw.headers}
    distinct |= {"_municipality": places, "_exit": exits}
    return Participants(
        raw.path,
        raw.sha256,
        raw.sheet,
        frame,
        columns,
        raw.headers,
        findings,
        persons=persons,
        distinct=distinct,
        keyed_at=report_date,
    )


def _texts(raw: RawTable, header: str | None) -> Distinct:
    """The column ``header``, each distinct cell with its spaces tidied ('' without one)."""
    if header is None:
        return Distinct(np.zeros(len(raw.frame), dtype=np.intp), np.array([""], dtype=object))
    coded = raw.codes(header)
    return Distinct(coded.codes, np.array([_strip(u) for u in coded.values], dtype=object))


def _strip(value: str) -> str:
    return " ".join(value.split())
