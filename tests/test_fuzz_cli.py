"""Fuzzing through the real command: whatever the input, the user sees exit 0, 1 or 2 and
one located message, never a traceback. `run_cli` re-raises any exception that is not a
clean exit, so an escaping exception fails the test.

ESFKIT_FUZZ_EXAMPLES scales every test (the default keeps the suite quick).
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli_en as run_cli

pytestmark = pytest.mark.slow  # the fast loop leaves it out (docs/dev/testing.md)

SCALE = int(os.environ.get("ESFKIT_FUZZ_EXAMPLES", "1"))


def fuzz(examples: int):
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


GOALS = """\
version: 1
project: {name: Fuzz, start: 2021-01-01, end: 2022-12-31, municipalities: [Piteå, Luleå]}
outcomes:
  work: [Arbete]
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: {women: 2, men: 2}
  - id: to_work
    title: Till arbete
    share: {exit: work}
    of: exited
    target: 40 %
  - id: mix
    composition: gender
    target: {women: 50 %, men: 50 %}
  - id: exits
    distribution: exit
"""
DATA = (
    "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Enkät\n"
    "D1;Kvinna;Piteå;2021-01-01;2021-03-01;Arbete;Ja\n"
    "D2;Man;Luleå;2021-02-01;;;Nej\n"
    "D3;K;Piteå;2021-03-01;2021-09-01;Studier;\n"
)


def run_in_folder(files: dict[str, bytes], *args: str):
    """Write ``files`` to a fresh folder and run esfkit there; args name files by name."""
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
        argv = [str(Path(folder) / a) if a in files else a for a in args]
        run = run_cli(*argv)
    assert run.exit_code in (0, 1, 2), run
    if run.exit_code == 2 and not (args[0] == "validate" and run.stdout):
        assert run.stderr.startswith("error: "), run.stderr
    assert "Traceback" not in run.stderr
    return run


# --- goal files ----------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(
        ["everyone", "exited", "enrolled", "50 %", "women", "exit", "gender", "Kön", "Ja", ""]
    ),
)
keys = st.one_of(
    st.sampled_from(
        [
            "version",
            "project",
            "goals",
            "data",
            "outcomes",
            "breakdown",
            "id",
            "title",
            "count",
            "share",
            "of",
            "target",
            "scope",
            "composition",
            "parity",
            "distribution",
            "manual",
            "per",
            "at_most",
            "tolerance",
            "columns",
            "sheet",
            "unit",
            "genders",
            "municipalities",
            "start",
            "end",
            "min",
            "max",
            "any",
            "all",
            "not",
            "missing",
            "age_bands",
            "header_row",
            "include",
            "lang",
            "exit",
            "Kön",
            "Enkät",
            "age",
        ]
    ),
    st.text(max_size=8),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


@fuzz(150)
@given(yaml_values)
def test_random_goal_structures_never_escape(value) -> None:
    try:
        text = yaml.safe_dump(value, allow_unicode=True)
    except yaml.YAMLError:
        return
    run_in_folder({"g.yml": text.encode(), "d.csv": DATA.encode()}, "check", "g.yml", "d.csv")


@fuzz(150)
@given(st.data())
def test_mutated_goal_files_never_escape(data) -> None:
    """A valid goal file with one line replaced, cut, or garbled: what typing mistakes do."""
    lines = GOALS.splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["replace", "cut", "value", "indent"]))
    if how == "replace":
        lines[index] = data.draw(st.text(max_size=40))
    elif how == "cut":
        lines = lines[:index]
    elif how == "value" and ":" in lines[index]:
        head = lines[index].split(":", 1)[0]
        lines[index] = f"{head}: {data.draw(st.text(max_size=20))}"
    else:
        lines[index] = data.draw(st.sampled_from(["\t", " ", "   ", "- "])) + lines[index]
    text = "\n".join(lines) + "\n"
    args = ["check", "g.yml", "d.csv", "--as-of", "2022-06-30"]
    if data.draw(st.booleans()):
        args = ["validate", "g.yml", "d.csv"]
    run_in_folder({"g.yml": text.encode("utf-8", "replace"), "d.csv": DATA.encode()}, *args)


@fuzz(60)
@given(st.binary(max_size=300))
def test_goal_file_bytes_never_escape(content: bytes) -> None:
    run_in_folder({"g.yml": content, "d.csv": DATA.encode()}, "check", "g.yml", "d.csv")


# --- CSV bytes -----------------------------------------------------------------------------

cell_text = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Kvinna",
            "man",
            "K",
            "X",
            "Piteå",
            "Pitea",
            "2380",
            "2021-03-01",
            "2021-02-30",
            "1/3/2021",
            "44256",
            "0",
            "-1",
            "Arbete",
            "Ja",
            '"',
            '""',
            "a;b",
            "\n",
            "\r",
            "198501011234",
            "811218-9876",
            "9999-12-31",
            "1 234,5",
            "NaN",
        ]
    ),
    st.text(max_size=12),
)


@fuzz(200)
@given(
    header=st.lists(
        st.sampled_from(
            [
                "Deltagar-ID",
                "Kön",
                "Kommun",
                "Inskrivningsdatum",
                "Avslutsdatum",
                "Avslutsorsak",
                "Enkät",
                "Personnummer",
                "",
                "Kön ",
            ]
        ),
        min_size=0,
        max_size=7,
    ),
    rows=st.lists(st.lists(cell_text, max_size=8), max_size=8),
    separator=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    command=st.sampled_from(["check", "validate", "explain"]),
)
def test_csv_files_never_escape(header, rows, separator, encoding, command) -> None:
    text = "\n".join(separator.join(r) for r in [header, *rows]) + "\n"
    content = text.encode(encoding, errors="replace")
    args = [command, "g.yml", "d.csv"] + (["to_work"] if command == "explain" else [])
    run_in_folder({"g.yml": GOALS.encode(), "d.csv": content}, *args)


@fuzz(100)
@given(st.binary(max_size=400))
def test_csv_bytes_never_escape(content: bytes) -> None:
    run_in_folder(
        {"g.yml": GOALS.encode(), "d.csv": DATA.encode() + content}, "check", "g.yml", "d.csv"
    )
    run_in_folder({"g.yml": GOALS.encode(), "d.csv": content}, "validate", "g.yml", "d.csv")


# --- corrupted spreadsheets ----------------------------------------------------------------


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in DATA.splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX = _workbook()


def _header_only() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(DATA.splitlines()[0].split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _damaged_member(content: bytes, cut: int) -> bytes:
    """The zip intact, but its sheet's XML cut short."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data[: cut % (len(data) + 1)]
            target.writestr(item, data)
    return buffer.getvalue()


