"""Several participant files read as one register (one workbook per municipality).

A layer above the single-file reader (read.py): each file is read, its header found and
mapped on its own (``data.columns`` applies to every file), and the tables are joined into
one :class:`~esfkit.data.read.RawTable` whose rows are numbered by row key
(:func:`esfkit.errors.row_key`: the file's place in the list and its row), so that every
finding, error and row list names the file with the row (``kiruna.xlsx, row 14``) through
the one formatter, :func:`esfkit.errors.format_rows`.

The checks of one file's cells and layout run per file; those comparing rows with each
other (the same row twice, one person on several rows) run on the joined register, so the
same person in two files is one person. A file read by itself is read as before.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import glob
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from esfkit.data.checks import inspect, total_rows
from esfkit.data.columns import header_key, map_columns
from esfkit.data.participants import Parsed
from esfkit.data.read import RawTable, read_table
from esfkit.data.settings import DataSettings, Declared, FilePattern
from esfkit.data.sources import SourceFile, data_digest, describe
from esfkit.errors import (
    DataError,
    DataLocation,
    GoalFileError,
    Said,
    did_you_mean,
    format_rows,
    row_key,
    say,
    with_files,
)
from esfkit.files import real_path
from esfkit.findings import Finding
from esfkit.limits import DATA_FILES, EXCEL_ROWS, spaced

Reader = Callable[[Path, "str | int | None", "int | None"], RawTable]
# The checks that compare rows with each other: run on the joined register, not per file.
ACROSS_FILES = frozenset(
    {"duplicate_row", "re_enrolment", "overlapping_enrolments", "municipality_move"}
)


@dataclass(frozen=True)
class Register:
    """The files read, each with its column mapping (field -> its own header), and the
    register they make: one table under the first file's headers, rows by row key."""

    tables: tuple[RawTable, ...]
    mappings: tuple[dict[str, str], ...]
    raw: RawTable
    columns: dict[str, str]
    # What each file's sum rows made (esfkit.data.checks.total_rows: the rows taken out of
    # the tables above, an error each or one note of the rows skipped), rows as row keys.
    sums: tuple[Finding, ...] = ()

    @property
    def files(self) -> tuple[SourceFile, ...]:
        return tuple(SourceFile(t.path.name, t.sha256, len(t.frame), t.sheet) for t in self.tables)

    @property
    def names(self) -> tuple[str, ...]:
        """The file names, or () for a single file (whose rows are its own numbers)."""
        return tuple(t.path.name for t in self.tables) if len(self.tables) > 1 else ()


def read_register(
    paths: Sequence[Path], settings: DataSettings, read: Reader = read_table
) -> Register:
    """Read ``paths`` (each by ``read(path, sheet, header_row)``) and join them: a located
    DataError for a file given twice, the same bytes under two names, too many files."""
    paths = [Path(p) for p in paths]
    _check_count(paths)
    tables: list[RawTable] = []
    for path in paths:
        table = read(path, settings.sheet, settings.header_row)
        _check_new(table, tables)
        tables.append(table)
    return join_tables(tables, settings)


def join_tables(tables: Sequence[RawTable], settings: DataSettings) -> Register:
    """The tables' columns mapped each on its own, and joined when there are several: a
    located DataError for too many rows together, or a file whose header cannot be matched
    with the first file's."""
    mappings = [map_columns(t.headers, settings.columns, t.path.name) for t in tables]
    tables, sums = _without_sums(tables, mappings, settings)
    if len(tables) == 1:
        return Register(tuple(tables), tuple(mappings), tables[0], mappings[0], sums)
    total = sum(len(t.frame) for t in tables)
    if total > EXCEL_ROWS:
        raise DataError(
            say(
                "register.too_many_rows",
                n=len(tables),
                total=spaced(total),
                limit=spaced(EXCEL_ROWS),
            ),
            where=DataLocation(describe([t.path.name for t in tables])),
            hint=say("hint.fewer_files"),
        )
    first = tables[0]
    renames = [_renames(first, mappings[0], t, m) for t, m in zip(tables, mappings, strict=True)]
    joined = _joined(tables, renames)
    return Register(tuple(tables), tuple(mappings), joined, mappings[0], sums)


def _without_sums(
    tables: Sequence[RawTable], mappings: list[dict[str, str]], settings: DataSettings
) -> tuple[list[RawTable], tuple[Finding, ...]]:
    """Each table without its sum rows, and what is said of them, rows as row keys; with
    several files, a note's list of rows names its file."""
    kept: list[RawTable] = []
    sums: list[Finding] = []
    for index, (table, mapping) in enumerate(zip(tables, mappings, strict=True)):
        table, found = total_rows(table, mapping, settings.skip_total_rows)
        kept.append(table)
        for finding in found:
            params = dict(finding.params)
            if "rows" in params and len(tables) > 1:
                params["rows"] = f"{table.path.name}: {params['rows']}"
            keys = tuple(row_key(index, r) for r in finding.rows)
            sums.append(replace(finding, rows=keys, params=params))
    return kept, tuple(sums)


