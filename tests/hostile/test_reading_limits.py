"""Issue 10, inputs that would hang, abort or crash: spreadsheet bombs (13) and pathological
CSV (15). Each is refused by the real `esfkit` process with exit 2 and a message naming the
limit, within seconds, under a memory limit that a bomb would otherwise exceed; the limits
are in docs/data.md. A workbook that is merely large still reads."""

from __future__ import annotations

import base64
import random
import resource
import time
from pathlib import Path

import pytest

from tests.hostile import workbooks
from tests.hostile.conftest import esfkit_process
from tests.hostile.test_reading import GOALS, HEADER, ROWS, csv_text

MEMORY = 1536 << 20  # address space: esfkit needs a few hundred MiB; a bomb asks for more
BLOCK = b"A" * (1 << 20)
SST_HEAD = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>'
)
SST_TAIL = b"</t></si></sst>"
ONE_SHARED_CELL = '<row r="3"><c r="A3" t="s"><v>0</v></c></row>'


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def refused(tmp_path: Path, data: Path, *words: str, command: str = "check") -> float:
    """Run under the memory limit: exit 2, the words in the one message; the seconds."""
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    start = time.monotonic()
    done = esfkit_process(command, goals, data, preexec_fn=_limited)
    seconds = time.monotonic() - start
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, (done.returncode, stderr[-2000:])
    assert done.stdout == b"" and "Traceback" not in stderr and "panicked" not in stderr
    for word in words:
        assert word in stderr, (word, stderr)
    return seconds


def _sheet(rows: str, dimension: str = "A1:B2") -> workbooks.Part:
    return workbooks.text_part("xl/worksheets/sheet1.xml", workbooks.sheet_xml(rows, dimension))


# --- 13: spreadsheet bombs ----------------------------------------------------------------

FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
BOMBS = {
    "one value in XFD1048576": lambda: _sheet(FAR, "A1:XFD1048576"),
    "the reference not first": lambda: _sheet(
        '<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>'
    ),
    "a lying dimension and a far cell": lambda: _sheet(FAR, "A1:B2"),
    "16384 cells without references in the last row": lambda: _sheet(
        '<row r="1048576">' + "<c><v>1</v></c>" * 16_384 + "</row>"
    ),
    "a wide column far down": lambda: _sheet(
        '<row r="1048576"><c r="AZ1048576"><v>1</v></c></row>'
    ),
    "a row past Excel's last": lambda: _sheet(
        '<row r="2000000"><c r="A2000000"><v>1</v></c></row>'
    ),
}


@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_a_dimension_bomb_is_refused_before_the_reader_allocates_it(tmp_path, bomb) -> None:
    data = workbooks.xlsx(tmp_path / "bomb.xlsx", BOMBS[bomb]())
    assert data.stat().st_size < 250_000
    assert (
        refused(tmp_path, data, "bomb.xlsx", "cells" if "past" not in bomb else "XFD1048576") < 15
    )


@pytest.mark.parametrize("row, column", [(1_048_575, 16_383), (1_048_575, 40), (3_000, 16_383)])
def test_an_xlsb_cell_far_away_is_refused(tmp_path: Path, row: int, column: int) -> None:
    cells = workbooks.xlsb_row(0) + workbooks.xlsb_text(0, "Deltagar-ID")
    cells += workbooks.xlsb_row(row) + workbooks.xlsb_number(column, 1)
    data = workbooks.xlsb(tmp_path / "bomb.xlsb", cells)
    assert refused(tmp_path, data, "bomb.xlsb", "cells") < 15


@pytest.mark.parametrize("claimed", [None, 1_000], ids=["honest sizes", "lying sizes"])
def test_a_shared_strings_bomb_is_refused_as_it_unpacks(tmp_path: Path, claimed) -> None:
    shared = workbooks.repeated_part(
        "xl/sharedStrings.xml", SST_HEAD, BLOCK, 1024, SST_TAIL, claimed=claimed
    )  # 1 GiB of text in 1 MiB
    data = workbooks.xlsx(tmp_path / "bomb.xlsx", _sheet(ONE_SHARED_CELL), shared)
    assert data.stat().st_size < 2 << 20
    assert refused(tmp_path, data, "xl/sharedStrings.xml", "times") < 15


def test_shared_strings_beyond_their_limit_are_refused_even_when_packed_poorly(tmp_path) -> None:
    # 300 MiB packed about 70 times (under the ratio limit): the size limit refuses it
    block = base64.b64encode(random.Random(10).randbytes(12 << 10)) * 64
    shared = workbooks.repeated_part("xl/sharedStrings.xml", SST_HEAD, block, 300, SST_TAIL)
    data = workbooks.xlsx(tmp_path / "big.xlsx", _sheet(ONE_SHARED_CELL), shared)
    assert refused(tmp_path, data, "xl/sharedStrings.xml", "256") < 20


