"""Sweden's 290 municipalities: a name or a four-digit code, and names that are nearly right.

The list is package data (``municipalities.csv``, from SCB's municipality codes). A cell may
hold a name ("Östersund") or a code ("2380"); a code is read as its name. A value that is
close to an official or declared name ("Ostersund") is never merged into it: the user is
told, with the suggestion, and decides.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache
from importlib import resources

from esfkit.text import key as text_key


@cache
def official() -> dict[str, str]:
    """code -> name, for all 290 municipalities."""
    text = resources.files("esfkit.data").joinpath("municipalities.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return dict(line.split(";", 1) for line in lines[1:])


@cache
def _by_key() -> dict[str, str]:
    return {key(name): name for name in official().values()}


def key(text: str) -> str:
    """Comparison key: case, surrounding spaces, a trailing ' kommun' and Unicode form ignored."""
    return text_key(text).removesuffix(" kommun").removeprefix("region ")


def name_for_code(text: str) -> str | None:
    """The municipality a four-digit code stands for; None when ``text`` is not such a code."""
    stripped = text_key(text)  # '２３８０' too
    return official().get(stripped) if len(stripped) == 4 and stripped.isdigit() else None


def official_name(text: str) -> str | None:
    """The official spelling of a name or code, or None when it is neither."""
    folded = key(text)
    names = _by_key()
    # "Östersunds kommun": the genitive s goes, unless the name itself ends in s (Vännäs).
    return name_for_code(text) or names.get(folded) or names.get(folded.removesuffix("s"))


def _fold(text: str) -> str:
    """Without diacritics: 'Östersund' and 'Ostersund' meet here."""
    decomposed = unicodedata.normalize("NFD", key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def closest(text: str, names: tuple[str, ...] | list[str]) -> str | None:
    """The name ``text`` was probably meant to be: same letters but for diacritics, or a
    close spelling; None when nothing is close."""
    folded = _fold(text)
    if not folded:
        return None
    for name in names:
        if _fold(name) == folded:
            return name
    by_fold = {_fold(n): n for n in names}
    match = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.8)
    return by_fold[match[0]] if match else None
