"""Filters comparing a column with another column (issue 13, item 5), beyond the counts of
tests/kinds/cases/filter_columns.yml: the documented examples, the rows that cannot be
compared (a finding, explain), suppression, every format, the template."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from esfkit.api import parse_goal_file_text
from esfkit.errors import GoalFileError
from esfkit.goalfile.model import Compare, Offset, SameAs
from tests.conftest import ROOT, run_cli, run_cli_en

GOALS = """\
version: 1
project: {name: Jämför, start: 2020-01-01, end: 2022-12-31, municipalities: [Kiruna, Pajala]}
goals:
  - id: works_elsewhere
    title: Arbetar i en annan kommun
    count: {Arbetskommun: {not: {column: Kommun}}}
  - id: still_employed
    title: Anställda 13 månader efter avslut
    share: {Anställd till: {after: {column: end, plus: 13 months}}}
    of: exited
    target: 50 %
"""
DATA = (
    "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Arbetskommun;"
    "Anställd till\n"
    "1;Kvinna;Kiruna;2020-01-01;2021-01-31;Arbete;Kiruna;2022-03-01\n"  # row 2
    "2;Man;Kiruna;2020-01-01;2021-01-31;Arbete;Luleå;2022-02-28\n"  # row 3
    "3;Kvinna;Pajala;2020-02-01;2021-03-31;Arbete;;2022-05-01\n"  # row 4: blank work place
    "4;Man;Pajala;2020-02-01;2021-04-30;Arbete;Gällivare;\n"  # row 5: blank end of work
    "5;Kvinna;Pajala;2020-02-01;2021-04-30;Arbete;Kiruna;2022-06-01\n"  # row 6
)


@pytest.fixture
def files(write):
    return write("goals.yml", GOALS), write("deltagare.csv", DATA)


def test_parsed_as_typed_comparisons_never_as_code() -> None:
    goal_file = parse_goal_file_text(GOALS)
    differ, later = (g.definition.filter for g in goal_file.goals)
    assert isinstance(differ, SameAs) and differ.differ and differ.other.field == "Kommun"
    assert isinstance(later, Compare) and later.op == "after"
    assert (later.other.field, later.other.offset) == ("end", Offset(13, "months"))


def _documented() -> tuple[str, str, str]:
    text = (ROOT / "docs" / "goal-file.md").read_text(encoding="utf-8")
    section = text.split("### Comparing columns")[1].split("\n## ")[0]
    passes = section.split("# Passes:\n")[1].split("```")[0]
    fails = section.split("# Fails to load:\n")[1].split("```")[0]
    return passes, fails, re.search(r'#\s*"([^"]+)"', fails).group(1)


def test_documented_examples_pass_and_fail_as_documented() -> None:
    passes, fails, message = _documented()
    assert len(parse_goal_file_text("version: 1\ngoals:\n" + passes).goals) == 2
    with pytest.raises(GoalFileError) as raised:
        parse_goal_file_text("version: 1\ngoals:\n" + fails)
    assert message in str(raised.value)


def test_figures_and_blank_rows_in_json(files) -> None:
    report = run_cli("check", *files, "-f", "json", "--as-of", "2022-12-31").json()
    goals = {g["id"]: g for g in report["goals"]}
    elsewhere = {tuple(sorted(c["dims"].items())): c for c in goals["works_elsewhere"]["cells"]}
    assert elsewhere[()]["value"] == 3  # rows 3, 5, 6; row 4 (blank) is neither
    assert elsewhere[(("gender", "men"),)]["value"] == 2
    total = goals["still_employed"]["cells"][0]
    assert (total["numerator"], total["denominator"]) == (3, 5)  # row 5 blank: not counted
    finding = next(f for f in report["findings"] if f["kind"] == "uncompared")
    assert (finding["rows"], finding["severity"]) == ([4, 5], "warning")


def test_blank_rows_are_named_in_the_header_and_by_validate(files) -> None:
    sv = run_cli("check", *files, "--as-of", "2022-12-31", "-f", "markdown").stdout
    assert "ett mål jämför två kolumner och den ena är tom" in sv
    validate = run_cli("validate", *files, "--as-of", "2022-12-31")
    assert validate.exit_code == 0, validate.stderr
    assert "Rader där ett mål jämför två kolumner och den ena är tom" in validate.stdout


def test_no_finding_when_every_row_can_be_compared(write) -> None:
    data = "".join(line for line in DATA.splitlines(keepends=True) if ";Arbete;;" not in line)
    data = data.replace("Gällivare;\n", "Gällivare;2022-01-01\n")
    report = run_cli("check", write("g.yml", GOALS), write("d.csv", data), "-f", "json").json()
    assert "uncompared" not in {f["kind"] for f in report["findings"]}


def test_explain_lists_the_rows_and_the_uncompared(files) -> None:
    args = ("explain", *files, "still_employed", "--as-of", "2022-12-31")
    text = run_cli(*args).stdout
    assert "räknade (täljare): 3\n  rader 2, 4, 6\n" in text  # project.lang: Swedish
    assert "räknade med okänd comparison: 1\n  rader 5\n" in text
    found = run_cli(*args, "--where", "municipality=Kiruna", "-f", "json").json()
    assert found["numerator"] == {"count": 1, "rows": [2]}
    assert "comparison" not in found["unknown"]  # no blank in Kiruna
    women = run_cli(
        "explain", *files, "works_elsewhere", "--where", "gender=women", "-f", "json"
    ).json()
    assert women["denominator"]["rows"] == [2, 4, 6]
    assert women["unknown"]["comparison"] == {"count": 1, "rows": [4]}


def test_suppression_hides_small_counts_and_the_finding(files) -> None:
    args = ("check", *files, "--as-of", "2022-12-31", "--suppress-below", "3", "-f", "json")
    report = run_cli(*args).json()
    assert report["suppressed"]["finding.uncompared"] in ("small", "secondary")
    finding = next(f for f in report["findings"] if f["kind"] == "uncompared")
    assert finding["count"] is None and finding["rows"] == []
    cells = {tuple(sorted(c["dims"].items())): c for c in report["goals"][0]["cells"]}
    assert cells[(("gender", "women"),)]["value"] is None  # 1 woman: hidden


@pytest.mark.parametrize("fmt", ["table", "text", "markdown", "html", "csv"])
def test_every_text_format_shows_the_goals(files, fmt) -> None:
    run = run_cli("check", *files, "--as-of", "2022-12-31", "-f", fmt, "--width", "200")
    assert run.exit_code == 0, run.stderr
    assert "Arbetar i en annan kommun" in run.stdout
    assert "Anställda 13 månader efter avslut" in run.stdout


def test_xlsx_shows_the_goals(files, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    assert run_cli("check", *files, "--as-of", "2022-12-31", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    texts = {str(c.value) for s in book for row in s.iter_rows() for c in row}
    assert "Arbetar i en annan kommun" in texts


def test_a_personnummer_as_a_column_name_is_masked(write) -> None:
    goals = "version: 1\ngoals:\n  - id: x\n    count: {Kommun: {column: '19850101-1234'}}\n"
    run = run_cli_en("check", write("g.yml", goals), write("d.csv", DATA), "--as-of", "2022-12-31")
    assert run.exit_code == 2
    assert "is not a column" in run.stderr
    assert "1234" not in run.stderr


def test_template_has_both_columns_of_a_comparison(write, tmp_path) -> None:
    out = tmp_path / "mall.xlsx"
    run = run_cli("template", "-o", out, "--goals", write("goals.yml", GOALS))
    assert run.exit_code == 0, run.stderr
    sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert {"Arbetskommun", "Anställd till"} <= set(headers)
