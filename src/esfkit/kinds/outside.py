"""Who a share's ``of:`` leaves out of its denominator, in the goal's own terms.

The note under a share's table says "94 är fortfarande inskrivna" for ``of: exited`` and
"44 svarade inte på Enkät stöd" for a survey question, never the goal file's words: each
part of an ``all:`` is described by the rows it leaves out of those the parts before it kept.
"""

from __future__ import annotations

import numpy as np

from esfkit.goalfile.model import (
    AllOf,
    Enrolled,
    Equals,
    Everyone,
    Exited,
    Filter,
    Missing,
)
from esfkit.kinds.context import GoalContext
from esfkit.report import Outside

# A column whose header reads like a survey question: a blank in it is an unanswered question.
_SURVEY_WORDS = ("enkät", "enkat", "survey", "svar", "fråga", "question", "upplev")


def outside_of(of: Filter, ctx: GoalContext) -> tuple[Outside, ...]:
    """Each part of ``of`` that leaves rows of the goal out, described."""
    parts = of.parts if isinstance(of, AllOf) else (of,)
    kept = ctx.population.copy()
    described = []
    for part in parts:
        matches = ctx.mask(part)
        left_out = kept & ~matches
        kept &= matches
        if left_out.any() and not isinstance(part, Everyone):
            described += _described(part, left_out, ctx)
    return tuple(dict.fromkeys(described))


def _described(part: Filter, left_out: np.ndarray, ctx: GoalContext) -> list[Outside]:
    if isinstance(part, Exited):
        return [Outside("enrolled")]
    if isinstance(part, Enrolled):
        return [Outside("exited")]
    if isinstance(part, Equals) or (isinstance(part, Missing) and not part.missing):
        blank = left_out & ctx.mask(Missing(part.field, True, part.loc))
        filled = left_out & ~blank
        if part.field == "exit":  # outcome groups are the goal file's words: not shown
            return [
                Outside(r) for r, rows in (("other_exit", filled), ("no_exit", blank)) if rows.any()
            ]
        if not filled.any():
            survey = any(word in part.field.casefold() for word in _SURVEY_WORDS)
            return [Outside("unanswered" if survey else "blank", (part.field,))]
        if isinstance(part, Equals):
            values = tuple(v.text for v in part.values)
            return [Outside("other_value", (part.field,), values)]
    return [Outside("other", _fields(part))]


def _fields(f: object) -> tuple[str, ...]:
    """The fields a filter looks at, in the order written."""
    found: dict[str, None] = {}
    if isinstance(f, Exited | Enrolled):
        found["exited"] = None
    if isinstance(getattr(f, "field", None), str):
        found[f.field] = None  # type: ignore[attr-defined]
    other = getattr(f, "other", None)
    if other is not None:
        found[other.field] = None
    for part in (*getattr(f, "parts", ()), *([f.part] if hasattr(f, "part") else [])):  # type: ignore[attr-defined]
        found.update(dict.fromkeys(_fields(part)))
    return tuple(found)
