"""The two workbook readers (issue 12: 2): a large .xlsx is read by fastexcel into each
column's codes, a small one (or one fastexcel might read otherwise) by python-calamine, one
Python object per cell; whatever the workbook, both give the same table, or the same error."""

from __future__ import annotations

import datetime as dt
import logging
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.data import fastsheet, prefetch, sheet
from esfkit.data.read import read_table
from esfkit.errors import DataError
from tests.data.test_csv_readers import _plain
from tests.data.test_read import write_xlsx

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Deltagar-ID", "Kön", "Född", "Start", "Dagar", "Klar", "Längd"]
TYPED = [
    ["Ö1", "Kvinna", dt.date(1980, 1, 31), dt.datetime(2021, 3, 1, 8, 30), 12.0, True],
    ["Ö2", "Man", dt.date(1999, 12, 1), dt.datetime(2021, 3, 1, 23, 59, 59, 600_000), 0.1 + 0.2],
    ["Ö3", " ", dt.date(2001, 2, 28), dt.datetime(2021, 3, 2), 1e20, False],
    ["00123", "", None, dt.datetime(2021, 3, 2, 0, 0, 0, 499_000), 123456789012345678, None],
    ["Ö5", "NA", dt.date(2001, 2, 28), None, -3.5, True],
]


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: object):
    """The table (or the error) read by python-calamine, by fastexcel, and by fastexcel in
    the prefetch thread; and whether fastexcel read it (it declines some sheets)."""
    taken: list[bool] = []
    columns = fastsheet.columns

    def spy(sheet: object) -> object:
        read = columns(sheet)
        taken.append(read is not None)
        return read

    monkeypatch.setattr(fastsheet, "FAST_BYTES", 10**12)
    slow = _outcome(path, **kwargs)
    monkeypatch.setattr(fastsheet, "FAST_BYTES", 0)
    monkeypatch.setattr(fastsheet, "columns", spy)
    fast = _outcome(path, **kwargs)
    inline = any(taken)
    taken.clear()
    prefetch.prefetch_sheet(path)
    prefetched = _outcome(path, **kwargs)
    assert any(taken) is inline  # parsed on the prefetch thread, read on this one, alike
    return slow, fast, prefetched, inline


def _outcome(path: Path, **kwargs: object) -> object:
    """The table read as plain values to compare, or the error's message and location."""
    try:
        raw = read_table(path, **kwargs)  # type: ignore[arg-type]
    except DataError as error:
        return ("error", str(error), error.where, error.hint)
    return _plain(raw)


def typed(path: Path, rows: list[list[object]] = TYPED, header: list[object] = HEADER) -> Path:
    """A workbook of text, dates, date-times, numbers and booleans, and a column of
    durations (a time of day is read by python-calamine: see HOSTILE)."""
    filled = [
        [*row, *[None] * (6 - len(row)), dt.timedelta(hours=30, seconds=i)]
        for i, row in enumerate(rows)
    ]
    return write_xlsx(path, {"Deltagare": [header, *filled]})


def test_a_sheet_of_one_type_per_column_is_read_by_fastexcel_as_by_python_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow, fast, prefetched, taken = read_both(typed(tmp_path / "typed.xlsx"), monkeypatch)
    assert fast == slow == prefetched
    assert not taken  # a column of booleans is python-calamine's (see the test below)
    no_booleans = [row[:5] for row in TYPED]
    *_, taken = read_both(typed(tmp_path / "no_booleans.xlsx", no_booleans), monkeypatch)
    assert taken
    frame = slow[1]
    assert frame["Start"][1] == "2021-03-02" and frame["Start"][3] == "2021-03-02"
    assert frame["Dagar"][:3] == ["12", "0.3", "100000000000000000000"]
    assert frame["Klar"][:4] == ["TRUE", "", "FALSE", ""] and frame["Längd"][1] == "30:00:01"


def _workbook(path: Path, build) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Deltagare"
    for row in [HEADER[:3], *[r[:3] for r in TYPED]]:
        sheet.append(row)
    build(workbook, sheet)
    workbook.save(path)
    return path


