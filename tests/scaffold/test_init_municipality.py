"""`esfkit init` proposes as the municipality only a column that can hold municipalities.

A column of ticks and answers (Ja/Nej, X/blank, 1/0, Sant/Falskt ...) or of numbers is never
proposed, whatever its header says; four-digit municipality codes (2380 is Östersund) are,
when every one of them is a real code. Workbooks and CSV files of many shapes are generated.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.api import parse_goal_file_text
from esfkit.data.municipalities import name_for_code, official
from tests.conftest import run_cli_en as run_cli

CODES = sorted(official())
NAMES = sorted(official().values())
HEADERS = ("Kommun", "Hemkommun", "Kommunal praktik", "Kommunkod", "Bostadskommun", "Kommun nr")
FLAG_PAIRS = (
    ("Ja", "Nej"),
    ("JA", "nej"),
    (" ja ", "Nej"),
    ("X", ""),
    ("x", ""),
    ("1", "0"),
    ("Sant", "Falskt"),
    ("SANT", "FALSKT"),
    ("TRUE", "FALSE"),
    ("Yes", "No"),
    ("J", "N"),
    ("✓", ""),
    ("Ja", ""),
    ("Ja", "Ej svar"),  # an answer beside the ticks
    ("Nej", "Avböjt"),
    (True, False),  # real booleans in a workbook
    (1, 0),  # real numbers in a workbook
)
NOT_CODES = st.integers(0, 99_999).filter(lambda n: str(n) not in official())  # 180: no code


@st.composite
def flags(draw) -> list[object]:
    yes, no = draw(st.sampled_from(FLAG_PAIRS))
    values = draw(st.lists(st.sampled_from([yes, no]), min_size=1, max_size=12))
    return [*values, yes]  # at least one tick


@st.composite
def numbers(draw) -> list[object]:
    shape = draw(st.sampled_from(["int", "text", "decimal", "percent", "date", "float"]))
    n = draw(st.integers(1, 12))
    if shape == "int":
        return draw(st.lists(NOT_CODES, min_size=n, max_size=n))
    if shape == "text":
        return [str(v) for v in draw(st.lists(NOT_CODES, min_size=n, max_size=n))]
    if shape == "decimal":
        return [f"{v},5" for v in draw(st.lists(st.integers(0, 999), min_size=n, max_size=n))]
    if shape == "percent":
        return [f"{v} %" for v in draw(st.lists(st.integers(0, 100), min_size=n, max_size=n))]
    if shape == "float":
        fractions = st.floats(0.1, 5000).filter(lambda f: not f.is_integer())
        return draw(st.lists(fractions, min_size=n, max_size=n))
    days = draw(st.lists(st.integers(0, 3000), min_size=n, max_size=n))
    return [dt.date(2020, 1, 1) + dt.timedelta(days=d) for d in days]


@st.composite
def municipalities(draw) -> list[object]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=12))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=12))
    shape = draw(st.sampled_from(["codes", "int codes", "names", "both"]))
    if shape == "codes":
        return codes
    if shape == "int codes":
        return [int(c) for c in codes if not c.startswith("0")] or names  # as Excel keeps them
    return names if shape == "names" else [*codes, *names]


def _write(folder: Path, suffix: str, columns: dict[str, list[object]]) -> Path:
    """A participant file with Kön and Startdatum, and ``columns`` of any length."""
    rows = max(len(v) for v in columns.values())
    table = {"Kön": ["Kvinna", "Man"] * rows, "Startdatum": [dt.date(2022, 1, 3)] * rows}
    table.update(columns)
    headers = list(table)
    grid = [[table[h][i] if i < len(table[h]) else "" for h in headers] for i in range(rows)]
    path = folder / f"deltagare{suffix}"
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        book.active.append(headers)
        for row in grid:
            book.active.append(row)
        book.save(path)
    else:
        lines = [";".join(headers)] + [";".join(_text(v) for v in row) for row in grid]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _proposed(path: Path) -> tuple[str | None, tuple[str, ...] | None, str]:
    run = run_cli("init", path, "-o", "-")
    assert run.exit_code == 0, run.stderr
    goal_file = parse_goal_file_text(run.stdout)
    column = goal_file.data.columns.get("municipality")
    return (column.header if column else None), goal_file.project.municipalities, run.stdout


SHAPES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SHAPES
@given(st.sampled_from(HEADERS), st.one_of(flags(), numbers()), st.sampled_from([".csv", ".xlsx"]))
def test_a_column_of_yes_no_or_numbers_is_never_the_municipality(header, values, suffix) -> None:
    with tempfile.TemporaryDirectory() as folder:
        proposed, declared, text = _proposed(_write(Path(folder), suffix, {header: values}))
    assert proposed is None, text
    assert declared is None
    assert f"# NOTE: '{header}' holds " in text and ", not municipalities" in text


@SHAPES
@given(
    st.sampled_from(HEADERS),
    municipalities(),
    st.sampled_from([".csv", ".xlsx"]),
    st.one_of(st.none(), flags(), numbers()),
)
def test_a_column_of_municipality_names_or_codes_is_proposed(header, values, suffix, decoy) -> None:
    # A decoy column of ticks or numbers, headed like a municipality, stands before it.
    columns = {"Kommunal insats": decoy} if decoy is not None else {}
    columns[header] = values
    with tempfile.TemporaryDirectory() as folder:
        proposed, declared, text = _proposed(_write(Path(folder), suffix, columns))
    assert proposed == header, text
    # A rare name close to a common one (Sala beside Salem) is left for check as a typo.
    assert declared and set(declared) <= {name_for_code(str(v)) or str(v) for v in values}
    assert ("'Kommunal insats' holds " in text) == (decoy is not None)


def _init(write, header: str, *rows: str) -> tuple[str | None, tuple[str, ...] | None, str]:
    """init on a CSV file of ``header`` and ``rows``, each with a start date added."""
    text = "".join(
        f"{line};Startdatum\n" if n == 0 else f"{line};2022-01-10\n"
        for n, line in enumerate([header, *rows])
    )
    return _proposed(write("d.csv", text))


def test_a_rejected_exact_header_leaves_the_next_candidate_marked_as_a_guess(write) -> None:
    proposed, declared, text = _init(
        write, "Kön;Kommun;Hemort kommun", "K;Ja;Åre", "M;Nej;2380", "M;;Åre"
    )
    assert proposed == "Hemort kommun" and declared == ("Åre", "Östersund")
    assert "municipality: Hemort kommun   # municipality, GUESSED from the header: check" in text
    assert "# NOTE: 'Kommun' holds yes/no values, not municipalities" in text


def test_a_municipality_column_with_placeholders_and_misspellings_is_still_proposed(write) -> None:
    rows = ("K;Ostersund", "M;-", "M;?", "K;vet ej", "K;Are", "M;x")
    proposed, _, text = _init(write, "Kön;Kommun", *rows)
    assert proposed == "Kommun" and "not municipalities" not in text


def test_four_digit_numbers_that_are_not_all_codes_are_not_proposed(write) -> None:
    proposed, _, text = _init(write, "Kön;Kommunkod", "K;2380", "M;9999")
    assert proposed is None
    assert "'Kommunkod' holds numbers that are not municipality codes" in text
