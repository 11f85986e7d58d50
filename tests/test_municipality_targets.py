"""Targets per municipality (issue 13: 1): each municipality's row shows its own target, gap
and status in every format, explain lists its rows and suppression hides its small counts."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.conftest import run_cli, run_cli_en

GOALS = """\
version: 1
project:
  name: Norrbotten
  municipalities: [Kiruna, Gällivare, Pajala]
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: {Kiruna: 3, gällivare: 1, Pajala: 2}
  - id: work
    title: Till arbete
    share: {exit: Arbete}
    of: {exited: true}
    target: {Kiruna: 50 %, Pajala: {women: 100 %, men: 40 %}, total: 45 %}
    breakdown: [gender]
"""

DATA = """\
Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak
Kvinna;Kiruna;2021-01-01;2021-02-01;Arbete
Man;Kiruna;2021-01-01;2021-02-01;Studier
Kvinna;KIRUNA ;2021-01-01;2021-02-01;Arbete
Man;Gällivare;2021-01-01;2021-02-01;Arbete
Kvinna;Pajala;2021-01-01;2021-02-01;Studier
"""


def _check(write, *extra: str):
    goals, data = write("goals.yml", GOALS), write("data.csv", DATA)
    return run_cli("check", goals, data, "--as-of", "2022-12-31", *extra)


def test_json_cell_of_a_municipality_carries_its_target_gap_and_status(write) -> None:
    run = _check(write, "-f", "json")
    assert run.exit_code == 0, run.stderr
    goals = {g["id"]: g for g in run.json()["goals"]}
    recruited = {str(c["dims"]): c for c in goals["recruited"]["cells"]}
    pajala = recruited["{'municipality': 'Pajala'}"]
    assert (pajala["value"], pajala["target"], pajala["gap"]) == (1, 2.0, 1.0)
    assert pajala["status"] == "not_met"
    assert recruited["{'municipality': 'Kiruna'}"]["status"] == "met"
    assert goals["recruited"]["status"] == "not_met"
    work = {str(c["dims"]): c for c in goals["work"]["cells"]}
    assert work["{'municipality': 'Kiruna'}"]["target"] == 50.0
    assert work["{'municipality': 'Pajala', 'gender': 'women'}"]["needed"] == 1
    assert work["{}"]["status"] == "met"  # 3 of 5: 60 %, above the total's 45 %
    assert goals["work"]["status"] == "not_met"  # Pajala's women: 0 of 1


def test_every_text_format_shows_each_municipalitys_target(write) -> None:
    for fmt in ("table", "text", "markdown", "html"):
        run = _check(write, "-f", fmt)
        assert run.exit_code == 0, (fmt, run.stderr)
        lines = [line for line in run.stdout.splitlines() if "Pajala" in line]
        assert any("1 / 2" in line for line in lines), (fmt, lines)  # the count: 1 of 2
        assert any("0,0 % (0/1) / ≥ 100 %" in line for line in lines), (fmt, lines)


def test_summary_names_the_municipality_short_of_its_target(write) -> None:
    run = _check(write, "-f", "text")
    summary = run.stdout.split("recruited\n")[0]
    assert "per kommun" in summary
    assert "1 till behövs (Pajala)" in " ".join(summary.split())
    assert "Pajala Kvinnor: 1 till behövs" in " ".join(summary.split())


def test_csv_has_the_municipality_target_and_status(write) -> None:
    run = _check(write, "-f", "csv")
    rows = list(csv.reader(io.StringIO(run.stdout)))
    pajala = [r for r in rows if r[:3] == ["recruited", "Rekryterade", "Pajala"]]
    assert ["mål", "2"] in [r[-2:] for r in pajala]
    assert ["status", "Ej uppfyllt"] in [r[-2:] for r in pajala]


def test_xlsx_goal_sheet_has_the_municipality_target(write, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    run = _check(write, "-o", out)
    assert run.exit_code == 0, run.stderr
    rows = list(load_workbook(out)["recruited"].iter_rows(values_only=True))
    pajala = next(r for r in rows if r[0] == "Pajala" and r[1] == "Totalt")
    assert 2 in pajala and "Ej uppfyllt" in pajala


def test_xlsx_summary_says_per_municipality_as_the_terminal_does(write, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    assert _check(write, "-o", out).exit_code == 0
    rows = list(load_workbook(out)["Sammanfattning"].iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Mål")
    target = header.index("Målvärde")
    recruited = next(r for r in rows if r[0] == "Rekryterade")
    assert recruited[target] == "per kommun"
    work = next(r for r in rows if r[0] == "Till arbete")
    assert work[target] == 0.45  # its total's own target, a number to compute with


def test_explain_lists_a_municipalitys_rows(write) -> None:
    goals, data = write("goals.yml", GOALS), write("data.csv", DATA)
    run = run_cli_en(
        "explain",
        goals,
        data,
        "recruited",
        "--where",
        "municipality=kiruna",
        "--as-of",
        "2022-12-31",
    )
    assert run.exit_code == 0, run.stderr
    assert "counted (numerator): 3" in run.stdout and "rows 2, 3, 4" in run.stdout


def test_suppression_hides_a_small_municipality_count_but_keeps_its_target(write) -> None:
    run = _check(write, "-f", "markdown", "--suppress-below", "2")
    assert run.exit_code == 0, run.stderr
    pajala = next(line for line in run.stdout.splitlines() if line.startswith("| Pajala"))
    assert "/ 2" in pajala and "| 1 /" not in pajala
