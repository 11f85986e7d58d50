"""Map the gender codes people type (Kvinna, K, F, Man, M, Icke-binär ...) to four genders.

ESF+ reports women, men and non-binary participants (Regulation (EU) 2021/1057, Annex I);
"unknown" is kept as its own group so that blank cells are counted and shown rather than
dropped. A code esfkit does not know stops the run: guessing would move a person between
the columns of a report that is checked against targets per gender.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from esfkit.data.table import Distinct
from esfkit.data.values import distinct_keys
from esfkit.errors import DataError, DataLocation, GoalFileError, did_you_mean, one_of, say
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


def map_genders(
    values: pd.Series,
    extra: dict[str, str],
    column: str,
    rows: np.ndarray,
    file: str,
    coded: Distinct | None = None,
) -> pd.Series:
    """Each cell's gender as a Categorical over GENDERS; a blank cell is 'unknown', a code
    esfkit does not know a DataError (for cells no check has read: a participant file's
    genders come from its checks, esfkit.data.checks, which say each such code once).

    ``extra`` comes from the goal file's ``data.genders`` and wins over the built-in codes.
    ``coded``: the cells' codes, if known.
    """
    coded = coded or Distinct.of(values)
    genders = genders_of(coded, extra)[coded.codes]
    missing = genders < 0
    if missing.any():
        raise _unknown_codes(values, missing, gender_codes(extra), column, rows, file)
    return gender_series(genders, values.index, values.name)


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


def _unknown_codes(
    values: pd.Series,
    missing: np.ndarray,
    codes: dict[str, str],
    column: str,
    rows: np.ndarray,
    file: str,
) -> DataError:
    """Name the unknown codes, where they are, and how to declare them."""
    unknown = list(dict.fromkeys(str(v).strip() for v in values[missing]))
    shown = ", ".join(f"'{v}'" for v in unknown[:3])
    suggestion = did_you_mean(unknown[0], [c for c in codes if c])
    hint = (
        say("finding.gender_code.todo_suggest", suggestion=suggestion, value=unknown[0])
        if suggestion
        else say("finding.gender_code.todo", value=unknown[0])
    )
    key = "genders.unknown_one" if len(unknown) == 1 else "genders.unknown"
    return DataError(
        say(key, column=column, n=len(unknown), shown=shown),
        where=DataLocation(
            file, rows=tuple(int(r) for r in np.asarray(rows)[missing]), column=column
        ),
        hint=hint,
    )
