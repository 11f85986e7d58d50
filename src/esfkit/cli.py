"""The command line: parse options, call the library, write the output, turn errors into exit
codes. Nothing else: what a command does is esfkit.api's (or, for the commands that need no
pandas, esfkit.tools'); the options are declared in esfkit.cli_options. Heavy modules
(pandas, the engine) are imported inside the commands, so ``esfkit --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from esfkit import cli_options as opt
from esfkit import tools
from esfkit.errors import EsfkitError, ExitCode, UsageError, say
from esfkit.files import is_stdout, refuse_history_file, utf8_streams, write_output, write_stdout
from esfkit.progress import colour_terminal, reading, terminal_columns

app = typer.Typer(
    cls=opt.MaskedGroup,
    name="esfkit",
    help="Goal attainment for ESF projects: target versus actual, by municipality and gender.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# --debug, and the day taken as today when a caller (a test) gives it: app(obj={"today": day});
# "process": the command runs in a process of its own, which ends with it (esfkit.cli.main)
_given: dict[str, Any] = {}


@app.callback()
def _main(ctx: typer.Context, version: opt.VersionOpt = False, debug: opt.DebugOpt = False) -> None:
    today = ctx.obj.get("today") if isinstance(ctx.obj, dict) else None
    _given.update(debug=debug, today=today if isinstance(today, dt.date) else None)


@app.command()
def check(  # noqa: PLR0913  # Typer: a parameter per option
    goals: opt.GoalsArg,
    data: opt.DataArg = None,
    as_of: opt.AsOf = None,
    period: opt.PeriodOpt = None,
    from_: opt.FromOpt = None,
    to: opt.ToOpt = None,
    fmt: opt.FormatOpt = None,
    output: opt.OutputOpt = None,
    goal: opt.GoalOpt = None,
    lang: opt.LangOpt = None,
    fail_on: opt.FailOnOpt = None,
    width: opt.WidthOpt = None,
    csv_excel: opt.CsvExcelOpt = False,
    suppress_below: opt.SuppressOpt = None,
    history: opt.HistoryOpt = None,
) -> None:
    """Evaluate every goal against the participant file and print target versus actual.

    Several files (one per municipality) are read as one register; without a file, the goal
    file's data.files are read.

    Example: esfkit check goals.yml deltagare.xlsx --as-of 2022-05-31 --lang sv
    """
    options = opt.CheckOptions(**locals())  # every parameter is a field of the same name
    _run(lambda: _check(options), lang)


def _check(o: opt.CheckOptions) -> int:
    """check: the options checked, the library called, the report written."""
    fmt = opt.report_format(o.fmt, o.output)
    with _heavy_imports(o.data):
        from esfkit import api

    outputs = (("-o", o.output), ("--history", o.history))
    writes = [(name, path) for name, path in outputs if path is not None and not is_stdout(path)]
    inputs = (o.goals, *api.data_files(o.goals, o.data, writes))
    if o.history is not None:
        refuse_history_file(o.history, o.output, inputs)
    checked = api.run_check(
        o.goals,
        o.data,
        as_of=o.as_of,
        period=api.period_option(o.period, o.from_, o.to),
        goal_ids=tuple(o.goal or ()),
        suppress_below=o.suppress_below,
        reading=reading,
        today=_given.get("today"),
    )
    shown = is_stdout(o.output) and fmt == opt.Format.table  # perhaps on a terminal
    width = terminal_columns() if shown else None
    seen: dict[str, Any] = {"color": shown and colour_terminal(), "terminal_width": width}
    lang = o.lang.value if o.lang else None

    def write(report: api.Report) -> None:
        text = api.render(report, fmt, lang, width=o.width, csv_excel=o.csv_excel, **seen)
        write_output(o.output, text, inputs=inputs)

    if o.history is None:
        write(checked.report)
    else:
        api.with_history(checked, o.history, write, inputs)
    if o.fail_on and checked.fails(behind=o.fail_on == opt.FailOn.behind):
        return ExitCode.UNMET
    return ExitCode.OK


@app.command()
def validate(
    goals: opt.GoalsArg,
    data: opt.DataArg = None,
    as_of: opt.AsOf = None,
    strict: opt.StrictOpt = False,
    all_rows: opt.AllRowsOpt = False,
    lang: opt.LangOpt = None,
) -> None:
    """Check the goal file and the participant file and list every finding, by kind.

    Exit 2 when there is an error (with --strict: also a warning), else 0.

    Example: esfkit validate goals.yml deltagare.xlsx --strict
    """
    _run(lambda: _validate(goals, data, as_of, strict, all_rows), lang)


def _validate(
    goals: Path, data: list[Path] | None, as_of: str | None, strict: bool, all_rows: bool
) -> int:
    with _heavy_imports(data):
        from esfkit import api

    text, errors, warnings = api.validation_report(
        goals,
        data,
        as_of,
        reading=reading,
        all_rows=all_rows,
        today=_given.get("today"),
        lang=_given.get("lang"),
    )
    write_stdout(text)
    return ExitCode.USER_ERROR if errors or (strict and warnings) else ExitCode.OK


@app.command()
def explain(  # noqa: PLR0913  # Typer: a parameter per option
    goals: opt.GoalsArg,
    data_and_goal: opt.DataGoalArgs,
    where: opt.WhereOpt = None,
    as_of: opt.AsOf = None,
    period: opt.PeriodOpt = None,
    from_: opt.FromOpt = None,
    to: opt.ToOpt = None,
    fmt: opt.ExplainFormatOpt = opt.Format.table,
    lang: opt.LangOpt = None,
) -> None:
    """List, by row number, the rows behind a goal's figure, so it can be checked by hand.

    The participant files come before the goal's id; without one, the goal file's data.files
    are read.

    Example: esfkit explain goals.yml deltagare.xlsx studies --where municipality=Piteå
    """
    *data, goal = data_and_goal
    paths = [Path(d) for d in data]
    _run(lambda: _explain(goals, paths, goal, where, as_of, (period, from_, to), fmt), lang)


def _goal_last(goal_id: str) -> None:
    """The last argument is a file: the goal's id was left out (after one file or several)."""
    if Path(goal_id).is_file():
        raise UsageError(say("usage.goal_last", goal=goal_id), hint=say("hint.goal_last"))


