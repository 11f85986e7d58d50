"""Reading the user's input files: only regular files, never more than a limit.

A FIFO would make a read wait forever and ``/dev/zero`` would be read until memory runs
out, so every input (the goal file, the participant file, the history file) is checked to
be a regular file (after following symlinks) no larger than its limit before it is read.
The file is opened without blocking and checked again on the open handle, so a path
swapped for a FIFO between the two looks is refused too. The limits are documented in
docs/data.md ("Limits").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from esfkit.errors import EsfkitError, Location

MIB = 1024 * 1024
GOAL_FILE_LIMIT = MIB  # a goal file is a few KiB
DATA_FILE_LIMIT = 256 * MIB  # the benchmark's 10^6 rows are 100 MiB as CSV, 77 MiB as .xlsx
_NO_WAIT = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_input(
    path: Path,
    *,
    what: str,
    limit: int,
    error: type[EsfkitError],
    where: Location | None = None,
) -> bytes:
    """The bytes of the regular file ``path``; ``error`` (located at ``where``) otherwise.

    ``what`` names the file in messages ("the goal file"); ``limit`` is its largest size
    in bytes.
    """
    try:
        info = os.stat(path)  # follows symlinks, as open does
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path} is a folder, not {what}", where=where, hint="give the file")
        _check_kind(path, what, limit, error, where, info)  # a socket cannot even be opened
        handle = os.open(path, _NO_WAIT)  # swapped for a FIFO since? It opens at once
    except FileNotFoundError:
        raise error(
            f"{_noun(what)} not found: {path}", where=where, hint="check the path"
        ) from None
    except OSError as exc:
        raise _unreadable(path, what, error, where, exc) from None
    with os.fdopen(handle, "rb") as file:
        _check_kind(path, what, limit, error, where, os.fstat(file.fileno()))
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, what, error, where, exc) from None
    if len(data) > limit:  # it grew after the check
        raise _too_large(path, what, limit, error, where, len(data))
    return data


def _check_kind(path, what, limit, error, where, info: os.stat_result) -> None:
    """Refuse what is not a regular file (a FIFO, a device, a socket) or is too large."""
    if not stat.S_ISREG(info.st_mode):
        kind = "a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device or a socket"
        target = os.path.realpath(path)
        link = f", through a link to {target}" if target != os.path.abspath(path) else ""
        raise error(
            f"{path} is not a regular file: it is {kind}{link}, so it is not read",
            where=where,
            hint=f"give {what} as a file saved on disk",
        )
    if info.st_size > limit:
        raise _too_large(path, what, limit, error, where, info.st_size)


def _too_large(path, what, limit, error, where, size: int) -> EsfkitError:
    return error(
        f"{what} {path} is {size / MIB:.1f} MiB; esfkit reads at most "
        f"{_size(limit)} (a limit no real {_noun(what)} reaches)",
        where=where,
        hint="check that this is the right file (the limits are listed in docs/data.md)",
    )


def _unreadable(path, what, error, where, exc: OSError) -> EsfkitError:
    return error(
        f"cannot read {what} {path}: {exc.strerror or exc}",
        where=where,
        hint="check that the file is not locked by another program and that you may read it",
    )


def _noun(what: str) -> str:
    """'the goal file' -> 'goal file'."""
    return what.removeprefix("the ")


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit >= MIB else f"{limit // 1024} KiB"
