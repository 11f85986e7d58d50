"""Map the gender codes people type (Kvinna, K, F, Man, M, Icke-binär ...) to four genders.

ESF+ reports women, men and non-binary participants (Regulation (EU) 2021/1057, Annex I);
"unknown" is kept as its own group so that blank cells are counted and shown rather than
dropped. A code esfkit does not know stops the run: guessing would move a person between
the columns of a report that is checked against targets per gender. That rule is judged
once, by the data checks (esfkit.data.checks, the finding ``gender_code``), from
:func:`genders_of`; cleaning takes their result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from esfkit.data.table import Distinct
from esfkit.data.values import distinct_keys
from esfkit.errors import GoalFileError, one_of, say
from esfkit.text import key

GENDERS = ("women", "men", "nonbinary", "unknown")

_WOMEN = ("kvinna", "kvinnor", "k", "f", "female", "woman", "women", "kvinnlig", "flicka")
_MEN = ("man", "män", "m", "male", "men", "manlig", "pojke")
_NONBINARY = (
    "icke-binär",
    "icke-binära",
    "icke binär",
    "ickebinär",
    "non-binary",
    "nonbinary",
    "non binary",
)
# Only codes that say outright that the gender is not recorded. "Annat" (other) is NOT
# here: whether a project means non-binary or not-stated by it is the project's call, so
# it must say so under data.genders.
_UNKNOWN = ("okänd", "okänt", "unknown", "uppgift saknas", "vill ej uppge")
# "Tjej" and "kille" (girl, guy) are how youth projects write gender; they are as
# unambiguous as "flicka" and "pojke", so refusing them would only cost the user a step.
_INFORMAL = {"tjej": "women", "kille": "men"}

BUILTIN_CODES: dict[str, str] = {
    **dict.fromkeys(_WOMEN, "women"),
    **dict.fromkeys(_MEN, "men"),
    **dict.fromkeys(_NONBINARY, "nonbinary"),
    **dict.fromkeys(_UNKNOWN, "unknown"),
    **_INFORMAL,
}


def genders_of(coded: Distinct, extra: dict[str, str]) -> np.ndarray:
    """Per distinct cell of ``coded``, its gender as a position in GENDERS; -1 for a code
    esfkit does not know (see :func:`gender_codes`)."""
    codes = gender_codes(extra)
    position = {gender: index for index, gender in enumerate(GENDERS)}
    found = [position[codes[k]] if k in codes else -1 for k in distinct_keys(coded.values)]
    return np.array(found, dtype=np.int8)


def gender_series(genders: np.ndarray, index: pd.Index, name: object = None) -> pd.Series:
    """Positions in GENDERS, one per row (-1: none), as a Categorical over GENDERS."""
    return pd.Series(
        pd.Categorical.from_codes(genders, categories=pd.Index(GENDERS)), index=index, name=name
    )


def gender_codes(extra: dict[str, str]) -> dict[str, str]:
    """Every accepted code (normalised) -> gender: built in, the goal file's, and blank."""
    return {**BUILTIN_CODES, **_extra_codes(extra), "": "unknown"}


def _extra_codes(extra: dict[str, str]) -> dict[str, str]:
    """The goal file's codes, normalised; a gender may be given by name or by a code."""
    mapped = {}
    for code, gender in extra.items():
        target = gender if gender in GENDERS else BUILTIN_CODES.get(key(gender))
        if target is None:
            raise GoalFileError(
                say("genders.not_a_gender", code=code, gender=gender),
                hint=one_of(str(gender), GENDERS),
            )
        mapped[key(code)] = target
    return mapped
