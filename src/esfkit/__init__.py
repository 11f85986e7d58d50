"""esfkit: goal attainment for ESF labour-market projects.

The library (docs/python.md) is :mod:`esfkit.api`, whose names are taken from it here on
first use (PEP 562), so that ``import esfkit`` and ``esfkit --help`` do not import pandas::

    import esfkit
    report = esfkit.check("goals.yml", "deltagare.xlsx", as_of="2022-05-31")
    print(esfkit.render(report, "markdown"))

``esfkit.render`` is the package of output formats, callable as ``render_report``.
"""

from __future__ import annotations

import importlib
from typing import Any

from esfkit.version import __version__

__all__ = [
    "DataError",
    "EsfkitError",
    "Explanation",
    "Finding",
    "GoalFile",
    "GoalFileError",
    "Participants",
    "Report",
    "UsageError",
    "__version__",
    "check",
    "explain",
    "load_goals",
    "read_participants",
    "render",
    "validate",
]
_ERRORS = ("DataError", "EsfkitError", "GoalFileError", "UsageError")


def __getattr__(name: str) -> Any:
    """The library's names, imported when first asked for; the errors without pandas."""
    if name in _ERRORS:
        from esfkit import errors

        return getattr(errors, name)
    if name == "render":  # the package, as it is once imported: callable as render_report
        return importlib.import_module("esfkit.render")
    if name in __all__:
        from esfkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'esfkit' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
