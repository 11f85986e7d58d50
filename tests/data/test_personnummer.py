"""Personnummer: shape, date, Luhn check digit, samordningsnummer, and masking."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from esfkit.data.personnummer import (
    birth_date,
    luhn_ok,
    mask,
    person_key,
    person_keys,
    problem,
    read_ids,
)
from esfkit.privacy import mask_text

TODAY = dt.date(2023, 6, 30)


@pytest.mark.parametrize("pnr", ["811218-9876", "198112189876", "19811218-9876", "121212-1212"])
def test_valid_numbers_pass_the_luhn_check(pnr: str) -> None:
    assert luhn_ok(pnr) and problem(pnr, TODAY) is None


def test_samordningsnummer_adds_60_to_the_day() -> None:
    assert problem("850161-1233", TODAY) is None
    assert birth_date("850161-1233", dt.date(2021, 1, 1)) == dt.date(1985, 1, 1)


def test_plus_means_a_hundred_years_or_more() -> None:
    assert birth_date("121212+1212", dt.date(2021, 1, 1)) == dt.date(1912, 12, 12)


@pytest.mark.parametrize(
    ("pnr", "why"),
    [
        ("198501011234", "check digit"),
        ("851301-1234", "no valid date"),
        ("P-17", "is not a personnummer"),
        ("8501011234567", "is not a personnummer"),
    ],
)
def test_invalid_numbers_say_why(pnr: str, why: str) -> None:
    assert why in problem(pnr, TODAY)


def test_mask_keeps_the_date_and_hides_the_last_four_digits() -> None:
    assert mask("198501011234") == "19850101-****"
    assert mask("850101-1234") == "850101-****"
    assert mask("19850101+1234") == "19850101-****"


def test_mask_text_hides_numbers_inside_messages_but_not_dates() -> None:
    text = "value '198501011234' on 2021-03-01 (20210301), id 850101-1234"
    assert mask_text(text) == "value '19850101-****' on 2021-03-01 (20210301), id 850101-****"


@pytest.mark.parametrize("mark", ["\u00b2", "\u00b9", "\u2460", "\u2077"])
def test_a_footnote_mark_after_a_number_does_not_unmask_it(mark: str) -> None:
    # '²' is a digit to NFKC (850101-23822, no personnummer) but not to a reader.
    assert mask_text(f"id 850101+2382{mark} x") == f"id 850101-****{mark} x"
    assert mask_text(f"id ８５０１０１-２３８２{mark}") == f"id 850101-****{mark}"
    assert "2382" not in mask_text(f"{mark}198501012382")


@given(st.from_regex(r"\A(19|20)?\d{6}[-+]?\d{4}\Z"))
def test_no_masked_text_keeps_the_last_four_digits(pnr: str) -> None:
    assert mask(pnr).endswith("-****")
    assert mask_text(f"x {pnr} y").count("****") == 1


def test_a_number_that_lost_its_leading_zero_in_excel_is_named_and_masked() -> None:
    # 050101-1233 (born 2005) kept as a number in Excel reads 501011233.
    assert luhn_ok("0501011233")
    assert "leading 0" in problem("501011233", TODAY) and "text" in problem("501011233", TODAY)
    assert mask("501011233") == "050101-****"
    assert birth_date("501011233", dt.date(2022, 1, 1)) == dt.date(2005, 1, 1)
    assert mask_text("id 501011233 on row 4") == "id 50101-**** on row 4"
    assert "is not a personnummer" in problem("501011238", TODAY)  # the check digit disagrees


ID_SPELLINGS = st.one_of(
    st.from_regex(r"\A\s?(1[89]|20|21)?[0-9]{2}[01][0-9][0-9]{2}[-+ ]?[0-9]{4}\s?\Z"),
    st.text(alphabet="0123456789-+ .TFx\u2010\uff10\u0661", max_size=15),
)


@given(
    texts=st.lists(ID_SPELLINGS, max_size=40),
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
)
def test_a_column_is_keyed_at_once_as_each_id_alone(texts: list[str], day: dt.date) -> None:
    stripped = [text.strip() for text in texts]
    alone = [
        person_key(text, day) if text[:1].isdigit() or not text[:1].isascii() else None
        for text in stripped
    ]
    assert person_keys(np.array(stripped, dtype=object), day).tolist() == alone


@pytest.mark.parametrize("other", ["d0007", " D0007", "D0007\u200b", "Ｄ0007"])
def test_ids_that_differ_only_in_case_or_spacing_are_one_person(other: str) -> None:
    cells = pd.Series([f"D{i:04d}" for i in range(2_000)] + [other], dtype=object)
    ids = read_ids(cells, TODAY)
    assert ids.persons[-1] == ids.persons[7]
    assert ids.persons.max() == 1_999


def test_ids_of_one_case_are_each_a_person_of_their_own_numbered_in_order() -> None:
    cells = pd.Series([f"D{i % 1_500:04d}" for i in range(3_000)], dtype=object)
    ids = read_ids(cells, TODAY)
    assert ids.persons.tolist() == [i % 1_500 for i in range(3_000)]
    assert ids.keys.iloc[1_501] == "d0001"


@pytest.mark.parametrize(
    "written", ["1.98501012382E+11", "1,98501012382E+11", "1.98501012382e11", "8.501012382E+9"]
)
def test_a_number_in_scientific_notation_with_every_digit_is_that_number(written: str) -> None:
    # A program writing a CSV may write 198501012382 so: every digit is there.
    assert person_key(written, TODAY) == person_key("19850101-2382", TODAY) == "198501012382"
    assert problem(written, TODAY) is None
    assert birth_date(written, TODAY) == dt.date(1985, 1, 1)
    masked = "850101-****" if written.endswith("+9") else "19850101-****"
    assert mask(written) == mask_text(written) == masked


def test_a_number_in_scientific_notation_is_checked_as_that_number() -> None:
    assert "check digit" in problem("1.98501012383E+11", TODAY)
    assert "leading 0" in problem("5.01011233E+8", TODAY)  # 050101-1233, born 2005
    assert mask("5.01011233E+8") == mask("501011233") == "050101-****"
    assert "is not a personnummer" in problem("1.98501E+11", TODAY)  # rounded: digits lost


def test_an_id_column_reads_a_number_in_scientific_notation_as_the_number_typed() -> None:
    cells = ["1.98501012382E+11", "19850101-2382", " 8.501012382E+9 ", "1.98501E+11", "D7"]
    cells += ["1.2345678901E+10", "12345678901", "5.01011233E+8"]
    ids = read_ids(pd.Series(cells, dtype=object), TODAY)
    assert ids.persons.tolist() == [0, 0, 0, 1, 2, 3, 3, 4]
    assert ids.texts.tolist()[:4] == ["198501012382", "19850101-2382", "8501012382", "1.98501E+11"]
    assert ids.texts[7] == "501011233"  # named as a number that lost its leading 0
    assert ids.keys.tolist()[:4] == ["198501012382"] * 3 + ["1.98501e+11"]


@given(st.from_regex(r"\A(19|20)[0-9]{10}\Z|\A[1-9][0-9]{9}\Z"))
def test_an_id_column_keys_scientific_notation_as_the_digits(digits: str) -> None:
    written = f"{digits[0]}.{digits[1:]}E+{len(digits) - 1}"
    ids = read_ids(pd.Series([written, digits], dtype=object), TODAY)
    assert ids.keys.iloc[0] == ids.keys.iloc[1]
    assert ids.numbers[0] == person_key(digits, TODAY) == person_key(written, TODAY)
