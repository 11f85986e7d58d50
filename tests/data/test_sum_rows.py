"""Sum rows ('Summa', 'Totalt Kiruna', 'S:a'): one finding each, or skipped and listed with
data.skip_total_rows; a participant named 'Totalt' is still a participant (docs/data.md)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.data import totals
from esfkit.text import key
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli

HEADER = "Deltagar-ID;Namn;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
PEOPLE = [
    f"D{i:03};Person {i};{'Kvinna' if i % 2 else 'Man'};{'Kiruna' if i < 7 else 'Pajala'};"
    f"2021-0{1 + i % 9}-1{i % 10};{'2021-11-30' if i % 3 else ''};{'Arbete' if i % 3 else ''}"
    for i in range(1, 13)
]
GOALS = """\
version: 1
project: {name: T, start: 2021-01-01, end: 2021-12-31, municipalities: [Kiruna, Pajala]}
outcomes: {work: [Arbete]}
goals:
  - id: all
    count: everyone
    target: {women: 5, men: 5}
  - id: work
    share: {exit: work}
    of: {exited: true}
"""
SKIP = GOALS.replace("outcomes:", "data: {skip_total_rows: true}\noutcomes:")
# Sum rows as people type them: the word in the id, name, municipality or first filled
# cell, any case, a colon, a place after it; counts (as typed and as formulas give them,
# '82: kvinnor', '#REF!'), blanks elsewhere.
SUM_ROWS = [
    "Summa;;82;3;;;",
    "Totalt;;;;;;",
    "TOTAL:;;6;;;;",
    "Totals;;;;12;8;",
    ";Summa Berg;82: kvinnor;;;;",
    ";Totalt Kiruna:;3;6;44256;;",
    ";;;Summa;;;8",
    "S:a;;6 kvinnor;;;;",
    "sum;;;;;;",
    "Delsumma;;4;2;;;#REF!",
    ";;;;;;Totalsumma",
    "12;Summa:;6;6;;;",
    "Antal: 12;;;;;;",
    "Subtotal Pajala;;;;;1 234;",
    "\u00a0Sum\u200bma\u00a0;;82;;;;",  # a no-break space, a zero-width space inside
    "ＳＵＭＭＡ;;;;;;",  # full-width letters
    "Tot\x01alt;;;;;;",  # a control character
    "Summa;;Kvinna;Kiruna;;;",  # a subtotal labelled with a gender, no dates
    "71;Summa kvinnor;K;;141;;",  # a count in the start column is no day number
    # Excel's own subtotals (Data > Delsumma / Subtotal): the group, then the word
    ";;;Kiruna Summa;;;",
    ";;82;Gällivare Antal;;;",
    "Pajala Total;;6;;;;",
    ";;;Totalsumma;;;",
    "Grand Total;;;;12;;",
    ";;;Kiruna Count;;;",
]


def _data(lines: list[str]) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


def _kinds(stdout: str) -> dict[str, int]:
    found = re.finditer(r"^(?:error|warning) (\w+) \((\d+)\)", stdout, re.M)
    return {m[1]: int(m[2]) for m in found}


@pytest.mark.parametrize("line", SUM_ROWS)
def test_a_sum_row_is_one_error_and_nothing_else_is_said_of_its_cells(write, line) -> None:
    data = write("d.csv", _data([*PEOPLE[:6], line, *PEOPLE[6:]]))
    run = run_cli("validate", write("g.yml", GOALS), data, "--as-of", "2021-12-31")
    assert run.exit_code == 2, run.stdout
    assert _kinds(run.stdout) == {"total_row": 1}, run.stdout
    assert "d.csv, row 8: row 8 is a '" in run.stdout
    assert "data.skip_total_rows: true" in run.stdout  # the advice names the way out
    check = run_cli("check", write("g.yml", GOALS), data, "--as-of", "2021-12-31")
    assert check.exit_code == 2
    assert "d.csv, row 8: row 8 is a '" in check.stderr and "Traceback" not in check.stderr
    assert "82: kvinnor: women" not in check.stderr + run.stdout


def test_several_sum_rows_are_one_finding_each(write) -> None:
    lines = [*PEOPLE[:6], ";Summa Kiruna;3;3;;;", *PEOPLE[6:], "Summa Pajala;;;;;;", "Totalt;;;;;;"]
    run = run_cli("validate", write("g.yml", GOALS), write("d.csv", _data(lines)))
    assert run.exit_code == 2
    assert _kinds(run.stdout) == {"total_row": 3}
    for row, word in ((8, "Summa Kiruna"), (15, "Summa Pajala"), (16, "Totalt")):
        assert f"row {row} is a '{word}' row" in run.stdout


@pytest.mark.parametrize(
    "line",
    [
        "D099;Totalt;Kvinna;Kiruna;2021-05-01;;",  # an id: a participant named Totalt
        ";Summa;Man;Kiruna;2021-05-01;;",  # no id, but a start date
        ";Totalt Andersson;Man;Pajala;;2021-06-01;Arbete",  # no id, but an exit date
        # a gender code beside a day-number date: a participant (numbered, with a note)
        "17;Antal Kovács;Kvinna;Kiruna;44256;44500;Arbete",
        ";Antal Nagy;Man;Pajala;44256;;",  # no id yet
        "18;Totalt 12 veckor praktik;K;Kiruna;44256;;",  # a note beginning with a sum word
        "19;Summa, Li;Icke-binär;Kiruna;;44300;",
    ],
)
def test_a_participant_named_like_a_sum_is_counted(write, line) -> None:
    goals = write("g.yml", SKIP)
    data = write("d.csv", _data([*PEOPLE, line]))
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "--format", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert report["goals"][0]["population"] == 13
    assert not [f for f in report["findings"] if f["kind"].startswith("total_row")]


def test_a_word_that_only_begins_like_a_sum_is_no_sum(write) -> None:
    lines = [*PEOPLE, "D098;Summer Totalförsvaret;Kvinna;Kiruna;2021-05-01;;"]
    run = run_cli("validate", write("g.yml", GOALS), write("d.csv", _data(lines)))
    assert "total_row" not in run.stdout


def test_skipped_sum_rows_are_listed_and_never_counted(write) -> None:
    plain = write("plain.csv", _data(PEOPLE))
    lines = [*PEOPLE[:4], ";Summa Berg;82: kvinnor;3;;;", *PEOPLE[4:], "Summa;;82;3;141;44;"]
    summed = write("d.csv", _data(lines))
    goals = write("g.yml", SKIP)
    args = ("--as-of", "2021-12-31", "--format", "json")
    with_sums = run_cli("check", goals, summed, *args)
    assert with_sums.exit_code == 0, with_sums.stderr
    without = run_cli("check", goals, plain, *args).json()
    assert with_sums.json()["goals"] == without["goals"]
    assert with_sums.json()["findings"] == [
        {"kind": "total_row_skipped", "severity": "warning", "count": 2, "rows": [6, 15]}
    ]
    text = run_cli("check", goals, summed, "--as-of", "2021-12-31", "--lang", "en")
    assert "Sum rows in the file, not counted as participants: row numbers 6, 15" in text.stdout
    sv = run_swedish("check", goals, summed, "--as-of", "2021-12-31", "--format", "markdown")
    assert "Summarader i filen, inte räknade som deltagare: radnummer 6, 15" in sv.stdout
    listed = run_cli("validate", goals, summed, "--as-of", "2021-12-31")
    assert listed.exit_code == 0 and _kinds(listed.stdout) == {"total_row_skipped": 1}
    assert "rows 6, 15 are sum rows ('Summa Berg', 'Summa')" in listed.stdout


def test_suppression_does_not_hide_the_skipped_sum_rows(write) -> None:
    goals = write("g.yml", SKIP)
    data = write("d.csv", _data([*PEOPLE, "Summa;;6;6;;;"]))
    run = run_swedish("check", goals, data, "--as-of", "2021-12-31", "--suppress-below", "5")
    assert run.exit_code == 0, run.stderr
    assert "radnummer 14" in run.stdout and "<5 (" not in run.stdout


@pytest.mark.parametrize("value", ["yes please", "1", "[true]"])
def test_skip_total_rows_must_be_true_or_false(write, value) -> None:
    goals = write(
        "g.yml", GOALS.replace("outcomes:", f"data: {{skip_total_rows: {value}}}\noutcomes:")
    )
    run = run_cli("check", goals, write("d.csv", _data(PEOPLE)))
    assert run.exit_code == 2
    assert "g.yml:3:" in run.stderr and "data.skip_total_rows" in run.stderr


def test_init_proposes_no_gender_code_or_date_from_sum_rows(write, tmp_path) -> None:
    lines = [*PEOPLE[:4], ";Summa Berg;82: kvinnor;3;;;", *PEOPLE[4:], "Summa;;82;;141;44;"]
    data = write("d.csv", _data(lines))
    out = tmp_path / "starter.yml"
    run = run_cli("init", data, "-o", out)
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "82" not in text  # neither as a gender code nor as a count
    assert "genders:" not in text  # every real gender is a built-in code
    assert "# start: 2021-01-19" in text and "# end: 2021-11-30" in text
    assert "skip_total_rows: true" in text and "6, 15" in text
    check = run_cli("check", out, data, "--as-of", "2021-12-31")
    assert check.exit_code == 0, check.stderr


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(PEOPLE)), st.sampled_from(SUM_ROWS)), min_size=1, max_size=4
    )
)
def test_sum_rows_anywhere_with_skip_give_the_same_figures(tmp_path_factory, inserted) -> None:
    folder = tmp_path_factory.mktemp("sums")
    goals = folder / "g.yml"
    goals.write_text(SKIP, encoding="utf-8")
    lines = list(PEOPLE)
    for position, line in sorted(inserted, key=lambda pair: -pair[0]):
        lines.insert(position, line)
    (folder / "plain.csv").write_text(_data(PEOPLE), encoding="utf-8")
    (folder / "sums.csv").write_text(_data(lines), encoding="utf-8")
    args = ("--as-of", "2021-12-31", "--format", "json")
    plain = run_cli("check", goals, folder / "plain.csv", *args).json()
    summed = run_cli("check", goals, folder / "sums.csv", *args)
    assert summed.exit_code == 0, summed.stderr
    assert summed.json()["goals"] == plain["goals"]
    assert summed.json()["population"] == plain["population"]
    (skipped,) = summed.json()["findings"]
    assert skipped["kind"] == "total_row_skipped" and skipped["count"] == len(inserted)


def test_a_sum_row_of_formulas_in_a_workbook_is_one_finding(write, tmp_path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(";"))
    for line in PEOPLE:
        book.active.append(line.split(";"))
    # formulas a program wrote without their values: they read blank, but it is a sum row
    book.active.append(["Summa", None, '=COUNTIF(C2:C13,"Kvinna")', "=COUNTA(D2:D13)"])
    path = tmp_path / "d.xlsx"
    book.save(path)
    run = run_cli("validate", write("g.yml", GOALS), path, "--as-of", "2021-12-31")
    assert run.exit_code == 2
    assert _kinds(run.stdout) == {"total_row": 1}
    assert "d.xlsx, row 14: row 14 is a 'Summa' row" in run.stdout
    skipped = run_cli("check", write("g.yml", SKIP), path, "--as-of", "2021-12-31")
    assert skipped.exit_code == 0, skipped.stderr


CELL_PARTS = st.sampled_from(
    ["Summa", "TOTALT", "s:a", " antal", "Kiruna Count", "Sum", "D0001", "å", "İ", "\x01", "\t"]
)


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.lists(CELL_PARTS | st.text(max_size=3), max_size=4).map("".join)))
def test_sum_words_are_found_in_a_column_at_once_as_in_each_cell_keyed(cells) -> None:
    values = np.array(cells, dtype=object)
    expected = [i for i, cell in enumerate(cells) if totals._SUM.match(key(cell))]
    assert totals._sum_cells(values) == expected