def _explain(goals, data, goal_id, where, as_of, period, fmt) -> int:
    with _heavy_imports(data):
        from esfkit import api

    _goal_last(goal_id)
    today, span = _given.get("today"), api.period_option(*period)
    found = api.explain(goals, data, goal_id, where=where, as_of=as_of, period=span, today=today)
    text = api.explanation_text(found, as_json=fmt == opt.Format.json, lang=_lang())
    write_stdout(text)
    return ExitCode.OK


@app.command("history")
def history_command(
    file: opt.HistoryArg, goal: opt.GoalOpt = None, lang: opt.LangOpt = None
) -> None:
    """Print each goal's recorded figures per report date: value, change, target, status.

    Example: esfkit history history.csv --goal recruited --lang en
    """
    _run(lambda: _written(tools.history_text(file, tuple(goal or ()), _lang())), lang)


@app.command()
def init(
    data: opt.InitDataArg,
    output: opt.StarterOpt = Path("goals.yml"),
    sheet: opt.SheetOpt = None,
    force: opt.ForceOpt = False,
    lang: opt.LangOpt = None,
) -> None:
    """Write a commented starter goal file from a participant file (or several, one data
    section fitting them all).

    Example: esfkit init deltagare.xlsx -o goals.yml
    """
    _run(
        lambda: _made(
            tools.starter(data, sheet, output, is_stdout(output), _lang()),
            output,
            tuple(data),
            force,
        ),
        lang,
    )


@app.command()
def template(
    output: opt.WorkbookOpt = Path("deltagare.xlsx"),
    goals: opt.TemplateGoalsOpt = None,
    force: opt.ForceOpt = False,
    lang: opt.LangOpt = None,
) -> None:
    """Write an Excel template for the participant list, with drop-downs and instructions.

    Example: esfkit template -o deltagare.xlsx --goals goals.yml
    """
    _run(
        lambda: _made(
            tools.template(goals, output, is_stdout(output), _lang()), output, (goals,), force
        ),
        lang,
    )


