"""The command line: parse options, call the library, turn errors into exit codes.

Heavy modules (pandas, the engine) are imported inside the commands, so ``esfkit --help``
stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from esfkit import __version__
from esfkit.errors import EsfkitError, ExitCode, UsageError
from esfkit.files import (
    is_stdout,
    refuse_input,
    terminal_columns,
    utf8_streams,
    write_atomically,
    write_output,
    write_stdout,
)
from esfkit.limits import SUPPRESS_LIMIT

app = typer.Typer(
    name="esfkit",
    help="Goal attainment for ESF projects: target versus actual, by municipality and gender.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_debug = False


class Format(StrEnum):
    table = "table"
    markdown = "markdown"
    text = "text"
    csv = "csv"
    xlsx = "xlsx"
    docx = "docx"
    json = "json"
    html = "html"


class Lang(StrEnum):
    sv = "sv"
    en = "en"


class FailOn(StrEnum):
    unmet = "unmet"
    behind = "behind"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"esfkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show the traceback of an error too (same exit status, numbers masked).",
        ),
    ] = False,
) -> None:
    global _debug
    _debug = debug


GoalsArg = Annotated[Path, typer.Argument(help="The goal file (goals.yml).", show_default=False)]
DataArg = Annotated[
    Path, typer.Argument(help="The participant file (.xlsx, .csv ...).", show_default=False)
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Report date YYYY-MM-DD (default: today, or the period's end if earlier)."
    ),
]
PeriodOpt = Annotated[str | None, typer.Option("--period", help="2022, 2022H1, 2022Q3 or 2022-05.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD (with --to).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Period end YYYY-MM-DD (with --from).")]


@app.command()
def check(
    goals: GoalsArg,
    data: DataArg,
    as_of: AsOf = None,
    period: PeriodOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the --output extension, else table).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead ('-': standard output)."),
    ] = None,
    goal: Annotated[
        list[str] | None, typer.Option("--goal", "-g", help="Only this goal (repeatable).")
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Language of the report (default: project.lang, else sv)."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exit 1 when a goal is not met (unmet) or also behind plan."
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=1,
            max=1000,
            help="Width of the table output in characters (default: the terminal's; 100 "
            "when not a terminal).",
        ),
    ] = None,
    csv_excel: Annotated[
        bool,
        typer.Option(
            "--csv-excel", help="CSV for Swedish Excel: UTF-8 with BOM, ';', decimal comma."
        ),
    ] = False,
    suppress_below: Annotated[
        int | None,
        typer.Option(
            "--suppress-below",
            min=2,
            max=SUPPRESS_LIMIT,
            help="Hide counts from 1 to N-1 as <N, and what would reveal them "
            "(default: report.suppress_below in the goal file).",
        ),
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            help="Record this run's figures in this CSV file (a re-run of the same report "
            "date replaces its rows) and show the change since the previous run.",
        ),
    ] = None,
) -> None:
    """Evaluate every goal against the participant file and print target versus actual.

    Example: esfkit check goals.yml deltagare.xlsx --as-of 2022-05-31 --lang sv
    """
    _run(
        lambda: _check(
            goals,
            data,
            as_of,
            period,
            from_,
            to,
            fmt,
            output,
            goal or [],
            lang,
            fail_on,
            width,
            csv_excel,
            suppress_below,
            history,
        )
    )


@app.command()
def validate(
    goals: GoalsArg,
    data: DataArg,
    as_of: AsOf = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings count as errors (exit 2).")
    ] = False,
) -> None:
    """Check the goal file and the participant file and list every finding, by kind.

    Exit 2 when there is an error (with --strict: also a warning), else 0.

    Example: esfkit validate goals.yml deltagare.xlsx --strict
    """
    _run(lambda: _validate(goals, data, as_of, strict))


def _check_history_path(history: Path, output: Path | None, inputs: tuple[Path, ...]) -> None:
    """Refused before any work: the history as an input, the report or standard output."""
    if is_stdout(history):
        raise UsageError("--history needs a file name", hint="e.g. --history history.csv")
    refuse_input(history, "--history", inputs)
    if not is_stdout(output) and history.resolve() == output.resolve():
        raise UsageError(f"--history {history} is also the --output file")
    if not history.resolve().parent.is_dir():  # found out before the report is written
        raise UsageError(f"--history: the folder {history.parent} does not exist")


def _check(
    goals,
    data,
    as_of,
    period,
    from_,
    to,
    fmt,
    output,
    goal_ids,
    lang,
    fail_on,
    width,
    csv_excel,
    suppress_below,
    history=None,
) -> int:
    from esfkit.render import BINARY, RenderOptions, format_for, formatter
    from esfkit.report import Status

    fmt_name = fmt.value if fmt else (format_for(output) if output else None) or "table"
    if fmt_name in BINARY and output is None:
        raise UsageError(
            f"--format {fmt_name} needs --output FILE",
            hint=f"e.g. -o report.{fmt_name}, or -o - > report.{fmt_name}",
        )
    if history is not None:
        _check_history_path(history, output, (goals, data))

    report, goal_file, participants = _evaluate(
        goals, data, as_of, period, from_, to, tuple(goal_ids)
    )
    statuses = [g.status for g in report.goals]  # --fail-on judges the figures, hidden or not
    for goal_id in goal_ids:
        if goal_file.goal(goal_id) is None:
            from esfkit.errors import one_of

            raise UsageError(
                f"no goal with id '{goal_id}'",
                hint=one_of(goal_id, [g.id for g in goal_file.goals]),
            )
    threshold = suppress_below or goal_file.suppress_below
    if threshold:
        from esfkit.engine.run import evaluator_for
        from esfkit.suppression import suppress

        ev = evaluator_for(report, goal_file, participants)
        report = suppress(report, threshold, goal_file, ev)
    lang_code = (lang.value if lang else None) or goal_file.project.lang or "sv"
    color = (
        is_stdout(output)
        and fmt_name == Format.table
        and sys.stdout is not None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    shown = is_stdout(output) and fmt_name == Format.table
    columns = terminal_columns() if shown else None
    options = RenderOptions(lang_code, width, color, tuple(goal_ids), csv_excel, columns)
    if history is None:
        write_output(output, formatter(fmt_name)(report, options), inputs=(goals, data))
    else:
        from esfkit import history as recorded

        with recorded.locked(history):  # read, report, record: no other run in between
            earlier = recorded.read_history(history, project=report.project)
            definitions = recorded.definitions(goal_file)
            report = recorded.attach(report, earlier, definitions)
            write_output(output, formatter(fmt_name)(report, options), inputs=(goals, data))
            rows = recorded.record(earlier, report, definitions, whole_run=not goal_ids)
            text = recorded.history_text(rows)
            write_atomically(history, text, inputs=(goals, data), option="--history")
    failing = {Status.NOT_MET} | ({Status.BEHIND} if fail_on == FailOn.behind else set())
    if fail_on and any(status in failing for status in statuses):
        return ExitCode.UNMET
    return ExitCode.OK


@app.command()
def explain(
    goals: GoalsArg,
    data: DataArg,
    goal: Annotated[str, typer.Argument(help="The goal's id.", show_default=False)],
    where: Annotated[
        str | None,
        typer.Option("--where", help="Only one cell, e.g. municipality=Piteå,gender=women."),
    ] = None,
    as_of: AsOf = None,
    period: PeriodOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """List, by row number, the rows behind a goal's figure, so it can be checked by hand.

    Example: esfkit explain goals.yml deltagare.xlsx studies --where municipality=Piteå
    """
    _run(lambda: _explain(goals, data, goal, where, as_of, period, from_, to, fmt))


def _explain(goals, data, goal_id, where, as_of, period, from_, to, fmt) -> int:
    from esfkit.api import load_checked, load_goal_file
    from esfkit.engine.explain import explain, parse_where, to_json, to_text
    from esfkit.engine.population import period_from_options, report_date_from_option
    from esfkit.escape import json_document

    the_period = period_from_options(period, from_, to)
    report_date = report_date_from_option(as_of, the_period)
    chosen = parse_where(where)
    goal_file = load_goal_file(goals)
    participants = load_checked(data, goal_file, report_date, "explain")
    found = explain(goal_file, participants, goal_id, report_date, the_period, chosen)
    if fmt == Format.json:
        write_stdout(json_document(to_json(found, data.name)) + "\n")
    else:
        write_stdout(to_text(found, data.name))
    return ExitCode.OK


def _validate(goals: Path, data: Path, as_of: str | None, strict: bool) -> int:
    from esfkit.api import load_goal_file, validation_report
    from esfkit.engine.population import report_date_from_option
    from esfkit.escape import terminal
    from esfkit.progress import working

    report_date = report_date_from_option(as_of, None)
    goal_file = load_goal_file(goals)
    with working(f"Reading and checking {terminal(data.name)} …"):
        text, errors, warnings = validation_report(goal_file, data, report_date)
    write_stdout(text)
    return ExitCode.USER_ERROR if errors or (strict and warnings) else ExitCode.OK


def _check_includes(goal_file, participants) -> None:
    if goal_file.includes:
        from esfkit.indicators import check_included

        check_included(goal_file.includes, participants)


def _evaluate(goals: Path, data: Path, as_of, period, from_, to, goal_ids):
    from esfkit.data.prefetch import prefetch_sheet

    prefetch_sheet(data)  # a workbook is parsed on a second core while pandas is imported
    from esfkit.api import load_checked, load_goal_file
    from esfkit.engine.population import period_from_options, report_date_from_option
    from esfkit.engine.run import evaluate
    from esfkit.escape import terminal
    from esfkit.progress import working

    the_period = period_from_options(period, from_, to)
    report_date = report_date_from_option(as_of, the_period)
    goal_file = load_goal_file(goals)
    with working(f"Reading and checking {terminal(data.name)} …"):
        participants = load_checked(data, goal_file, report_date)
    _check_includes(goal_file, participants)
    return (
        evaluate(goal_file, participants, report_date, the_period, goal_ids),
        goal_file,
        participants,
    )


@app.command("history")
def history_command(
    file: Annotated[
        Path, typer.Argument(help="The history file (check --history).", show_default=False)
    ],
    goal: Annotated[
        list[str] | None, typer.Option("--goal", "-g", help="Only this goal (repeatable).")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the table.")] = Lang.sv,
) -> None:
    """Print each goal's recorded figures per report date: value, change, target, status.

    Example: esfkit history history.csv --goal recruited --lang en
    """
    _run(lambda: _history(file, tuple(goal or ()), lang.value))


def _history(file: Path, goal_ids: tuple[str, ...], lang: str) -> int:
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
            from esfkit.errors import one_of

            raise UsageError(f"no goal with id '{goal_id}' in {file}", hint=one_of(goal_id, known))
    w = Words(lang)
    write_stdout(render_tables(trend_tables(found, w)) if found else w("history.empty") + "\n")
    return ExitCode.OK


# --- getting started: init, template, indicators (docs/getting-started.md) -----------------

ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]


@app.command()
def init(
    data: DataArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The goal file to write; '-' prints it.")
    ] = Path("goals.yml"),
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="The Excel sheet (default: the one that looks like participants)."
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write a commented starter goal file from a participant file.

    Example: esfkit init deltagare.xlsx -o goals.yml
    """
    _run(lambda: _init(data, output, sheet, force))


