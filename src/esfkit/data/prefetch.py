"""Parse a workbook's sheet on a second thread while the first one imports pandas.

python-calamine parses a sheet's XML with the GIL released, and ``import pandas`` takes a
quarter of a second, so on a machine with two cores the import costs nothing extra for a
large workbook. Only the likely sheet is parsed (the first visible worksheet). read.py
still decides which sheet it reads, and takes the parsed one only when it is that sheet
of the unchanged file; otherwise the work is simply wasted. No pandas here: this module is
imported before it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_jobs: dict[Path, _Parse] = {}


class _Parse(threading.Thread):
    # Not a daemon: a daemon thread still inside calamine at interpreter exit could crash
    # the process, so an early error waits for the parse to end instead.
    def __init__(self, path: Path, stamp: tuple[int, int]):
        super().__init__(name="esfkit-prefetch")
        self.path, self.stamp = path, stamp
        self.sheet: tuple[str, Any] | None = None

    def run(self) -> None:
        try:
            import python_calamine

            workbook = python_calamine.CalamineWorkbook.from_path(self.path)
            name = _likely_sheet(workbook, python_calamine)
            self.sheet = (name, workbook.get_sheet_by_name(name))
        except BaseException:  # any failure: read.py reads the file itself and explains
            self.sheet = None


def _likely_sheet(workbook: Any, calamine: Any) -> str:
    for meta in workbook.sheets_metadata:
        if (
            meta.visible == calamine.SheetVisibleEnum.Visible
            and meta.typ == calamine.SheetTypeEnum.WorkSheet
        ):
            return str(meta.name)
    return str(workbook.sheet_names[0])


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def prefetch_sheet(path: Path) -> None:
    """Start parsing the likely sheet of ``path`` if it is a workbook; never raises."""
    path = Path(path)
    stamp = _stamp(path)
    if path.suffix.lower() not in _SUFFIXES or stamp is None or path.resolve() in _jobs:
        return
    job = _Parse(path, stamp)
    _jobs[path.resolve()] = job
    job.start()


def take_sheet(path: Path, name: str) -> Any | None:
    """The parsed sheet ``name`` of ``path`` (a CalamineSheet) if a prefetch made it."""
    job = _jobs.pop(Path(path).resolve(), None)
    if job is None:
        return None
    job.join()
    if job.sheet is None or job.sheet[0] != name or _stamp(Path(path)) != job.stamp:
        return None
    return job.sheet[1]
