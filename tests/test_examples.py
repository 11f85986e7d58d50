"""The four seed-report examples: every published figure reproduced, and golden output.

Each ``examples/<project>/expected.yml`` lists the figures of the real report; each figure is
a test of its own. Golden terminal output (fixed width) catches any unintended change in
what users see; refresh it with ``ESFKIT_UPDATE_GOLDEN=1 pytest tests/test_examples.py``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from esfkit.i18n import round_half_away
from tests.conftest import EXAMPLES, ROOT, assert_golden, example_data, run_cli

GOLDEN = ROOT / "tests" / "golden"
FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/expected.yml"))


def _expected(folder: Path) -> dict:
    return yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))


def _args(folder: Path) -> list[str]:
    expected = _expected(folder)
    args = [
        folder / "goals.yml",
        *example_data(folder, expected),
        "--as-of",
        str(expected["as_of"]),
    ]
    if expected.get("period"):
        args += ["--period", str(expected["period"])]
    return args


_reports: dict[Path, dict] = {}


def _report(folder: Path) -> dict:
    if folder not in _reports:
        run = run_cli("check", *_args(folder), "--format", "json")
        assert run.exit_code == 0, run.stderr
        _reports[folder] = run.json()
    return _reports[folder]


def test_every_seed_report_has_its_example() -> None:
    """The four seed reports, and malmfalten: a made-up project for the goals of issue 13."""
    assert [f.name for f in FOLDERS] == [
        "gemensamma-taget",
        "malmfalten",
        "norrsken",
        "utan",
        "vagar-till-egen-forsorjning",
    ]


def _figures() -> list:
    params = []
    for folder in FOLDERS:
        for index, figure in enumerate(_expected(folder)["figures"]):
            name = figure.get("goal") or f"population.{figure.get('population')}"
            params.append(
                pytest.param(
                    folder, figure, id=f"{folder.name}:{index}:{name}:{figure.get('dims', {})}"
                )
            )
    return params


@pytest.mark.parametrize(("folder", "figure"), _figures())
def test_published_figure_is_reproduced(folder: Path, figure: dict) -> None:
    report = _report(folder)
    if "population" in figure:
        assert report["population"][figure["population"]] == figure["expect"], figure.get("quote")
        return
    goal = next(g for g in report["goals"] if g["id"] == figure["goal"])
    if "status" in figure:
        assert goal["status"] == figure["status"], figure.get("quote")
    if "expect" not in figure:
        return
    dims = figure.get("dims") or {}
    cell = next((c for c in goal["cells"] if c["dims"] == dims), None)
    assert cell is not None, f"no cell {dims} in goal {goal['id']}"
    actual = cell[figure.get("field", "value")]
    assert actual is not None, figure
    shown = round_half_away(actual, figure.get("decimals", 0))
    assert shown == Decimal(str(figure["expect"])), f"{figure.get('quote')}: esfkit {actual}"


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_terminal_output_matches_golden(folder: Path) -> None:
    run = run_cli("check", *_args(folder), "--width", "120")
    assert run.exit_code == 0, run.stderr
    assert_golden(GOLDEN / f"{folder.name}.txt", run.stdout)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_json_is_produced_with_every_goal(folder: Path) -> None:
    report = _report(folder)
    goal_file = yaml.safe_load((folder / "goals.yml").read_text(encoding="utf-8"))
    assert [g["id"] for g in report["goals"]] == [g["id"] for g in goal_file["goals"]]
    data = [path.name for path in example_data(folder, _expected(folder))]
    assert report["input"]["path"] == ", ".join(data)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_validate_is_clean(folder: Path) -> None:
    expected = _expected(folder)
    run = run_cli(
        "validate",
        folder / "goals.yml",
        *example_data(folder, expected),
        "--as-of",
        str(expected["as_of"]),
    )
    assert run.exit_code == 0, run.stderr


def test_malmfalten_reads_its_data_files_as_named_on_the_command_line() -> None:
    """The example's goal file lists one workbook per municipality under data.files."""
    folder = EXAMPLES / "malmfalten"
    run = run_cli("check", folder / "goals.yml", "--as-of", "2021-12-31", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert run.json() == _report(folder)
    assert [f["path"] for f in run.json()["input"]["files"]] == [
        "kiruna.xlsx",
        "gallivare.xlsx",
        "pajala.xlsx",
    ]
