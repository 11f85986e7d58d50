"""A person who moves municipality between enrolments: counted in that of the latest
enrolment (docs/counting.md), named by `validate`, counted in the report header (hidden
when small), and `explain` for the municipality left names the person's other rows."""

from __future__ import annotations

import re

import pytest

from esfkit.render import RenderOptions, formatter
from tests.conftest import run_cli, run_cli_en
from tests.leaks import assert_formats_have_no_small_count

GOALS = """\
version: 1
project: {name: T, start: 2021-01-01, end: 2021-12-31, municipalities: [Kiruna, Gällivare, Pajala]}
outcomes: {work: [Arbete]}
goals:
  - id: all
    count: everyone
  - id: work
    share: {exit: work}
    of: exited
"""
HEADER = "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
# 19811218-9876 moves from Pajala to Kiruna (spelt by its code the second time); D004
# from Gällivare, through a row without a municipality, to Pajala; D006 stays in Kiruna
# whatever the case; D002, D003, D005 enrol once.
ROWS = """\
19811218-9876;Kvinna;Pajala;2021-01-10;2021-03-01;Arbete
D002;Man;Kiruna;2021-01-10;;
811218-9876;Kvinna;2584;2021-05-01;;
D003;Man;Pajala;2021-02-01;2021-04-01;Arbete
D004;Kvinna;Gällivare;2021-02-01;2021-03-01;
D004;Kvinna;;2021-04-01;2021-05-01;
D004;Kvinna;Pajala;2021-06-01;;
D005;Man;Pajala;2021-02-01;;
D006;Man;Kiruna;2021-02-01;2021-03-01;
D006;Man;KIRUNA ;2021-04-01;;
"""
ARGS = ("--as-of", "2021-12-31")


@pytest.fixture
def files(write):
    return write("g.yml", GOALS), write("d.csv", HEADER + ROWS)


def _cell(report: dict, goal: str, municipality: str) -> dict:
    cells = next(g for g in report["goals"] if g["id"] == goal)["cells"]
    return next(c for c in cells if c["dims"] == {"municipality": municipality})


