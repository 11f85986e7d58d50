"""Issue 10, reading input: files that are not files (14), two encodings in one CSV (1),
Excel error values (3), a stray cell far below the table (5), no warnings on the
terminal (20). Each through the real `esfkit` command; limits and bombs are in
test_reading_limits.py."""

from __future__ import annotations

import json
import os
import socket
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import run_cli
from tests.hostile import workbooks
from tests.hostile.conftest import esfkit_process

GOALS = """\
version: 1
project: {name: Läsning, start: 2021-01-01, end: 2022-12-31}
outcomes:
  work: [Anställning]
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: 4
  - id: to_work
    title: Till arbete
    share: {exit: work}
    of: exited
    target: 40 %
"""
HEADER = ["Deltagar-ID", "Kön", "Inskrivningsdatum", "Avslutsdatum", "Avslutsorsak"]
ROWS = [
    ["Ö1", "Kvinna", "2021-01-11", "2021-06-30", "Anställning"],
    ["Ö2", "Man", "2021-01-18", "2021-05-14", "Studier"],
    ["Ö3", "Kvinna", "2021-02-01", "2021-09-01", "Anställning"],
    ["Ö4", "Man", "2021-02-08", "2021-09-01", "Studier"],
]


def csv_text(rows: list[list[str]]) -> str:
    return "".join(";".join(row) + "\n" for row in [HEADER, *rows])


