"""Reading the user's input files: only regular files, never more than a limit.

A FIFO would make a read wait forever and ``/dev/zero`` would be read until memory runs
out, so every input (the goal file, the participant file, the history file) is checked to
be a regular file (after following symlinks) no larger than its limit before it is opened.
The limits are documented in docs/data.md ("Limits").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from esfkit.errors import EsfkitError

MIB = 1024 * 1024


def read_input(
    path: Path,
    *,
    what: str,
    limit: int,
    error: type[EsfkitError],
    where: object = None,
) -> bytes:
    """The bytes of the regular file ``path``; ``error`` (located at ``where``) otherwise.

    ``what`` names the file in messages ("the goal file"); ``limit`` is its largest size in
    bytes.
    """
    try:
        info = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise error(f"{what} {path} does not exist", where=where, hint="check the path") from None
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror or exc}", where=where) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{path} is a folder, not {what}", where=where, hint="give the file itself")
    if not stat.S_ISREG(info.st_mode):
        raise error(
            f"{path} is not a regular file (a pipe, a device or a socket), so it is not read",
            where=where,
            hint=f"give {what} as a file saved on disk",
        )
    if info.st_size > limit:
        raise error(
            f"{what} {path} is {info.st_size / MIB:.1f} MiB; esfkit reads at most "
            f"{limit / MIB:.0f} MiB",
            where=where,
            hint="check that this is the right file (see the limits in docs/data.md)",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise error(
            f"cannot read {what} {path}: {exc.strerror or exc}",
            where=where,
            hint="check that the file is not locked by another program and that you may read it",
        ) from None
    if len(data) > limit:  # it grew after the check
        raise error(f"{what} {path} is larger than {limit / MIB:.0f} MiB", where=where)
    return data
