"""The command line's vocabulary: each option and argument once, with its help text, as the
commands in esfkit.cli declare them; `check`'s options as one value (:class:`CheckOptions`);
the command group that masks Click's own usage errors. Light: imported for ``esfkit --help``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from esfkit.errors import UsageError, say
from esfkit.limits import SUPPRESS_LIMIT
from esfkit.version import __version__


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


VersionOpt = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
]
DebugOpt = Annotated[
    bool,
    typer.Option(
        "--debug", help="Show the traceback of an error too (same exit status, numbers masked)."
    ),
]

# --- the inputs, shared by check, validate and explain --------------------------------------

GoalsArg = Annotated[Path, typer.Argument(help="The goal file (goals.yml).", show_default=False)]
DataArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="The participant file (.xlsx, .csv ...), or several read as one register "
        "(default: the goal file's data.files).",
        show_default=False,
    ),
]
InitDataArg = Annotated[
    list[Path],
    typer.Argument(
        help="The participant file (.xlsx, .csv ...), or several read as one register.",
        show_default=False,
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Report date YYYY-MM-DD (default: today, or the period's or the project's end "
        "if earlier).",
    ),
]
PeriodOpt = Annotated[str | None, typer.Option("--period", help="2022, 2022H1, 2022Q3 or 2022-05.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD (with --to).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Period end YYYY-MM-DD (with --from).")]
GoalOpt = Annotated[
    list[str] | None, typer.Option("--goal", "-g", help="Only this goal (repeatable).")
]

# --- check ----------------------------------------------------------------------------------

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format (default: from the --output extension, else table)."
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead ('-': standard output)."),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang", help="Language of the output and messages (default: project.lang, else sv)."
    ),
]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option("--fail-on", help="Exit 1 when a goal is not met (unmet) or also behind plan."),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=1,
        max=1000,
        help="Width of the table output in characters (default: the terminal's; 100 when not "
        "a terminal).",
    ),
]
CsvExcelOpt = Annotated[
    bool,
    typer.Option("--csv-excel", help="CSV for Swedish Excel: UTF-8 with BOM, ';', decimal comma."),
]
SuppressOpt = Annotated[
    int | None,
    typer.Option(
        "--suppress-below",
        min=2,
        max=SUPPRESS_LIMIT,
        help="Hide counts from 1 to N-1 as <N, and what would reveal them "
        "(default: report.suppress_below in the goal file).",
    ),
]
HistoryOpt = Annotated[
    Path | None,
    typer.Option(
        "--history",
        help="Record this run's figures in this CSV file (a re-run of the same report "
        "date replaces its rows) and show the change since the previous run.",
    ),
]


@dataclass(frozen=True)
class CheckOptions:
    """The options of `esfkit check`, as typed: the parameters of esfkit.cli.check."""

    goals: Path
    data: list[Path] | None
    as_of: str | None = None
    period: str | None = None
    from_: str | None = None
    to: str | None = None
    fmt: Format | None = None
    output: Path | None = None
    goal: list[str] | None = None
    lang: Lang | None = None
    fail_on: FailOn | None = None
    width: int | None = None
    csv_excel: bool = False
    suppress_below: int | None = None
    history: Path | None = None


def report_format(fmt: Format | None, output: Path | None) -> str:
    """The format asked for: ``--format``, else the ``--output`` file's extension, else
    table. A binary format (xlsx) needs ``--output``."""
    from esfkit.render import BINARY, format_for

    name = fmt.value if fmt else (format_for(output) if output else None) or "table"
    if name in BINARY and output is None:
        raise UsageError(
            say("usage.needs_output", name=name), hint=say("hint.needs_output", name=name)
        )
    return name


# --- validate, explain, history -------------------------------------------------------------

StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings count as errors (exit 2).")]
AllRowsOpt = Annotated[
    bool, typer.Option("--all", help="List every row of a finding, not the first few.")
]
DataGoalArgs = Annotated[
    list[str],
    typer.Argument(
        help="The participant files (default: the goal file's data.files), then the goal's id.",
        metavar="[DATA]... GOAL",
        show_default=False,
    ),
]
WhereOpt = Annotated[
    str | None,
    typer.Option("--where", help="Only one cell, e.g. municipality=Piteå,gender=women."),
]
ExplainFormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
HistoryArg = Annotated[
    Path, typer.Argument(help="The history file (check --history).", show_default=False)
]

# --- getting started: init, template, indicators (docs/getting-started.md) -----------------

ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]
StarterOpt = Annotated[
    Path, typer.Option("--output", "-o", help="The goal file to write; '-' prints it.")
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet", help="The Excel sheet (default: the one that looks like participants)."
    ),
]
WorkbookOpt = Annotated[
    Path,
    typer.Option("--output", "-o", help="The workbook (.xlsx) to write ('-': standard output)."),
]
TemplateGoalsOpt = Annotated[
    Path | None,
    typer.Option("--goals", help="Take headers, drop-down values and columns from this goal file."),
]
LibraryOpt = Annotated[
    str | None, typer.Option("--library", help="Only this library: esf-plus or esf-2014.")
]
CodeArg = Annotated[str, typer.Argument(help="An indicator code, e.g. EECR04.", show_default=False)]


# --- Click's own messages ---------------------------------------------------------------


class MaskedGroup(TyperGroup):
    """Click prints its own usage errors (an unknown command or option, a value not among
    the choices), quoting what was typed: masked like every other message."""

    def make_context(self, *args, **kwargs):  # the command line of the group itself
        with _masked_usage_error():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):  # a command's own command line, parsed as it is invoked
        with _masked_usage_error():
            return super().invoke(ctx)


@contextmanager
def _masked_usage_error() -> Iterator[None]:
    try:
        yield
    except typer.TyperException as exc:  # the base of Click's usage errors, as typer ships them
        from esfkit.escape import terminal_lines  # the argument it quotes as typed: masked,

        if isinstance(getattr(exc, "message", None), str):  # no bidi or zero-width raw
            exc.message = terminal_lines(exc.message)
        raise
