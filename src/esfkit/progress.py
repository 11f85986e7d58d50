"""A spinner on the terminal while a large file is read and checked: it appears only when the
work has taken longer than about two seconds, only on a terminal (never when output is piped
or in a cron job), and is gone when the work is done."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TextIO

AFTER_SECONDS = 2.0


@contextmanager
def working(
    message: str, stream: TextIO | None = None, after: float = AFTER_SECONDS
) -> Iterator[None]:
    """Show ``message`` with a spinner on ``stream`` (stderr) once ``after`` seconds pass."""
    stream = stream if stream is not None else sys.stderr
    if stream is None or not stream.isatty():  # None: standard error was closed (2>&-)
        yield
        return
    from rich.console import Console
    from rich.text import Text

    status = Console(file=stream).status(Text(message))  # a file name is no markup
    lock = threading.Lock()
    state = {"started": False, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                status.start()
                state["started"] = True

    timer = threading.Timer(after, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                status.stop()


def reading(name: str) -> AbstractContextManager[None]:
    """The spinner while the participant file ``name`` is read and checked."""
    from esfkit.escape import terminal  # a file name may hold anything

    return working(f"Reading and checking {terminal(name)} …")


def colour_terminal() -> bool:
    """Standard output is a terminal that may be coloured (no NO_COLOR)."""
    return sys.stdout is not None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def terminal_columns() -> int | None:
    """The width of the terminal standard output shows on (``COLUMNS`` when set, as shells
    keep it, else what the terminal says); None when standard output is not a terminal
    (cron, a pipe, a file) or does not say."""
    stream = sys.stdout
    try:
        if stream is None or not stream.isatty():
            return None
    except ValueError:  # a closed stream
        return None
    columns = shutil.get_terminal_size(fallback=(0, 0)).columns
    return columns if columns > 0 else None
