"""Small-number suppression: no count from 1 to N-1 is shown anywhere in a report, and none
can be worked out from what is shown, in any table or in all of them together.

**Primary suppression** hides every count from 1 to N-1 (shown as "<N") and every
percentage built on a hidden count. **Secondary suppression** hides more (shown as "..")
until every hidden figure has a *witness*: another set of participants, a few people moved,
re-answered, added or removed, that gives every shown figure of the whole report (each
table, the header, the notes, which rows and columns the tables list) the same value, every
hidden one a value its marker allows, and the hidden figure another value (``search``).
Figures counting the same people are one figure, hidden everywhere when hidden anywhere
(``figures``). The header's counts of rows and notes are protected by how they add up
(``header``). What is built on a hidden figure goes with it, a status only when its marker
alone decides it (``apply``).

The rule as users read it is in docs/reports.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from esfkit.engine.evaluator import Evaluator
from esfkit.report import Report
from esfkit.suppression.apply import apply
from esfkit.suppression.figures import Figures, build, printed_cells
from esfkit.suppression.grid import Grid, protect
from esfkit.suppression.header import protect_header
from esfkit.suppression.search import OPEN, SECONDARY, SMALL, Protection
from esfkit.suppression.search import protect as protect_figures

__all__ = ["OPEN", "SECONDARY", "SMALL", "Grid", "Suppression", "protect", "suppress"]


@dataclass
class Suppression:
    report: Report  # the copy to render
    figures: Figures  # what the report shows, as rows
    protection: Protection  # which figures are hidden, and each one's witness
    header: dict[str, str]  # header key -> marker


def suppress(report: Report, threshold: int, ev: Evaluator) -> Report:
    """A copy of the report with small counts and what reveals them hidden; ``ev`` evaluates
    the population the report counted (esfkit.engine.run.evaluator_for)."""
    return protect_report(report, threshold, ev).report


def protect_report(report: Report, threshold: int, ev: Evaluator) -> Suppression:
    printed = replace(report, goals=[replace(g, cells=printed_cells(g)) for g in report.goals])
    figures = build(printed, ev, threshold)
    protection = protect_figures(figures.problem)
    header = protect_header(printed, figures.header_findings, threshold, protection.everything)
    hidden = {
        place: marker
        for group, marker in protection.markers.items()
        for place in figures.places.get(group, [])
    }
    suppressed = apply(printed, hidden, header, threshold)
    return Suppression(suppressed, figures, protection, header)
