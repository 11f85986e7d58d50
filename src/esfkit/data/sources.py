"""The files a register is read from, named in messages and reports (no pandas here).

esfkit.data.register reads several participant files as one register; what it knows about
each file, and how their names and rows are written, is here, where the participants
(esfkit.data.participants) and the register both take it from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from esfkit.errors import DataLocation, EsfkitError


@dataclass(frozen=True)
class SourceFile:
    """One file of the register: its name, the sha256 of its bytes, its rows, its sheet."""

    name: str
    sha256: str
    rows: int
    sheet: str | None = None


def describe(names: Sequence[str]) -> str:
    """The files of a register in a few words, the same in every language: 'a.xlsx',
    'a.xlsx, b.xlsx, c.csv', or for more the first two and how many: 'a.xlsx, b.xlsx … (12)'."""
    if len(names) <= 3:
        return ", ".join(names)
    return f"{', '.join(names[:2])} … ({len(names)})"


def data_digest(files: Sequence[SourceFile]) -> str:
    """The sha256 that stands for the data: the file's own, or for several files one over
    their digests in order (the history file records it)."""
    if len(files) == 1:
        return files[0].sha256
    return hashlib.sha256("\n".join(f.sha256 for f in files).encode("ascii")).hexdigest()


def relocated(error: EsfkitError, names: tuple[str, ...]) -> EsfkitError:
    """``error`` with its rows shown with their files, when it names rows of a register
    read from several files; as it is otherwise."""
    where = error.where
    if len(names) > 1 and isinstance(where, DataLocation) and not where.files:
        error.where = DataLocation(describe(names), where.rows, where.column, names)
    return error