@fuzz(150)
@given(
    how=st.sampled_from(["truncate", "flip", "random", "empty", "header", "member", "csv"]),
    cut=st.integers(0, len(XLSX)),
    noise=st.binary(min_size=1, max_size=64),
    suffix=st.sampled_from([".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".csv", ".txt", ".pdf"]),
)
def test_corrupted_spreadsheets_never_escape(how, cut, noise, suffix) -> None:
    content = {
        "truncate": XLSX[:cut],
        "flip": XLSX[:cut] + noise + XLSX[cut + len(noise) :],
        "random": noise * 8,
        "empty": b"",
        "header": _header_only(),
        "member": _damaged_member(XLSX, cut),
        "csv": DATA.encode(),
    }[how]
    name = "d" + suffix
    run = run_in_folder({"g.yml": GOALS.encode(), name: content}, "check", "g.yml", name)
    if how in ("random", "empty") and suffix not in (".csv", ".txt"):
        assert run.exit_code == 2
    if how == "truncate" and run.exit_code == 0:
        assert "3 rader" in run.stdout  # what is read of a cut workbook is never a part of it


def test_a_folder_or_a_missing_file_is_a_located_error(tmp_path: Path) -> None:
    goals = tmp_path / "g.yml"
    goals.write_text(GOALS, encoding="utf-8")
    for data in (tmp_path, tmp_path / "missing.xlsx"):
        run = run_cli("check", goals, data)
        assert run.exit_code == 2 and data.name in run.stderr
    run = run_cli("check", tmp_path / "missing.yml", tmp_path / "d.csv")
    assert run.exit_code == 2 and "missing.yml" in run.stderr
