"""A DataFrame is read exactly as the .xlsx ``df.to_excel(path, index=False)`` writes: the
same headers, text cells, row numbers, table bounds and findings, whatever the dtypes."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from esfkit.data.frame import read_frame
from esfkit.data.read import read_table
from esfkit.errors import DataError

NAT = pd.NaT


def _frames() -> dict[str, pd.DataFrame]:
    """Frames as notebooks hold them, each a class of input a careless user produces."""
    mixed = pd.DataFrame(
        {
            "Namn": ["Ann", None, "  Bo  ", np.nan],
            "Id": [1, 2, 3, 123456789012345678],  # past 15 digits: as Excel keeps them
            "Mått": [1.0, np.nan, 0.1 + 0.2, np.inf],
            "Klar": [True, False, None, True],
            "Blandat": [True, 1, 1.0, "1"],
            "Tid": pd.to_datetime(
                ["2021-03-01", "2021-03-01 12:30:15", None, "1999-12-31 23:59:59.6"],
                format="ISO8601",
            ),
            "Objekt": [dt.date(2021, 1, 2), dt.time(12, 3, 4), Decimal("1.5"), np.float32(2.5)],
            2021: ["x", "y", "z", "w"],
            "Heltal": pd.array([1, None, 3, -4], dtype="Int64"),
            "Text": pd.array(["a", None, "c", "#N/A"], dtype="string"),
            "Kategori": pd.Categorical(["a", "b", "a", None]),
            "Varaktighet": pd.to_timedelta(["1 days 06:00:05", None, "0s", "2h"]),
        }
    )
    blank_rows = pd.DataFrame(
        {"Kön": ["Kvinna", None, None, "Man"], "Kommun": ["Berg", None, None, "Åre"]}
    )
    detached = pd.DataFrame(
        {"Kön": ["Kvinna", *[None] * 25, "Summa"], "Kommun": ["Berg", *[None] * 26]}
    )
    title = pd.DataFrame(
        {
            "Projekt Norr – deltagare": ["", "Kön", "Kvinna", "Man"],
            "Unnamed: 1": [None, "Kommun", "Berg", "Åre"],
            "Unnamed: 2": [None, "Start", "2021-01-01", "2021-02-01"],
        }
    )
    nan_header = pd.DataFrame([["Kvinna", "Berg"]], columns=["Kön", np.nan])
    numbers_only = pd.DataFrame(np.arange(12).reshape(4, 3))  # pd.read_excel(header=None)
    return {
        "mixed": mixed,
        "blank_rows": blank_rows,
        "detached": detached,
        "title_rows": title,
        "nan_header": nan_header,
        "numbers_only": numbers_only,
    }


FRAMES = _frames()


def _as_saved(frame: pd.DataFrame, tmp_path: Path):
    """The frame saved as pandas saves it, and read; a column pandas named 'Unnamed: N' for
    a blank header cell is saved with that cell blank (read_frame reads it so)."""
    path = tmp_path / "saved.xlsx"
    header = [None if c == f"Unnamed: {i}" else c for i, c in enumerate(frame.columns)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame.set_axis(header, axis=1).to_excel(path, index=False)
    return read_table(path)


@pytest.mark.parametrize("name", FRAMES)
def test_a_frame_reads_as_the_xlsx_it_saves_to(name: str, tmp_path: Path) -> None:
    frame = FRAMES[name]
    try:
        saved = _as_saved(frame, tmp_path)
    except DataError as error:  # the workbook is refused: the frame is, alike
        with pytest.raises(DataError) as raised:
            read_frame(frame, "saved.xlsx")
        assert raised.value.message == error.message
        return
    read = read_frame(frame, "saved.xlsx")
    assert read.headers == saved.headers
    assert read.frame.equals(saved.frame)
    assert list(read.row_numbers) == list(saved.row_numbers)
    assert (read.header_row, read.table_end, read.detached) == (
        saved.header_row,
        saved.table_end,
        saved.detached,
    )
    assert read.error_cells == saved.error_cells


def test_the_mixed_frame_cells_read_as_excel_shows_them() -> None:
    read = read_frame(FRAMES["mixed"])
    assert read.frame["Id"].tolist() == ["1", "2", "3", "123456789012346000"]
    assert read.frame["Mått"].tolist() == ["1", "", "0.3", "inf"]
    assert read.frame["Blandat"].tolist() == ["TRUE", "1", "1", "1"]
    assert read.frame["Tid"].tolist() == ["2021-03-01", "2021-03-01 12:30:15", "", "2000-01-01"]
    assert read.frame["Objekt"].tolist() == ["2021-01-02", "12:03:04", "1.5", "2.5"]
    assert read.frame["Varaktighet"].tolist() == ["1.25005787037037", "", "0", "0.0833333333333333"]
    assert read.headers[7] == "2021"


def test_text_that_looks_like_a_formula_stays_text() -> None:
    read = read_frame(pd.DataFrame({"Kön": ["=1+1", "+SUM(A1)"]}))
    assert read.frame["Kön"].tolist() == ["=1+1", "+SUM(A1)"]


def test_a_date_before_1900_stays_a_date() -> None:
    read = read_frame(pd.DataFrame({"Född": [dt.datetime(1899, 12, 1)]}))
    assert read.frame["Född"].tolist() == ["1899-12-01"]


@pytest.mark.parametrize(
    ("cells", "fragment"),
    [
        (pd.to_datetime(["2021-01-01", "2021-01-02"]).tz_localize("Europe/Stockholm"), "time zone"),
        ([[1, 2], [3]], "a cell holds a list"),
        ([{"a": 1}, None], "a cell holds a dict"),
        ([b"bytes", "x"], "a cell holds a bytes"),
        ([1 + 2j, 0], "a cell holds a complex"),
    ],
)
def test_a_cell_no_worksheet_holds_is_a_located_error(cells, fragment: str) -> None:
    frame = pd.DataFrame({"Kön": ["Kvinna", "Man"], "Start": cells})
    with pytest.raises(DataError) as raised:
        read_frame(frame, "deltagare")
    error = raised.value
    assert fragment in error.message
    assert error.where.file == "deltagare" and error.where.column == "Start"
    assert error.where.rows == (2,)  # df.iloc[0]: row 2, under the header
    assert error.hint


def test_the_located_row_is_the_first_bad_cell() -> None:
    frame = pd.DataFrame({"Start": ["2021-01-01", "2021-01-02", [1], [1]]})
    with pytest.raises(DataError) as raised:
        read_frame(frame)
    assert raised.value.where.rows == (4,)  # df.iloc[2]


def test_two_rows_of_column_names_are_refused() -> None:
    frame = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]))
    with pytest.raises(DataError, match="2 rows of column names"):
        read_frame(frame)


def test_a_frame_without_columns_or_rows_is_refused() -> None:
    with pytest.raises(DataError, match="no columns"):
        read_frame(pd.DataFrame())
    with pytest.raises(DataError, match="no header row"):
        read_frame(pd.DataFrame({"Kön": [None, None]}, dtype=object).rename(columns={"Kön": None}))


def test_the_index_is_not_read_and_rows_follow_positions() -> None:
    frame = pd.DataFrame({"Kön": ["Kvinna", "Man", "Man"]}, index=[10, 5, 7]).iloc[1:]
    read = read_frame(frame)
    assert list(read.row_numbers) == [2, 3] and list(read.frame.columns) == ["Kön"]


def test_the_digest_changes_with_a_cell() -> None:
    one = read_frame(pd.DataFrame({"Kön": ["Kvinna", "Man"]})).sha256
    assert one == read_frame(pd.DataFrame({"Kön": ["Kvinna", "Man"]})).sha256
    assert one != read_frame(pd.DataFrame({"Kön": ["Kvinna", "Kvinna"]})).sha256
    assert one != read_frame(pd.DataFrame({"Kön": ["KvinnaMan", ""]})).sha256