def resolve_files(patterns: Sequence[FilePattern], folder: Path) -> list[Path]:
    """The files of ``data.files``, in the order written, each pattern's matches sorted by
    name; Excel's lock files ('~$kiruna.xlsx'), hidden files and folders are not participant
    files (a broken link or a pipe is: reading it says what it is).
    A name that is a file is that file, whatever its brackets. A GoalFileError at the
    pattern's line when it matches no file."""
    found: list[Path] = []
    for item in patterns:
        found += _matches(item, folder)
    return found


_MAGIC = re.compile(r"[*?[]")


def refuse_matched_output(
    patterns: Sequence[FilePattern], folder: Path, path: Path, option: str
) -> None:
    """A GoalFileError at the pattern of ``data.files`` that matches ``path``, a file the
    run writes (``-o``, ``--history``), whether it exists yet or not: the next run would
    read it as participants (and one that is a participant file would be overwritten)."""
    if path.name.startswith(("~$", ".")):  # never a participant file (resolve_files)
        return
    target = real_path(path).parts
    for item in patterns:
        pattern = _slashed(item.pattern, folder)
        full = Path(os.path.normpath(real_path(folder) / pattern))  # '..' taken out
        if _MAGIC.search(pattern) and _match_parts(target, full.parts):
            raise GoalFileError(
                say("register.matches_output", pattern=item.pattern, path=path, option=option),
                where=item.loc,
                hint=say("hint.matches_output", option=option),
            )