def test_a_mover_is_counted_where_the_latest_enrolment_is(files) -> None:
    run = run_cli("check", *files, *ARGS, "--format", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    counts = {m: _cell(report, "all", m)["value"] for m in ("Kiruna", "Gällivare", "Pajala")}
    assert counts == {"Kiruna": 3, "Gällivare": 0, "Pajala": 3}
    # the Pajala enrolment's exit to work no longer counts: the person is enrolled in Kiruna
    assert _cell(report, "work", "Pajala")["numerator"] == 1
    (moves,) = [f for f in report["findings"] if f["kind"] == "municipality_moves"]
    assert moves["count"] == 2 and moves["rows"] == [2, 4, 6, 7, 8]


def test_the_report_header_counts_the_movers_in_both_languages(files) -> None:
    sv = run_cli("check", *files, *ARGS)
    assert "Deltagare som flyttat mellan kommuner, räknas i kommunen för sin senaste" in sv.stdout
    assert re.search(r"senaste\s+inskrivning: 2", sv.stdout)
    en = run_cli("check", *files, *ARGS, "--lang", "en", "--format", "markdown")
    assert (
        "Participants who moved between municipalities, counted in that of their latest "
        "enrolment: 2" in en.stdout
    )


def test_validate_names_each_mover_with_the_rows_and_no_personnummer(files) -> None:
    run = run_cli_en("validate", *files, *ARGS)
    assert run.exit_code == 0, run.stdout
    assert "warning municipality_move (2)" in run.stdout
    assert (
        "d.csv, rows 2, 4, column 'Kommun': id 19811218-**** moved from Pajala to Kiruna, "
        "on rows 2, 4: counted in Kiruna, the municipality of the latest enrolment"
    ) in run.stdout
    assert "id D004 moved from Gällivare to Pajala, on rows 6–8 (3 rows)" in run.stdout
    assert "D006" not in run.stdout.split("municipality_move")[1]  # KIRUNA is Kiruna
    assert "9876" not in run.stdout
    assert "municipality_moves" not in run.stdout  # the header's line: said per person here


@pytest.mark.parametrize(
    ("as_of", "counted"),
    [
        ("2021-12-31", "counted in Kiruna, the municipality of the latest enrolment"),
        ("2021-03-31", "counted in Pajala, the municipality of the latest enrolment"),
        ("2020-12-31", "not counted: every enrolment starts after the report date"),
    ],
)
def test_validate_says_where_a_mover_counts_at_the_report_date(
    files, as_of: str, counted: str
) -> None:
    """The report counts a mover in the latest enrolment started by the report date
    (engine/population.py); validate says the same, not the latest of the file."""
    run = run_cli_en("validate", *files, "--as-of", as_of)
    assert f"id 19811218-**** moved from Pajala to Kiruna, on rows 2, 4: {counted}" in run.stdout
    if as_of == "2021-03-31":
        report = run_cli("check", *files, "--as-of", as_of, "--format", "json").json()
        # The mover counts in Pajala (with D003, D005), not in Kiruna (D002, D006 only)
        assert _cell(report, "all", "Pajala")["value"] == 3
        assert _cell(report, "all", "Kiruna")["value"] == 2


def test_with_unit_enrolment_each_enrolment_counts_in_its_own_municipality(write) -> None:
    goals = write("g.yml", GOALS.replace("outcomes:", "data: {unit: enrolment}\noutcomes:"))
    data = write("d.csv", HEADER + ROWS)
    run = run_cli_en("validate", goals, data, *ARGS)
    assert "each enrolment counts in its own municipality (unit: enrolment)" in run.stdout
    report = run_cli("check", goals, data, *ARGS, "--format", "json").json()
    assert not [f for f in report["findings"] if f["kind"] == "municipality_moves"]
    assert _cell(report, "all", "Pajala")["value"] == 4


def test_explain_for_the_municipality_left_names_the_movers_other_rows(files) -> None:
    run = run_cli_en("explain", *files, "all", "--where", "municipality=Pajala", *ARGS)
    assert run.exit_code == 0, run.stderr
    assert "enrolled here but moved, counted in the municipality of their latest enrolment: 1" in (
        run.stdout
    )
    assert "  row 2: also 4\n" in run.stdout and "9876" not in run.stdout
    gallivare = run_cli_en(
        "explain", *files, "all", "--where", "municipality=Gällivare", *ARGS, "--format", "json"
    )
    assert gallivare.json()["moved_away"] == {"6": [7, 8]}
    kiruna = run_cli_en("explain", *files, "all", "--where", "municipality=Kiruna", *ARGS)
    assert "moved" not in kiruna.stdout  # the mover is counted here


def test_explain_a_municipality_everyone_left(write) -> None:
    goals = write("g.yml", GOALS.replace(", municipalities: [Kiruna, Gällivare, Pajala]", ""))
    data = write("d.csv", HEADER + ROWS)
    run = run_cli_en("explain", goals, data, "all", "--where", "municipality=Gällivare", *ARGS)
    assert run.exit_code == 0, run.stderr
    assert "counted (numerator): 0" in run.stdout and "  row 6: also 7, 8" in run.stdout
    typo = run_cli_en("explain", goals, data, "all", "--where", "municipality=Gälivare", *ARGS)
    assert typo.exit_code == 2 and "no such value" in typo.stderr


def test_suppression_hides_the_mover_count_and_names_no_municipality(files, write) -> None:
    from esfkit.api import check

    report = check(files[0], files[1], as_of="2021-12-31", suppress_below=5)
    options = RenderOptions(lang="sv", width=400)
    outputs = {f: formatter(f)(report, options) for f in ("markdown", "json", "csv", "html")}
    assert_formats_have_no_small_count(outputs, 5, {"all"})
    (moves,) = [f for f in report.findings if f.kind == "municipality_moves"]
    assert moves.rows == () and "finding.municipality_moves" in report.suppressed
    line = next(x for x in outputs["markdown"].splitlines() if "flyttat" in x)
    assert line.endswith("..") and not re.search("Kiruna|Pajala|Gällivare", line)
    # hidden whatever its size: moving one person, as a witness may, can change it
    more = "".join(
        f"M{i};Man;Pajala;2021-01-0{i};;\nM{i};Man;Kiruna;2021-0{i}-20;;\n" for i in (2, 3, 4, 5)
    )
    big = check(
        files[0], write("big.csv", HEADER + ROWS + more), as_of="2021-12-31", suppress_below=5
    )
    (moves,) = [f for f in big.findings if f.kind == "municipality_moves"]
    assert moves.rows == () and big.suppressed["finding.municipality_moves"] == "secondary"


def test_validate_names_the_municipalities_as_the_report_does(write) -> None:
    # Typed in lower case, as careless exports do: the finding says where the person is
    # counted with the report's name for it, not the cell's spelling.
    rows = "D1;Kvinna;pajala;2021-01-10;2021-03-01;Arbete\nD1;Kvinna;kiruna ;2021-05-01;;\n"
    run = run_cli_en("validate", write("g.yml", GOALS), write("d.csv", HEADER + rows), *ARGS)
    line = next(x for x in run.stdout.splitlines() if "D1" in x and "Kiruna" in x)
    assert "from Pajala to Kiruna" in line and "counted in Kiruna" in line, line
    assert "pajala" not in run.stdout and "kiruna" not in run.stdout, run.stdout
