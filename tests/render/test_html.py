"""HTML in a real browser: headless Chromium loads the file, the rendered DOM has every
goal, and a screenshot is taken into the test's folder."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.test_cli import DATA, GOALS
from tests.test_examples import _args

FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/expected.yml"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_html_is_self_contained(write) -> None:
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), "-f", "html")
    assert run.exit_code == 0, run.stderr
    page = run.stdout
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.search(r'(?:src|href)="(?!#)', page)  # no external assets
    assert page.count("<svg") == 2  # one chart per count and share goal


def test_titles_are_escaped(write) -> None:
    goals = GOALS.replace("title: Rekryterade", "title: '<b>Rekryterade</b>'")
    run = run_cli("check", write("g.yml", goals), write("d.csv", DATA), "-f", "html")
    assert "&lt;b&gt;Rekryterade&lt;/b&gt;" in run.stdout and "<b>" not in run.stdout


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_chromium_renders_every_goal_and_takes_a_screenshot(
    folder: Path, chromium: str, tmp_path
) -> None:
    page = tmp_path / "report.html"
    run = run_cli("check", *_args(folder), "-o", page, "--suppress-below", "5")
    assert run.exit_code == 0, run.stderr
    done = _chromium(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    goals = run_cli("check", *_args(folder), "-f", "json").json()["goals"]
    rendered = re.findall(r'<section class="goal" id="goal-([^"]+)"', done.stdout)
    assert rendered == [g["id"] for g in goals]
    shot = tmp_path / "report.png"
    done = _chromium(
        chromium, tmp_path, "--window-size=1200,1800", f"--screenshot={shot}", page.as_uri()
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000
