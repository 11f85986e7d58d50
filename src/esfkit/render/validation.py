"""The text of `esfkit validate`, and of the error that stops `check` on bad data.

Findings grouped by kind, errors first, each located by file, rows and column. A finding's
message quotes cells as typed: each line with one is escaped for the terminal
(esfkit.escape.terminal: masked, no control character, one line).
"""

from __future__ import annotations

from esfkit.errors import SHOWN_ROWS, DataError, DataLocation, located
from esfkit.escape import terminal
from esfkit.findings import ERROR, KINDS, WARNING, Finding

SHOWN_IN_ERROR = 5  # findings `check` prints before pointing at `validate`


def data_errors(
    errors: list[Finding],
    file: str,
    validate_command: str,
    command: str,
    names: tuple[str, ...] = (),
) -> DataError:
    """The first errors, each located, and the command that lists them all. Each line
    quoting a cell is escaped on its own (a line break in a cell stays inside its line).
    ``names``: the files of a register read from several, whose rows are row keys."""
    lines = [
        terminal(f"  {location(f, file, names=names)}: {f.message}")
        for f in errors[:SHOWN_IN_ERROR]
    ]
    if len(errors) > SHOWN_IN_ERROR:
        lines.append(f"  ... and {len(errors) - SHOWN_IN_ERROR} more")
    count = "1 error" if len(errors) == 1 else f"{len(errors)} errors"
    return DataError(
        f"{count} in the data stop {command}:\n" + "\n".join(lines),
        where=DataLocation(file),
        hint=(f"{terminal(errors[0].todo)}\n  " if errors and errors[0].todo else "")
        + f"all findings, with what to do: {validate_command}",
    )


def location(
    finding: Finding, file: str, all_rows: bool = False, names: tuple[str, ...] = ()
) -> str:
    """'file, rows 3, 9, column 'Kön'': a long list of rows folded unless ``all_rows``;
    with the ``names`` of several files, each file with its rows
    ('kiruna.xlsx, row 14; pajala.xlsx, rows 3, 9, column 'Kön'')."""
    return located(file, finding.rows, finding.column, names, None if all_rows else SHOWN_ROWS)


def validation_text(
    file: str,
    findings: list[Finding],
    more: list[tuple[Finding, str]],
    rows: int,
    note: str | None = None,
    all_rows: bool = False,
    files: tuple[tuple[str, int], ...] = (),
) -> tuple[str, int, int]:
    """Every finding of the ``rows`` rows of ``file`` grouped by kind, errors first, with
    counts; and the error and warning counts. ``more`` holds population findings with their
    sentence (already translated); ``note`` says how they were counted, or why they are
    missing. A finding's rows are folded ('rows 12–40, 52 … (219 rows)') unless
    ``all_rows``. ``files``: the name and rows of each file of a register read from
    several, listed under the first line; each row is then shown with its file."""
    names = tuple(name for name, _ in files)
    items = [(f, f"{f.message}") for f in findings] + more
    errors = sum(f.is_error for f, _ in items)
    warnings = len(items) - errors
    lines = [
        terminal(f"{file}: {rows} rows; {_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    ]
    lines += [terminal(f"  {name}: {_plural(count, 'row')}") for name, count in files]
    if note:
        lines.append(terminal(f"  ({note})"))
    kinds = list(dict.fromkeys(f.kind for f, _ in items))
    kinds.sort(key=lambda k: not any(f.is_error for f, _ in items if f.kind == k))
    for kind in kinds:
        group = [(f, text) for f, text in items if f.kind == kind]
        severity = ERROR if group[0][0].is_error else WARNING
        lines.append("")
        lines.append(f"{severity} {kind} ({len(group)}): {KINDS.get(kind, ('', kind))[1]}")
        for finding, text in group:
            lines.append(terminal(f"  {location(finding, file, all_rows, names)}: {text}"))
            if finding.todo:
                lines.append(f"    what to do: {terminal(finding.todo)}")
    if not items:
        lines.append("  no findings")
    return "\n".join(lines) + "\n", errors, warnings


def _plural(n: int, word: str) -> str:
    return f"1 {word}" if n == 1 else f"{n} {word}s"
