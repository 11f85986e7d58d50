"""The two CSV readers (issue 12: 1): a large file is read by pyarrow into each column's
codes, a small one (or one pyarrow cannot read the same way) by pandas' C engine; whatever
the file, both give the same table, or the same error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.data import arrowcsv, csvfile, prefetch
from esfkit.data.read import RawTable, read_table
from esfkit.errors import DataError
from tests.conftest import run_cli, run_cli_en

HEADER = ["Deltagar-ID", "Kön", "Kommun", "Inskrivningsdatum", "Avslutsorsak"]
ROWS = [
    ["Ö1", "Kvinna", "Kiruna", "2021-01-11", "Anställning"],
    ["Ö2", "Man", "Pajala", "2021-01-18", "Studier"],
    ["Ö3", "K", "Kiruna", "2021-02-01", "#SAKNAS!"],
    ["Ö4", " ", "Pajala", "2021-02-08", ""],
]


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object, bool]:
    """The table (or the error) read by pandas' C engine and by pyarrow, and whether
    pyarrow read it (it declines some files, which the C engine then reads)."""
    taken: list[bool] = []
    parse_coded = csvfile._parse_coded

    def spy(*args: object) -> object:
        coded = parse_coded(*args)  # type: ignore[arg-type]
        taken.append(coded is not None)
        return coded

    monkeypatch.setattr(csvfile, "FAST_BYTES", 10**12)
    slow = _outcome(path)
    monkeypatch.setattr(csvfile, "FAST_BYTES", 0)
    monkeypatch.setattr(csvfile, "_parse_coded", spy)
    fast = _outcome(path)
    prefetch.prefetch_csv(path)  # parsed on a second thread, as while pandas is imported
    assert _outcome(path) == fast
    return slow, fast, any(taken)


def _outcome(path: Path) -> object:
    """The table read as plain values to compare, or the error's message and location."""
    try:
        raw = read_table(path)
    except DataError as error:
        return ("error", str(error), error.where, error.hint)
    return _plain(raw)


def _plain(raw: RawTable) -> tuple[object, ...]:
    distinct = {
        header: (found.codes.tolist(), found.values.tolist())
        for header, found in sorted(raw.distinct.items())
    }
    return (
        raw.headers,
        raw.frame.to_dict("list"),
        raw.row_numbers.tolist(),
        raw.header_row,
        raw.error_cells,
        raw.detached,
        raw.table_end,
        raw.mixed_encoding,
        distinct,
        [raw.codes(header).codes.tolist() for header in raw.headers],
    )


def lines(rows: list[list[str]], separator: str = ";") -> str:
    return "".join(separator.join(row) + "\n" for row in rows)


CASES = {
    "plain": (lines([HEADER, *ROWS]), True),
    "comma": (lines([HEADER, *ROWS], ","), True),
    "tab": (lines([HEADER, *ROWS], "\t"), True),
    "no last line break": (lines([HEADER, *ROWS])[:-1], True),
    "windows line breaks": (lines([HEADER, *ROWS]).replace("\n", "\r\n"), True),
    "blank lines first": ("\n;;\n" + lines([HEADER, *ROWS]), True),
    "blank column": (lines([[*HEADER, ""], *[[*r, ""] for r in ROWS]]), True),
    "a stray row far below": (
        lines([HEADER, *ROWS, *[[""] * 5] * 25, ["x", "", "", "", ""]]),
        True,
    ),
    "an empty line": (lines([HEADER, ROWS[0]]) + "\n" + lines(ROWS[1:]), True),
    "a short line": (lines([HEADER, ROWS[0], ROWS[1][:3], *ROWS[2:]]), False),
    "a long line": (lines([HEADER, [*ROWS[0], "extra"], *ROWS[1:]]), False),
    "a quoted field": (lines([HEADER, *ROWS]) + '"Ö5";Man;Kiruna;2021-03-01;"A;B"\n', False),
    "a quoted line break": (lines([HEADER, *ROWS]) + 'Ö5;Man;Kiruna;2021-03-01;"A\nB"\n', False),
    "a title row": (lines([["Deltagare 2021"], HEADER, *ROWS]), False),
    "look-alike letters": (lines([HEADER, *ROWS, ["Ö5", "Кvinna", "Kirunа", "2021", "x"]]), True),
    "invisible characters": (
        lines([HEADER, *ROWS, ["Ö\u200b5", "Man\u00a0", "", "", "\ufeff"]]),
        True,
    ),
    "typed error values": (
        lines([HEADER, *ROWS, ["#N/A", "#VÄRDEFEL!", "", "Err:502", " #REF! "]]),
        True,
    ),
    "an error value as header": (lines([[*HEADER[:4], "#NAMN?"], *ROWS]), True),
    "two headers alike": (lines([[*HEADER[:4], "kön"], *ROWS]), True),
    "a value without header": (lines([[*HEADER[:4], ""], *ROWS]), True),
    "a long cell": (lines([HEADER, *ROWS, ["Ö5", "x" * 40_000, "", "", ""]]), True),
    "decimal comma": (lines([[*HEADER, "Dagar"], *[[*r, "1,5"] for r in ROWS]]), True),
}


