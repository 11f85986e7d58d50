"""Parse a workbook's sheet, or a large CSV file, on a second thread while the first one
imports pandas.

python-calamine parses a sheet's XML and pyarrow a CSV file with the GIL released, and
``import pandas`` takes a quarter of a second, so on a machine with two cores the import
costs nothing extra for a large file.

A CSV file (data/arrowcsv.py's FAST_BYTES or more, pyarrow installed) is parsed when it
looks as csvfile.py would send it to pyarrow (UTF-8 without a BOM, no quote, no carriage
return), by the separator that splits its first line into the most fields; csvfile.py
takes the table only for the very bytes it read here (data/read.py takes them, see
:func:`take_bytes`), when it finds the same separator and width itself; otherwise the work
is simply wasted. For a workbook: only the likely sheet is parsed (the first visible worksheet; by fastexcel
when large, data/fastsheet.py), and only after the workbook has passed the checks read.py
and sheet.py make (a regular file within the size limit, data/archive.py's limits), so a
bomb or a FIFO never reaches calamine here either. sheet.py still decides which sheet it
reads, and takes the parsed one only when it is that sheet of the unchanged file;
otherwise the work is simply wasted. No pandas here: this module is imported before it.
"""

from __future__ import annotations

import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esfkit.files import real_path

_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_CSV_SUFFIXES = (".csv", ".txt")  # csvfile.CSV_SUFFIXES (which imports pandas)
_SEPARATORS = (";", ",", "\t", "|")  # csvfile.SEPARATORS: ';' first on a tie
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
            name = _likely_sheet(workbook, python_calamine)
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
        self.layout: tuple[str, int] | None = None  # the separator and width parsed by
        self.parsed: Any = None  # the pyarrow table, None when pyarrow refused a line
        self.read = threading.Event()  # set when the bytes are read and the layout guessed

    def run(self) -> None:
        try:
            from esfkit.data import arrowcsv
            from esfkit.errors import DataError
            from esfkit.inputfile import DATA_FILE_LIMIT, read_input

            data = read_input(self.path, what="the file", limit=DATA_FILE_LIMIT, error=DataError)
            layout = _csv_layout(data) if arrowcsv.pyarrow_installed() else None
            self.data, self.layout = data, layout
            self.read.set()
            if layout is not None:
                self.parsed = arrowcsv.arrow_table(data, *layout)
        except BaseException:  # any failure: csvfile.py reads the file itself and explains
            self.parsed = None  # the C engine's path reads it, as for a line pyarrow refused
        finally:
            self.read.set()


def _csv_layout(data: bytes) -> tuple[str, int] | None:
    """The separator and the number of fields of the first line, if the bytes look as
    csvfile.py would send them to pyarrow (its own reading decides)."""
    from esfkit.data.arrowcsv import FAST_BYTES

    end = data.find(b"\n")
    if len(data) < FAST_BYTES or end <= 0 or data.startswith((b"\xef\xbb\xbf", b"\xff", b"\xfe")):
        return None
    if b'"' in data or b"\r" in data:
        return None
    try:
        first = data[:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    separator = max(_SEPARATORS, key=first.count)
    width = first.count(separator) + 1
    return (separator, width) if width > 1 else None


@dataclass
class PrefetchedCsv:
    """A CSV file's bytes parsed on the second thread, by ``layout`` (separator, width)."""

    job: _ParseCsv
    layout: tuple[str, int] | None

    def table(self) -> Any:
        """The pyarrow table (None: pyarrow refused a line), once the thread is done."""
        self.job.join()
        return self.job.parsed


def _likely_sheet(workbook: Any, calamine: Any) -> str:
    for meta in workbook.sheets_metadata:
        if (
            meta.visible == calamine.SheetVisibleEnum.Visible
            and meta.typ == calamine.SheetTypeEnum.WorkSheet
        ):
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
    """Start reading and parsing the CSV file ``path`` (see the module); never raises."""
    path = Path(path)
    stamp = _stamp(path)
    if stamp is None or stamp[1] < _fast_bytes():
        return
    earlier = _csv_jobs.get(real_path(path))
    if earlier is not None and earlier.stamp == stamp:
        return
    job = _ParseCsv(path, stamp)
    _csv_jobs[real_path(path)] = job
    job.start()


def _fast_bytes() -> int:
    from esfkit.data.arrowcsv import FAST_BYTES

    return FAST_BYTES


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


def take_csv(path: Path, data: bytes) -> PrefetchedCsv | None:
    """The prefetch of ``path``, if it read these very bytes (``data`` is what
    :func:`take_bytes` gave); None otherwise. Either way the job is let go."""
    job = _csv_jobs.pop(real_path(path), None)
    if job is None or job.data is not data:
        return None
    return PrefetchedCsv(job, job.layout)


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
