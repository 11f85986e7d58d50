"""The spinner for long reads: on a terminal only, only after the delay, gone afterwards."""

from __future__ import annotations

import io
import time

from esfkit.progress import working


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_written_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with working("Reading big.xlsx", stream, after=0):
        time.sleep(0.2)
    assert stream.getvalue() == ""


def test_a_quick_read_shows_nothing_on_a_terminal() -> None:
    stream = Terminal()
    with working("Reading small.xlsx", stream, after=5):
        pass
    assert "Reading" not in stream.getvalue()


def test_a_slow_read_shows_the_message_on_a_terminal() -> None:
    stream = Terminal()
    with working("Reading big.xlsx", stream, after=0):
        time.sleep(0.5)
    assert "Reading big.xlsx" in stream.getvalue()
