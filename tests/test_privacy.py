"""esfkit.privacy's shortcuts say what its full patterns say (the masking itself is tested
in tests/data/test_personnummer.py and tests/hostile/)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from esfkit.privacy import _MAYBE_UNUSUAL, _UNUSUAL, _usual


def test_no_character_told_usual_at_once_is_unusual() -> None:
    every = "".join(map(chr, range(0x110000)))
    told_usual = _MAYBE_UNUSUAL.sub("", every)
    assert told_usual  # ASCII letters, digits and signs at least
    assert _UNUSUAL.search(told_usual) is None


@given(st.text(alphabet=st.characters(codec=None), max_size=30))
def test_a_text_is_usual_when_it_has_no_unusual_character(text: str) -> None:
    assert _usual(text) == (_UNUSUAL.search(text) is None)
