"""A participant file read, mapped and cleaned: one row per enrolment, esfkit's fields typed.

Canonical columns carry a leading underscore (``_gender``, ``_start`` ...) beside the user's
own columns, which stay as text under their headers for filters to use.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from esfkit.data.columns import map_columns
from esfkit.data.genders import map_genders
from esfkit.data.municipalities import name_for_code
from esfkit.data.personnummer import read_ids
from esfkit.data.read import RawTable, read_table
from esfkit.data.settings import DataSettings, Declared
from esfkit.data.sources import SourceFile, describe, relocated
from esfkit.data.table import Distinct, text_series
from esfkit.data.values import parse_dates
from esfkit.errors import DataError, DataLocation, EsfkitError, did_you_mean, say
from esfkit.findings import Finding
from esfkit.text import key as text_key

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


def load_participants(
    path: Path, settings: DataSettings, declared: Declared, report_date: dt.date
) -> Participants:
    """Read, map and clean ``path`` without the checks (esfkit.data.checks) run first."""
    raw = read_table(path, settings.sheet)
    columns = map_columns(raw.headers, settings.columns, path.name)
    return clean(raw, columns, settings, declared, report_date)


def clean(
    raw: RawTable,
    columns: dict[str, str],
    settings: DataSettings,
    declared: Declared,
    report_date: dt.date,
    parsed: Mapping[str, pd.Series] | None = None,
) -> Participants:
    """The canonical frame; ids are person keys at ``report_date`` (the century of a
    ten-digit personnummer depends on it). ``parsed`` holds canonical columns (``_id``,
    ``_start`` ...) already computed from these cells by the validation pass, which found
    them without error: they are taken as they are, not parsed a second time."""
    file = raw.path.name
    parsed = parsed or {}
    rows = np.asarray(raw.row_numbers)
    source = raw.frame
    findings: list[Finding] = []
    frame = source.copy(deep=False)  # only columns are added; the cells are shared
    for name in CANONICAL:
        if name in frame.columns:
            raise DataError(
                say("participants.reserved", name=name), where=DataLocation(file, column=name)
            )

    def text(field_name: str) -> Distinct:
        header = columns.get(field_name)
        if header is None:
            return Distinct(np.zeros(len(source), dtype=np.intp), np.array([""], dtype=object))
        coded = raw.codes(header)
        return Distinct(coded.codes, np.array([_strip(u) for u in coded.values], dtype=object))

    def dates(field_name: str) -> pd.Series:
        header = columns.get(field_name)
        if header is None:
            return pd.Series(pd.NaT, index=source.index, dtype="datetime64[ns]")
        if CANONICAL_DATES[field_name] in parsed:
            return parsed[CANONICAL_DATES[field_name]]
        return parse_dates(source[header], header, rows, file, raw.codes(header))

    frame["_row"] = rows
    persons = None
    if "id" in columns and "_id" in parsed and "_person" in parsed:
        frame["_id"], persons = parsed["_id"], parsed["_person"].to_numpy()
    elif "id" in columns:
        ids = read_ids(source[columns["id"]], report_date, raw.codes(columns["id"]))
        frame["_id"], persons = ids.keys, ids.persons
    else:
        frame["_id"] = ""
    if "gender" in columns:
        header = columns["gender"]
        frame["_gender"] = map_genders(
            source[header], settings.genders, header, rows, file, raw.codes(header)
        )
    else:
        blank = text("gender")
        cells = pd.Series(blank.values[blank.codes], index=source.index, dtype=object)
        frame["_gender"] = map_genders(cells, {}, "gender", rows, file, blank)
        findings.append(Finding("no_gender_column", count=len(source)))
    places = _municipalities(
        text("municipality"), declared.municipalities, columns.get("municipality"), rows, file
    )
    frame["_municipality"] = text_series(places.values[places.codes], source.index)
    frame["_start"] = dates("start")
    frame["_end"] = dates("end")
    frame["_birth"] = dates("birth_date")
    exits = text("exit")
    frame["_exit"] = text_series(exits.values[exits.codes], source.index)
    _check_order(frame, columns, file)
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
    )


def _strip(value: str) -> str:
    return " ".join(value.split())


def _municipalities(
    coded: Distinct,
    declared: tuple[str, ...] | None,
    header: str | None,
    rows: np.ndarray,
    file: str,
) -> Distinct:
    """Display names (as codes into them, None for blank): the declared spelling when declared, else the most common spelling
    (as typed: an output shows its odd characters escaped); spellings with one key are one
    name. ``declared``: project.municipalities."""
    # Work on the distinct spellings (in order of first appearance) and spread the result.
    codes = coded.codes
    uniques = np.array([name_for_code(u) or u for u in coded.values], dtype=object)  # 2380
    keys = [text_key(value) for value in uniques]
    if declared is not None:
        lookup = {text_key(name): name for name in declared}
        bad = np.array([key != "" and key not in lookup for key in keys], dtype=bool)[codes]
        if bad.any():
            first = coded.values[codes[np.argmax(bad)]]
            suggestion = did_you_mean(first, declared)
            n, known = int(bad.sum()), ", ".join(declared)
            raise DataError(
                say("participants.undeclared_more", value=first, n=n)
                if n > 1
                else say("finding.undeclared_municipality.message", value=first),
                where=DataLocation(file, tuple(int(r) for r in rows[bad]), header),
                hint=say(
                    "finding.undeclared_municipality.todo_suggest",
                    suggestion=suggestion,
                    declared=known,
                )
                if suggestion
                else say("finding.undeclared_municipality.todo", declared=known),
            )
    else:
        counts = np.bincount(codes, minlength=len(uniques))
        spellings: dict[str, Counter] = {}
        for key, value, count in zip(keys, uniques, counts.tolist(), strict=True):
            if key:
                spellings.setdefault(key, Counter())[value] += count
        lookup = {key: counter.most_common(1)[0][0] for key, counter in spellings.items()}
    names = np.array([lookup.get(key) if key else None for key in keys], dtype=object)
    return Distinct(codes, names)


def _check_order(frame: pd.DataFrame, columns: dict[str, str], file: str) -> None:
    bad = (frame["_end"] < frame["_start"]).to_numpy()
    if bad.any():
        first = frame.loc[bad].iloc[0]
        n, end, start = int(bad.sum()), f"{first['_end']:%Y-%m-%d}", f"{first['_start']:%Y-%m-%d}"
        raise DataError(
            say("participants.exit_before_start_more", end=end, start=start, n=n)
            if n > 1
            else say("finding.exit_before_start.message", end=end, start=start),
            where=DataLocation(
                file, tuple(int(r) for r in frame.loc[bad, "_row"]), columns.get("end")
            ),
            hint=say("finding.exit_before_start.todo"),
        )