def test_any_part_that_unpacks_a_hundredfold_is_refused(tmp_path: Path) -> None:
    styles = workbooks.repeated_part("xl/styles.xml", b"<styleSheet>", BLOCK, 200, b"</styleSheet>")
    data = workbooks.xlsx(tmp_path / "bomb.xlsx", _sheet(""), extra=[styles])
    assert refused(tmp_path, data, "xl/styles.xml", "zip bomb") < 15


def test_a_sheet_xml_bomb_is_refused(tmp_path: Path) -> None:
    head = workbooks.sheet_xml("").split("</sheetData>")[0].encode()
    sheet = workbooks.repeated_part(
        "xl/worksheets/sheet1.xml", head, b" " * (1 << 20), 3000, b"</sheetData></worksheet>"
    )
    data = workbooks.xlsx(tmp_path / "bomb.xlsx", sheet)
    assert refused(tmp_path, data, "bomb.xlsx", "MiB") < 20


def test_an_ods_row_repeated_a_million_times_is_refused(tmp_path: Path) -> None:
    from tests.hostile.test_reading import _ods, _ods_cell

    rows = "".join(
        f"<table:table-row>{''.join(map(_ods_cell, r))}</table:table-row>" for r in [HEADER, *ROWS]
    )
    bomb = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"/></table:table-row>'
    )
    data = _ods(tmp_path / "bomb.ods", rows + bomb)
    assert refused(tmp_path, data, "bomb.ods", "cells") < 15


@pytest.mark.parametrize("command", ["validate", "init"])
def test_every_command_reading_a_workbook_refuses_a_bomb(tmp_path: Path, command: str) -> None:
    data = workbooks.xlsx(tmp_path / "bomb.xlsx", BOMBS["one value in XFD1048576"]())
    if command == "init":
        done = esfkit_process("init", data, "-o", "-", preexec_fn=_limited)
        assert done.returncode == 2 and b"cells" in done.stderr and b"Traceback" not in done.stderr
    else:
        refused(tmp_path, data, "cells", command=command)


def test_a_tall_workbook_within_the_limits_still_reads(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>D{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>Man</t></is></c></row>'
        for r in range(3, 20_003)
    )
    data = workbooks.xlsx(tmp_path / "tall.xlsx", _sheet(rows, "A1:B20002"))
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS.split("  - id: to_work")[0], encoding="utf-8")
    done = esfkit_process(
        "check", goals, data, "--as-of", "2022-12-31", english=False, preexec_fn=_limited
    )
    assert done.returncode == 0, done.stderr
    assert b"20001" in done.stdout.replace(b"\xc2\xa0", b"").replace(b" ", b"")


# --- 15: pathological CSV -----------------------------------------------------------------


def _header() -> str:
    return ";".join(HEADER) + "\n"


CSVS = {
    "a header of a million fields": (lambda: "a;" * 1_000_000 + "\n" + "x;y\n", "line 1"),
    "a line of a million separators": (
        lambda: _header() + "D1;K" + ";" * 1_000_000 + "\n",
        "line 2",
    ),
    "a line of a million fields": (lambda: _header() + "x;" * 1_000_000 + "\n", "line 2"),
    "a million separators far down": (
        lambda: csv_text(ROWS * 3000) + "D1;K" + ";" * 1_000_000 + "\n",
        "line 12002",
    ),
    "a 100 MB line of separators": (lambda: _header() + ";" * 100_000_000 + "\n", "line 2"),
    "a giant quoted cell": (lambda: _header() + 'D1;"' + "x" * 20_000_000 + '"\n', "row 2"),
    "a giant unquoted cell": (lambda: _header() + "D1;" + "x" * 50_000_000 + "\n", "row 2"),
    "a quote never closed": (lambda: csv_text(ROWS) + 'D9;"' + "x\n" * 100_000, "row 6"),
    "three million empty lines": (lambda: csv_text(ROWS) + "\n" * 3_000_000, "2 097 152"),
    "three million lines of separators": (
        lambda: ";;;;\n" * 3_000_000 + csv_text(ROWS),
        "2 097 152",
    ),
}


@pytest.mark.parametrize("case", CSVS, ids=list(CSVS))
def test_a_pathological_csv_is_refused_within_seconds_with_its_line(tmp_path, case) -> None:
    make, where = CSVS[case]
    data = tmp_path / "d.csv"
    data.write_text(make(), encoding="utf-8")
    assert refused(tmp_path, data, where) < 20