def _match_parts(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether a path's parts match a glob pattern's, as glob matches them ('**': any
    number of folders)."""
    if not pattern:
        return not path
    if pattern[0] == "**":
        return any(_match_parts(path[i:], pattern[1:]) for i in range(len(path) + 1))
    return (
        bool(path) and fnmatch.fnmatch(path[0], pattern[0]) and _match_parts(path[1:], pattern[1:])
    )


def _matches(item: FilePattern, folder: Path) -> list[Path]:
    """The files ``item`` names: the file itself, or the pattern's matches, sorted."""
    pattern = _slashed(item.pattern, folder)
    if (folder / pattern).is_file():
        return [folder / pattern]
    magic = bool(_MAGIC.search(pattern))
    matches = []
    if magic:  # root_dir: the folder's own name is never read as a pattern
        matches = sorted(
            folder / m
            for m in glob.glob(pattern, root_dir=folder, recursive=True)
            # not a folder: a broken link or a pipe is read, and refused by name, not skipped
            if not (folder / m).is_dir() and not Path(m).name.startswith(("~$", "."))
        )
    if not matches:
        where = say("register.goal_folder") if str(folder) in ("", ".") else str(folder)
        key = "register.no_match" if magic else "register.not_a_file"
        raise GoalFileError(
            say(key, pattern=item.pattern, where=where),
            where=item.loc,
            hint=say("hint.files_relative"),
        )
    return matches


def _slashed(pattern: str, folder: Path) -> str:
    """A path written on Windows ('data\\kiruna.xlsx') with '/' between its folders, unless
    a file of that very name exists."""
    if "\\" not in pattern or os.path.lexists(folder / pattern):
        return pattern
    return pattern.replace("\\", "/")


def _check_count(paths: list[Path]) -> None:
    if not paths:
        raise DataError(
            say("register.no_file"),
            where=DataLocation("the command line"),
            hint=say("hint.no_file"),
        )
    if len(paths) > DATA_FILES:
        raise DataError(
            say("register.too_many_files", n=len(paths), limit=DATA_FILES),
            where=DataLocation(describe([p.name for p in paths])),
            hint=say("hint.too_many_files"),
        )
    seen: dict[Path, Path] = {}
    for path in paths:
        same = real_path(path)
        if same in seen:
            both = f"'{path}'" if str(path) == str(seen[same]) else f"'{seen[same]}' and '{path}'"
            raise DataError(
                say("register.twice", both=both),
                where=DataLocation(path.name),
                hint=say("hint.once"),
            )
        seen[same] = path


def _check_new(table: RawTable, earlier: list[RawTable]) -> None:
    """The same bytes under two names would count every row twice."""
    for other in earlier:
        if other.sha256 == table.sha256:
            raise DataError(
                say("register.copy", other=other.path.name, sha=table.sha256[:12]),
                where=DataLocation(table.path.name),
                hint=say("hint.once"),
            )


def _renames(
    first: RawTable, first_map: dict[str, str], table: RawTable, mapping: dict[str, str]
) -> dict[str, str]:
    """``table``'s header -> the first file's header of the same column: esfkit's fields by
    what each file's header was recognised as, the other columns by name (without case,
    spaces or punctuation). A DataError naming the file and the header that matches none."""
    fields = {h: f for f, h in mapping.items()}
    others = {header_key(h): h for h in first.headers if h not in first_map.values()}
    unmatched = [h for h in table.headers if h not in fields and header_key(h) not in others]
    for field, header in first_map.items():
        if field not in mapping:
            raise _no_field(first, table, field, header, unmatched)
    renames = {mapping[f]: h for f, h in first_map.items()}
    for header in table.headers:
        if header in fields and fields[header] not in first_map:
            raise _mismatch(
                first,
                table,
                header,
                say(
                    "register.field_elsewhere",
                    header=header,
                    field=say(f"field.{fields[header]}"),
                    first=first.path.name,
                ),
            )
        if header not in fields:
            match = others.get(header_key(header))
            if match is None or match in renames.values():
                raise _mismatch(first, table, header, None)
            renames[header] = match
    missing = [h for h in others.values() if h not in renames.values()]
    if missing:
        key = "register.missing_more" if len(missing) > 1 else "register.missing"
        raise DataError(
            say(key, header=missing[0], first=first.path.name, n=len(missing) - 1),
            where=DataLocation(table.path.name, (table.header_row,)),
            hint=say("hint.same_columns", first=first.path.name),
        )
    return renames


def _no_field(
    first: RawTable, table: RawTable, field: str, header: str, unmatched: list[str]
) -> DataError:
    """No column of ``table`` is the ``field`` the first file has as ``header``."""
    what, name = say(f"field.{field}"), first.path.name
    there = say("register.it_is", first=name, header=header)
    if unmatched:
        return DataError(
            say(
                "register.unmatched_field", header=unmatched[0], first=name, field=what, there=there
            ),
            where=DataLocation(table.path.name, (table.header_row,), unmatched[0]),
            hint=say(
                "hint.unmatched_field", header=unmatched[0], field=what, named=header, first=name
            ),
        )
    return DataError(
        say("register.no_field", field=what, there=there),
        where=DataLocation(table.path.name, (table.header_row,)),
        hint=say("hint.no_field", field=what, first=name),
    )


def _mismatch(first: RawTable, table: RawTable, header: str, message: Said | None) -> DataError:
    """``header`` of ``table`` matches no column of the first file."""
    suggestion = did_you_mean(header, first.headers)
    return DataError(
        message or say("register.mismatch", header=header, first=first.path.name),
        where=DataLocation(table.path.name, (table.header_row,), header),
        hint=say(
            "hint.mismatch_suggest" if suggestion else "hint.mismatch",
            suggestion=suggestion,
            first=first.path.name,
            headers=", ".join(first.headers),
        ),
    )


def _joined(tables: Sequence[RawTable], renames: list[dict[str, str]]) -> RawTable:
    """One table under the first file's headers, rows by row key, per-file cell notes
    (blank formulas, error cells, merged cells) left to each file's own checks."""
    first = tables[0]
    frames = [
        t.frame.rename(columns=r)[list(first.headers)] for t, r in zip(tables, renames, strict=True)
    ]
    keys = np.concatenate(
        [np.asarray(t.row_numbers, dtype=np.int64) + row_key(i, 0) for i, t in enumerate(tables)]
    )
    frame = pd.concat(frames, ignore_index=True) if frames else first.frame
    return RawTable(
        first.path,
        first.sheet,
        first.headers,
        frame,
        keys,
        data_digest([SourceFile(t.path.name, t.sha256, len(t.frame)) for t in tables]),
        header_row=first.header_row,
        table_end=int(keys[-1]) if len(keys) else first.table_end,
    )


def register_findings(
    register: Register,
    settings: DataSettings,
    declared: Declared,
    report_date: dt.date,
    every: bool,
    parsed: Parsed,
) -> list[Finding]:
    """Every finding: each file's own (its rows as row keys), and those comparing rows
    across the files from the joined register. ``parsed`` receives what the checks read
    in the joined register, as :func:`esfkit.data.checks.inspect` gives it."""
    if len(register.tables) == 1:
        own = inspect(
            register.raw, register.columns, settings, declared, report_date, every, parsed
        )
        return [*register.sums, *own]
    findings: list[Finding] = list(register.sums)
    for index, (table, mapping) in enumerate(zip(register.tables, register.mappings, strict=True)):
        for found in inspect(table, mapping, settings, declared, report_date, every):
            if found.kind not in ACROSS_FILES:
                # A finding of no row ('no participant rows') is located at the file's header.
                rows = found.rows or (table.header_row,)
                findings.append(replace(found, rows=tuple(row_key(index, r) for r in rows)))
    across = inspect(register.raw, register.columns, settings, declared, report_date, every, parsed)
    names = register.names
    for found in across:
        if found.kind in ACROSS_FILES:
            findings.append(_with_files(found, names))
    return findings


def _with_files(found: Finding, names: tuple[str, ...]) -> Finding:
    """A finding of the joined register whose message lists its rows: each with its file.
    (checks.py writes them with format_rows, which knows no files there.)"""
    if not found.rows:
        return found
    if isinstance(found.said, Said):
        return replace(found, said=with_files(found.said, names))
    if not found.message:
        return found
    plain, named = format_rows(found.rows), format_rows(found.rows, files=names)
    return replace(found, message=found.message.replace(plain, named))
