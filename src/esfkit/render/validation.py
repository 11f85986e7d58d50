"""The text of `esfkit validate`, and of the error that stops `check` on bad data.

Findings grouped by kind, errors first, each located by file, rows and column. A finding's
message quotes cells as typed: each line with one is escaped for the terminal
(esfkit.escape.terminal: masked, no control character, one line).
"""

from __future__ import annotations

from collections.abc import Mapping

from esfkit.errors import SHOWN_ROWS, DataError, DataLocation, located
from esfkit.escape import terminal
from esfkit.findings import ERROR, WARNING, Finding
from esfkit.messages import MESSAGES, plural

SHOWN_IN_ERROR = 5  # findings `check` prints before pointing at `validate`


class DataErrors(DataError):
    """The errors that stop `check`, said in the run's language. ``names``: the files of a
    register read from several, whose rows are row keys."""

    def __init__(
        self,
        errors: list[Finding],
        file: str,
        validate_command: str,
        command: str,
        names: tuple[str, ...] = (),
    ):
        self.errors, self.file, self.command = errors, file, command
        self.validate_command, self.names = validate_command, names
        english = MESSAGES["en"]
        super().__init__(self.lines(english), DataLocation(file), self.todo(english))

    def lines(self, labels: Mapping[str, str]) -> str:
        """The first errors, each located, and how many more. Each line quoting a cell is
        escaped on its own (a line break in a cell stays inside its line)."""
        errors = self.errors
        shown = [
            terminal(f"  {location(f, self.file, labels, names=self.names)}: {f.text(labels)}")
            for f in errors[:SHOWN_IN_ERROR]
        ]
        if len(errors) > SHOWN_IN_ERROR:
            shown.append("  " + labels["word.and_more"].format(n=len(errors) - SHOWN_IN_ERROR))
        count = plural(labels, "word.errors", len(errors))
        head = labels["data.stop"].format(errors=count, command=self.command)
        return head + "\n" + "\n".join(shown)

    def todo(self, labels: Mapping[str, str]) -> str:
        """The first error's what to do, and the command listing them all."""
        first = self.errors[0].todo_text(labels) if self.errors else None
        every = labels["data.all_findings"].format(command=self.validate_command)
        return (f"{terminal(first)}\n  " if first else "") + every

    def text(self, labels: Mapping[str, str] | None = None) -> str:
        """Where, the first errors and what to do, in the language of ``labels``, masked."""
        from esfkit.privacy import mask_text

        labels = labels or MESSAGES["en"]
        where = DataLocation(self.file).text(labels)
        hint = f"{labels['word.hint']}: {self.todo(labels)}"
        return mask_text(f"{where}: {self.lines(labels)}\n  {hint}")


def data_errors(
    errors: list[Finding],
    file: str,
    validate_command: str,
    command: str,
    names: tuple[str, ...] = (),
) -> DataError:
    """The error that stops ``command``: the first errors, and how to list them all."""
    return DataErrors(errors, file, validate_command, command, names)


def location(
    finding: Finding,
    file: str,
    labels: Mapping[str, str] | None = None,
    all_rows: bool = False,
    names: tuple[str, ...] = (),
) -> str:
    """'file, rows 3, 9, column 'Kön'' in the language of ``labels`` (English: None): a
    long list of rows folded unless ``all_rows``; with the ``names`` of several files, each
    file with its rows ('kiruna.xlsx, row 14; pajala.xlsx, rows 3, 9, column 'Kön'')."""
    limit = None if all_rows else SHOWN_ROWS
    return located(file, finding.rows, finding.column, names, limit, labels)


def validation_text(  # noqa: PLR0913  # the parts of validate's text, and its language
    file: str,
    findings: list[Finding],
    more: list[tuple[Finding, str]],
    rows: int,
    note: str | None = None,
    all_rows: bool = False,
    files: tuple[tuple[str, int], ...] = (),
    labels: Mapping[str, str] | None = None,
) -> tuple[str, int, int]:
    """Every finding of the ``rows`` rows of ``file`` grouped by kind, errors first, with
    counts, in the language of ``labels`` (English: None); and the error and warning
    counts. ``more`` holds population findings with their sentence (already translated);
    ``note`` says how they were counted, or why they are missing. A finding's rows are
    folded ('rows 12–40, 52 … (219 rows)') unless ``all_rows``. ``files``: the name and
    rows of each file of a register read from several, listed under the first line; each
    row is then shown with its file."""
    labels = labels or MESSAGES["en"]
    names = tuple(name for name, _ in files)
    items = [(f, f.text(labels)) for f in findings] + more
    errors = sum(f.is_error for f, _ in items)
    warnings = len(items) - errors
    head = labels["validate.head"].format(
        file=file,
        rows=plural(labels, "word.rows_count", rows),
        errors=plural(labels, "word.errors", errors),
        warnings=plural(labels, "word.warnings", warnings),
    )
    lines = [terminal(head)]
    lines += [
        terminal(f"  {name}: {plural(labels, 'word.rows_count', count)}") for name, count in files
    ]
    if note:
        lines.append(terminal(f"  ({note})"))
    kinds = list(dict.fromkeys(f.kind for f, _ in items))
    kinds.sort(key=lambda k: not any(f.is_error for f, _ in items if f.kind == k))
    severity_word = {ERROR: labels["word.error"], WARNING: labels["word.warning"]}
    for kind in kinds:
        group = [(f, text) for f, text in items if f.kind == kind]
        severity = severity_word[ERROR if group[0][0].is_error else WARNING]
        meaning = labels.get(f"kind.{kind}", kind)
        lines.append("")
        lines.append(f"{severity} {kind} ({len(group)}): {meaning}")
        for finding, text in group:
            lines.append(terminal(f"  {location(finding, file, labels, all_rows, names)}: {text}"))
            todo = finding.todo_text(labels)
            if todo:
                lines.append(f"    {labels['word.what_to_do']}: {terminal(todo)}")
    if not items:
        lines.append("  " + labels["word.no_findings"])
    return "\n".join(lines) + "\n", errors, warnings
