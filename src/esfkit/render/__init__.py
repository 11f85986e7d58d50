"""Output formats: each a module with ``render(report, options)`` that reads only the Report
and returns text (``str``) or, for binary formats (xlsx, docx), ``bytes``. Looked up by name
through ``formatter``."""

from __future__ import annotations

import importlib
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
