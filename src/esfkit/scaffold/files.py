"""Writing a new file for the user: never over an existing one unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from esfkit.errors import UsageError


def write_new(
    path: Path, content: str | bytes, *, force: bool, inputs: tuple[Path, ...] = ()
) -> None:
    """Write ``content`` to ``path`` atomically; refuse an existing file without ``force``
    and refuse an input file always."""
    target = path.resolve()
    for source in inputs:
        if source.exists() and target == source.resolve():
            raise UsageError(f"{path} is an input file; esfkit never writes to its inputs")
    if target.is_dir():
        raise UsageError(f"{path} is a folder", hint="give a file name")
    if target.exists() and not force:
        raise UsageError(
            f"{path} already exists; esfkit does not overwrite it",
            hint="choose another name with -o, or add --force to replace it",
        )
    if not target.parent.is_dir():
        raise UsageError(f"the folder {path.parent} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
