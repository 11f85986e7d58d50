"""Goal kinds, driven by the YAML case files beside this test (one file per kind).

Each case gives a goal file body, participant rows (semicolon CSV), a report date, and the
cells or statuses expected in the JSON output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli_en as run_cli

CASES = Path(__file__).parent / "cases"


def _cases() -> list:
    return [
        pytest.param(case, id=f"{path.stem}:{case['name']}")
        for path in sorted(CASES.glob("*.yml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("case", _cases())
def test_kind_case(case: dict, tmp_path: Path) -> None:
    goals = tmp_path / "goals.yml"
    goals.write_text("version: 1\n" + case["goals"], encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text(case["data"], encoding="utf-8")
    args = [
        "check",
        goals,
        data,
        "--format",
        "json",
        "--as-of",
        str(case.get("as_of", "2022-12-31")),
    ]
    run = run_cli(*args)
    if "error" in case:
        assert run.exit_code == 2, run.stdout
        for fragment in case["error"]:
            assert fragment in run.stderr
        assert "Traceback" not in run.stderr
        return
    assert run.exit_code == 0, run.stderr
    report = run.json()
    goals_by_id = {g["id"]: g for g in report["goals"]}
    for expected in case["expect"]:
        goal = goals_by_id[expected["goal"]]
        if "goal_status" in expected:
            assert goal["status"] == expected["goal_status"], goal
        if "dims" not in expected:
            continue
        cells = [c for c in goal["cells"] if c["dims"] == expected["dims"]]
        assert cells, f"no cell {expected['dims']} in {[c['dims'] for c in goal['cells']]}"
        cell = cells[0]
        for key, value in expected.items():
            if key in ("goal", "dims", "goal_status"):
                continue
            if isinstance(value, float):
                assert cell[key] == pytest.approx(value, abs=0.05), (key, cell)
            else:
                assert cell[key] == value, (key, cell)
