"""Means and medians (issue 13: 3) through the real command: explain lists each averaged
row's value, and no mean can print a personal identity number."""

from __future__ import annotations

from tests.conftest import EXAMPLES, run_cli, run_cli_en

EXAMPLE = EXAMPLES / "malmfalten"
FILES = [EXAMPLE / name for name in ("kiruna.xlsx", "gallivare.xlsx", "pajala.xlsx")]
ARGS = (EXAMPLE / "goals.yml", *FILES, "time_to_work", "--as-of", "2021-12-31")


def test_explain_lists_each_averaged_row_and_its_value() -> None:
    run = run_cli_en("explain", *ARGS, "--where", "municipality=Pajala")
    assert run.exit_code == 0, run.stderr
    assert "with a value (averaged): 6" in run.stdout
    assert "their values (months (a month = 365.25 / 12 days)):" in run.stdout
    assert "in the denominator: 7" in run.stdout  # one without an employment date
    values = [line for line in run.stdout.splitlines() if line.startswith("  pajala.xlsx, row ")]
    assert len(values) == 6
    # 122 days from start to employment, in months of 365.25 / 12 days
    assert any(line.endswith(": 4.01") for line in values), values


def test_explain_json_has_the_values_by_row() -> None:
    run = run_cli("explain", *ARGS, "--where", "municipality=Pajala", "--format", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert report["values_unit"] == "months"
    rows = report["numerator"]["rows"]
    assert sorted(report["values"]) == sorted(f"{r['file']}:{r['row']}" for r in rows)
    mean = sum(report["values"].values()) / len(report["values"])
    goal = run_cli(
        "check", EXAMPLE / "goals.yml", *FILES, "--as-of", "2021-12-31", "-f", "json"
    ).json()
    cell = next(
        c
        for g in goal["goals"]
        if g["id"] == "time_to_work"
        for c in g["cells"]
        if c["dims"] == {"municipality": "Pajala"}
    )
    assert abs(cell["value"] - mean) < 1e-9


def test_a_column_of_personal_numbers_is_refused_without_showing_them(write) -> None:
    goals = write("goals.yml", "version: 1\ngoals:\n  - id: m\n    mean: Nr\n")
    data = write(
        "data.csv",
        "Kön;Kommun;Inskrivningsdatum;Nr\nKvinna;Berg;2021-01-01;198501011236\n"
        "Man;Berg;2021-01-01;12\n",
    )
    run = run_cli_en("check", goals, data, "--as-of", "2022-12-31")
    assert run.exit_code == 2
    assert "row 2, column 'Nr'" in run.stderr and "id column" in run.stderr
    assert "1236" not in run.stderr and "Traceback" not in run.stderr
