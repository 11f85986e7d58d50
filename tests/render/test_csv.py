"""CSV: tidy long rows for a pivot table; Swedish Excel's dialect; no formula injection."""

from __future__ import annotations

import csv
import io
import re

from tests.conftest import run_cli
from tests.test_cli import DATA, GOALS

ARGS = ("--as-of", "2021-12-31")


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_csv_is_long_format_one_row_per_measure(write) -> None:
    run = run_cli("check", write("g.yml", GOALS), write("d.csv", DATA), *ARGS, "-f", "csv")
    assert run.exit_code == 0, run.stderr
    rows = _rows(run.stdout)
    assert list(rows[0]) == ["Mål-id", "Rubrik", "Kommun", "Kön", "Mått", "Värde"]
    total = {
        r["Mått"]: r["Värde"]
        for r in rows
        if r["Mål-id"] == "recruited" and r["Kommun"] == "Totalt" and r["Kön"] == "Totalt"
    }
    assert total["antal"] == "3" and total["mål"] == "4" and total["status"] == "Ej uppfyllt"
    berg_women = [
        r
        for r in rows
        if r["Mål-id"] == "studies"
        and r["Kommun"] == "Berg"
        and r["Kön"] == "Kvinnor"
        and r["Mått"] == "procent"
    ]
    assert berg_women[0]["Värde"] == "100"


def test_csv_excel_has_bom_semicolons_and_decimal_comma(write, tmp_path) -> None:
    out = tmp_path / "r.csv"
    args = (
        "check",
        write("g.yml", GOALS),
        write("d.csv", DATA),
        "--as-of",
        "2021-06-30",
        "-o",
        out,
    )
    run = run_cli(*args, "--csv-excel", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = _rows(raw.decode("utf-8-sig"), ";")
    assert list(rows[0])[:2] == ["Goal id", "Title"]
    expected = [r["Value"] for r in rows if r["Measure"] == "expected"]
    assert expected and all(re.fullmatch(r"\d+,\d+", v) for v in expected), expected


def test_values_from_users_files_cannot_become_formulas(write) -> None:
    goals = GOALS.replace("title: Rekryterade", "title: '=HYPERLINK(\"http://x\")'")
    data = DATA.replace(";Berg;", ";+Berg;").replace(";Åre;", ";@Åre;")
    run = run_cli("check", write("g.yml", goals), write("d.csv", data), *ARGS, "-f", "csv")
    assert run.exit_code == 0, run.stderr
    rows = _rows(run.stdout)
    assert {r["Rubrik"] for r in rows} >= {'\'=HYPERLINK("http://x")'}
    assert {r["Kommun"] for r in rows} == {"'+Berg", "'@Åre", "Totalt"}
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
