"""The one pass over a file's bytes that answers what its plan asks of them all
(csvfile._census) gives the answers the three passes it replaced gave, however the bytes
fall across its slices; and a UTF-8 file is told from its start as from its whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from esfkit.data import csvfile

# The bytes the questions turn on, and a letter between them.
BYTES = st.sampled_from([b"\r", b"\n", b"\r\n", b"a", b"\xc2", b"\xe4", b"\xf4", b"\xf5", b"\x80",
                         b"\xbf", b"\xc0", b"\xc1"])  # fmt: skip


def _holds_utf8(data: bytes) -> bool:
    """The rule as it was written before the census: a byte above ASCII followed by
    another, the first a lead byte, the second a continuation."""
    raw = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(raw >= 0x80)
    lead = high[:-1][np.diff(high) == 1]
    follower = raw[lead + 1]
    return bool(((raw[lead] >= 0xC2) & (raw[lead] <= 0xF4) & ((follower & 0xC0) == 0x80)).any())


@given(parts=st.lists(BYTES, max_size=40), step=st.integers(1, 9))
def test_the_census_answers_as_the_passes_it_replaced(parts: list[bytes], step: int) -> None:
    data = b"".join(parts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvfile, "_CENSUS_BYTES", step)
        census = csvfile._census(data)
    assert census.line_feeds == data.count(b"\n")
    assert census.lone_return is (data.count(b"\r") != data.count(b"\r\n"))
    assert census.utf8 is _holds_utf8(data)


@pytest.mark.parametrize("cut", [0, 1, 2])
def test_a_utf8_character_across_the_start_looked_at_first(cut: int) -> None:
    """'€' (three bytes) cut by the end of the start decoded first: still UTF-8."""
    head = "Namn;Kommun\n" + "x" * (csvfile._SAMPLE_CHARS - 12 - cut)
    data = (head + "€;Kiruna\n").encode("utf-8")
    text, as_read, mixed = csvfile._decode(Path("deltagare.csv"), data)
    assert (text, as_read, mixed) == (data.decode("utf-8"), True, None)
