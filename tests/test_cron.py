"""docs/cron.md works as written: its script and crontab line, run as cron runs them.

The script and the crontab line are taken from the Markdown itself, so the page and this
test cannot drift; only the script's settings (its first assignments) are pointed at a
temporary project folder and the installed console script. cron's environment is rebuilt
with `env -i`: a short PATH, no terminal, the home folder as the working directory.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.hostile.conftest import ESFKIT

DOC = Path(__file__).parents[1] / "docs" / "cron.md"
EXAMPLE = EXAMPLES / "utan"  # a CSV file: the quickest example to read
CRON_PATH = "/usr/bin:/bin"  # what cron gives a job

pytestmark = pytest.mark.skipif(shutil.which("date", path=CRON_PATH) is None, reason="no date")


def _blocks(info: str) -> list[str]:
    """The page's fenced code blocks whose info string is ``info``."""
    blocks: list[tuple[str, list[str]]] = []
    inside = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if not inside:
                blocks.append((line[3:].strip(), []))
            inside = not inside
        elif inside:
            blocks[-1][1].append(line)
    return ["\n".join(body) + "\n" for kind, body in blocks if kind == info]


def _script(project: Path, data: str) -> str:
    """The page's script, its settings pointed at ``project`` and this test's esfkit."""
    [script] = [b for b in _blocks("sh") if b.startswith("#!/bin/sh\n")]
    settings = {"project_dir": str(project), "esfkit": ESFKIT, "data": data}
    for name, value in settings.items():
        script, n = re.subn(rf"^{name}=\S+", f"{name}={value}", script, flags=re.M)
        assert n == 1, f"docs/cron.md's script has no setting {name}="
    return script


def _crontab() -> tuple[dict[str, str], str]:
    """The crontab block's variables, and the command of its one job line."""
    [block] = [b for b in _blocks("") if "MAILTO=" in b]
    variables = dict(re.findall(r"^(\w+)=(.*)$", block, re.M))
    [job] = [
        line for line in block.splitlines() if line.strip() and line[0] != "#" and "=" not in line
    ]
    fields = job.split(None, 5)
    assert fields[:5] == ["15", "6", "1", "*", "*"], job
    return variables, fields[5]


def _month_ended() -> str:
    """The report the script makes today: the month before this one."""
    return (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


def _project(tmp_path: Path) -> Path:
    """A project folder as the page sets it up: the example, and the page's script."""
    project = tmp_path / "vagar"
    project.mkdir()
    shutil.copy(EXAMPLE / "goals.yml", project)
    shutil.copy(EXAMPLE / "deltagare.csv", project)
    script = project / "monthly.sh"
    script.write_text(_script(project, "deltagare.csv"), encoding="utf-8")
    script.chmod(0o755)
    (tmp_path / "home").mkdir()
    return project


def _cron(project: Path, extra_path: str = "") -> subprocess.CompletedProcess:
    """The crontab line run as cron runs it: env -i, cron's PATH, no terminal, from home."""
    variables, command = _crontab()
    command = command.replace("/srv/esf/vagar/monthly.sh", str(project / "monthly.sh"))
    home = project.parent / "home"
    env = {"HOME": str(home), "LOGNAME": "esf", "SHELL": "/bin/sh", **variables}
    env["PATH"] = f"{extra_path}:{CRON_PATH}" if extra_path else CRON_PATH
    return subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in env.items()), "/bin/sh", "-c", command],
        cwd=home,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _break(project: Path) -> None:
    """A gender code esfkit does not know, on row 2."""
    data = project / "deltagare.csv"
    data.write_bytes(data.read_bytes().replace(b";Man;", b";Q;", 1))


def test_the_documented_job_writes_the_report_history_and_log_on_good_data(tmp_path) -> None:
    project = _project(tmp_path)
    done = _cron(project)
    month = _month_ended()
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b"" and done.stderr == b""  # nothing for cron to mail
    report = project / "protokoll" / f"{month}.md"
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Unga Till Arbete i Norr (UTAN)") and "\x1b" not in text
    history = project / "protokoll" / "history.csv"
    assert history.read_text(encoding="utf-8").startswith("as_of,goal,")
    assert f"\n{month}-" in history.read_text(encoding="utf-8")
    log = (project / "esfkit.log").read_text(encoding="utf-8").splitlines()
    assert len(log) == 1 and log[0].endswith(f" report {month}: exit 0")
    assert not (project / "FAILED.txt").exists() and not (project / "esfkit.err").exists()
    # umask 027: readable by the group and by no one else, as the page says.
    assert _mode(report) == _mode(history) == _mode(project / "esfkit.log") == 0o640
    assert list((tmp_path / "home").iterdir()) == []  # cron's working folder untouched
    # A second run in the month replaces the month's report and keeps its permissions.
    report.chmod(0o644)
    assert _cron(project).returncode == 0
    assert _mode(report) == 0o644 and report.read_text(encoding="utf-8") == text
    assert len((project / "esfkit.log").read_text(encoding="utf-8").splitlines()) == 2


def test_the_documented_job_leaves_a_failure_in_failed_txt_and_the_log_without_mail(
    tmp_path,
) -> None:
    if shutil.which("mail", path=CRON_PATH):
        pytest.skip("this machine has a mail command, which the script would use")
    project = _project(tmp_path)
    assert _cron(project).returncode == 0  # last month's report
    report = project / "protokoll" / f"{_month_ended()}.md"
    before = report.read_bytes()
    _break(project)
    done = _cron(project)
    assert done.returncode == 2
    message = done.stderr.decode()  # what cron mails to MAILTO where mail works
    assert message.startswith("error: deltagare.csv: 1 error in the data stop check")
    assert "row 2, column 'Kön'" in message and "Traceback" not in message
    assert done.stdout == b""
    assert (project / "FAILED.txt").read_text(encoding="utf-8") == message
    log = (project / "esfkit.log").read_text(encoding="utf-8")
    assert re.search(rf" report {_month_ended()}: exit 2\nerror: deltagare\.csv", log)
    assert report.read_bytes() == before  # a failed run writes no report
    # Corrected, the next run makes the report and removes FAILED.txt.
    shutil.copy(EXAMPLE / "deltagare.csv", project)
    assert _cron(project).returncode == 0
    assert not (project / "FAILED.txt").exists()
    assert log in (project / "esfkit.log").read_text(encoding="utf-8")


@pytest.mark.slow  # cron as a process again; the failure itself is tested just above
def test_the_documented_job_mails_the_failure_where_a_mail_command_exists(tmp_path) -> None:
    project = _project(tmp_path)
    tools = tmp_path / "tools"
    tools.mkdir()
    sent = tmp_path / "sent.txt"
    mail = tools / "mail"
    mail.write_text(f'#!/bin/sh\necho "$@" > {sent}\ncat >> {sent}\n', encoding="utf-8")
    mail.chmod(0o755)
    assert _cron(project, str(tools)).returncode == 0
    assert not sent.exists()  # a good month mails nothing
    _break(project)
    done = _cron(project, str(tools))
    assert done.returncode == 2
    subject, body = sent.read_text(encoding="utf-8").split("\n", 1)
    assert subject == f"-s esfkit: no report for {_month_ended()} projektledare@example.se"
    assert body == done.stderr.decode()
