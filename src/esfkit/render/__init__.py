"""Output formats: each a module with ``render(report, options) -> str`` that reads only the
Report. Looked up by name through ``formatter``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from esfkit.engine.report import Report
from esfkit.errors import UsageError, one_of

FORMATS = {"table": "terminal", "json": "json"}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "sv"
    width: int | None = None
    color: bool = False
    goal_ids: tuple[str, ...] = ()


def formatter(name: str) -> Callable[[Report, RenderOptions], str]:
    if name not in FORMATS:
        raise UsageError(f"unknown format '{name}'", hint=one_of(name, FORMATS))
    return importlib.import_module(f"esfkit.render.{FORMATS[name]}").render
