"""Writing the user's outputs: files atomically, standard output as UTF-8.

A file is written to a temporary file beside the target, then renamed over it, so a reader
never sees half a report. Only a regular file is ever replaced: a pipe, a device, a socket
or a folder (or a symlink to one) is refused, so ``-o /dev/null`` run as root leaves
``/dev/null`` alone. A symlink to a regular file is followed: the file it points to is
replaced and the link kept. A replaced file keeps its permissions (and, where allowed, its
owner and group); a new one gets them from the umask, as any file the user makes. A
temporary file left by a killed write (``.NAME.*.tmp``) is removed by a later write of the
same file once no process holds it. An input file is never written, and an existing file is
never replaced when the command promises not to.

``-`` as the output means standard output. Everything esfkit prints is UTF-8, whatever the
locale says, since a report is pasted into documents; a reader that stops reading (``| head``)
ends the output quietly, and a closed standard output is an error (exit 2). The rules are in
docs/reports.md ("Where the report goes").
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import secrets
import stat
import sys
import time
from pathlib import Path

from esfkit.errors import UsageError, say

STDOUT = "-"
STALE_AFTER = 10.0  # seconds: older than any write takes between creating its file and locking it
_NAME_KEPT = 100  # characters of the target's name kept in its temporary file's name
_TOKEN = re.compile(r"[a-z0-9_]{8,12}")  # mkstemp's 8 (earlier esfkit) or secrets' 12


def _undecoded(error: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler ``esfkit-utf8``: text that came in undecoded (a file name or an
    argument under an ASCII locale, held as surrogates) goes out as the UTF-8 it was; any
    other unencodable character is shown escaped (\\udcff)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    if all(0xDC80 <= ord(c) <= 0xDCFF for c in chunk):  # bytes Python could not decode
        raw = chunk.encode("utf-8", "surrogateescape")
        with contextlib.suppress(UnicodeDecodeError):
            raw.decode("utf-8")
            return raw, error.end
    return chunk.encode("ascii", "backslashreplace"), error.end


ENCODING_ERRORS = "esfkit-utf8"
codecs.register_error(ENCODING_ERRORS, _undecoded)


def encoded(text: str) -> bytes:
    """``text`` as UTF-8 bytes, whatever it holds."""
    return text.encode("utf-8", ENCODING_ERRORS)


def is_stdout(path: Path | None) -> bool:
    """True for ``-o -`` (and for no ``-o`` at all)."""
    return path is None or str(path) == STDOUT


def real_path(path: Path | str) -> Path:
    """``path`` absolute, its links followed; a symlink loop left as it is (the reader then
    says why it cannot be read), where ``Path.resolve`` raises RuntimeError."""
    return Path(os.path.realpath(path))


def refuse_input(path: Path, option: str, inputs: tuple[Path, ...]) -> None:
    """A UsageError when ``path`` is one of the command's input files."""
    target = real_path(path)
    for source in inputs:
        if source.exists() and target == real_path(source):
            raise UsageError(say("write.input", option=option, path=path))


def refuse_history_file(history: Path, output: Path | None, inputs: tuple[Path, ...]) -> None:
    """Refused before any work: the history as an input, the report or standard output."""
    if is_stdout(history):
        raise UsageError(say("write.history_name"), hint=say("hint.history_name"))
    refuse_input(history, "--history", inputs)
    if output is not None and not is_stdout(output) and real_path(history) == real_path(output):
        raise UsageError(say("write.history_is_output", path=history))
    if not real_path(history).parent.is_dir():  # found out before the report is written
        raise UsageError(say("write.no_folder", option="--history", folder=history.parent))


def write_output(
    path: Path | None,
    content: str | bytes,
    *,
    inputs: tuple[Path, ...],
    option: str = "--output",
    overwrite: bool = True,
) -> None:
    """``content`` to standard output (no path, or ``-``), else atomically to the file."""
    if path is None or is_stdout(path):
        write_stdout(content)
    else:
        write_atomically(path, content, inputs=inputs, option=option, overwrite=overwrite)


