"""The population's persons: each one's latest enrolment and first start."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from esfkit.engine.population import _latest_per_person

ENROLMENTS = st.lists(
    st.tuples(st.integers(0, 6), st.one_of(st.none(), st.integers(0, 4))), max_size=40
)


@settings(max_examples=200, deadline=None)
@given(enrolments=ENROLMENTS, seed=st.integers(0, 2**32 - 1))
def test_each_person_is_counted_at_the_latest_enrolment_from_the_first_start(
    enrolments: list[tuple[int, int | None]], seed: int
) -> None:
    rows = np.random.default_rng(seed).permutation(len(enrolments)) + 2
    days = [pd.NaT if day is None else pd.Timestamp(2021, 1, 1 + day) for _, day in enrolments]
    frame = pd.DataFrame({"_start": pd.to_datetime(pd.Series(days)), "_row": rows})
    key = np.array([person for person, _ in enrolments], dtype=np.int64)
    picked, first = _latest_per_person(frame, key)

    expected = {}  # person -> (latest (start, row), first start)
    for position, (person, day) in enumerate(enrolments):
        mark = (-1 if day is None else day, rows[position])
        latest, earliest = expected.get(person, ((-2, 0), None))
        if day is not None:
            earliest = day if earliest is None else min(earliest, day)
        expected[person] = (max(latest, mark), earliest)
    by_row = sorted(expected.values(), key=lambda pair: pair[0][1])
    assert frame["_row"].to_numpy()[picked].tolist() == [row for (_, row), _ in by_row]
    assert [None if pd.isna(day) else (day - pd.Timestamp(2021, 1, 1)).days for day in first] == [
        earliest for _, earliest in by_row
    ]