HOSTILE = {
    "a number among texts": lambda w, s: s.cell(row=3, column=2, value=7),
    "a text among dates": lambda w, s: s.cell(row=3, column=3, value="okänt"),
    "'NA' among dates": lambda w, s: s.cell(row=3, column=3, value="NA"),
    "'nan' among numbers": lambda w, s: [
        s.cell(row=r, column=4, value=v) for r, v in ((1, "Dagar"), (2, 1.5), (3, "nan"))
    ],
    # Texts fastexcel takes for 'no value' (NULL_STRING_VALUES) among numbers and dates: a
    # conversion error it reports (to_arrow_with_errors), so python-calamine reads them.
    "'N/A' among numbers": lambda w, s: [
        s.cell(row=r, column=4, value=v) for r, v in ((1, "Dagar"), (2, 1.5), (3, "N/A"))
    ],
    "'null' and an empty text among numbers": lambda w, s: [
        s.cell(row=r, column=4, value=v) for r, v in ((1, "Dagar"), (2, 3), (3, "null"), (4, ""))
    ],
    "a date beyond year 9999": lambda w, s: [
        setattr(s.cell(row=3, column=3, value=3_000_000), "number_format", "yyyy-mm-dd")
    ],
    "an error value": lambda w, s: s.cell(row=3, column=2, value="#N/A"),
    "an error among dates": lambda w, s: s.cell(row=3, column=3, value="#DIV/0!"),
    "a formula without a value": lambda w, s: s.cell(row=3, column=2, value="=1+1"),
    "merged cells": lambda w, s: s.merge_cells("B2:B3"),
    "a hidden first sheet": lambda w, s: _hidden_first(w),
    "a title row": lambda w, s: s.insert_rows(1, 2) or s.cell(row=1, column=1, value="Titel"),
    "blank rows above": lambda w, s: s.insert_rows(1, 2),
    "a blank column first": lambda w, s: s.insert_cols(1),
    "a number as header": lambda w, s: s.cell(row=1, column=3, value=2021),
    "a date as header": lambda w, s: s.cell(row=1, column=3, value=dt.date(2021, 1, 1)),
    "a blank header": lambda w, s: s.cell(row=1, column=2, value=None),
    "two headers alike": lambda w, s: s.cell(row=1, column=3, value="Kön"),
    "a header like an alias": lambda w, s: s.cell(row=1, column=3, value="Kön_1"),
    "a date before March 1900": lambda w, s: s.cell(row=3, column=3, value=dt.date(1900, 1, 15)),
    "times in the 1904 date system": lambda w, s: _mac_1904(w, s),
    "a time of day": lambda w, s: [
        s.cell(row=r, column=3, value=dt.time(9, r)) for r in range(2, 7)
    ],
    "a negative duration": lambda w, s: [
        s.cell(row=r, column=4, value=dt.timedelta(hours=1 - r)) for r in range(1, 7)
    ],
    "a number far right": lambda w, s: s.cell(row=4, column=30, value=1.5),
}


def _mac_1904(workbook: openpyxl.Workbook, sheet: object) -> None:
    """A workbook of the 1904 date system (old Mac Excel), where a serial below 1 is a
    time of day on 1904-01-01."""
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for row in range(2, 7):
        sheet.cell(row=row, column=3, value=dt.datetime(1904, 1, 1, 8, row))  # type: ignore[attr-defined]


def _hidden_first(workbook: openpyxl.Workbook) -> None:
    hidden = workbook.create_sheet("Listor", 0)
    hidden.append(["Kön"])
    hidden.append(["Kvinna"])
    hidden.sheet_state = "hidden"


@pytest.mark.parametrize("case", HOSTILE)
def test_both_readers_read_each_hostile_workbook_alike(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "hostile.xlsx", HOSTILE[case])
    slow, fast, prefetched, _ = read_both(path, monkeypatch)
    assert fast == slow == prefetched