def _made(made: tools.Written, output: Path, inputs: tuple[Path | None, ...], force: bool) -> int:
    """A file written for the user, and on stderr what it holds."""
    given = tuple(path for path in inputs if path is not None)
    write_output(output, made.content, inputs=given, option="-o", overwrite=force)
    for line in made.summary:
        typer.echo(line, err=True)
    return ExitCode.OK


indicators_app = typer.Typer(
    help="The ready-made ESF common indicators a goal file pulls in with `include:`.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(indicators_app, name="indicators")


@indicators_app.command("list")
def indicators_list(library: opt.LibraryOpt = None, lang: opt.LangOpt = None) -> None:
    """List the indicators of each library: code and official name.

    Example: esfkit indicators list --library esf-plus
    """
    _run(lambda: _written(tools.indicator_list(library, _lang())), lang)


@indicators_app.command("show")
def indicators_show(code: opt.CodeArg, lang: opt.LangOpt = None) -> None:
    """Show one indicator: name, source, the columns it needs, its goal definition.

    Example: esfkit indicators show EECR04
    """
    _run(lambda: _written(tools.indicator_text(code, _lang())), lang)


def _written(text: str) -> int:
    write_stdout(text)
    return ExitCode.OK


def _lang() -> str | None:
    """The run's --lang; None: the goal file's project.lang, else Swedish."""
    return _given.get("lang")


def _run(command: Callable[[], int], lang: opt.Lang | None = None) -> None:
    """Run a command in ``lang`` (--lang); a user error becomes one message on stderr in the
    run's language and exit 2, anything unexpected (a bug) one message and exit 3.
    ``--debug`` adds the traceback before the message and changes nothing else: the same
    exit status, the same masking."""
    from esfkit.escape import terminal_lines  # never a personnummer, nor ESC, from a cell
    from esfkit.i18n import LABELS, error_text, run_lang

    _given["lang"] = lang.value if lang else None
    try:
        code = command()
    except EsfkitError as exc:
        _traceback(exc)
        text = error_text(exc, run_lang(_lang(), exc.lang))
        typer.echo(terminal_lines(text), err=True)  # never a personnummer, nor ESC
        raise typer.Exit(ExitCode.USER_ERROR) from None
    except OSError as exc:
        _traceback(exc)
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        error = LABELS[run_lang(_lang())]["word.error"]
        typer.echo(f"{error}: {terminal_lines(f'{where}{exc.strerror or exc}')}", err=True)
        raise typer.Exit(ExitCode.USER_ERROR) from None
    except (typer.Exit, typer.Abort):
        raise  # an ending asked for (both derive from Exception), not a bug
    except Exception as exc:
        _traceback(exc)
        message = terminal_lines(f"{type(exc).__name__}: {exc}")  # it may quote a cell
        typer.echo(LABELS[run_lang(_lang())]["word.internal"].format(message=message), err=True)
        raise typer.Exit(ExitCode.INTERNAL) from None
    raise typer.Exit(code)


@contextmanager
def _heavy_imports(data: list[Path] | None) -> Iterator[None]:
    """pandas and the engine imported with the garbage collector paused and their objects
    frozen after, in a process of its own: they live to its end, and no collection walks
    them again (0.04 s CPU of a small project's check). A caller's process (a notebook, a
    test) keeps its collector as it was. Meanwhile a workbook or a large CSV file, the
    only one in ``data``, is parsed on a second core (data/prefetch.py)."""
    if data and len(data) == 1:
        from esfkit.data.prefetch import prefetch

        prefetch(data[0])
    if not _given.get("process"):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _traceback(exc: BaseException) -> None:
    """With ``--debug``, the traceback on stderr, masked: an exception's message (and
    those it was raised from) may quote a cell."""
    if _given.get("debug"):
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
    _given["process"] = True
    try:
        app()
    except KeyboardInterrupt:
        from esfkit.i18n import LABELS, run_lang

        typer.echo(LABELS[run_lang(_lang())]["word.interrupted"], err=True)
        sys.exit(130)
    finally:
        # The interpreter's last collection at exit would walk every object of pandas'
        # and numpy's modules (0.05 s of a small project's run); what is still alive now
        # lives to the end, and the files written are closed already.
        gc.freeze()
