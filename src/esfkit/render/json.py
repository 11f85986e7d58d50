"""JSON: the stable machine interface. Keys and status words are part of the contract
(docs/json.md); numbers are raw, never rounded. Text from users' files is masked
(esfkit.escape.json_text), and control and format characters are ``\\u`` escapes in the
document (esfkit.escape.json_document)."""

from __future__ import annotations

from typing import Any

from esfkit.escape import json_document, json_text
from esfkit.render import RenderOptions
from esfkit.report import Cell, GoalResult, Report

FINDING_ROWS = 50  # the first rows of each finding; `esfkit validate` lists them all


def render(report: Report, options: RenderOptions) -> str:
    """Strict JSON: a number that is not finite is a bug, never a bare NaN in the output."""
    return json_document(as_dict(report)) + "\n"


def as_dict(report: Report) -> dict[str, Any]:
    period = None
    if report.period is not None:
        start, end, _label = report.period
        period = {"start": start.isoformat(), "end": end.isoformat()}
    out: dict[str, Any] = {
        "esfkit": report.esfkit,
        "project": json_text(report.project),
        "as_of": report.as_of.isoformat(),
        **({"as_of_is_project_end": True} if report.as_of_is_project_end else {}),
        "period": period,
        "input": {
            "path": json_text(report.input.path),
            "sha256": report.input.sha256,
            "rows": report.input.rows,
            **_files(report),
        },
        "population": {
            "enrolments": report.population.enrolments,
            "persons": report.population.persons,
            "outside_period": report.population.outside_period,
            "unit": report.population.unit,
        },
        "findings": [
            {
                "kind": f.kind,
                "severity": f.severity,
                "count": f.size,
                "rows": list(f.rows[:FINDING_ROWS]),
            }
            for f in report.findings
        ],
        "goals": [_goal(goal, report.history) for goal in report.goals],
        **({"suppress_below": report.suppress_below} if report.suppress_below else {}),
        **({"previous_as_of": _date(report.previous_as_of)} if report.history else {}),
        **({"redefined": [json_text(i) for i in report.redefined]} if report.history else {}),
    }
    if report.suppressed:  # header figures hidden by small-number suppression: null, named
        out["suppressed"] = dict(sorted(report.suppressed.items()))
        for finding in out["findings"]:
            if f"finding.{finding['kind']}" in report.suppressed:
                finding["count"] = None
    return out


def _date(day) -> str | None:
    return day.isoformat() if day is not None else None


def _goal(goal: GoalResult, history: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": json_text(goal.id),
        "title": json_text(goal.title),
        "kind": goal.kind,
        "status": goal.status.value,
        "population": goal.population,
        "excluded_by_scope": goal.excluded_by_scope,
    }
    if goal.outside_denominator is not None:
        out["outside_denominator"] = goal.outside_denominator
    if goal.phase is not None:
        out["phase"] = {"from": goal.phase[0].isoformat(), "to": goal.phase[1].isoformat()}
    if goal.due is not None:
        out["due"] = goal.due.isoformat()
    if goal.note:
        out["note"] = json_text(goal.note)
    if goal.suppressed:
        out["suppressed"] = dict(sorted(goal.suppressed.items()))
    out["cells"] = [_cell(cell, history) for cell in goal.cells]
    return out


def _cell(cell: Cell, history: bool = False) -> dict[str, Any]:
    out = {
        "dims": {
            json_text(k): json_text(v) if isinstance(v, str) else v for k, v in cell.dims.items()
        },
        "value": cell.value,
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "percent": cell.percent,
        "target": cell.target,
        "gap": cell.gap,
        "status": cell.status.value,
    }
    if cell.expected is not None:
        out["expected"] = cell.expected
    if cell.needed is not None:
        out["needed"] = cell.needed
    if cell.attainment is not None:
        out["attainment"] = cell.attainment
    if cell.suppressed:
        out["suppressed"] = dict(sorted(cell.suppressed.items()))
    if history:  # with --history: the change since the previous run (null: none known)
        out["change"] = cell.change
    return out


def _files(report: Report) -> dict[str, Any]:
    """Several files read as one register: each file's name, sha256, rows and sheet."""
    files = report.input.files
    if not files:
        return {}
    rows = report.input.file_rows(report.suppress_below)
    return {
        "files": [
            {
                "path": json_text(f.path),
                "sha256": f.sha256,
                "rows": count,
                "sheet": json_text(f.sheet) if f.sheet else None,
            }
            for f, count in zip(files, rows, strict=True)
        ]
    }
