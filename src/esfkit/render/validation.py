"""The text of `esfkit validate` (the error that stops `check` on bad data is
esfkit.errors.DataErrors).

Findings grouped by kind, errors first, each located by file, rows and column. A finding's
message quotes cells as typed: each line with one is escaped for the terminal
(esfkit.escape.terminal: masked, no control character, one line).
"""

from __future__ import annotations

from collections.abc import Mapping

from esfkit.errors import SHOWN_ROWS, located
from esfkit.escape import terminal
from esfkit.findings import ERROR, WARNING, Finding
from esfkit.messages import MESSAGES, plural


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
    groups: dict[str, list[tuple[Finding, str]]] = {}
    for finding, text in items:
        groups.setdefault(finding.kind, []).append((finding, text))
    kinds = sorted(groups, key=lambda k: not any(f.is_error for f, _ in groups[k]))
    severity_word = {ERROR: labels["word.error"], WARNING: labels["word.warning"]}
    todo_lines: dict[str, str] = {}  # a kind's what-to-do is often one sentence, escaped once
    for kind in kinds:
        group = groups[kind]
        severity = severity_word[ERROR if group[0][0].is_error else WARNING]
        meaning = labels.get(f"kind.{kind}", kind)
        lines.append("")
        lines.append(f"{severity} {kind} ({len(group)}): {meaning}")
        for finding, text in group:
            lines.append(terminal(f"  {location(finding, file, labels, all_rows, names)}: {text}"))
            todo = finding.todo_text(labels)
            if todo:
                if todo not in todo_lines:
                    todo_lines[todo] = f"    {labels['word.what_to_do']}: {terminal(todo)}"
                lines.append(todo_lines[todo])
    if not items:
        lines.append("  " + labels["word.no_findings"])
    return "\n".join(lines) + "\n", errors, warnings
