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

from esfkit.errors import EsfkitError, Location, say
from esfkit.messages import MESSAGES

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
            message = say("file.folder", path=path, what=_said_the(what))
            raise error(message, where=where, hint=say("hint.give_file"))
        _check_kind(path, what, limit, error, where, info)  # a socket cannot even be opened
        handle = os.open(path, _NO_WAIT)  # swapped for a FIFO since? It opens at once
    except FileNotFoundError:
        message = say("file.not_found", what=_said_noun(what), path=path)
        raise error(message, where=where, hint=say("hint.path")) from None
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
        kind = say("file.fifo" if stat.S_ISFIFO(info.st_mode) else "file.device")
        target = os.path.realpath(path)
        link = say("file.through_link", target=target) if target != os.path.abspath(path) else ""
        raise error(
            say("file.not_regular", path=path, kind=kind, link=link),
            where=where,
            hint=say("hint.not_regular", what=_said_the(what)),
        )
    if info.st_size > limit:
        raise _too_large(path, what, limit, error, where, info.st_size)


def _too_large(path, what, limit, error, where, size: int) -> EsfkitError:
    message = say(
        "file.too_large",
        what=_said_the(what),
        path=path,
        size=f"{size / MIB:.1f}",
        limit=_size(limit),
        noun=_said_noun(what),
    )
    return error(message, where=where, hint=say("hint.too_large"))


def _unreadable(path, what, error, where, exc: OSError) -> EsfkitError:
    message = say("file.unreadable", what=_said_the(what), path=path, why=exc.strerror or exc)
    return error(message, where=where, hint=say("hint.unreadable"))


def _said_noun(what: str) -> object:
    """'the goal file' -> 'goal file' in every language, where it is translated."""
    key = f"file.{_noun(what)}"
    return say(key) if key in MESSAGES["en"] else _noun(what)


def _said_the(what: str) -> object:
    """'the goal file' in every language, where it is translated."""
    key = f"file.the.{_noun(what)}"
    return say(key) if key in MESSAGES["en"] else what


def _noun(what: str) -> str:
    """'the goal file' -> 'goal file'."""
    return what.removeprefix("the ")


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit >= MIB else f"{limit // 1024} KiB"