def workbook(path: Path, rows: list[tuple[int, list[object]]]) -> Path:
    """A workbook with the header on row 1 and ``rows`` as (Excel row, cells)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deltagare"
    for row, cells in [(1, HEADER), *rows]:
        for column, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(row=row, column=column, value=value)
    book.save(path)
    return path


def table(rows: list[list[str]]) -> list[tuple[int, list[object]]]:
    return [(number, list(row)) for number, row in enumerate(rows, start=2)]


def figures(run) -> tuple[int, int]:
    """(everyone, to work) from `check --format json`."""
    report = json.loads(run.stdout)
    cells = {goal["id"]: goal["cells"][0] for goal in report["goals"]}
    return cells["recruited"]["value"], cells["to_work"]["numerator"]


def assert_refused(run, *words: str) -> None:
    """Exit 2, one message naming ``words``, nothing on stdout, no traceback."""
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    assert run.stdout == "" and "Traceback" not in run.stderr
    for word in words:
        assert word in run.stderr, (word, run.stderr)


class Process:
    """A finished `esfkit` process with the attributes of tests.conftest.Run."""

    def __init__(self, done):
        self.exit_code = done.returncode
        self.stdout = done.stdout.decode("utf-8", "replace")
        self.stderr = done.stderr.decode("utf-8", "replace")


# --- 14: files that are not files ---------------------------------------------------------


def _special(tmp_path: Path, kind: str, suffix: str) -> Path:
    path = tmp_path / f"special{suffix}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to fifo":
        os.mkfifo(tmp_path / f"real{suffix}")
        path.symlink_to(tmp_path / f"real{suffix}")
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "socket":
        listening = socket.socket(socket.AF_UNIX)
        listening.bind(str(path))  # kept open by the test's garbage: a live socket
        _SOCKETS.append(listening)
    else:
        return Path(kind)  # a device by its own name
    return path


_SOCKETS: list[socket.socket] = []


@pytest.mark.parametrize(
    "kind", ["fifo", "link to fifo", "link to /dev/zero", "/dev/zero", "socket"]
)
@pytest.mark.parametrize("which", ["data", "goals"])
def test_a_fifo_or_a_device_is_refused_at_once_not_read(tmp_path: Path, kind, which) -> None:
    goals, data = tmp_path / "g.yml", tmp_path / "d.csv"
    goals.write_text(GOALS, encoding="utf-8")
    data.write_text(csv_text(ROWS), encoding="utf-8")
    if which == "data":
        data = _special(tmp_path, kind, ".xlsx" if "link" in kind else ".csv")
    else:
        goals = _special(tmp_path, kind, ".yml")
    for command in ("check", "validate") if kind == "fifo" else ("check",):
        run = Process(esfkit_process(command, goals, data, timeout=20))
        assert_refused(run, "not a regular file")
        assert ("pipe" if "fifo" in kind else "device or a socket") in run.stderr


def test_a_goal_file_over_its_limit_is_refused(tmp_path: Path) -> None:
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS + "# " + "x" * (1 << 20) + "\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text(csv_text(ROWS), encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "at most 1 MiB")


def test_a_participant_file_over_its_limit_is_refused_unread(tmp_path: Path) -> None:
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    data = tmp_path / "d.csv"
    with data.open("wb") as file:  # sparse: 300 MiB that take no disk and are never read
        file.truncate(300 << 20)
    assert_refused(run_cli("check", goals, data), "at most 256 MiB")


@pytest.mark.parametrize("name", ["missing.csv", "folder"])
def test_a_missing_file_and_a_folder_keep_their_messages(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, tmp_path / name)
    assert_refused(run, "not found" if name == "missing.csv" else "is a folder")


# --- 1: two encodings in one CSV ----------------------------------------------------------


def _encoded(lines: list[str], encodings: list[str], bom: bytes = b"") -> bytes:
    return bom + b"".join(
        (line + "\n").encode(encoding) for line, encoding in zip(lines, encodings, strict=True)
    )


MIXES = {
    "utf-8 then cp1252": (["utf-8"] * 3 + ["cp1252"] * 2, b"", [4, 5]),
    "cp1252 then utf-8": (["cp1252"] * 3 + ["utf-8"] * 2, b"", [4, 5]),  # the fewer named
    "alternating": (["utf-8", "cp1252", "utf-8", "cp1252", "utf-8"], b"", [2, 4]),
    "BOM with cp1252 lines": (["utf-8"] * 4 + ["cp1252"], b"\xef\xbb\xbf", [5]),
}


@pytest.mark.parametrize("mix", MIXES, ids=list(MIXES))
def test_each_line_is_read_in_its_own_encoding_and_named(tmp_path: Path, mix: str) -> None:
    encodings, bom, named = MIXES[mix]
    lines = csv_text(ROWS).splitlines()
    data = tmp_path / "d.csv"
    data.write_bytes(_encoded(lines, encodings, bom))
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, data, "--as-of", "2022-12-31", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert figures(run) == (4, 2)  # 'Anställning' read right on every line: 50 %
    assert "mixed_encoding" in run.stdout
    strict = run_cli("validate", goals, data, "--as-of", "2022-12-31", "--strict")
    assert strict.exit_code == 2 and "mixed_encoding" in strict.stdout
    shown = ", ".join(map(str, named))
    assert f"line {shown}" in strict.stdout or f"lines {shown}" in strict.stdout


def test_a_file_wholly_in_cp1252_is_read_without_a_finding(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes(csv_text(ROWS).replace("\n", "\r\n").encode("cp1252"))
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, data, "--as-of", "2022-12-31", "-f", "json")
    assert run.exit_code == 0 and figures(run) == (4, 2)
    assert "mixed_encoding" not in run.stdout


def test_a_cp1252_file_with_letters_and_quotes_of_other_languages_still_reads(
    tmp_path: Path,
) -> None:
    rows = [[*row[:4], row[4] + ";Dušan’s „fråga” – ok"] for row in ROWS]
    data = tmp_path / "d.csv"
    data.write_bytes(csv_text(rows).replace("Avslutsorsak", "Avslutsorsak;Not").encode("cp1252"))
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, data, "--as-of", "2022-12-31", "-f", "json")
    assert run.exit_code == 0 and figures(run) == (4, 2), run.stderr


# Swedish letters in another code page than Windows-1252 (whose 'ä' is 0xE4): read as
# Windows-1252 'Anställning' would be 'AnstŠllning' (Mac Roman) or 'Anst„llning' (DOS),
# and match nothing; UTF-8 read as Windows-1252 and saved again holds 'AnstÃ¤llning'.
OTHER_ENCODINGS = {
    "mac roman": (csv_text(ROWS).encode("mac_roman"), "line 1", "0x9A"),
    "dos 850": (csv_text(ROWS).encode("cp850"), "line 1", "0x94"),
    "dos 437": (csv_text(ROWS).encode("cp437"), "line 1", "0x94"),
    "utf-8 then mac roman": (
        csv_text(ROWS[:2]).encode() + csv_text(ROWS[2:]).split("\n", 1)[1].encode("mac_roman"),
        "line 4",
        "0x8A",
    ),
    "utf-8 saved twice": (csv_text(ROWS).encode().decode("cp1252").encode(), "line 1", "Ã¶"),
    "utf-8 saved twice, BOM": (
        b"\xef\xbb\xbf" + csv_text(ROWS).encode().decode("cp1252").encode(),
        "line 1",
        "KÃ¶n",
    ),
}


@pytest.mark.parametrize("name", OTHER_ENCODINGS, ids=list(OTHER_ENCODINGS))
def test_a_file_in_another_code_page_stops_naming_its_line(tmp_path: Path, name: str) -> None:
    content, line, shown = OTHER_ENCODINGS[name]
    data = tmp_path / "d.csv"
    data.write_bytes(content)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    for command in ("check", "validate"):
        assert_refused(run_cli(command, goals, data), f"d.csv, row {line[5:]}", line, shown)


# One line holding UTF-8 and Windows-1252 at once: no encoding reads all of it.
ONE_LINE_BOTH = (
    csv_text(ROWS[:2]).encode()
    + "Ö3;Kvinna;2021-02-01;;Anställning ".encode()
    + "Växjö\n".encode("cp1252")
)
# UTF-16 with a lone surrogate on line 2: undecodable, never a silent U+FFFD.
UTF16_BROKEN = (
    ("\ufeff" + csv_text(ROWS)[:70]).encode("utf-16-le") + b"\x00\xdc" + "x\n".encode("utf-16-le")
)


@pytest.mark.parametrize(
    "content, line",
    [(ONE_LINE_BOTH, 4), (UTF16_BROKEN, 2)],
    ids=["utf-8 and cp1252 in one line", "utf-16 undecodable"],
)
def test_a_line_no_encoding_reads_stops_with_its_line(tmp_path: Path, content, line) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes(content)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, data), f"line {line}")


# --- 3: Excel error values ----------------------------------------------------------------

ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"]


@pytest.mark.parametrize("error", [*ERRORS, "#SPILL!", "#CALC!", "#SAKNAS!", "#REFERENS!"])
@pytest.mark.parametrize("column", [1, 4, 0])  # gender, exit outcome, id
def test_an_error_value_typed_in_a_csv_is_an_error(tmp_path: Path, error: str, column) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][column] = error
    data = tmp_path / "d.csv"
    data.write_text(csv_text(rows), encoding="utf-8")
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, data)
    assert_refused(run, "row 4", f"column '{HEADER[column]}'", error)
    listed = run_cli("validate", goals, data)
    assert listed.exit_code == 2 and "error_value" in listed.stdout and "row 4" in listed.stdout


@pytest.mark.parametrize("error", ERRORS)
def test_a_real_error_cell_in_a_workbook_is_an_error(tmp_path: Path, error: str) -> None:
    rows = table(ROWS)
    rows[1][1][4] = error  # openpyxl stores these texts as error cells (t="e")
    data = workbook(tmp_path / "d.xlsx", rows)
    with zipfile.ZipFile(data) as archive:
        assert b't="e"' in archive.read("xl/worksheets/sheet1.xml")
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "row 3", "(E)", error)


@pytest.mark.parametrize("code, error", [(0x2A, "#N/A"), (0x17, "#REF!"), (0x07, "#DIV/0!")])
def test_a_real_error_cell_in_an_xlsb_is_an_error(tmp_path: Path, code: int, error: str) -> None:
    cells = b"".join(
        workbooks.xlsb_row(r) + b"".join(workbooks.xlsb_text(c, v) for c, v in enumerate(row))
        for r, row in enumerate([HEADER, *ROWS])
    )
    cells += workbooks.xlsb_row(5) + workbooks.xlsb_text(0, "Ö5") + workbooks.xlsb_error(4, code)
    data = workbooks.xlsb(tmp_path / "d.xlsb", cells)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "row 6", "column 'Avslutsorsak' (E)", error)


def test_an_error_formula_result_in_an_ods_is_an_error(tmp_path: Path) -> None:
    cells = "".join(
        f"<table:table-row>{''.join(_ods_cell(v) for v in row)}</table:table-row>"
        for row in [HEADER, *ROWS]
    )
    error = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>D5</text:p>'
        '</table:table-cell><table:table-cell table:formula="of:=NA()" '
        'office:value-type="string" office:string-value="" calcext:value-type="error">'
        "<text:p>#N/A</text:p></table:table-cell></table:table-row>"
    )
    data = _ods(tmp_path / "d.ods", cells + error)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "row 6", "column 'Kön' (B)", "#N/A")


def _ods_cell(value: str) -> str:
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def _ods(path: Path, rows: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="Deltagare">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content)
    return path


def test_an_error_value_as_a_header_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text(csv_text(ROWS).replace("Avslutsorsak", "#REF!", 1), encoding="utf-8")
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS.split("  - id: to_work")[0], encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "row 1", "column 'E'", "#REF!")


def test_an_error_value_in_a_column_no_goal_uses_is_an_error_too(tmp_path: Path) -> None:
    rows = [[*r, "x"] for r in ROWS]
    rows[3][5] = "#N/A"
    text = csv_text(rows).replace("Avslutsorsak\n", "Avslutsorsak;Kommentar\n", 1)
    data = tmp_path / "d.csv"
    data.write_text(text, encoding="utf-8")
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "row 5", "column 'Kommentar' (F)")


# --- 5: a stray cell far below the table --------------------------------------------------

STRAYS = {
    "A1048576": [(1_048_576, ["D9", "Kvinna"])],
    "far column": [(5_000, [None] * 30 + ["x"])],
    "several cells": [(300, ["x"]), (301, [None, "y"]), (9_000, ["z"])],
    "a block": [(2_000 + i, [f"D{i}", "Man", "2021-01-01"]) for i in range(10)],
}


@pytest.mark.parametrize(
    "stray",
    [pytest.param(s, marks=pytest.mark.slow) if s == "A1048576" else s for s in STRAYS],
    ids=list(STRAYS),
)  # the million-row workbook takes half a minute to write: slow
def test_a_row_far_below_the_table_is_an_error_not_a_participant(tmp_path: Path, stray) -> None:
    data = workbook(tmp_path / "d.xlsx", table(ROWS) + STRAYS[stray])
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    first = STRAYS[stray][0][0]
    assert_refused(run_cli("check", goals, data), f"row {first}", "below the table")
    listed = run_cli("validate", goals, data)
    assert listed.exit_code == 2 and "detached_rows" in listed.stdout
    assert "d.xlsx: 4 rows" in listed.stdout  # the 4 participants, nothing more


# Merged cells show one value over several cells, but only the first holds it: Ö2's
# gender (B3 under B2:B3) and Ö3's outcome (E4 beside D4:E4) would read as blank.
MERGES = {"over two rows": ("B2:B3", "row 3", "Kön"), "beside": ("D4:E4", "row 4", "Avslutsorsak")}


@pytest.mark.parametrize("merge", MERGES, ids=list(MERGES))
def test_merged_cells_in_the_table_are_an_error_not_blanks(tmp_path: Path, merge: str) -> None:
    cells, row, column = MERGES[merge]
    path = workbook(tmp_path / "d.xlsx", table(ROWS))
    book = openpyxl.load_workbook(path)
    book.active.merge_cells(cells)
    book.save(path)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, path), f"{row}, column '{column}'", "merged")
    listed = run_cli("validate", goals, path)
    assert listed.exit_code == 2 and "merged_cells (1)" in listed.stdout, listed.stdout


def test_a_merged_title_above_the_header_is_no_finding(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", table(ROWS))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.insert_rows(1)
    sheet["A1"] = "Deltagarlista 2021"
    sheet.merge_cells("A1:E1")
    book.save(path)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, path, "--as-of", "2022-12-31", "-f", "json")
    assert run.exit_code == 0 and figures(run) == (4, 2), run.stderr


def test_a_line_far_below_a_csv_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text(csv_text(ROWS) + "\n" * 500 + "D9;Kvinna\n", encoding="utf-8")
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    assert_refused(run_cli("check", goals, data), "row 506", "below the table")


@pytest.mark.parametrize("gap", [1, 3, 19])
def test_a_few_blank_rows_inside_the_list_stay_fine(tmp_path: Path, gap: int) -> None:
    rows = table(ROWS[:2]) + [(4 + gap + i, list(row)) for i, row in enumerate(ROWS[2:])]
    data = workbook(tmp_path / "d.xlsx", rows)
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    run = run_cli("check", goals, data, "--as-of", "2022-12-31", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert figures(run) == (4, 2)


# --- 20: no warnings on the terminal ------------------------------------------------------


def _wide(path: Path) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Deltagare")
    sheet.append(HEADER + [f"Fråga {i}" for i in range(16_384 - len(HEADER))])
    for row in ROWS:
        sheet.append(row + ["Ja"] * (16_384 - len(HEADER)))
    book.save(path)
    return path


@pytest.fixture(scope="module")
def wide_sheet(tmp_path_factory) -> Path:
    return _wide(tmp_path_factory.mktemp("wide") / "wide.xlsx")


def test_a_sheet_of_16384_columns_is_read_without_a_warning(tmp_path: Path, wide_sheet) -> None:
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = run_cli("check", goals, wide_sheet, "--as-of", "2022-12-31", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert figures(run) == (4, 2)
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize("command", ["check", "validate"])
def test_no_python_warning_reaches_the_terminal(tmp_path: Path, wide_sheet, command) -> None:
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    done = esfkit_process(command, goals, wide_sheet, env={"PYTHONWARNINGS": "always"})
    assert done.returncode == 0, done.stderr
    assert b"Warning" not in done.stderr and b"Traceback" not in done.stderr
