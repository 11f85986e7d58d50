"""Ages in whole years, as the age field and age bands count them (the engine computes
them per distinct date and spreads them over the rows)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from esfkit.engine.evaluator import ages

DATES = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from([dt.date(2000, 2, 29), dt.date(2004, 2, 29), dt.date(2001, 3, 1)]),
)


def age_by_hand(birth: dt.date, at: dt.date) -> int:
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


@given(st.lists(st.tuples(st.none() | DATES, st.none() | DATES), min_size=0, max_size=40))
def test_ages_are_whole_years_and_missing_where_a_date_is(pairs) -> None:
    birth = pd.Series(pd.to_datetime([b for b, _ in pairs]), dtype="datetime64[ns]")
    at = pd.Series(pd.to_datetime([a for _, a in pairs]), dtype="datetime64[ns]")
    got = ages(birth, at).tolist()
    expected = [
        float(age_by_hand(b, a)) if b is not None and a is not None else None for b, a in pairs
    ]
    assert [None if np.isnan(x) else x for x in got] == expected


def test_the_day_before_a_birthday_and_the_day_itself() -> None:
    birth = pd.Series(pd.to_datetime(["2000-03-05", "2000-03-05", "2000-02-29", "2000-02-29"]))
    at = pd.Series(pd.to_datetime(["2018-03-04", "2018-03-05", "2018-02-28", "2018-03-01"]))
    assert ages(birth, at).tolist() == [17.0, 18.0, 17.0, 18.0]
