"""Goal file + participants + report date -> Report."""

from __future__ import annotations

import datetime as dt

from esfkit import kinds
from esfkit.data.participants import Participants
from esfkit.engine.context import EvaluatorContext
from esfkit.engine.evaluator import Evaluator
from esfkit.engine.population import Period, build_population
from esfkit.findings import Finding
from esfkit.goalfile.filters import goal_filters
from esfkit.goalfile.model import GoalFile
from esfkit.report import InputInfo, PopulationInfo, Report
from esfkit.version import __version__


def evaluate(
    goal_file: GoalFile,
    participants: Participants,
    as_of: dt.date,
    period: Period | None = None,
    goal_ids: tuple[str, ...] = (),
    *,
    as_of_is_project_end: bool = False,
) -> Report:
    """The Report of ``goal_ids`` (every goal when empty); ``as_of_is_project_end``: the
    report date is the project's end by default, as the header says."""
    population = build_population(participants, as_of, period, goal_file.data.unit)
    ev = Evaluator(population, participants, goal_file)
    findings = list(population.findings)
    goals = [g for g in goal_file.goals if not goal_ids or g.id in goal_ids]
    results = []
    for goal in goals:
        breakdown = goal.breakdown if goal.breakdown is not None else goal_file.breakdown
        if "municipality" in breakdown and "municipality" not in participants.columns:
            breakdown = tuple(d for d in breakdown if d != "municipality")
            if not any(f.kind == "no_municipality_column" for f in findings):
                findings.append(Finding("no_municipality_column"))
        scope = ev.mask(goal.scope)
        ctx = EvaluatorContext(goal, ev, goal_file, scope, breakdown, as_of)
        result = kinds.lookup(goal.kind).evaluate(goal, ctx)
        result.note = goal.note
        result.due = goal.by
        result.phase = goal.phase
        result.population = int(scope.sum())
        result.excluded_by_scope = len(population) - result.population
        results.append(result)
    uncompared = ev.uncompared([f for goal in goals for f in goal_filters(goal)])
    if uncompared.any():
        findings.append(Finding("uncompared", rows=tuple(ev.frame["_row"][uncompared].tolist())))
    return Report(
        esfkit=__version__,
        project=goal_file.project.name,
        as_of=as_of,
        as_of_is_project_end=as_of_is_project_end,
        period=(period.start, period.end, period.label) if period else None,
        input=_input(participants),
        population=PopulationInfo(
            population.enrolments, population.persons, population.outside, goal_file.data.unit
        ),
        goals=results,
        findings=findings,
        project_start=goal_file.project.start,
        project_end=goal_file.project.end,
        lang=goal_file.project.lang,
    )


def _input(participants: Participants) -> InputInfo:
    """The header's data: the file, or the files read as one register, each on its own."""
    files = tuple(InputInfo(f.name, f.sha256, f.rows, f.sheet) for f in participants.files)
    if len(files) == 1:
        return files[0]
    path = ", ".join(f.path for f in files)
    return InputInfo(path, participants.sha256, participants.rows, None, files)


def evaluator_for(report: Report, goal_file: GoalFile, participants: Participants) -> Evaluator:
    """An Evaluator of the population ``report`` counted (its report date, period and the
    goal file's unit): the same masks and dimensions, for what works on a report's figures
    afterwards (esfkit.suppression)."""
    period = Period(*report.period) if report.period is not None else None
    population = build_population(participants, report.as_of, period, goal_file.data.unit)
    return Evaluator(population, participants, goal_file)
