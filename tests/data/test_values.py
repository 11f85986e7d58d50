"""parse_dates, parse_numbers and normalize on values as people type them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfkit.data.values import (
    ambiguous_dates,
    distinct_keys,
    normalize,
    normalize_distinct,
    parse_dates,
    parse_numbers,
)
from esfkit.errors import DataError
from esfkit.text import key


def series(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def rows_for(values: pd.Series) -> np.ndarray:
    """Excel-like row numbers: the header is row 1."""
    return np.arange(2, len(values) + 2)


def dates(*values: str) -> list:
    s = series(*values)
    return parse_dates(s, "Start", rows_for(s), "exits.xlsx").tolist()


def numbers(*values: str) -> list[float]:
    s = series(*values)
    return parse_numbers(s, "Belopp", rows_for(s), "exits.csv").tolist()


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-01",
        "2021-3-1",
        "2021-03-01 00:00:00",
        " 2021-03-01 ",
        "44256",
        "44256.0",
        "44256,0",
        "01.03.2021",
        "1.3.2021",
        "20210301",
    ],
)
def test_accepted_date_forms_mean_the_first_of_march(text: str) -> None:
    assert dates(text) == [pd.Timestamp("2021-03-01")]


@pytest.mark.parametrize("text", ["1/3/2021", "01/03/2021", "1-3-2021", "01-03-2021"])
def test_slashed_dates_are_day_first_where_the_column_shows_that_order(text: str) -> None:
    assert dates(text, "25/12/2021") == [pd.Timestamp("2021-03-01"), pd.Timestamp("2021-12-25")]


@pytest.mark.parametrize("text", ["1/3/2021", "01/03/2021", "1-3-2021", "3/1/2021 08:00"])
def test_a_slashed_date_that_reads_two_ways_is_an_error_asking_for_iso(text: str) -> None:
    s = series("2021-01-11", text, "", text)
    with pytest.raises(DataError) as caught:
        parse_dates(s, "Startdatum", rows_for(s), "exits.csv")
    error = caught.value
    assert error.where.rows == (3, 5) and error.where.column == "Startdatum"
    assert f"'{text}'" in error.message and "day first or month first" in error.message
    assert "2021-03-01" in error.hint


def test_a_us_export_is_never_read_day_first_without_a_word() -> None:
    # 03/01/2021 is 1 March in the US; nothing in this column says which order it uses.
    s = series("03/01/2021", "04/12/2021", "12/05/2021")
    with pytest.raises(DataError, match="3 dates that can be read day first or month first"):
        parse_dates(s, "Start", rows_for(s), "us.csv")


@pytest.mark.parametrize("text", ["1/1/2021", "01.02.2021", "20210102", "2021-01-02"])
def test_dates_with_one_reading_are_not_ambiguous(text: str) -> None:
    assert not ambiguous_dates(series(text)).any()


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-01T08:00",
        "2021-03-01 08:30:15",
        "2021-03-01 08:30:15.25",
        "01.03.2021 17:05",
        "01.03.2021 23:59:59",
        "44256.5",
        "44256,75",
        "44256.99999",
        "44256.9999999",  # within half a second of midnight: still the day it is
    ],
)
def test_a_date_with_a_time_is_read_as_its_day(text: str) -> None:
    # esfkit counts days: an exit at 17:05 on the report date has exited by it.
    assert dates(text) == [pd.Timestamp("2021-03-01")]


def test_day_comes_before_month_in_slashed_dates() -> None:
    assert dates("12/1/2021", "1/12/2021", "13/1/2021") == [
        pd.Timestamp("2021-01-12"),
        pd.Timestamp("2021-12-01"),
        pd.Timestamp("2021-01-13"),
    ]


def test_blank_dates_are_nat_and_dtype_is_datetime() -> None:
    s = series("", "2021-03-01", "  ", "")
    result = parse_dates(s, "Start", rows_for(s), "f.csv")
    assert str(result.dtype) == "datetime64[ns]"
    assert result.isna().tolist() == [True, False, True, True]


def test_result_keeps_the_index_of_the_values() -> None:
    s = pd.Series(["2021-03-01", "", "2021-03-01"], index=[10, 20, 30], dtype=object)
    parsed = parse_dates(s, "D", rows_for(s), "f")
    assert parsed.index.tolist() == [10, 20, 30]
    assert parsed.isna().tolist() == [False, True, False]
    s = pd.Series(["7", "", "1,5"], index=[10, 20, 30], dtype=object)
    parsed = parse_numbers(s, "N", rows_for(s), "f")
    assert parsed.index.tolist() == [10, 20, 30]
    assert parsed.fillna(-1).tolist() == [7.0, -1, 1.5]


@pytest.mark.parametrize(
    "text",
    [
        "2021-02-30",  # no such day
        "31/2/2021",
        "1/3/21",  # two-digit year
        "2021/03/01",
        "1/3-2021",  # mixed separators
        "12345",  # an id or a count, not a date (below 20000)
        "99999",
        "19000",
        "2021-03-01 25:00",
        "2021-03-01 08:60",
        "0000-01-01",
        "9999-01-01",  # beyond datetime64[ns]
        "mars 2021",
        "2021-03",
        "2021",
        "2021-03-01+01:00",
    ],
)
def test_other_date_texts_are_an_error(text: str) -> None:
    with pytest.raises(DataError):
        dates(text)


def test_date_error_lists_rows_column_and_three_values() -> None:
    s = series("2021-03-01", "x", "", "y", "x", "z", "w")
    with pytest.raises(DataError) as caught:
        parse_dates(s, "Startdatum", np.array([5, 6, 7, 8, 9, 10, 11]), "exits.xlsx")
    error = caught.value
    assert error.where.file == "exits.xlsx"
    assert error.where.column == "Startdatum"
    assert error.where.rows == (6, 8, 9, 10, 11)
    assert "'x', 'y', 'z'" in error.message and "'w'" not in error.message
    assert "4 values" in error.message
    assert "2021-03-01" in error.hint and "1/3/2021" in error.hint


def test_a_single_bad_date_reads_in_the_singular() -> None:
    with pytest.raises(DataError, match="1 value that is not a date: 'x'"):
        dates("x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12.0),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234\u202f567", 1234567.0),
        ("-3", -3.0),
        ("\u22123", -3.0),
        ("+7", 7.0),
        (" 0012 ", 12.0),
        (",5", 0.5),
        ("0.333333333333333", 0.333333333333333),
    ],
)
def test_accepted_number_forms(text: str, expected: float) -> None:
    assert numbers(text) == [expected]


def test_blank_numbers_are_nan_and_dtype_is_float() -> None:
    s = series("", "3", " ")
    result = parse_numbers(s, "N", rows_for(s), "f")
    assert result.dtype == np.float64
    assert result.isna().tolist() == [True, False, True]


@pytest.mark.parametrize(
    "text", ["1.234,5", "1,234.5", "12 5", "1 23", "abc", "-", ".", "1e5", "12%", "1,2,3", "12."]
)
def test_other_number_texts_are_an_error(text: str) -> None:
    with pytest.raises(DataError) as caught:
        numbers(text)
    assert caught.value.where.column == "Belopp"
    assert caught.value.where.rows == (2,)
    assert "1 234,5" in caught.value.hint


def test_normalize_folds_case_space_and_unicode_forms() -> None:
    s = pd.Series([" Kvinna  ", "KVINNA", "kvinna\u00a0x", "O\u0308stersund", "Östersund"])
    assert normalize(s).tolist() == ["kvinna", "kvinna", "kvinna x", "östersund", "östersund"]


def test_normalize_turns_missing_into_empty_text() -> None:
    s = pd.Series(["a", None, np.nan], dtype=object, index=[3, 4, 5])
    result = normalize(s)
    assert result.tolist() == ["a", "", ""]
    assert result.index.tolist() == [3, 4, 5]


@pytest.mark.parametrize("sentinel", [True, False])
@pytest.mark.parametrize("size", [3, 3_000])  # below and above the joined-string path
def test_normalize_distinct_equals_normalize_however_factorized(sentinel, size) -> None:
    cells = np.array([" Kvinna ", None, "O\u0308stersund", np.nan, "D 1"] * size, dtype=object)
    cells[:size] = [f" Id{i} " for i in range(size)]
    distinct = pd.factorize(cells, use_na_sentinel=sentinel)
    expected = normalize(pd.Series(cells, dtype=object)).tolist()
    assert normalize_distinct(*distinct).tolist() == expected


def test_large_columns_parse_through_distinct_values() -> None:
    base = pd.Series(["2021-03-01", "13/3/2021", "44256", ""] * 250_000, dtype=object)
    result = parse_dates(base, "Start", np.arange(len(base)) + 2, "big.csv")
    assert result.notna().sum() == 750_000
    assert result.iloc[-2] == pd.Timestamp("2021-03-01")


# --- round trips --------------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
TIMES = st.times().map(lambda t: t.replace(microsecond=0))

DATE_WRITERS = {
    "iso": lambda d: d.isoformat(),
    "iso_midnight": lambda d: f"{d.isoformat()} 00:00:00",
    "slash": lambda d: f"{d.day}/{d.month}/{d.year}",
    "dots": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "dash_day_first": lambda d: f"{d.day}-{d.month}-{d.year}",
    "compact": lambda d: d.strftime("%Y%m%d"),
}


@settings(max_examples=60, deadline=None)
@given(day=DAYS, form=st.sampled_from(sorted(DATE_WRITERS)))
def test_dates_round_trip_in_every_textual_form(day: dt.date, form: str) -> None:
    # 25/12/2021 beside it shows the column's order, as a real column of dates does.
    assert dates(DATE_WRITERS[form](day), "25/12/2021")[0] == pd.Timestamp(day)


@settings(max_examples=60, deadline=None)
@given(day=DAYS, time=TIMES, separator=st.sampled_from([" ", "T"]))
def test_date_times_round_trip_to_their_day(day: dt.date, time: dt.time, separator: str) -> None:
    text = dt.datetime.combine(day, time).isoformat(sep=separator)
    assert dates(text) == [pd.Timestamp(day)]


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(1954, 10, 3), max_value=dt.date(2119, 1, 10)))
def test_excel_serials_round_trip(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert dates(str(serial), f"{serial}.0") == [pd.Timestamp(day)] * 2


@settings(max_examples=100, deadline=None)
@given(value=st.integers(-(10**12), 10**12), cents=st.integers(0, 99))
def test_swedish_numbers_round_trip(value: int, cents: int) -> None:
    grouped = f"{abs(value):,}".replace(",", " ")
    sign = "-" if value < 0 else ""
    text = f"{sign}{grouped},{cents:02d}"
    expected = float(f"{sign}{abs(value)}.{cents:02d}")
    assert numbers(text) == [expected]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=12))
def test_any_text_is_a_date_or_a_data_error(text: str) -> None:
    try:
        result = dates(text)
    except DataError:
        return
    assert len(result) == 1


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.text(st.characters(max_codepoint=127, exclude_characters="\x00"))))
def test_ascii_cells_keyed_at_once_as_one_by_one(words: list[str]) -> None:
    # 1 000 cells at least take the joined path; plain ASCII (no space, no control
    # character) is keyed by its lower case alone, the rest by the whole key.
    cells = np.array([*words, *(f"Id{i}" for i in range(1_000))], dtype=object)
    assert distinct_keys(cells).tolist() == [key(cell) for cell in cells]
