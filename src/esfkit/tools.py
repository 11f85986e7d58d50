"""The library's light use cases: what `esfkit history`, `init`, `template` and `indicators`
do. Beside esfkit.api (the evaluation's, which needs pandas), so that these commands start
without it: the heavy modules are imported inside the functions that need them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from esfkit.errors import UsageError, one_of, say


def history_text(file: Path, goal_ids: tuple[str, ...], lang: str | None = None) -> str:
    """`esfkit history`: each goal's recorded figures per report date, as tables."""
    from esfkit.history import read_history, trends
    from esfkit.i18n import Words, run_lang
    from esfkit.render.present import trend_tables
    from esfkit.render.text import render_tables

    if not file.exists():
        raise UsageError(say("usage.no_history", file=file), hint=say("hint.no_history"))
    rows = read_history(file)
    found = trends(rows, goal_ids)
    known = list(dict.fromkeys(r.goal for r in rows))
    for goal_id in goal_ids:
        if goal_id not in known:
            message = say("usage.no_goal_in", goal=goal_id, file=file)
            raise UsageError(message, hint=one_of(goal_id, known))
    w = Words(run_lang(lang))
    return render_tables(trend_tables(found, w)) if found else w("history.empty") + "\n"


@dataclass(frozen=True)
class Written:
    """A file made for the user: its content, and the lines that say what it holds (for
    stderr; none where the file goes to standard output and says it itself)."""

    content: str | bytes
    summary: tuple[str, ...]


def starter(
    data: list[Path], sheet: str | None, output: Path, to_stdout: bool, lang: str | None = None
) -> Written:
    """`esfkit init`: a commented starter goal file for the participant file ``data`` (or
    several files, read as one register and named under data.files relative to ``output``);
    its comments and what it holds said in ``lang`` (default Swedish)."""
    from esfkit.escape import terminal
    from esfkit.i18n import LABELS, run_lang
    from esfkit.scaffold.starter import starter_goal_file, survey_files

    said = LABELS[run_lang(lang)]
    folder = Path.cwd() if to_stdout else output.absolute().parent
    names = [Path(os.path.relpath(Path(d).absolute(), folder)).as_posix() for d in data]
    found = survey_files(list(data), sheet, names)
    given = " ".join(str(d) for d in data) if len(data) == 1 else ""
    output_name = "goals.yml" if to_stdout else str(output)
    text = starter_goal_file(found, given, output_name, run_lang(lang))
    mapped = ", ".join(f"{f}={terminal(h)}" for f, h in found.columns.items())
    shown, source = terminal(output), terminal(given)
    summary = [
        said["init.wrote"].format(
            file=shown, rows=found.rows, columns=mapped or said["init.nothing"]
        )
    ]
    if found.missing:
        summary.append(said["init.missing"].format(fields=", ".join(found.missing)))
    summary.append(said["init.next"].format(file=shown, data=source).rstrip())
    return Written(text, () if to_stdout else tuple(summary))


def template(goals: Path | None, output: Path, to_stdout: bool, lang: str | None = None) -> Written:
    """`esfkit template`: an Excel workbook to keep the participant list in, shaped by the
    goal file ``goals`` when given; what it holds said in ``lang`` (else the goal file's
    project.lang, else Swedish)."""
    from esfkit.escape import terminal
    from esfkit.i18n import LABELS, run_lang
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
    said = LABELS[run_lang(lang, goal_file.project.lang if goal_file else None)]
    where = said["template.stdout"] if to_stdout else terminal(output)
    line = said["template.wrote"].format(file=where, n=len(columns), sheet=terminal(sheet))
    return Written(workbook, (line,))


def indicator_list(name: str | None, lang: str | None = None) -> str:
    """`esfkit indicators list`: each library's indicators, or library ``name``'s."""
    from esfkit.i18n import run_lang
    from esfkit.indicators import LIBRARIES, library
    from esfkit.indicators.describe import indicator_list as listed

    return listed(LIBRARIES if name is None else (library(name).name,), run_lang(lang))


def indicator_text(code: str, lang: str | None = None) -> str:
    """`esfkit indicators show`: one indicator, by its code."""
    from esfkit.i18n import run_lang
    from esfkit.indicators import all_indicators, find
    from esfkit.indicators.describe import indicator_detail

    indicator = find(code)
    if indicator is None:
        codes = [i.code for i in all_indicators()]
        raise UsageError(say("usage.no_indicator", code=code), hint=one_of(code, codes))
    return indicator_detail(indicator, run_lang(lang))
