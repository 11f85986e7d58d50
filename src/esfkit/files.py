"""Writing the user's output files: a temporary file beside the target, then a rename, so a
reader never sees half a report; never over an input file; never over an existing file when
the command promises not to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from esfkit.errors import UsageError


def refuse_input(path: Path, option: str, inputs: tuple[Path, ...]) -> None:
    """A UsageError when ``path`` is one of the command's input files."""
    target = path.resolve()
    for source in inputs:
        if source.exists() and target == source.resolve():
            raise UsageError(f"{option} {path} is an input file; esfkit never writes to its inputs")


def write_atomically(
    path: Path,
    content: str | bytes,
    *,
    inputs: tuple[Path, ...],
    option: str = "--output",
    overwrite: bool = True,
) -> None:
    """Write ``content`` (text as UTF-8, line ends as given) to ``path`` atomically; without
    ``overwrite`` an existing file is refused and ``--force`` suggested."""
    target = path.resolve()
    refuse_input(path, option, inputs)
    if target.is_dir():
        raise UsageError(f"{option} {path} is a directory", hint="give a file name")
    if target.exists() and not overwrite:
        raise UsageError(
            f"{path} already exists; esfkit does not overwrite it",
            hint="choose another name with -o, or add --force to replace it",
        )
    if not target.parent.is_dir():
        raise UsageError(f"{option}: the folder {path.parent} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
