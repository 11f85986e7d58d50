"""The report header's counts that are not counts of the report's people.

The header shows the rows of the file, the enrolments, the unique persons and the rows
outside the report; the data notes show the rows starting after the report date, those
outside the period, the re-enrolments, and data findings about rows. A reader knows how
they add up:

    rows = enrolments + outside          outside = after the report date + outside the period
    enrolments = persons + re-enrolments (a re-enrolment line shows both)

and that a data note is there only when its count is at least 1. The population total (the
persons, or with ``unit: enrolment`` the enrolments) is a figure of the goal tables too and
never changes here. As in ``search``, a hidden count is safe when changing the few numbers
that are free (after the report date, outside the period, re-enrolments) by a little keeps
every shown count and changes it; the cheapest set of counts that makes every hidden one
safe is hidden (the file's row count first, the persons or enrolments last). Any other data
finding stands alone: it only has to be hidden when small (the count of movers between
municipalities always is, see ALWAYS_HIDDEN).
"""

from __future__ import annotations

from itertools import combinations, product

from esfkit.report import Report
from esfkit.suppression.search import OPEN, SECONDARY, SMALL

ROWS = "input.rows"
ENROLMENTS = "population.enrolments"
PERSONS = "population.persons"
OUTSIDE = "population.outside_period"
AFTER = "finding.starts_after_report_date"
PERIOD = "finding.outside_period"
REENROLLED = "finding.re_enrolments"
# Counts the witnesses do not keep: how many persons moved municipality depends on the
# municipalities of enrolments no figure counts, so a witness that moves a person may change
# it. Never shown while suppressing, whatever its size: only that the line is there ("..").
ALWAYS_HIDDEN = {"finding.municipality_moves"}
# Cheapest to hide first: the file's row count says least about the people.
_COST = {ROWS: 1, OUTSIDE: 2, AFTER: 3, PERIOD: 3, REENROLLED: 3, ENROLMENTS: 5, PERSONS: 5}
_STEPS = range(-2, 3)


def protect_header(
    report: Report, findings: list[str], threshold: int, everything: bool
) -> dict[str, str]:
    """Header key -> SMALL / SECONDARY / OPEN for the counts to hide. ``findings``: the
    finding kinds that are not figures of the goal tables."""
    counts = {f.kind: f.size for f in report.findings}
    person = report.population.unit == "person"
    total = report.population.persons if person else report.population.enrolments
    assert total is not None, "a Report's counts are hidden once, by this module"
    free = (counts.get(AFTER[8:], 0), counts.get(PERIOD[8:], 0), counts.get(REENROLLED[8:], 0))

    def figures(after: int, period: int, again: int) -> dict[str, int]:
        enrolments = total + again if person else total
        persons = total if person else total - again
        return {
            ROWS: enrolments + after + period,
            ENROLMENTS: enrolments,
            PERSONS: persons,
            OUTSIDE: after + period,
            AFTER: after,
            PERIOD: period,
            REENROLLED: again,
        }

    real = figures(*free)
    if real[ROWS] != report.input.rows or real[OUTSIDE] != report.population.outside_period:
        raise RuntimeError("suppression: the header counts do not add up")
    if real[PERSONS] != report.population.persons:
        raise RuntimeError("suppression: persons and re-enrolments do not add up")
    fixed = PERSONS if person else ENROLMENTS
    keys = [k for k in real if k != fixed]
    notes = {AFTER, PERIOD, REENROLLED}  # shown as a line only when at least 1
    markers = _core(real, keys, notes, figures, free, threshold, everything)
    for kind in findings:
        key = f"finding.{kind}"
        if key in real:
            continue
        value = counts[kind]
        if (everything or key in ALWAYS_HIDDEN) and value >= 1:
            markers[key] = OPEN
        elif 1 <= value < threshold:
            # alone, it may be one more or one less; a "<N" of 1 with N = 2 says it all
            markers[key] = SMALL if value + 1 < threshold else OPEN
    return markers


def _fits(state: dict[str, str], other: dict[str, int], real, keys, notes, n: int) -> bool:
    """Whether the header ``other`` shows what ``state``'s markers say of the real one."""
    for k in keys:
        new, marker = other[k], state.get(k)
        if k in notes and (real[k] >= 1) != (new >= 1):
            return False  # the note's line would appear or go
        if marker is None and new != real[k]:
            return False
        if marker == SMALL and not 1 <= new < n:
            return False
        if marker == SECONDARY and new != real[k] and not (new == 0 or new >= n):
            return False
    return True


def _core(real, keys, notes, figures, free, n, everything) -> dict[str, str]:
    if everything:
        return {k: OPEN for k in keys if real[k] >= 1}
    state = {k: SMALL for k in keys if 1 <= real[k] < n}
    moves = [d for d in product(_STEPS, repeat=3) if any(d)]
    alternatives = []
    for d in moves:
        values = [a + b for a, b in zip(free, d, strict=True)]
        if min(values) < 0:
            continue
        alternatives.append(figures(*values))

    def safe(state: dict[str, str]) -> bool:
        usable = [o for o in alternatives if _fits(state, o, real, keys, notes, n)]
        return all(any(o[k] != real[k] for o in usable) for k in state)

    for relax in (False, True):
        if relax:
            state = {k: OPEN for k in state}  # the "<N" would pin them down
        hideable = [k for k in keys if k not in state and real[k] >= n]
        options = sorted(
            (c for size in range(len(hideable) + 1) for c in combinations(hideable, size)),
            key=lambda c: (len(c), sum(_COST[k] for k in c), c),
        )
        for extra in options:
            trial = {**state, **dict.fromkeys(extra, SECONDARY)}
            if safe(trial):
                return trial
    return {k: OPEN for k in keys if real[k] >= 1}
