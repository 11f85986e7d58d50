"""Output formats: each a module with ``render(report, options)`` that reads only the Report
and returns text (``str``) or, for binary formats (xlsx, docx), ``bytes``. Looked up by name
through ``formatter``; :func:`render_report` renders a Report by format name.

This package is callable, as ``render_report``: ``esfkit.render(report, "markdown")``, the
library's name for it (docs/python.md), is this package, since a package's submodule takes
its name in the package above it.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from esfkit.errors import UsageError, one_of
from esfkit.report import Report

FORMATS = {
    "table": "terminal",
    "markdown": "markdown",
    "text": "text",
    "csv": "csv",
    "xlsx": "xlsx",
    "docx": "docx",
    "json": "json",
    "html": "html",
}
BINARY = ("xlsx", "docx")
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "sv"
    width: int | None = None
    color: bool = False
    goal_ids: tuple[str, ...] = ()
    csv_excel: bool = False  # csv: UTF-8 with BOM, ';' and decimal comma, for Swedish Excel
    terminal_width: int | None = None  # the terminal's columns, when the table is shown on one


def formatter(name: str) -> Callable[[Report, RenderOptions], str | bytes]:
    if name not in FORMATS:
        raise UsageError(f"unknown format '{name}'", hint=one_of(name, FORMATS))
    return importlib.import_module(f"esfkit.render.{FORMATS[name]}").render


def format_for(path: PurePath) -> str | None:
    """The format a file name asks for by its extension (None: not one esfkit knows)."""
    return EXTENSIONS.get(path.suffix.lower())


def render_report(
    report: Report,
    format: str = "markdown",
    lang: str | None = None,
    *,
    width: int | None = None,
    color: bool = False,
    csv_excel: bool = False,
    terminal_width: int | None = None,
) -> str | bytes:
    """The report in ``format`` (table, markdown, text, csv, xlsx, docx, json, html): text,
    or bytes for xlsx and docx. ``lang`` 'sv' or 'en' (default: the goal file's
    project.lang, else 'sv'); ``width`` of the table format (default ``terminal_width``, the
    terminal's columns when it is shown on one, else 100); ``csv_excel``: CSV for Swedish
    Excel."""
    if lang not in (None, "sv", "en"):
        raise UsageError(f"unknown language '{lang}'", hint="known: sv, en")
    if width is not None and not (isinstance(width, int) and 1 <= width <= 1000):
        raise UsageError(f"width {width!r}: the table is 1 to 1000 characters wide")
    lang = lang or report.lang or "sv"
    options = RenderOptions(lang, width, color, (), csv_excel, terminal_width)
    return formatter(format)(report, options)


class _CallablePackage(types.ModuleType):
    """This package, called: :func:`render_report`."""

    def __call__(self, report: Report, *args, **kwargs) -> str | bytes:
        return render_report(report, *args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
