"""Parse a workbook's sheet, or a large CSV file, on a second thread while the first one
imports pandas.

python-calamine parses a sheet's XML and pyarrow a CSV file with the GIL released, and
``import pandas`` takes a quarter of a second, so on a machine with two cores the import
costs nothing extra for a large file.

A CSV file (csvfile.FAST_BYTES or more, pyarrow installed) is planned here as csvfile.py
plans it (decoded, its separator and width: csvfile.plan_csv, no pandas there) and parsed
by pyarrow; read.py takes the bytes read here (:func:`take_bytes`) and hands csvfile.py the
plan and the table made from those very bytes (:func:`take_csv`); when the file changed
meanwhile or the thread failed, csvfile.py plans and parses itself.

For a workbook, only the likely sheet is parsed (the first visible worksheet; by fastexcel
when large, data/fastsheet.py), and only after the workbook has passed the checks read.py
and sheet.py make (a regular file within the size limit, data/archive.py's limits), so a
bomb or a FIFO never reaches calamine here either. sheet.py still decides which sheet it
reads, and takes the parsed one only when it is that sheet of the unchanged file;
otherwise the work is simply wasted. No pandas here: this module is imported before it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esfkit.files import real_path

_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_CSV_SUFFIXES = (".csv", ".txt")  # csvfile.CSV_SUFFIXES
_jobs: dict[Path, _Parse] = {}
_csv_jobs: dict[Path, _ParseCsv] = {}


@dataclass(frozen=True)
class Prefetched:
    """The workbook opened, the likely sheet's name and that sheet parsed by python-calamine
    or, when large, by fastexcel (data/fastsheet.py), and the scans made on the way."""

    workbook: Any
    name: str
    sheet: Any
    scans: dict[str, Any]
    fast: Any = None


class _Parse(threading.Thread):
    # Not a daemon: a daemon thread still inside calamine at interpreter exit could crash
    # the process, so an early error waits for the parse to end instead.
    def __init__(self, path: Path, stamp: tuple[int, int]):
        super().__init__(name="esfkit-prefetch")
        self.path, self.stamp = path, stamp
        self.result: Prefetched | None = None
        self.scanned = threading.Event()  # set when what is left is calamine's, without the GIL

    def run(self) -> None:
        try:
            import python_calamine

            from esfkit.data import archive, fastsheet
            from esfkit.errors import DataError
            from esfkit.inputfile import DATA_FILE_LIMIT, read_input

            data = read_input(self.path, what="the file", limit=DATA_FILE_LIMIT, error=DataError)
            suffix = self.path.suffix.lower()
            scans: dict[str, Any] = {}
            if archive.is_zip(data):
                archive.check_archive(self.path, data)
                if suffix == ".ods":
                    scans = dict(archive.scan_ods(self.path, data))
            workbook = python_calamine.CalamineWorkbook.from_path(self.path)
            name = first_visible(workbook)
            if suffix in (".xlsx", ".xlsm", ".xlsb") and archive.is_zip(data):
                scans[name] = archive.scan_sheet(self.path, data, name)
            scan = scans.get(name)
            self.scanned.set()
            fast = None
            if fastsheet.wanted(self.path, len(data), scan):
                fast = fastsheet.load(data, name)
            sheet = workbook.get_sheet_by_name(name) if fast is None else None
            self.result = Prefetched(workbook, name, sheet, scans, fast)
        except BaseException:  # any failure: sheet.py reads the file itself and explains
            self.result = None
        finally:
            self.scanned.set()


class _ParseCsv(threading.Thread):
    def __init__(self, path: Path, stamp: tuple[int, int]):
        super().__init__(name="esfkit-prefetch-csv")  # not a daemon: see _Parse
        self.path, self.stamp = path, stamp
        self.data: bytes | None = None
        self.plan: Any = None  # csvfile.CsvPlan
        self.parsed: Any = None  # the pyarrow table, None when pyarrow refused a line
        self.read = threading.Event()  # set when the bytes are read (or could not be)
        self.planned = threading.Event()  # set when the plan is made (or could not be)

    def run(self) -> None:
        try:
            from esfkit.data import arrowcsv, csvfile
            from esfkit.errors import DataError
            from esfkit.inputfile import DATA_FILE_LIMIT, read_input

            if not arrowcsv.pyarrow_installed():
                return
            data = read_input(self.path, what="the file", limit=DATA_FILE_LIMIT, error=DataError)
            self.data = data
            self.read.set()
            plan = csvfile.plan_csv(self.path, data)
            self.plan = plan
            self.planned.set()
            if plan.fast:
                self.parsed = arrowcsv.arrow_table(
                    plan.encoded, plan.separator, plan.width, plan.windows_1252
                )
        except BaseException:  # any failure: csvfile.py plans and parses itself and explains
            self.parsed = None  # the C engine's path reads it, as for a line pyarrow refused
        finally:
            self.read.set()
            self.planned.set()

    def table(self) -> Any:
        """The pyarrow table (None: pyarrow refused a line, or no plan), once parsed."""
        self.join()
        return self.parsed


def first_visible(workbook: Any) -> str:
    """The first visible worksheet of a python-calamine workbook, the sheet read when the
    goal file names none: hidden sheets usually hold lookup lists, not data."""
    import python_calamine

    with contextlib.suppress(Exception):  # metadata is a nicety; without it, sheet 0
        for meta in workbook.sheets_metadata:
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
            if visible and meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
                return str(meta.name)
    return str(workbook.sheet_names[0])


def _stamp(path: Path) -> tuple[int, int] | None:
    """The file's modification time and size; None unless it is a regular file (a FIFO
    would keep the thread, and so the process, waiting forever)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if stat.S_ISREG(info.st_mode) else None