@pytest.mark.parametrize("case", CASES)
def test_both_readers_read_each_file_alike(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, arrow_reads = CASES[case]
    path = tmp_path / "deltagare.csv"
    path.write_text(text, encoding="utf-8")
    slow, fast, taken = read_both(path, monkeypatch)
    assert fast == slow
    assert taken is arrow_reads


@pytest.mark.parametrize(
    "encoded",
    [
        lines([HEADER, *ROWS]).encode("cp1252"),
        b"\xef\xbb\xbf" + lines([HEADER, *ROWS]).encode("utf-8"),
        lines([HEADER, *ROWS]).encode("utf-16"),
        lines([HEADER, ROWS[0]]).encode("utf-8") + lines(ROWS[1:]).encode("cp1252"),
        lines([HEADER, *ROWS]).encode("utf-8") + b"\x00",
        lines([HEADER, *ROWS]).encode("utf-8").replace("Ö".encode(), "Ã–".encode(), 1),
    ],
    ids=["cp1252", "bom", "utf-16", "mixed", "nul", "double-encoded"],
)
def test_both_readers_agree_on_each_encoding(
    encoded: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deltagare.csv"
    path.write_bytes(encoded)
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow


def _in_1252(text: str) -> bytes | None:
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        return None


PLAIN_1252 = lines([HEADER, *ROWS]).encode("cp1252")
# Every case above Windows-1252 can write, and its own: '€' (three bytes in UTF-8), the
# five bytes it leaves undefined, line breaks pyarrow must not read otherwise than the text.
WINDOWS_1252 = {
    **{case: _in_1252(text) for case, (text, _) in CASES.items() if _in_1252(text)},
    "euro and undefined bytes": PLAIN_1252 + "Ö5;Man;Kiruna;€ 5;".encode("cp1252")
    + b"\x81x\x8d\x8f\x90\x9d\n",
    "old Mac line breaks": PLAIN_1252.replace(b"\n", b"\r"),
    "a lone carriage return": PLAIN_1252.replace(b"\n", b"\r\n").replace(b"\r\n", b"\r", 1),
    "a carriage return in a cell": PLAIN_1252.replace(b"Pajala", b"Paj\rala", 1),
    "an all-blank column": lines([[*HEADER, "Not"], *[[*r, ""] for r in ROWS]]).encode("cp1252"),
    "a NUL": PLAIN_1252 + b"\x00\n",
}  # fmt: skip


@pytest.mark.parametrize("case", WINDOWS_1252)
def test_a_windows_1252_file_reads_alike_parsed_as_its_bytes(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyarrow parses a large Windows-1252 file as bytes and decodes each column's
    distinct cells: the table (or error) is the one read from the decoded text."""
    path = tmp_path / "deltagare.csv"
    path.write_bytes(WINDOWS_1252[case])
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize(
    ("case", "as_bytes"),
    [("plain", True), ("windows line breaks", True), ("euro and undefined bytes", True),
     ("an empty line", True), ("old Mac line breaks", False), ("a lone carriage return", False),
     ("a quoted field", False), ("a NUL", False), ("blank lines first", False)],
)  # fmt: skip
def test_which_windows_1252_files_are_parsed_as_bytes(
    case: str, as_bytes: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvfile, "FAST_BYTES", 0)
    path = tmp_path / "deltagare.csv"
    try:
        plan = csvfile.plan_csv(path, WINDOWS_1252[case])
    except DataError:
        plan = None
    assert (plan is not None and plan.windows_1252) is as_bytes


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_header_longer_than_the_sample_keeps_every_column(
    encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3 000 headers of 36 characters, 108 000 on one line: the width is the whole line's,
    not the sample's (pandas took the fields beyond it as an index and dropped them)."""
    header = [f"Kolumn nummer {i:05d} med lång rubrik" for i in range(3_000)]
    rows = [[f"v{r}_{i}" for i in range(3_000)] for r in range(3)]
    path = tmp_path / "deltagare.csv"
    path.write_bytes(lines([header, *rows]).encode(encoding))
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow
    assert slow[0] == tuple(header)  # type: ignore[index]


def test_a_header_wider_than_excel_beyond_the_sample_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deltagare.csv"
    path.write_text(lines([[f"K{i:05d}" for i in range(20_000)], ["x"] * 3]), encoding="utf-8")
    with pytest.raises(DataError, match="20 000"):
        read_table(path)


TITLE = "Deltagarlista 2025"
LONG_HEADER = [*HEADER, *(f"Kolumn nummer {i:05d} med lång rubrik" for i in range(3_000))]
LONG_ROWS = [[*row, *(f"v{i}" for i in range(3_000))] for row in ROWS]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
@pytest.mark.parametrize("separator", [";", ","])
def test_a_header_longer_than_the_sample_under_a_title_keeps_every_column(
    encoding: str, separator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title row over a header of 108 000 characters: the layout is judged from whole
    lines, not from a sample cut inside the header (the whole header was one cell)."""
    path = tmp_path / "deltagare.csv"
    path.write_bytes(lines([[TITLE], LONG_HEADER, *LONG_ROWS], separator).encode(encoding))
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow
    path.write_bytes(lines([LONG_HEADER, *LONG_ROWS], separator).encode(encoding))
    untitled, _, _ = read_both(path, monkeypatch)
    assert slow[0] == untitled[0] == tuple(LONG_HEADER)  # type: ignore[index]
    assert slow[1] == untitled[1]  # type: ignore[index]


@pytest.mark.parametrize("separator", [";", ","])
def test_a_title_over_a_header_wider_than_excel_is_refused(
    separator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = [f"Kolumn nummer {i:05d} med lång rubrik" for i in range(20_000)]
    path = tmp_path / "deltagare.csv"
    rows = [["x"] * 3] * 3
    path.write_text(lines([[TITLE], header, *rows], separator), encoding="utf-8")
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow
    assert slow[0] == "error" and "20 000" in slow[1]  # type: ignore[index]
    assert slow[2].rows == (2,)  # type: ignore[index]


@pytest.mark.parametrize("size", [10**12, 0])
def test_check_under_a_title_counts_as_without_it_or_refuses_a_too_wide_header(
    size: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command line, on both readers: a long header under a title gives the
    figures of the same file without the title; a header of 20 000 fields under a title
    is refused as too wide (exit 2), not as a header of one long cell."""
    monkeypatch.setattr(csvfile, "FAST_BYTES", size)
    goals = tmp_path / "goals.yml"
    goals.write_text(
        LARGE_GOALS.replace("  - {id: days, title: Dagar, mean: Dagar, target: 3}\n", ""),
        encoding="utf-8",
    )
    data = tmp_path / "deltagare.csv"
    figures = []
    for title in ([[TITLE]], []):
        rows = [row for row in LONG_ROWS if "#SAKNAS!" not in row]
        data.write_text(lines([*title, LONG_HEADER, *rows], ","), encoding="cp1252")
        run = run_cli_en("check", goals, data, "--as-of", "2022-12-31", "--format", "json")
        assert run.exit_code == 0, run.stderr
        figures.append(json.loads(run.stdout)["goals"])
    assert figures[0] == figures[1]
    wide = [[TITLE], [*HEADER, *(f"K{i:05d}" for i in range(20_000))], [*ROWS[0], *[""] * 20_000]]
    data.write_text(lines(wide, ","), encoding="utf-8")
    run = run_cli_en("validate", goals, data)
    assert run.exit_code == 2
    assert "line 2 has 20 005 fields; esfkit reads at most 16 384 columns" in run.stderr


CELLS = st.sampled_from(
    ["", " ", "\t", "Kvinna", "kvinna ", "K", "Man", "Kiruna", "Kirunа", "Östersund", "Ostersund",
     "2021-03-01", "44256", "1,5", "#N/A", "#SAKNAS!", "Err:502", "#", "a\u200bb", "x" * 50,
     "19850101-1234", "'", "\\", "=1+1", "é", "\u00a0"]
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELLS, min_size=4, max_size=4), min_size=0, max_size=30),
    gap=st.integers(0, 25),
    separator=st.sampled_from([";", ",", "\t"]),
    ragged=st.booleans(),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_generated_files_read_alike(
    rows: list[list[str]],
    gap: int,
    separator: str,
    ragged: bool,
    encoding: str,
    newline: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = [*rows[:10], *[[""] * 4] * gap, *rows[10:]]
    if ragged and body:
        body[-1] = body[-1][:2]
    path = tmp_path / "generated.csv"
    text = lines([HEADER[:4], *body], separator).replace("\n", newline)
    path.write_bytes(text.encode(encoding, errors="replace"))
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow


def test_check_reports_alike_through_both_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    goals = tmp_path / "goals.yml"
    goals.write_text(
        "version: 1\nproject: {name: Läsning, start: 2021-01-01, end: 2022-12-31}\n"
        "outcomes:\n  work: [Anställning]\ngoals:\n"
        "  - {id: everyone, title: Alla, count: everyone, target: 4}\n"
        "  - {id: to_work, title: Arbete, share: {exit: work}, of: everyone, target: 40 %}\n",
        encoding="utf-8",
    )
    data = tmp_path / "deltagare.csv"
    rows = [[f"Ö{i}", "Kvinna" if i % 3 else "Man", "Kiruna", "2021-01-11", "Anställning"]
            for i in range(200)]  # fmt: skip
    data.write_text(lines([HEADER, *rows]), encoding="utf-8")
    outputs = []
    for size in (10**12, 0):
        monkeypatch.setattr(csvfile, "FAST_BYTES", size)
        run = run_cli("check", goals, data, "--as-of", "2022-12-31", "--format", "json")
        assert run.exit_code == 0, run.stderr
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    assert np.sum([c["value"] for c in outputs[0]["goals"][0]["cells"][:1]]) == 200


def test_without_pyarrow_the_c_engine_reads_a_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deltagare.csv"
    path.write_text(CASES["plain"][0], encoding="utf-8")
    slow, fast, taken = read_both(path, monkeypatch)
    assert taken
    monkeypatch.setattr(csvfile, "pyarrow_installed", lambda: False)
    _, without, taken = read_both(path, monkeypatch)
    assert not taken
    assert without == fast == slow


def test_a_csv_planned_and_parsed_on_the_second_thread_is_taken_as_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan and the table made while pandas is imported are the ones read, parsed
    once; a file changed since is read again here; a file with quotes is read by the C
    engine from the plan's text."""
    monkeypatch.setattr(csvfile, "FAST_BYTES", 0)
    here: list[int] = []
    there: list[int] = []
    parse = arrowcsv.arrow_table
    monkeypatch.setattr(csvfile, "arrow_table", lambda *a: here.append(1) or parse(*a))
    monkeypatch.setattr(arrowcsv, "arrow_table", lambda *a: there.append(1) or parse(*a))
    path = tmp_path / "deltagare.csv"

    def read(text: str, encoding: str = "utf-8") -> tuple[object, int, int]:
        here.clear()
        there.clear()
        path.write_bytes(text.encode(encoding))
        prefetch.prefetch_csv(path)
        return _outcome(path), len(here), len(there)

    plain = lines([HEADER, *ROWS], ",")
    table, parsed_here, parsed_there = read(plain)
    assert (parsed_here, parsed_there) == (0, 1)
    monkeypatch.setattr(csvfile, "FAST_BYTES", 10**12)
    assert table == _outcome(path)  # the C engine's reading
    monkeypatch.setattr(csvfile, "FAST_BYTES", 0)
    titled, parsed_here, parsed_there = read("Deltagare 2021\n\n" + plain, "cp1252")
    assert (parsed_here, parsed_there) == (0, 1)
    assert titled[0] == tuple(HEADER)
    assert read(plain.replace("Kiruna", '"Kiruna"'))[1:] == (0, 0)  # the C engine's

    path.write_text(plain, encoding="utf-8")
    prefetch.prefetch_csv(path)
    changed = plain.replace("Kiruna", "Gällivare")
    path.write_text(changed + "\n", encoding="utf-8")  # changed before it is read
    assert "Gällivare" in _outcome(path)[1]["Kommun"]


def test_the_csv_reader_imports_no_pandas() -> None:
    """The prefetch thread plans a CSV file (csvfile.py, table.py) while the first thread
    imports pandas: were pandas imported there, the two would take turns."""
    code = "import sys; from esfkit.data import csvfile, prefetch; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stdout + done.stderr


LARGE_GOALS = """\
version: 1
project: {name: Stor, start: 2021-01-01, end: 2022-12-31, municipalities: [Kiruna, Pajala]}
outcomes: {work: [Anställning], studies: [Studier]}
goals:
  - {id: everyone, title: Alla, count: everyone, target: 4}
  - {id: to_work, title: Arbete, share: {exit: work}, of: everyone, target: 40 %}
  - {id: days, title: Dagar, mean: Dagar, target: 3}
"""
LARGE_HEADER = [
    "Personnummer",
    "Kön",
    "Kommun",
    "Inskrivningsdatum",
    "Avslutsorsak",
    "Dagar",
    "Not",
]
# Spellings of one personnummer (and a protected id), in the id column and in free text.
SPELT = ["19850101-2382", "850101 2382", "8501012382", "19850101–2382", "19850101TF29"]
MILD = [  # warnings only: check goes on
    [SPELT[0], "kvinna ", "PAJALA", "44256", "Studier", "2,5", f"ring {SPELT[1]}"],
    [SPELT[1], "K", "Pajala ", "25/3/2021", "", "", SPELT[2]],
    [SPELT[3], "Man", "Kiruna", "2021-03-01 00:00:00", "Anställning", "1 234,5", SPELT[4]],
    [SPELT[4], "Kvinna", "Kiruna", "2021-03-01", "Annat", "2", "x" * 30_000 + SPELT[3]],
]
HARD = [  # errors: check stops, naming them
    ["19850101-2382", "Кvinna", "Kirunа", "2021-02-01", "#SAKNAS!", "#VÄRDEFEL!", "=1+1"],
    ["850101 2382", "K\u200b", "Ostersund", "2021-02-01", "#N/A", "Err:502", "85-01-01"],
    LARGE_HEADER,  # the header again, as pasted under the table
]


def _large(hostile: list[list[str]], newline: str, encoding: str) -> bytes:
    """A CSV of about 9 MiB (pyarrow's size) with ``hostile`` rows first, in the middle
    and last, among ordinary ones with valid personnummer (in Windows-1252, a character it
    cannot write becomes '?')."""
    ordinary = [
        [f"19{60 + i % 40:02d}0{1 + i % 9}{10 + i % 18}-{i % 10_000:04d}", "Kvinna" if i % 3
         else "Man", "Pajala" if i % 2 else "Kiruna", "2021-01-11", "Studier", "1,5", "ok"]
        for i in range(170_000)
    ]  # fmt: skip
    rows = [*hostile, *ordinary[:85_000], *hostile, *ordinary[85_000:], *hostile]
    text = lines([LARGE_HEADER, *rows]).replace("\n", newline)
    return text.encode(encoding, errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("hostile", "newline", "encoding", "command"),
    [
        (MILD, "\r\n", "utf-8-sig", "check"),
        (HARD, "\n", "utf-8", "validate"),
        (MILD, "\r\n", "cp1252", "check"),
        (HARD, "\r\n", "cp1252", "validate"),
    ],
    ids=["warnings, crlf and bom", "errors", "warnings in windows-1252", "errors in windows-1252"],
)
def test_a_large_hostile_file_reads_alike_on_both_paths_and_never_shows_an_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile, newline, encoding, command
) -> None:
    goals = tmp_path / "goals.yml"
    goals.write_text(LARGE_GOALS, encoding="utf-8")
    data = tmp_path / "deltagare.csv"
    data.write_bytes(_large(hostile, newline, encoding))
    assert data.stat().st_size >= csvfile.FAST_BYTES
    runs, taken = [], []
    parse_coded = csvfile._parse_coded
    monkeypatch.setattr(csvfile, "_parse_coded", lambda *a: taken.append(1) or parse_coded(*a))
    for size in (10**12, csvfile.FAST_BYTES):
        monkeypatch.setattr(csvfile, "FAST_BYTES", size)
        args = ("--format", "json") if command == "check" else ()
        run = run_cli(command, goals, data, "--as-of", "2022-12-31", *args)
        runs.append((run.exit_code, run.stdout, run.stderr))
    assert taken == [1] and runs[0] == runs[1]
    code, out, err = runs[0]
    assert code == (0 if command == "check" else 2), err
    for spelt in (*SPELT, "0101-2382", "01012382", "TF29"):
        assert spelt not in out + err


@pytest.mark.parametrize("title", [[], ["Rapport 2022"]])
def test_a_header_of_quoted_line_breaks_longer_than_the_sample_keeps_every_column(
    title: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A header whose cells hold line breaks (Excel's Alt+Enter), 80 000 characters over
    many short lines: its record, not its first three lines, is the sample's (else the
    columns past the sample become pandas' index and are dropped)."""
    header = [f"Fråga {i}: hur ofta deltog du\n(ange antal) {'x' * 380}" for i in range(200)]
    rows = [[f"{r}{j}" for j in range(200)] for r in range(3)]
    body = ";".join('"' + cell + '"' for cell in header) + "\n" + lines(rows)
    path = tmp_path / "deltagare.csv"
    path.write_text("".join(t + "\n" for t in title) + body, encoding="utf-8")
    slow, fast, _ = read_both(path, monkeypatch)
    assert fast == slow
    assert slow[0] == tuple(header)  # type: ignore[index]


@pytest.mark.parametrize(
    ("start", "ends"),
    [
        ('D0;Kvinna;Kir"una;2021\nD1', 23),  # a quote inside a cell opens no quoted cell
        ('Id;"12"" skärm"\nD1', 16),  # a doubled quote inside a quoted cell
        ('Id;"Fråga 1\n(antal)";Kön\nD1', 25),  # a quoted cell holding a line break
        ('"a";"b\nc\nd";"e"\nD1', 16),  # over two line breaks, then a closed cell
    ],
)
def test_a_record_ends_at_the_first_line_break_outside_a_quoted_cell(start: str, ends: int) -> None:
    """The sample's first records (csvfile._record_end) are read as the csv module reads
    them: a stray quote in a cell ('Kir"una') does not make the rest of a large file one
    record, to be walked and sampled whole (1.5 s at 10^6 rows)."""
    assert csvfile._record_end(start, 0) == ends
    assert csvfile._record_end(start.encode("cp1252"), 0) == len(start[:ends].encode("cp1252"))
    rows = "".join(f"D{i};Kvinna;Kiruna;2021-03-01\n" for i in range(5000))
    assert csvfile._sample_end(start + "\n" + rows) <= ends + 1 + 3 * 40 + csvfile._SAMPLE_CHARS
