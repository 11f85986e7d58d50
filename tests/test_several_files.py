"""Several participant files in one run, read as one register (issue 13: 6).

One workbook per municipality is common: `check goals.yml kiruna.csv pajala.csv` and
`data.files` (paths and glob patterns) read them as one register, every row named with its
file. Through the real command (tests.conftest.run_cli).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import esfkit
from esfkit.errors import format_rows, row_key
from tests.conftest import run_cli as run_swedish
from tests.conftest import run_cli_en as run_cli

AS_OF = "2022-06-30"
GOALS = """\
version: 1
project:
  name: Malmfälten
  start: 2021-01-01
  end: 2022-12-31
  municipalities: [Kiruna, Gällivare, Pajala]
{data}
outcomes:
  work: [Arbete]
  studies: [Studier]
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: {{Kiruna: 3, Gällivare: 2, Pajala: 2, total: 7}}
  - id: work
    title: Till arbete
    share: {{exit: work}}
    of: {{exited: true}}
    target: 40 %
  - id: days
    title: Dagar i projektet
    mean: days_enrolled
    target: 200
    at_most: true
  - id: survey
    title: Enkät
    share: {{Enkät: Ja}}
    target: 50 %
"""
HEADER = [
    "Personnummer",
    "Kön",
    "Kommun",
    "Inskrivningsdatum",
    "Avslutsdatum",
    "Avslutsorsak",
    "Enkät",
]
KIRUNA = [
    ["19850101-2382", "Kvinna", "Kiruna", "2021-02-01", "2021-08-01", "Arbete", "Ja"],
    ["19900202-1234", "Man", "Kiruna", "2021-03-01", "2021-09-15", "Studier", "Nej"],
    ["19751212-5678", "Kvinna", "Kiruna", "2021-04-01", "", "", ""],
]
PAJALA = [
    ["19800505-1111", "Man", "Pajala", "2021-05-01", "2021-12-01", "Arbete", "Ja"],
    ["19950707-2222", "Kvinna", "Pajala", "2021-06-01", "", "", "Ja"],
]
GALLIVARE = [
    ["19880808-3333", "Man", "Gällivare", "2021-01-15", "2022-01-15", "Remittent", "Nej"],
    ["19920909-4444", "Kvinna", "Gällivare", "2021-07-01", "2022-02-01", "Arbete", ""],
]


def _csv(rows: list[list[str]], header: list[str] = HEADER, order: list[int] | None = None) -> str:
    order = order or list(range(len(header)))
    lines = [";".join(header[i] for i in order)]
    lines += [";".join(row[i] for i in order) for row in rows]
    return "\n".join(lines) + "\n"


def _goals(write, data: str = "") -> Path:
    return write("goals.yml", GOALS.format(data=data))


@pytest.fixture
def three(write) -> tuple[Path, list[Path]]:
    """The goal file and one CSV file per municipality."""
    files = [
        write("kiruna.csv", _csv(KIRUNA)),
        write("gallivare.csv", _csv(GALLIVARE)),
        write("pajala.csv", _csv(PAJALA)),
    ]
    return _goals(write), files


def _json(*args) -> dict:
    run = run_cli("check", *args, "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def _figures(report: dict) -> tuple:
    return report["goals"], report["population"]


# --- several files on the command line and by data.files -----------------------------------


def test_several_files_give_the_figures_of_one_file_holding_their_rows(write, three) -> None:
    goals, files = three
    one = write("all.csv", _csv(KIRUNA + GALLIVARE + PAJALA))
    assert _figures(_json(goals, *files)) == _figures(_json(goals, one))


def test_the_json_header_lists_each_file_with_its_rows_and_sha256(three) -> None:
    goals, files = three
    found = _json(goals, *files)["input"]
    assert [f["path"] for f in found["files"]] == ["kiruna.csv", "gallivare.csv", "pajala.csv"]
    assert [f["rows"] for f in found["files"]] == [3, 2, 2]
    assert found["rows"] == 7
    digests = [f["sha256"] for f in found["files"]]
    assert all(len(d) == 64 for d in digests) and len(set([*digests, found["sha256"]])) == 4


def test_the_data_digest_covers_every_file_in_order(three) -> None:
    goals, files = three
    forward = _json(goals, *files)["input"]["sha256"]
    backward = _json(goals, *reversed(files))["input"]["sha256"]
    assert forward != backward


def test_data_files_reads_a_glob_relative_to_the_goal_file(
    write, three, tmp_path, monkeypatch
) -> None:
    _, _files = three
    goals = _goals(write, "data:\n  files: ['*.csv']\n")
    monkeypatch.chdir(tmp_path.parent)  # the patterns are relative to the goal file, not here
    found = _json(goals)["input"]
    assert [f["path"] for f in found["files"]] == ["gallivare.csv", "kiruna.csv", "pajala.csv"]


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.symlink_to(p.parent / "gone.csv"), "not found"),
        (lambda p: p.symlink_to(p), "Too many levels of symbolic links"),
        (lambda p: os.mkfifo(p), "pipe (FIFO)"),
    ],
    ids=["broken link", "link loop", "fifo"],
)
def test_a_match_that_cannot_be_read_is_named_not_skipped(write, three, tmp_path, make, said):
    goals = _goals(write, "data:\n  files: ['*.csv']\n")
    make(tmp_path / "lulea.csv")
    (tmp_path / "sub.csv").mkdir()  # a folder is no participant file: skipped
    run = run_cli("check", goals, "--as-of", AS_OF)
    assert run.exit_code == 2 and "lulea.csv" in run.stderr and said in run.stderr


@pytest.mark.parametrize("pattern", ["'data\\kiruna.csv'", "'data\\*.csv'", '"data\\\\k*.csv"'])
def test_data_files_takes_a_path_written_on_windows(write, three, tmp_path, pattern) -> None:
    _, files = three
    (tmp_path / "data").mkdir()
    files[0].rename(tmp_path / "data" / "kiruna.csv")
    goals = _goals(write, f"data:\n  files: [{pattern}]\n")
    assert _json(goals)["input"]["path"] == "kiruna.csv"


def test_files_on_the_command_line_win_over_data_files(write, three) -> None:
    _, files = three
    goals = _goals(write, "data:\n  files: ['*.csv']\n")
    found = _json(goals, files[0])["input"]
    assert found["path"] == "kiruna.csv" and "files" not in found


def test_data_files_lists_paths_and_patterns_in_order(write, three) -> None:
    goals = _goals(write, "data:\n  files: [pajala.csv, 'k*.csv']\n")
    assert [f["path"] for f in _json(goals)["input"]["files"]] == ["pajala.csv", "kiruna.csv"]


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ("['*.xlsx']", "'*.xlsx' matches no file"),
        ("[kiruna.csv, lulea.csv]", "'lulea.csv' is not a file"),
    ],
)
def test_a_pattern_matching_nothing_is_an_error_at_its_yaml_line(write, three, files, said) -> None:
    goals = _goals(write, f"data:\n  files: {files}\n")
    line = (
        GOALS.format(data=f"data:\n  files: {files}\n").splitlines().index(f"  files: {files}") + 1
    )
    for command in ("check", "validate"):
        run = run_cli(command, goals, "--as-of", AS_OF)
        assert run.exit_code == 2, run.stderr
        assert f"goals.yml:{line}:" in run.stderr and said in run.stderr


def test_no_file_and_no_data_files_is_a_usage_error(three) -> None:
    goals, _ = three
    run = run_cli("check", goals, "--as-of", AS_OF)
    assert run.exit_code == 2 and "no participant file is given" in run.stderr


def test_an_empty_data_files_list_is_refused_at_its_line(write) -> None:
    goals = _goals(write, "data:\n  files: []\n")
    run = run_cli("check", goals, "--as-of", AS_OF)
    assert run.exit_code == 2 and "goals.yml:8:" in run.stderr and "empty" in run.stderr


def test_csv_and_xlsx_mixed_read_as_one_register(write, three, tmp_path) -> None:
    goals, files = three
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *PAJALA]:
        sheet.append(row)
    book.save(tmp_path / "pajala.xlsx")
    mixed = _json(goals, files[0], files[1], tmp_path / "pajala.xlsx")
    assert _figures(mixed) == _figures(_json(goals, *files))
    assert mixed["input"]["files"][2]["sheet"] == "Sheet"


# --- refused: the same file twice, too many, headers that do not match ----------------------


def test_a_file_given_twice_is_refused(three) -> None:
    goals, files = three
    run = run_cli("check", goals, files[0], files[1], files[0], "--as-of", AS_OF)
    assert run.exit_code == 2 and "kiruna.csv: the file is given twice" in run.stderr


def test_the_same_bytes_under_two_names_are_refused(write, three) -> None:
    goals, files = three
    copy = write("kopia.csv", files[0].read_bytes())
    run = run_cli("check", goals, files[0], copy, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "kopia.csv: the file holds the same bytes as kiruna.csv" in run.stderr


def test_more_files_than_the_limit_are_refused(three, monkeypatch) -> None:
    goals, files = three
    monkeypatch.setattr("esfkit.data.register.DATA_FILES", 2)
    run = run_cli("check", goals, *files, "--as-of", AS_OF)
    assert run.exit_code == 2 and "3 participant files are given" in run.stderr
    assert "at most 2" in run.stderr


def test_more_rows_together_than_the_limit_are_refused(three, monkeypatch) -> None:
    goals, files = three
    monkeypatch.setattr("esfkit.data.register.EXCEL_ROWS", 6)
    run = run_cli("check", goals, *files, "--as-of", AS_OF)
    assert run.exit_code == 2 and "the 3 files hold 7 rows together" in run.stderr


def test_each_file_s_header_is_recognised_on_its_own(write, three) -> None:
    goals, files = three
    own = ["Pnr", "Kon", "Hemkommun", "Startdatum", "Slutdatum", "Avslut", "enkät"]
    other = write("pajala.csv", _csv(PAJALA, own, order=[6, 5, 4, 3, 2, 1, 0]))
    assert _figures(_json(goals, files[0], files[1], other)) == _figures(_json(goals, *files))


def test_data_columns_apply_to_every_file(write, three) -> None:
    _, files = three
    header = [h.replace("Kön", "Juridiskt kön (K/M)") for h in HEADER]
    write("kiruna.csv", _csv(KIRUNA, header))
    write("pajala.csv", _csv(PAJALA, header))
    goals = _goals(write, "data:\n  columns: {gender: Juridiskt kön (K/M)}\n")
    run = run_cli("check", goals, files[0], files[2], "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 0, run.stderr
    run = run_cli("check", goals, files[0], files[1], "--as-of", AS_OF)
    assert run.exit_code == 2 and "not a column of gallivare.csv" in run.stderr


def test_a_header_of_the_second_file_that_maps_to_nothing_is_named(write, three) -> None:
    goals, files = three
    header = [h.replace("Kön", "Xyz") for h in HEADER]
    bad = write("pajala.csv", _csv(PAJALA, header))
    run = run_cli("check", goals, files[0], bad, "--as-of", AS_OF)
    assert run.exit_code == 2, run.stderr
    assert "error: pajala.csv, row 1, column 'Xyz'" in run.stderr
    assert "no column here is the gender (kiruna.csv has it as 'Kön')" in run.stderr


def test_a_column_of_the_first_file_missing_from_another_is_named(write, three) -> None:
    goals, files = three
    short = write("pajala.csv", _csv([r[:-1] for r in PAJALA], HEADER[:-1]))
    run = run_cli("validate", goals, files[0], short, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "pajala.csv, row 1: column 'Enkät' of kiruna.csv is not here" in run.stderr


def test_a_column_with_another_name_is_named_with_the_nearest(write, three) -> None:
    goals, files = three
    header = [h.replace("Enkät", "Enkäten") for h in HEADER]
    other = write("pajala.csv", _csv(PAJALA, header))
    run = run_cli("check", goals, files[0], other, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "column 'Enkäten' matches no column of kiruna.csv" in run.stderr
    assert "did you mean 'Enkät'?" in run.stderr


def test_each_file_finds_its_own_header_row(write, three) -> None:
    goals, files = three
    titled = write("pajala.csv", "Deltagare Pajala 2021\n" + _csv(PAJALA))
    assert _figures(_json(goals, files[0], titled)) == _figures(_json(goals, files[0], files[2]))
    goals = _goals(write, "data:\n  header_row: 2\n")  # for every file: kiruna's is row 1
    run = run_cli("check", goals, files[0], titled, "--as-of", AS_OF)
    assert run.exit_code == 2 and "error: pajala.csv, row 2" in run.stderr
    assert "which kiruna.csv has no column for" in run.stderr and "2382" not in run.stderr


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_with_a_header_and_no_rows_is_named(write, three, command) -> None:
    goals, files = three
    empty = write("tom.csv", _csv([]))
    run = run_cli(command, goals, *files, empty, "--as-of", AS_OF)
    said = run.stdout + run.stderr
    assert run.exit_code == 2 and "tom.csv, row 1: the file has its header on row 1" in said


# --- findings name the file and the row, in every command -----------------------------------


def _moved(rows: list[list[str]], **changes: str) -> list[list[str]]:
    """The rows with the given cells (by header) changed in every row."""
    index = {h: i for i, h in enumerate(HEADER)}
    out = []
    for row in rows:
        row = list(row)
        for header, value in changes.items():
            row[index[header]] = value
        out.append(row)
    return out


def test_a_person_in_two_files_is_one_person_with_a_finding_naming_both(write, three) -> None:
    goals, files = three
    again = _moved(KIRUNA[:1], Kommun="Pajala", Inskrivningsdatum="2022-01-10", Avslutsdatum="")
    pajala = write("pajala.csv", _csv(PAJALA + again))
    report = _json(goals, files[0], pajala)
    assert report["population"]["persons"] == 5 and report["population"]["enrolments"] == 6
    run = run_cli("validate", goals, files[0], pajala, "--as-of", AS_OF)
    assert (
        "id 19850101-**** is enrolled again on kiruna.csv, row 2; pajala.csv, row 4" in run.stdout
    )
    assert "2382" not in run.stdout + run.stderr


def test_an_overlap_across_files_names_both_rows(write, three) -> None:
    goals, files = three
    twice = _moved(KIRUNA[:1], Kommun="Pajala", Inskrivningsdatum="2021-03-01")
    pajala = write("pajala.csv", _csv(PAJALA + twice))
    run = run_cli("validate", goals, files[0], pajala, "--as-of", AS_OF)
    assert "overlapping_enrolments" in run.stdout
    assert "kiruna.csv, row 2; pajala.csv, row 4, column 'Personnummer'" in run.stdout


def test_the_same_row_in_two_files_counted_per_enrolment_stops_check(write, three) -> None:
    _, files = three
    goals = _goals(write, "data:\n  unit: enrolment\n")
    pajala = write("pajala.csv", _csv(PAJALA + KIRUNA[:1]))
    run = run_cli("check", goals, files[0], pajala, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert (
        "kiruna.csv, row 2; pajala.csv, row 4: kiruna.csv, row 2; pajala.csv, row 4 are identical"
        in run.stderr
    )


def test_a_bad_cell_is_located_in_its_own_file_in_validate_and_check(write, three) -> None:
    goals, files = three
    odd = write("pajala.csv", _csv(_moved(PAJALA, Kön="Hen?")))
    run = run_cli("validate", goals, files[0], files[1], odd, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "pajala.csv, rows 2, 3, column 'Kön'" in run.stdout
    assert "kiruna.csv, gallivare.csv, pajala.csv: 7 rows" in run.stdout
    assert "  pajala.csv: 2 rows" in run.stdout
    run = run_cli("check", goals, files[0], files[1], odd, "--as-of", AS_OF)
    assert run.exit_code == 2 and "pajala.csv, rows 2, 3, column 'Kön'" in run.stderr


def test_long_row_lists_are_folded_per_file(write, three) -> None:
    goals, _files = three
    many = _moved(KIRUNA * 4, Kön="?")
    many = [[f"1985010{i % 9 + 1}-238{i % 10}", *row[1:]] for i, row in enumerate(many)]
    kiruna = write("kiruna.csv", _csv(many))
    odd = write("pajala.csv", _csv(_moved(PAJALA, Kön="?")))
    run = run_cli("validate", goals, kiruna, odd, "--as-of", AS_OF)
    assert "  kiruna.csv, rows 2–13 (12 rows), column 'Kön': '?'" in run.stdout
    assert "  pajala.csv, rows 2, 3, column 'Kön': '?'" in run.stdout
    keys = [row_key(0, r) for r in range(2, 14)] + [row_key(1, 5), row_key(1, 3)]
    shown = format_rows(keys, 1, files=("kiruna.csv", "pajala.csv"))
    assert shown == "kiruna.csv, rows 2–13 (12 rows); pajala.csv, rows 3 … (2 rows)"


def test_a_data_error_raised_while_evaluating_names_the_file(write, three) -> None:
    goals, _files = three
    text = GOALS.format(data="") + "  - id: hours\n    title: Timmar\n    mean: Timmar\n"
    goals = write("goals.yml", text)
    header = [*HEADER, "Timmar"]
    kiruna = write("kiruna.csv", _csv([[*r, "10"] for r in KIRUNA], header))
    pajala = write("pajala.csv", _csv([[*PAJALA[0], "12"], [*PAJALA[1], "tio"]], header))
    run = run_cli("check", goals, kiruna, pajala, "--as-of", AS_OF)
    assert run.exit_code == 2, run.stderr
    assert "error: pajala.csv, row 3, column 'Timmar'" in run.stderr


def test_explain_lists_the_rows_under_their_files(write, three) -> None:
    goals, files = three
    run = run_cli("explain", goals, *files, "work", "--as-of", AS_OF)
    assert run.exit_code == 0, run.stderr
    assert (
        "counted (numerator): 3\n  kiruna.csv:\n    rows 2\n  gallivare.csv:\n    rows 3\n"
        in run.stdout
    )
    assert "  pajala.csv:\n    rows 2\n" in run.stdout


def test_explain_names_a_person_s_row_in_another_file(write, three) -> None:
    goals, files = three
    again = _moved(KIRUNA[:1], Kommun="Pajala", Inskrivningsdatum="2022-01-10", Avslutsdatum="")
    pajala = write("pajala.csv", _csv(PAJALA + again))
    run = run_cli("explain", goals, files[0], pajala, "recruited", "--as-of", AS_OF)
    assert "  pajala.csv, row 4: also kiruna.csv, row 2" in run.stdout
    found = json.loads(
        run_cli(
            "explain", goals, files[0], pajala, "recruited", "--as-of", AS_OF, "-f", "json"
        ).stdout
    )
    assert found["files"] == ["kiruna.csv", "pajala.csv"]
    assert {"file": "pajala.csv", "row": 4} in found["denominator"]["rows"]
    assert found["same_person"] == {"pajala.csv:4": [{"file": "kiruna.csv", "row": 2}]}


def test_explain_reads_data_files_without_a_file_given(write, three) -> None:
    goals = _goals(write, "data:\n  files: ['*.csv']\n")
    run = run_cli("explain", goals, "work", "--as-of", AS_OF)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[1].startswith("gallivare.csv, kiruna.csv, pajala.csv")


# --- the header in every format -----------------------------------------------------------


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def _xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value
    )


@pytest.mark.parametrize("fmt", ["table", "markdown", "text", "html", "xlsx", "docx"])
def test_every_format_s_header_lists_each_file(three, tmp_path, fmt) -> None:
    goals, files = three
    out = tmp_path / f"report.{ {'table': 'txt', 'text': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"
    run = run_cli("check", goals, *files, "--as-of", AS_OF, "-f", fmt, "-o", out, "--lang", "en")
    assert run.exit_code == 0, run.stderr
    data = out.read_bytes()
    text = {"xlsx": _xlsx_text, "docx": _docx_text}.get(fmt, lambda d: d.decode("utf-8"))(data)
    sha = _json(goals, *files)["input"]["files"]
    for name, found in zip(("kiruna.csv", "gallivare.csv", "pajala.csv"), sha, strict=True):
        assert name in text and found["sha256"][:12] in text
    assert "3 files" in text


def test_each_file_s_row_count_is_hidden_under_suppression(three) -> None:
    goals, files = three
    args = (goals, *files, "--as-of", AS_OF, "--suppress-below", "3")
    report = json.loads(run_cli("check", *args, "-f", "json").stdout)
    assert [f["rows"] for f in report["input"]["files"]] == [None, None, None]
    shown = run_swedish("check", *args, "-f", "markdown").stdout
    files_lines = [line for line in shown.splitlines() if line.startswith("- **Fil:**")]
    assert len(files_lines) == 3 and all(line.endswith(".. rader") for line in files_lines)
    plain = run_swedish("check", goals, *files, "--as-of", AS_OF, "-f", "markdown").stdout
    assert "kiruna.csv sha256" in plain and "3 rader" in plain


def test_no_row_number_tells_a_hidden_file_s_row_count_under_suppression(write, three) -> None:
    """A sum row at a file's foot (row 5 under a header on row 1: 3 participants) and a
    finding on its last row would tell the count the header hides."""
    _, files = three
    goals = _goals(write, "data:\n  skip_total_rows: true\n")
    write("kiruna.csv", _csv([*KIRUNA, ["Summa", "", "", "", "", "", ""]]))
    args = (goals, *files, "--as-of", AS_OF)
    plain = run_swedish("check", *args, "-f", "markdown").stdout
    assert "radnummer kiruna.csv: 5" in plain  # the note as it is without suppression
    hidden = (*args, "--suppress-below", "3")
    shown = run_swedish("check", *hidden, "-f", "markdown").stdout
    assert "radnummer .." in shown and "kiruna.csv: 5" not in shown
    report = json.loads(run_cli("check", *hidden, "-f", "json").stdout)
    assert report["findings"] and all(f["rows"] == [] for f in report["findings"])


# --- init and the library -------------------------------------------------------------------


def test_init_proposes_one_data_section_for_all_files(write, three, tmp_path) -> None:
    _, files = three
    own = ["Pnr", "Kon", "Hemkommun", "Startdatum", "Slutdatum", "Avslut", "Enkät"]
    write("pajala.csv", _csv(PAJALA, own))
    out = tmp_path / "starter.yml"
    run = run_cli("init", *files, "-o", out)
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "files: [kiruna.csv, gallivare.csv, pajala.csv]" in text
    assert (
        "# gender: recognised in each file on its own: Kön (kiruna.csv), Kön (gallivare.csv), Kon (pajala.csv)"
        in text
    )
    run = run_cli("check", out, "--as-of", AS_OF, "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["input"]["rows"] == 7


def test_init_says_which_file_differs(write, three, tmp_path) -> None:
    _, files = three
    bad = write("pajala.csv", _csv([r[:-1] for r in PAJALA], HEADER[:-1]))
    run = run_cli("init", files[0], bad, "-o", tmp_path / "starter.yml")
    assert run.exit_code == 2
    assert "pajala.csv, row 1: column 'Enkät' of kiruna.csv is not here" in run.stderr


def test_the_library_takes_a_list_of_paths(three) -> None:
    goals, files = three
    report = esfkit.check(goals, files, as_of=AS_OF)
    assert [f.path for f in report.input.files] == ["kiruna.csv", "gallivare.csv", "pajala.csv"]
    participants = esfkit.read_participants(files, goals, as_of=AS_OF)
    assert participants.rows == 7 and participants.names == tuple(f.name for f in files)
    assert esfkit.explain(goals, files, "work", as_of=AS_OF).files == participants.names
    findings = esfkit.validate(goals, [str(f) for f in files], as_of=AS_OF)
    assert not [f for f in findings if f.is_error]


# --- a property: any split of a register gives the figures of the register ------------------

TOWNS = ["Kiruna", "Gällivare", "Pajala"]
row_strategy = st.fixed_dictionaries(
    {
        "id": st.integers(0, 12),
        "gender": st.sampled_from(["Kvinna", "Man", "K", "M", ""]),
        "town": st.sampled_from([*TOWNS, ""]),
        "start": st.dates(dt.date(2021, 1, 1), dt.date(2022, 9, 30)),
        "days": st.one_of(st.none(), st.integers(0, 300)),
        "exit": st.sampled_from(["Arbete", "Studier", "Remittent", ""]),
        "survey": st.sampled_from(["Ja", "Nej", ""]),
    }
)


def _row(r: dict) -> list[str]:
    end = "" if r["days"] is None else (r["start"] + dt.timedelta(days=r["days"])).isoformat()
    return [
        f"D{r['id']:03d}",
        r["gender"],
        r["town"],
        r["start"].isoformat(),
        end,
        r["exit"],
        r["survey"],
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rows=st.lists(row_strategy, min_size=1, max_size=25),
    data=st.data(),
    orders=st.lists(st.permutations(list(range(7))), min_size=5, max_size=5),
)
def test_any_split_of_a_register_gives_its_figures(tmp_path_factory, rows, data, orders) -> None:
    """Each row goes to any of up to five files, each file's columns in an order of its own.
    The register is the files' rows in the order read: a person's latest enrolment is, on a
    tie of start dates, the lower row in the later file (docs/counting.md), as in one file."""
    folder = tmp_path_factory.mktemp("split")
    header = [h if h != "Personnummer" else "Deltagar-ID" for h in HEADER]
    goals = folder / "goals.yml"
    goals.write_text(GOALS.format(data=""), encoding="utf-8")
    table = [_row(r) for r in rows]
    which = data.draw(st.lists(st.integers(0, 4), min_size=len(table), max_size=len(table)))
    parts, register = [], []
    for index in sorted(set(which)):
        part = folder / f"part{index}.csv"
        mine = [row for row, w in zip(table, which, strict=True) if w == index]
        part.write_text(_csv(mine, header, orders[index]), encoding="utf-8")
        parts.append(part)
        register += mine
    whole = folder / "whole.csv"
    whole.write_text(_csv(register, header), encoding="utf-8")
    if len({p.read_bytes() for p in parts}) < len(parts):
        return  # two parts with the same bytes are refused, by design
    one = run_cli("check", goals, whole, "--as-of", AS_OF, "-f", "json")
    split = run_cli("check", goals, *parts, "--as-of", AS_OF, "-f", "json")
    assert (one.exit_code, split.exit_code) == (0, 0), one.stderr + split.stderr
    assert _figures(one.json()) == _figures(split.json())
    kinds = lambda report: sorted((f["kind"], f["count"]) for f in report["findings"])  # noqa: E731
    assert kinds(one.json()) == kinds(split.json())


def test_the_history_records_the_digest_over_every_file(three, tmp_path) -> None:
    goals, files = three
    history = tmp_path / "history.csv"
    run = run_cli("check", goals, *files, "--as-of", AS_OF, "--history", history, "-f", "json")
    assert run.exit_code == 0, run.stderr
    rows = list(csv.DictReader(history.open(encoding="utf-8")))
    assert rows and {row["data"] for row in rows} == {run.json()["input"]["sha256"]}
    # A file of the previous format (no data column) is read, and gets the column.
    former = [{k: v for k, v in row.items() if k != "data"} for row in rows]
    with history.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(former[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(former)
    later = run_cli("check", goals, *files, "--as-of", "2022-07-31", "--history", history)
    assert later.exit_code == 0, later.stderr
    rows = list(csv.DictReader(history.open(encoding="utf-8")))
    assert {row["data"] for row in rows if row["as_of"] == AS_OF} == {""}
    assert (
        {row["data"] for row in rows if row["as_of"] == "2022-07-31"} == {rows[-1]["data"]} != {""}
    )


def test_an_output_onto_a_file_of_data_files_is_refused(write, three) -> None:
    _, files = three
    goals = _goals(write, "data:\n  files: ['*.csv']\n")
    before = files[1].read_bytes()
    run = run_cli("check", goals, "--as-of", AS_OF, "-o", files[1], "-f", "csv")
    assert run.exit_code == 2 and "esfkit never writes to a file it reads" in run.stderr
    assert files[1].read_bytes() == before


@pytest.mark.parametrize(
    ("pattern", "option", "path"),
    [
        ("'*.xlsx'", "-o", "rapport.xlsx"),
        ("'*.csv'", "--history", "historik.csv"),
        ("'**/*.csv'", "--history", "ut/historik.csv"),
        ("[kiruna.csv, '../*/r*.xlsx']", "-o", "rapport.xlsx"),
    ],
)
def test_a_pattern_matching_a_file_the_run_writes_is_refused_before_it_is_written(
    write, three, tmp_path, pattern, option, path
) -> None:
    _, _files = three
    goals = _goals(write, f"data:\n  files: {pattern}\n")
    (tmp_path / "ut").mkdir(exist_ok=True)
    target = tmp_path / path
    run = run_cli("check", goals, "--as-of", AS_OF, option, target, "-f", "csv")
    assert run.exit_code == 2, run.stderr
    assert "goals.yml:8:" in run.stderr and f"the file {option} writes" in run.stderr
    assert not target.exists()


def test_a_file_the_run_writes_outside_the_patterns_is_written(write, three, tmp_path) -> None:
    _, _files = three
    goals = _goals(write, "data:\n  files: ['*.csv']\n")
    (tmp_path / "ut").mkdir()
    for target in ("rapport.xlsx", "ut/rapport.csv", ".rapport.csv"):
        run = run_cli("check", goals, "--as-of", AS_OF, "-o", tmp_path / target)
        assert run.exit_code == 0, run.stderr
        assert (tmp_path / target).exists()


def test_the_library_refuses_a_list_of_other_things(three) -> None:
    goals, files = three
    with pytest.raises(esfkit.UsageError, match="something other than paths"):
        esfkit.check(goals, [files[0], 3], as_of=AS_OF)


def test_one_personnummer_spelt_two_ways_in_two_files_is_one_person(write, three) -> None:
    goals, files = three
    again = _moved(KIRUNA[:1], Kommun="Pajala", Inskrivningsdatum="2022-01-10", Avslutsdatum="")
    again[0][0] = "850101 2382"  # the same number, ten digits and a space
    pajala = write("pajala.csv", _csv(PAJALA + again))
    report = _json(goals, files[0], pajala)
    assert report["population"]["persons"] == 5 and report["population"]["enrolments"] == 6
    run = run_cli("explain", goals, files[0], pajala, "recruited", "--as-of", AS_OF)
    assert "pajala.csv, row 4: also kiruna.csv, row 2" in run.stdout
    assert "2382" not in run.stdout


def test_an_undeclared_municipality_in_the_second_file_is_named_there(write, three) -> None:
    goals, files = three
    odd = write("pajala.csv", _csv(_moved(PAJALA, Kommun="Paj ala")))
    run = run_cli("check", goals, files[0], odd, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "pajala.csv, rows 2, 3, column 'Kommun'" in run.stderr


# --- with sum rows and people who move (issue 13: 7, 8) -------------------------------------


def test_a_sum_row_in_the_second_file_is_named_there(write, three) -> None:
    goals, files = three
    summed = write("pajala.csv", _csv([*PAJALA, ["", "", "Summa", "", "", "", ""]]))
    run = run_cli("check", goals, files[0], summed, "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "pajala.csv, row 4: row 4 is a 'Summa' row" in run.stderr


def test_skipped_sum_rows_are_listed_with_their_files(write, three) -> None:
    _, files = three
    goals = _goals(write, "data:\n  skip_total_rows: true\n")
    total = ["", "", "Totalt", "", "", "", ""]
    kiruna = write("kiruna.csv", _csv([*KIRUNA, total]))
    pajala = write("pajala.csv", _csv([*PAJALA, total]))
    report = _json(goals, kiruna, files[1], pajala)
    assert _figures(report) == _figures(_json(goals, *files))
    shown = run_cli("check", goals, kiruna, files[1], pajala, "--as-of", AS_OF, "--lang", "en")
    assert "kiruna.csv: 5; pajala.csv: 4" in shown.stdout


def test_a_person_who_moves_to_another_file_s_municipality_is_named_with_both_rows(
    write, three
) -> None:
    goals, files = three
    moved = _moved(KIRUNA[:1], Kommun="Pajala", Inskrivningsdatum="2022-01-10", Avslutsdatum="")
    pajala = write("pajala.csv", _csv(PAJALA + moved))
    run = run_cli("validate", goals, files[0], pajala, "--as-of", AS_OF)
    assert "moved from Kiruna to Pajala, on kiruna.csv, row 2; pajala.csv, row 4" in run.stdout
    run = run_cli(
        "explain",
        goals,
        files[0],
        pajala,
        "recruited",
        "--as-of",
        AS_OF,
        "--where",
        "municipality=Kiruna",
    )
    assert "  kiruna.csv, row 2: also pajala.csv, row 4" in run.stdout


def test_a_goal_file_in_a_folder_with_brackets_finds_its_files(tmp_path) -> None:
    folder = tmp_path / "projekt [2021]"
    folder.mkdir()
    (folder / "goals.yml").write_text(
        GOALS.format(data="data:\n  files: ['*.csv', 'extra[1].csv']\n"), encoding="utf-8"
    )
    (folder / "kiruna.csv").write_text(_csv(KIRUNA), encoding="utf-8")
    (folder / "extra[1].csv").write_text(_csv(PAJALA), encoding="utf-8")  # a name, not a pattern
    (folder / "~$kiruna.csv").write_text("a lock file", encoding="utf-8")
    found = run_cli("check", folder / "goals.yml", "--as-of", AS_OF, "-f", "json")
    assert found.exit_code == 2  # '*.csv' takes extra[1].csv too, then it is named again
    assert "extra[1].csv: the file is given twice" in found.stderr
    (folder / "goals.yml").write_text(
        GOALS.format(data="data:\n  files: ['k*.csv', 'extra[1].csv']\n"), encoding="utf-8"
    )
    report = _json(folder / "goals.yml")
    assert [f["path"] for f in report["input"]["files"]] == ["kiruna.csv", "extra[1].csv"]


@pytest.mark.parametrize("given", [1, 3])
def test_explain_with_files_and_no_goal_id_says_the_id_comes_last(three, given) -> None:
    goals, files = three
    run = run_cli("explain", goals, *files[:given], "--as-of", AS_OF)
    assert run.exit_code == 2 and "is a file, where the goal's id belongs" in run.stderr
