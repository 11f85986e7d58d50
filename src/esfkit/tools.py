"""The library's light use cases: what `esfkit history`, `init`, `template` and `indicators`
do. Beside esfkit.api (the evaluation's, which needs pandas), so that these commands start
without it: the heavy modules are imported inside the functions that need them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from esfkit.errors import UsageError, one_of


def history_text(file: Path, goal_ids: tuple[str, ...], lang: str) -> str:
    """`esfkit history`: each goal's recorded figures per report date, as tables."""
    from esfkit.history import read_history, trends
    from esfkit.i18n import Words
    from esfkit.render.present import trend_tables
    from esfkit.render.text import render_tables

    if not file.exists():
        raise UsageError(f"{file}: no such file", hint="write it with esfkit check --history")
    rows = read_history(file)
    found = trends(rows, goal_ids)
    known = list(dict.fromkeys(r.goal for r in rows))
    for goal_id in goal_ids:
        if goal_id not in known:
            raise UsageError(f"no goal with id '{goal_id}' in {file}", hint=one_of(goal_id, known))
    w = Words(lang)
    return render_tables(trend_tables(found, w)) if found else w("history.empty") + "\n"


@dataclass(frozen=True)
class Written:
    """A file made for the user: its content, and the lines that say what it holds (for
    stderr; none where the file goes to standard output and says it itself)."""

    content: str | bytes
    summary: tuple[str, ...]


def starter(data: list[Path], sheet: str | None, output: Path, to_stdout: bool) -> Written:
    """`esfkit init`: a commented starter goal file for the participant file ``data`` (or
    several files, read as one register and named under data.files relative to ``output``)."""
    from esfkit.escape import terminal
    from esfkit.scaffold.starter import starter_goal_file, survey_files

    folder = Path.cwd() if to_stdout else output.absolute().parent
    names = [Path(os.path.relpath(Path(d).absolute(), folder)).as_posix() for d in data]
    found = survey_files(list(data), sheet, names)
    given = " ".join(str(d) for d in data) if len(data) == 1 else ""
    text = starter_goal_file(found, given, "goals.yml" if to_stdout else str(output))
    mapped = ", ".join(f"{f}={terminal(h)}" for f, h in found.columns.items()) or "nothing"
    shown, source = terminal(output), terminal(given)
    summary = [f"wrote {shown}: {found.rows} rows; columns found: {mapped}"]
    if found.missing:
        summary.append(f"  not found: {', '.join(found.missing)} (see the file)")
    summary.append(f"next: edit {shown}, then: esfkit check {shown} {source}".rstrip())
    return Written(text, () if to_stdout else tuple(summary))


def template(goals: Path | None, output: Path, to_stdout: bool) -> Written:
    """`esfkit template`: an Excel workbook to keep the participant list in, shaped by the
    goal file ``goals`` when given."""
    from esfkit.escape import terminal
    from esfkit.scaffold.template import template_columns, template_workbook

    goal_file = None
    if goals is not None:
        from esfkit.api import load_goal_file

        goal_file = load_goal_file(goals)
    sheet = (
        goal_file.data.sheet if goal_file and isinstance(goal_file.data.sheet, str) else "Deltagare"
    )
    columns = template_columns(goal_file)
    project = goal_file.project.name if goal_file else None
    workbook = template_workbook(columns, sheet, project)
    where = "standard output" if to_stdout else terminal(output)
    return Written(
        workbook, (f"wrote {where}: {len(columns)} columns on sheet '{terminal(sheet)}'",)
    )


def indicator_list(name: str | None) -> str:
    """`esfkit indicators list`: each library's indicators, or library ``name``'s."""
    from esfkit.indicators import LIBRARIES, library
    from esfkit.indicators.describe import indicator_list as listed

    return listed(LIBRARIES if name is None else (library(name).name,))


def indicator_text(code: str) -> str:
    """`esfkit indicators show`: one indicator, by its code."""
    from esfkit.indicators import all_indicators, find
    from esfkit.indicators.describe import indicator_detail

    indicator = find(code)
    if indicator is None:
        codes = [i.code for i in all_indicators()]
        raise UsageError(f"no indicator with code '{code}'", hint=one_of(code, codes))
    return indicator_detail(indicator)
