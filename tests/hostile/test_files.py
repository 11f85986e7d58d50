"""Class 9: outputs that are not plain files. `-o` and `--history` only ever replace a regular
file (a FIFO, a device, a socket or a folder, or a symlink to one, is refused with exit 2 and
left as it was); `-o -` is standard output; a replaced file keeps its permissions, a new one
follows the umask; a killed write's temporary file is removed by a later write."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli_en as run_cli
from tests.hostile.conftest import ESFKIT, esfkit_process
from tests.test_cli import DATA, GOALS

AS_OF = ("--as-of", "2021-12-31")


@pytest.fixture
def project(write) -> tuple[Path, Path]:
    return write("goals.yml", GOALS), write("data.csv", DATA)


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo")
    return folder / "fifo"


def _socket(folder: Path) -> Path:
    path = folder / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


def _device(folder: Path) -> Path:
    """A character device made in the test's folder (never one of /dev's)."""
    path = folder / "null-device"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device file needs root")
    return path


def _folder(folder: Path) -> Path:
    (folder / "a-folder").mkdir()
    return folder / "a-folder"


SPECIAL = {"fifo": _fifo, "socket": _socket, "device": _device, "folder": _folder}


def _special(kind: str, folder: Path, linked: bool) -> tuple[Path, Path]:
    """(the path given to esfkit, the special file itself)."""
    target = SPECIAL[kind](folder)
    if not linked:
        return target, target
    link = folder / f"link-to-{kind}.md"
    link.symlink_to(target)
    return link, target


def _kind(path: Path) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


OUTPUTS = {
    "check -o": lambda g, d, out: ("check", g, d, *AS_OF, "-o", out, "-f", "markdown"),
    "check -o xlsx": lambda g, d, out: ("check", g, d, *AS_OF, "-o", out, "-f", "xlsx"),
    "init -o": lambda g, d, out: ("init", d, "-o", out, "--force"),
    "template -o": lambda g, d, out: ("template", "-o", out, "--force"),
}


@pytest.mark.parametrize("linked", [False, True], ids=["itself", "symlink"])
@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize("command", list(OUTPUTS))
def test_an_output_that_is_not_a_regular_file_is_refused_and_left_alone(
    project, tmp_path, command, kind, linked
) -> None:
    given, special = _special(kind, tmp_path, linked)
    before = (_kind(given), _kind(special))
    run = run_cli(*OUTPUTS[command](*project, given))
    assert run.exit_code == 2, run.stderr
    assert str(given) in run.stderr and "Traceback" not in run.stderr
    assert ("folder" if kind == "folder" else "not a regular file") in run.stderr
    assert (_kind(given), _kind(special)) == before  # still a FIFO, a device, a link ...
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("kind", "linked", "command"),
    [
        ("fifo", False, "check"),
        ("fifo", True, "history"),
        ("device", False, "history"),
        ("device", True, "check"),
        ("socket", True, "check"),
    ],
)
def test_a_history_file_that_is_not_a_regular_file_is_refused_without_hanging(
    project, tmp_path, kind, linked, command
) -> None:
    """A real process: reading a FIFO would wait forever, a device be read without end."""
    given, special = _special(kind, tmp_path, linked)
    before = (_kind(given), _kind(special))
    args = ("history", given) if command == "history" else ("check", *project, *AS_OF)
    if command == "check":
        args += ("--history", given)
    done = esfkit_process(*args, timeout=30, preexec_fn=_memory_limit)
    assert done.returncode == 2, done.stderr
    assert b"not a regular file" in done.stderr and b"Traceback" not in done.stderr
    assert (_kind(given), _kind(special)) == before
    assert _leftovers(tmp_path) == []


def _memory_limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def test_a_symlink_to_a_regular_file_replaces_the_file_and_keeps_the_link(
    project, tmp_path
) -> None:
    real = tmp_path / "reports" / "report.md"
    real.parent.mkdir()
    real.write_text("last month\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    run = run_cli("check", *project, *AS_OF, "-o", link)
    assert run.exit_code == 0, run.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "Rekryterade" in real.read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_a_dangling_symlink_creates_the_file_it_names(project, tmp_path) -> None:
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "new.md")
    assert run_cli("check", *project, *AS_OF, "-o", link).exit_code == 0
    assert link.is_symlink() and "Rekryterade" in (tmp_path / "new.md").read_text("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{goals}", "{data}", "{loop}", *AS_OF),
        ("check", "{goals}", "{loop}", *AS_OF),
        ("check", "{goals}", "{data}", *AS_OF, "-o", "{loop}"),
        ("check", "{goals}", "{data}", *AS_OF, "--history", "{loop}"),
        ("init", "{data}", "-o", "{loop}"),
    ],
    ids=["one of several files", "the file", "output", "history", "init's output"],
)
def test_a_symlink_loop_is_a_located_error_not_a_crash(project, tmp_path, args) -> None:
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    goals, data = project
    run = run_cli(*(a.format(goals=goals, data=data, loop=loop) for a in args))
    assert run.exit_code == 2 and "loop.csv" in run.stderr
    assert "Too many levels of symbolic links" in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{goals}", "{data}", *AS_OF, "-o", "-"),
        ("check", "{goals}", "{data}", *AS_OF, "-o", "-", "-f", "json"),
        ("init", "{data}", "-o", "-"),
    ],
    ids=["check", "check json", "init"],
)
def test_dash_is_standard_output_and_writes_no_file(project, tmp_path, args) -> None:
    goals, data = project
    given = [str(a).format(goals=goals, data=data) for a in args]
    run = run_cli(*given)
    assert run.exit_code == 0, run.stderr
    assert not (Path.cwd() / "-").exists() and not (tmp_path / "-").exists()
    if given[0] == "check":
        without = run_cli(*[a for a in given if a not in ("-o", "-")])
        assert run.stdout == without.stdout and "Rekryterade" in run.stdout
    else:
        assert "goals:" in run.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{goals}", "{data}", *AS_OF, "-f", "xlsx", "-o", "-"),
        ("template", "-o", "-"),
    ],
    ids=["check xlsx", "template"],
)
def test_a_workbook_goes_to_a_pipe_but_never_to_a_terminal(project, tmp_path, args) -> None:
    goals, data = project
    given = [str(a).format(goals=goals, data=data) for a in args]
    piped = esfkit_process(*given, cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout[:2] == b"PK"  # a zip: the workbook's bytes, unchanged
    leader, follower = os.openpty()
    try:
        on_terminal = subprocess.run(
            [ESFKIT, *given], cwd=tmp_path, stdout=follower, stderr=subprocess.PIPE, timeout=30
        )
    finally:
        os.close(follower)
        with contextlib.suppress(OSError):
            os.read(leader, 1 << 16)
        os.close(leader)
    assert on_terminal.returncode == 2 and b"terminal" in on_terminal.stderr
    assert list(tmp_path.glob("-*")) == []


def test_a_binary_format_without_output_names_both_ways(project) -> None:
    run = run_cli("check", *project, *AS_OF, "-f", "xlsx")
    assert run.exit_code == 2 and "-o -" in run.stderr


@pytest.fixture
def umask():
    def set_umask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_umask
    os.umask(old)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o027, 0o077])
@pytest.mark.parametrize("command", ["check -o", "check -o xlsx", "init -o", "template -o"])
def test_a_new_output_follows_the_umask(project, tmp_path, umask, mask, command) -> None:
    umask(mask)
    out = tmp_path / ("new.xlsx" if "xlsx" in command or "template" in command else "new.md")
    assert run_cli(*OUTPUTS[command](*project, out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o640, 0o600, 0o604])
@pytest.mark.parametrize("option", ["-o", "--history"])
def test_a_replaced_output_keeps_its_permissions(project, tmp_path, umask, mode, option) -> None:
    umask(0o077)  # the umask would give 0600: the old file's bits win
    out = tmp_path / ("history.csv" if option == "--history" else "report.md")
    assert run_cli("check", *project, *AS_OF, option, out).exit_code == 0
    out.chmod(mode)
    assert run_cli("check", *project, *AS_OF, option, out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_a_replaced_output_keeps_its_owner_and_group(project, tmp_path) -> None:
    out = tmp_path / "report.md"
    out.write_text("old\n", encoding="utf-8")
    os.chown(out, 4321, 4321)
    assert run_cli("check", *project, *AS_OF, "-o", out).exit_code == 0
    info = out.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4321)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_output_is_not_replaced(project, tmp_path) -> None:
    out = tmp_path / "report.md"
    out.write_text("kept\n", encoding="utf-8")
    out.chmod(0o444)
    run = run_cli("check", *project, *AS_OF, "-o", out)
    assert run.exit_code == 2 and "read-only" in run.stderr
    assert out.read_text(encoding="utf-8") == "kept\n"


def _aged(path: Path, seconds: float = 3600) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_stale_temporary_files_of_a_killed_write_are_removed_and_no_others(
    project, tmp_path
) -> None:
    out = tmp_path / "report.md"
    made = {
        # killed writes of this output: esfkit's pattern, old, held by no one
        "stale": ".report.md.0a1b2c3d4e5f.tmp",
        "stale of an older esfkit": ".report.md.k2j3h4g_.tmp",
        # not to be removed
        "just made": ".report.md.abcdefabcdef.tmp",
        "another output's": ".other.md.0a1b2c3d4e5f.tmp",
        "not esfkit's name": ".report.md.my notes.tmp",
        "held by a writer": ".report.md.ffffffffffff.tmp",
    }
    made = {name: tmp_path / file for name, file in made.items()}
    for name, path in made.items():
        path.write_text("partial", encoding="utf-8")
        if name != "just made":
            _aged(path)
    folder = tmp_path / ".report.md.aaaaaaaaaaaa.tmp"  # a folder with the pattern's name
    folder.mkdir()
    _aged(folder)
    with open(made["held by a writer"], "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # a concurrent write in progress
        assert run_cli("check", *project, *AS_OF, "-o", out).exit_code == 0
    gone = {name for name, path in made.items() if not path.exists()}
    assert gone == {"stale", "stale of an older esfkit"}
    assert folder.is_dir() and out.exists()


def test_an_interrupted_write_leaves_nothing_and_the_old_file_whole(
    project, tmp_path, monkeypatch
) -> None:
    out = tmp_path / "report.md"
    out.write_text("last month\n", encoding="utf-8")

    def fail(*_args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("esfkit.files.os.replace", fail)
    run = run_cli("check", *project, *AS_OF, "-o", out)
    assert run.exit_code == 2 and "No space left" in run.stderr
    assert out.read_text(encoding="utf-8") == "last month\n"
    assert _leftovers(tmp_path) == []


def test_a_killed_write_is_cleaned_by_the_next_one(project, tmp_path) -> None:
    """A real writer killed while it holds its temporary file: the next write removes it."""
    out = tmp_path / "report.md"
    code = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "os.write(fd, b'half a rep')\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    tmp = tmp_path / ".report.md.123456789abc.tmp"
    writer = subprocess.Popen([sys.executable, "-c", code, tmp], stdout=subprocess.PIPE)
    assert writer.stdout.readline() == b"ready\n"
    _aged(tmp)
    assert run_cli("check", *project, *AS_OF, "-o", out).exit_code == 0
    assert tmp.exists()  # its writer is alive: kept
    writer.kill()
    writer.wait()
    writer.stdout.close()
    assert run_cli("check", *project, *AS_OF, "-o", out).exit_code == 0
    assert not tmp.exists() and _leftovers(tmp_path) == []