def write_atomically(
    path: Path,
    content: str | bytes,
    *,
    inputs: tuple[Path, ...],
    option: str = "--output",
    overwrite: bool = True,
) -> None:
    """Write ``content`` (text as UTF-8, line ends as given) to ``path`` atomically; without
    ``overwrite`` an existing file is refused and ``--force`` suggested."""
    refuse_input(path, option, inputs)
    target = Path(os.path.realpath(path))  # through symlinks: the link stays, its file changes
    existing = _existing(path, target, option)
    if existing is not None and not overwrite:
        raise UsageError(say("write.exists", path=path), hint=say("hint.exists"))
    if not target.parent.is_dir():
        raise UsageError(say("write.no_folder", option=option, folder=path.parent))
    _remove_stale(target)
    data = encoded(content) if isinstance(content, str) else content
    tmp, fd = _create_temporary(target, private=existing is not None)
    try:
        with os.fdopen(fd, "wb") as handle:
            _hold(handle.fileno())
            handle.write(data)
            handle.flush()
            if existing is not None:
                _keep_owner_and_mode(handle.fileno(), tmp, existing)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _existing(path: Path, target: Path, option: str) -> os.stat_result | None:
    """The status of the file to be replaced; None when there is none yet. Anything but a
    regular file, or a file the user may not write, is refused."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(
            say("write.os_error", option=option, path=path, why=exc.strerror or exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(say("write.folder", option=option, path=path), hint=say("hint.file_name"))
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            say("write.not_regular", option=option, path=path),
            hint=say("hint.not_regular_output"),
        )
    if not os.access(target, os.W_OK):
        raise UsageError(
            say("write.read_only", option=option, path=path), hint=say("hint.read_only")
        )
    return info


def _temporary_name(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name[:_NAME_KEPT])}\.{_TOKEN.pattern}\.tmp")


def _create_temporary(target: Path, *, private: bool) -> tuple[Path, int]:
    """A new empty file beside the target: ``.NAME.TOKEN.tmp``. A new output gets the
    umask's permissions from the start; a replacement starts private and gets the old file's
    permissions once written."""
    mode = 0o600 if private else 0o666  # the umask applies to both
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = target.with_name(f".{target.name[:_NAME_KEPT]}.{secrets.token_hex(6)}.tmp")
        try:
            return tmp, os.open(tmp, flags, mode)
        except FileExistsError:
            continue


def _keep_owner_and_mode(fd: int, tmp: Path, old: os.stat_result) -> None:
    """The replaced file's permission bits, and its owner and group where allowed (as root,
    or the group when the user is in it)."""
    if hasattr(os, "fchown"):
        for owner in (old.st_uid, -1):
            try:
                os.fchown(fd, owner, old.st_gid)
                break
            except OSError:
                continue
    os.chmod(tmp, stat.S_IMODE(old.st_mode) & 0o777)


def _hold(fd: int) -> None:
    """Lock the temporary file while it is written, so no other write removes it as stale."""
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_stale(target: Path) -> None:
    """Remove temporary files of earlier writes of ``target`` that were killed: esfkit's own
    name pattern only, only when no process holds them and they are older than a few
    seconds (a write in progress holds its file)."""
    pattern = _temporary_name(target)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        old = stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER
        if old and not _held(entry.path):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _held(path: str) -> bool:
    """Whether a process holds the file (its writer is alive). Without ``fcntl`` (Windows)
    the system itself refuses to remove a file that is open."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


# --- standard output -----------------------------------------------------------------------


def write_stdout(content: str | bytes) -> None:
    """``content`` on standard output as UTF-8 bytes, whatever the locale; binary content
    (a workbook, a Word document) never on a terminal. A reader that has stopped reading (a closed
    pipe) ends the output quietly; a closed standard output is an error."""
    stream = sys.stdout
    if stream is None:
        raise UsageError(say("write.stdout_closed"), hint=say("hint.stdout_closed"))
    if isinstance(content, bytes) and stream.isatty():
        raise UsageError(say("write.binary_terminal"), hint=say("hint.binary_terminal"))
    data = encoded(content) if isinstance(content, str) else content
    try:
        stream.flush()
        buffer = stream.buffer
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:
        _discard_stdout()
    except OSError as exc:
        raise UsageError(say("write.stdout_failed", why=exc.strerror or exc)) from None


def _discard_stdout() -> None:
    """The reader has gone: send what is left to the null device, so that Python's own
    flush at exit finds nothing to complain about."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


def utf8_streams() -> None:
    """Standard output and error as UTF-8 whatever the locale (C, ISO-8859-1): a report's
    'å', '–' and '▲' never end the run (see :func:`_undecoded` for what is not text)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors=ENCODING_ERRORS)