def _init(data: Path, output: Path, sheet: str | None, force: bool) -> int:
    from esfkit.escape import terminal
    from esfkit.scaffold.starter import starter_goal_file, survey

    found = survey(data, sheet)
    text = starter_goal_file(found, str(data), "goals.yml" if is_stdout(output) else str(output))
    write_output(output, text, inputs=(data,), option="-o", overwrite=force)
    if is_stdout(output):
        return ExitCode.OK
    mapped = ", ".join(f"{f}={terminal(h)}" for f, h in found.columns.items()) or "nothing"
    shown, source = terminal(output), terminal(data)
    typer.echo(f"wrote {shown}: {found.rows} rows; columns found: {mapped}", err=True)
    if found.missing:
        typer.echo(f"  not found: {', '.join(found.missing)} (see the file)", err=True)
    typer.echo(f"next: edit {shown}, then: esfkit check {shown} {source}", err=True)
    return ExitCode.OK


@app.command()
def template(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The workbook (.xlsx) to write ('-': standard output)."
        ),
    ] = Path("deltagare.xlsx"),
    goals: Annotated[
        Path | None,
        typer.Option(
            "--goals", help="Take headers, drop-down values and columns from this goal file."
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write an Excel template for the participant list, with drop-downs and instructions.

    Example: esfkit template -o deltagare.xlsx --goals goals.yml
    """
    _run(lambda: _template(output, goals, force))


def _template(output: Path, goals: Path | None, force: bool) -> int:
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
    inputs = (goals,) if goals else ()
    workbook = template_workbook(columns, sheet, project)
    write_output(output, workbook, inputs=inputs, option="-o", overwrite=force)
    from esfkit.escape import terminal

    where = "standard output" if is_stdout(output) else terminal(output)
    typer.echo(f"wrote {where}: {len(columns)} columns on sheet '{terminal(sheet)}'", err=True)
    return ExitCode.OK


indicators_app = typer.Typer(
    help="The ready-made ESF common indicators a goal file pulls in with `include:`.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(indicators_app, name="indicators")


@indicators_app.command("list")
def indicators_list(
    library: Annotated[
        str | None, typer.Option("--library", help="Only this library: esf-plus or esf-2014.")
    ] = None,
) -> None:
    """List the indicators of each library: code and official name.

    Example: esfkit indicators list --library esf-plus
    """
    _run(lambda: _indicators_list(library))


@indicators_app.command("show")
def indicators_show(
    code: Annotated[
        str, typer.Argument(help="An indicator code, e.g. EECR04.", show_default=False)
    ],
) -> None:
    """Show one indicator: name, source, the columns it needs, its goal definition.

    Example: esfkit indicators show EECR04
    """
    _run(lambda: _indicators_show(code))


def _indicators_list(name: str | None) -> int:
    from esfkit.indicators import LIBRARIES, library
    from esfkit.indicators.describe import indicator_list

    names = LIBRARIES if name is None else (library(name).name,)
    write_stdout(indicator_list(names))
    return ExitCode.OK


def _indicators_show(code: str) -> int:
    from esfkit.errors import one_of
    from esfkit.indicators import all_indicators, find
    from esfkit.indicators.describe import indicator_detail

    indicator = find(code)
    if indicator is None:
        codes = [i.code for i in all_indicators()]
        raise UsageError(f"no indicator with code '{code}'", hint=one_of(code, codes))
    write_stdout(indicator_detail(indicator))
    return ExitCode.OK


def _run(command: Callable[[], int]) -> None:
    """Run a command; a user error becomes one message on stderr and exit 2, anything
    unexpected (a bug) one message and exit 3. ``--debug`` adds the traceback before the
    message and changes nothing else: the same exit status, the same masking."""
    from esfkit.escape import terminal_lines  # never a personnummer, nor ESC, from a cell

    try:
        code = command()
    except EsfkitError as exc:
        _traceback(exc)
        typer.echo(f"error: {terminal_lines(exc)}", err=True)  # never a personnummer, nor ESC
        raise typer.Exit(ExitCode.USER_ERROR) from None
    except OSError as exc:
        _traceback(exc)
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        typer.echo(f"error: {terminal_lines(f'{where}{exc.strerror or exc}')}", err=True)
        raise typer.Exit(ExitCode.USER_ERROR) from None
    except (typer.Exit, typer.Abort):
        raise  # an ending asked for (both derive from Exception), not a bug
    except Exception as exc:
        _traceback(exc)
        message = terminal_lines(f"{type(exc).__name__}: {exc}")  # it may quote a cell
        typer.echo(
            f"esfkit: internal error: {message}; this is a bug in esfkit — please report it "
            "with the command; --debug shows the details",
            err=True,
        )
        raise typer.Exit(ExitCode.INTERNAL) from None
    raise typer.Exit(code)


def _traceback(exc: BaseException) -> None:
    """With ``--debug``, the traceback on stderr, masked: an exception's message (and
    those it was raised from) may quote a cell."""
    if _debug:
        import traceback

        from esfkit.escape import terminal_lines

        typer.echo(terminal_lines("".join(traceback.format_exception(exc))).rstrip("\n"), err=True)


def main() -> None:
    """Console-script entry point. Python's warnings (pandas, numpy, openpyxl) are for
    developers: they never reach the user's terminal, except with --debug."""
    if "--debug" not in sys.argv[1:]:
        import warnings

        warnings.simplefilter("ignore")
    utf8_streams()  # a report's å and ▲ never end a run under a C or Latin-1 locale
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