@pytest.mark.parametrize(
    "path",
    sorted([*ROOT.glob("tests/data/broken/*.xlsx"), *ROOT.glob("examples/*/*.xlsx")]),
    ids=lambda p: p.name,
)
def test_both_readers_read_each_shipped_workbook_alike(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow, fast, prefetched, _ = read_both(path, monkeypatch)
    assert fast == slow == prefetched


def test_a_header_row_asked_for_reads_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = typed(tmp_path / "typed.xlsx")
    slow, fast, prefetched, _ = read_both(path, monkeypatch, header_row=2)
    assert fast == slow == prefetched


def test_a_small_workbook_never_imports_fastexcel(tmp_path: Path) -> None:
    path = typed(tmp_path / "typed.xlsx")
    code = (
        "import sys; from esfkit.data.read import read_table; "
        f"read_table({str(path)!r}); print('fastexcel' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_date_times_of_a_column_read_as_each_one_alone() -> None:
    stamps = ["2021-03-01T00:00:00.000", "2021-03-01T23:59:59.600", "2021-03-02T00:00:00.499",
              "1900-03-01T08:00:00.500", "1969-12-31T23:59:59.500", "9999-12-31T23:59:59.499"]  # fmt: skip
    values = np.array(stamps, dtype="datetime64[ms]")
    alone = [sheet.cell_text(value) for value in values.astype(object)]
    assert sheet._datetime_texts(values).tolist() == alone
    assert alone[:2] == ["2021-03-01", "2021-03-02"]


POOLS = {
    "text": ["Kvinna", "Man", " ", "NA", "nan", "00123", "Kiruna", "2021-03-01"],
    "number": [0.1 + 0.2, 12.0, -3.5, 1e20, 44256.0, 1 / 3],
    "date": [dt.date(1980, 1, 31), dt.date(2021, 3, 1), dt.date(2001, 2, 28)],
    "date-time": [dt.datetime(2021, 3, 1, 8, 30), dt.datetime(2021, 3, 1, 23, 59, 59, 600_000)],
    "boolean": [True, False],
    "duration": [dt.timedelta(hours=30), dt.timedelta(minutes=90, seconds=1)],
    # Texts fastexcel takes for 'no value' beside the values of one type.
    "number or 'N/A'": [12.0, -3.5, 1e20, "N/A", "null", "NA", "", "-nan"],
    "date or 'None'": [dt.date(1980, 1, 31), dt.date(2021, 3, 1), "None", "n/a", "<NA>"],
}
POOLS["mixed"] = [value for pool in POOLS.values() for value in pool]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kinds=st.lists(st.sampled_from(sorted(POOLS)), min_size=1, max_size=4),
    rows=st.integers(0, 12),
    blanks=st.floats(0, 0.5),
    seed=st.integers(0, 2**16),
)
def test_generated_workbooks_read_alike(
    kinds: list[str],
    rows: int,
    blanks: float,
    seed: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chooser = random.Random(seed)
    body = [
        [None if chooser.random() < blanks else chooser.choice(POOLS[kind]) for kind in kinds]
        for _ in range(rows)
    ]
    header = [f"Kolumn {i}" for i in range(len(kinds))]
    path = write_xlsx(tmp_path / "generated.xlsx", {"Deltagare": [header, *body]})
    slow, fast, prefetched, _ = read_both(path, monkeypatch)
    assert fast == slow == prefetched


def test_fastexcel_notes_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # An empty column: fastexcel logs that it falls back to text for it.
    path = write_xlsx(tmp_path / "gap.xlsx", {"Deltagare": [["A", "B", "C"], ["x", None, "y"]]})
    monkeypatch.setattr(fastsheet, "FAST_BYTES", 0)
    with caplog.at_level(logging.WARNING):
        assert read_table(path).frame["B"].tolist() == [""]
    assert not [record for record in caplog.records if record.name.startswith("fastexcel")]


def _rewritten(path: Path, old: bytes, new: bytes) -> Path:
    """The workbook at ``path`` with ``old`` replaced by ``new`` in its first sheet's XML."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    part = "xl/worksheets/sheet1.xml"
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("value", [b"false", b" 0 ", b"2", b"yes"])
def test_a_boolean_cell_written_otherwise_than_0_or_1_reads_alike(
    value: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # <c t="b"><v>false</v></c>: python-calamine reads FALSE (and refuses '2' as damaged),
    # fastexcel's older calamine reads any value but '0' as TRUE.
    path = write_xlsx(tmp_path / "bool.xlsx", {"Deltagare": [["Id", "Klar"], ["a", False]]})
    path = _rewritten(path, b'<c r="B2" t="b"><v>0</v>', b'<c r="B2" t="b"><v>' + value + b"</v>")
    slow, fast, prefetched, _ = read_both(path, monkeypatch)
    assert fast == slow == prefetched


def test_a_panic_in_fastexcel_declines_the_sheet_and_an_interrupt_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A panic in fastexcel's Rust code (pyo3's PanicException, a BaseException) while it
    parses or converts: the sheet is read by python-calamine, the same table; Ctrl-C is
    not swallowed."""
    import fastexcel

    path = tmp_path / "deltagare.xlsx"
    write_xlsx(path, {"Deltagare": [HEADER[:2], ["Ö1", "Kvinna"], ["Ö2", "Man"]]})
    monkeypatch.setattr(fastsheet, "FAST_BYTES", 10**12)
    expected = _outcome(path)
    monkeypatch.setattr(fastsheet, "FAST_BYTES", 0)
    PanicException = type("PanicException", (BaseException,), {})

    panicked: list[bool] = []

    def panics(*args: object, **kwargs: object) -> object:
        panicked.append(True)
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(fastexcel, "read_excel", panics)
    assert _outcome(path) == expected
    assert panicked
    assert fastsheet.columns(_PanickingSheet(PanicException)) is None

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(fastexcel, "read_excel", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fastsheet.load(path.read_bytes(), "Deltagare")


class _PanickingSheet:
    def __init__(self, panic: type[BaseException]) -> None:
        self.panic = panic

    @property
    def selected_columns(self) -> list[object]:
        return []

    def to_arrow_with_errors(self) -> object:
        raise self.panic("arrow conversion panicked")


@pytest.mark.parametrize(
    "close",
    [
        lambda cell: cell[:-4] + b"</c >",  # an end tag with a space
        lambda cell: cell[:-4] + b'"></c>',  # a text '">' before </c>
        lambda cell: (
            cell.replace(b"<c ", b"<x:c xmlns:x=" + _MAIN + b" ")
            .replace(b"<v>", b"<x:v>")
            .replace(b"</v>", b"</x:v>")
            .replace(b"</c>", b"</x:c>")
        ),  # a namespace prefix
    ],
    ids=["space", "text", "prefix"],
)
def test_a_cell_closed_otherwise_does_not_hide_a_text_fastexcel_drops(
    close, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A number cell closed otherwise than '</c>' (hand-written XML): a text fastexcel
    # cannot convert among the numbers is still read by python-calamine, never dropped.
    rows = [["Deltagar-ID", "Dagar"], ["P1", 1.5], ["P2", "NA"], ["P3", 3]]
    path = write_xlsx(tmp_path / "closed.xlsx", {"Deltagare": rows})
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    start = xml.index(b'<c r="B4"')
    cell = xml[start : xml.index(b"</c>", start) + 4]
    path = _rewritten(path, cell, close(cell))
    slow, fast, prefetched, _ = read_both(path, monkeypatch)
    assert slow[1]["Dagar"] == ["1.5", "NA", "3"]  # type: ignore[index]
    assert fast == slow == prefetched


_MAIN = b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _prefixed(path: Path, prefix_of) -> Path:
    """The workbook at ``path`` with every element of its sheets written with a namespace
    prefix, ``prefix_of(name)`` ('<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c>', as
    the Open XML SDK can write a sheet), the prefixes declared on the root."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, xml in parts.items():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = re.sub(
                rb"<(/?)(?![?!])([A-Za-z]\w*)",
                lambda m: b"<" + m.group(1) + prefix_of(m.group(2)) + b":" + m.group(2),
                xml,
            )
            declared = b" ".join(
                b"xmlns:%s=%s" % (p, _MAIN) for p in {prefix_of(b"c"), prefix_of(b"row")}
            )
            parts[name] = xml.replace(b'xmlns="' + _MAIN[1:-1] + b'"', declared, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


PREFIXES = {
    "x": lambda name: b"x",
    "cells y, rows x": lambda name: b"y" if name in (b"c", b"v", b"f", b"is", b"t") else b"x",
}


@pytest.mark.parametrize("prefixes", PREFIXES)
@pytest.mark.parametrize("case", HOSTILE)
def test_a_sheet_written_with_namespace_prefixes_reads_as_without(
    case: str, prefixes: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # calamine reads elements by their local names: the sheet scan must too, or an error
    # value or a formula without a value in such a sheet is read as an empty cell, unseen.
    (tmp_path / "plain").mkdir(), (tmp_path / "prefixed").mkdir()
    plain = _workbook(tmp_path / "plain" / "w.xlsx", HOSTILE[case])
    expected = read_both(plain, monkeypatch)
    path = _prefixed(_workbook(tmp_path / "prefixed" / "w.xlsx", HOSTILE[case]), PREFIXES[prefixes])
    assert b"<x:row" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert read_both(path, monkeypatch)[:3] == expected[:3]
