"""Who a share's ``of:`` leaves out of its denominator, in the goal's own terms.

The note under a share's table says "94 är fortfarande inskrivna" for ``of: exited`` and
"44 svarade inte på Enkät stöd" for a survey question, never the goal file's words. The
words come from the definition alone, each part of an ``all:`` described in turn, never from
the rows: which of them are present would tell a reader something about the figures that
small-number suppression hides. Only the count in the note comes from the rows.
"""

from __future__ import annotations

from esfkit.goalfile.model import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Enrolled,
    Equals,
    Everyone,
    Exited,
    Filter,
    Missing,
    Not,
    SameAs,
)
from esfkit.report import Outside

# A column whose header reads like a survey question: a blank in it is an unanswered question.
_SURVEY_WORDS = ("enkät", "enkat", "survey", "svar", "fråga", "question", "upplev")
ENROLLED = Outside("enrolled")
EXITED = Outside("exited")
# Outside an outcome: still enrolled (no outcome counts before the exit date), gone to
# another outcome (``exit: work``), or gone without one.
OTHER_EXIT = Outside("other_exit")
NO_EXIT = Outside("no_exit")


def outside_of(of: Filter) -> tuple[Outside, ...]:
    """Each part of ``of`` described: who it leaves out, whatever the rows hold."""
    parts = of.parts if isinstance(of, AllOf) else (of,)
    described = [who for part in parts for who in _described(part)]
    return tuple(dict.fromkeys(described))


def _described(part: Filter) -> tuple[Outside, ...]:
    """Who one part leaves out: those still enrolled (``exited``), those already gone
    (``enrolled``), those without an outcome or with another (``exit``), a survey question
    unanswered, another value, a blank; for other filters the columns they look at."""
    if isinstance(part, Everyone):
        return ()
    if isinstance(part, Exited):
        return (ENROLLED,)
    if isinstance(part, Enrolled):
        return (EXITED,)
    if isinstance(part, Equals) or (isinstance(part, Missing) and not part.missing):
        return _column(part)
    return (Outside("other", _fields(part)),)


def _column(part: Equals | Missing) -> tuple[Outside, ...]:
    """An ``Equals`` or a ``{missing: false}`` on one column."""
    if part.field == "exited" and isinstance(part, Equals):  # exited: true is of: exited
        kept = {v.truth() for v in part.values}
        return (ENROLLED,) * (False not in kept) + (EXITED,) * (True not in kept)
    if part.field == "exit":  # outcome groups are the goal file's words: not shown
        return (ENROLLED, OTHER_EXIT, NO_EXIT) if isinstance(part, Equals) else (ENROLLED, NO_EXIT)
    if any(word in part.field.casefold() for word in _SURVEY_WORDS):
        if isinstance(part, Equals):  # a blank, and any other answer ('Nej' for 'Ja')
            return (Outside("unanswered_value", (part.field,), tuple(v.text for v in part.values)),)
        return (Outside("unanswered", (part.field,)),)
    if isinstance(part, Equals):
        return (Outside("other_value", (part.field,), tuple(v.text for v in part.values)),)
    return (Outside("blank", (part.field,)),)


def _fields(f: Filter) -> tuple[str, ...]:
    """The fields a filter looks at, in the order written."""
    found: dict[str, None] = {}
    if isinstance(f, Exited | Enrolled):
        found["exited"] = None
    if isinstance(f, Equals | Between | Missing | SameAs | Compare):
        found[f.field] = None
    if isinstance(f, SameAs | Compare):
        found[f.other.field] = None
    parts = f.parts if isinstance(f, AllOf | AnyOf) else (f.part,) if isinstance(f, Not) else ()
    for part in parts:
        found.update(dict.fromkeys(_fields(part)))
    return tuple(found)