def prefetch(path: Path) -> None:
    """Start parsing ``path`` on a second thread if it is a workbook or a large CSV file;
    never raises."""
    path = Path(path)
    if path.suffix.lower() in _CSV_SUFFIXES:
        prefetch_csv(path)
    else:
        prefetch_sheet(path)


def prefetch_csv(path: Path) -> None:
    """Start reading, planning and parsing the CSV file ``path`` (see the module); never
    raises."""
    from esfkit.data.csvfile import FAST_BYTES  # no pandas there

    path = Path(path)
    stamp = _stamp(path)
    if stamp is None or stamp[1] < FAST_BYTES:
        return  # a small file: csvfile.py's C engine reads it at once
    earlier = _csv_jobs.get(real_path(path))
    if earlier is not None and earlier.stamp == stamp:
        return
    job = _ParseCsv(path, stamp)
    _csv_jobs[real_path(path)] = job
    job.start()


def take_bytes(path: Path) -> bytes | None:
    """The bytes of ``path`` the prefetch read, if it ran on the unchanged file; the job
    stays for :func:`take_csv`."""
    job = _csv_jobs.get(real_path(path))
    if job is None:
        return None
    job.read.wait()
    if job.data is None or _stamp(Path(path)) != job.stamp:
        _csv_jobs.pop(real_path(path), None)
        return None
    return job.data


def take_csv(path: Path, data: bytes) -> Any:
    """The prefetch of ``path`` (a csvfile.PrefetchedCsv), if it read these very bytes
    (``data`` is what :func:`take_bytes` gave), once it is planned; None otherwise.
    Either way the job is let go."""
    job = _csv_jobs.pop(real_path(path), None)
    if job is None or job.data is not data:
        return None
    job.planned.wait()
    from esfkit.data.csvfile import PrefetchedCsv

    return PrefetchedCsv(job.plan, job.table)


def prefetch_sheet(path: Path) -> None:
    """Start parsing the likely sheet of ``path`` if it is a workbook, once it is checked
    and scanned; never raises."""
    path = Path(path)
    stamp = _stamp(path)
    if path.suffix.lower() not in _SUFFIXES or stamp is None or real_path(path) in _jobs:
        return
    job = _Parse(path, stamp)
    _jobs[real_path(path)] = job
    job.start()
    # The checks and scans are Python holding the GIL: run beside the imports they would only
    # take turns with them. Waited for, they are done sooner, and calamine parses (the GIL
    # released) while this thread imports: 0.3 s less wall time at 10^5 rows.
    job.scanned.wait()


def take_sheet(path: Path) -> Prefetched | None:
    """What a prefetch of ``path`` found, if one ran on the unchanged file and succeeded."""
    job = _jobs.pop(real_path(path), None)
    if job is None:
        return None
    job.join()
    if job.result is None or _stamp(Path(path)) != job.stamp:
        return None
    return job.result
