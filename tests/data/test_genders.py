"""Gender codes as typed to women / men / nonbinary / unknown (genders_of), and the codes
esfkit does not know refused through the data checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from esfkit.data.genders import BUILTIN_CODES, GENDERS, gender_series, genders_of
from esfkit.data.table import Distinct
from esfkit.errors import GoalFileError
from tests.conftest import run_cli_en


def genders(*values: str, extra: dict[str, str] | None = None) -> list[str | None]:
    coded = Distinct.of(pd.Series(list(values), dtype=object))
    positions = genders_of(coded, extra or {})[coded.codes]
    return [GENDERS[p] if p >= 0 else None for p in positions]


@pytest.mark.parametrize(
    ("typed", "gender"),
    [
        ("Kvinna", "women"),
        ("kvinna ", "women"),
        ("KVINNOR", "women"),
        ("K", "women"),
        ("F", "women"),
        ("Female", "women"),
        ("Tjej", "women"),
        ("Flicka", "women"),
        ("Man", "men"),
        ("Män", "men"),
        ("M", "men"),
        ("male", "men"),
        ("Kille", "men"),
        ("Icke-binär", "nonbinary"),
        ("icke  binär", "nonbinary"),
        ("Ickebinär", "nonbinary"),
        ("Non-binary", "nonbinary"),
        ("Okänt", "unknown"),
        ("", "unknown"),
        ("   ", "unknown"),
    ],
)
def test_builtin_codes(typed: str, gender: str) -> None:
    assert genders(typed) == [gender]


def test_result_is_categorical_over_all_four_genders_with_the_same_index() -> None:
    result = gender_series(np.array([0, 1], dtype=np.int8), pd.Index([7, 9]))
    assert isinstance(result.dtype, pd.CategoricalDtype)
    assert tuple(result.cat.categories) == GENDERS
    assert result.index.tolist() == [7, 9]
    assert result.value_counts().to_dict() == {"women": 1, "men": 1, "nonbinary": 0, "unknown": 0}


def test_builtin_codes_are_normalised_and_map_to_genders() -> None:
    for code, gender in BUILTIN_CODES.items():
        assert code == " ".join(code.casefold().split())
        assert gender in GENDERS


def test_other_is_not_guessed() -> None:
    assert genders("Annat", "kvina") == [None, None]


def test_goal_file_codes_extend_and_override_the_builtin_ones() -> None:
    extra = {"Annat ": "unknown", "X": "nonbinary", "M": "women", "D": "kvinna"}
    assert genders("annat", "x", "m", "d", "K", extra=extra) == [
        "unknown",
        "nonbinary",
        "women",
        "women",
        "women",
    ]


def test_goal_file_code_to_a_non_gender_is_a_goal_file_error() -> None:
    with pytest.raises(GoalFileError) as caught:
        genders("x", extra={"x": "wommen"})
    assert "women" in caught.value.hint


GOALS = (
    "version: 1\nproject: {name: T, start: 2021-01-01, end: 2021-12-31}\n"
    "goals:\n  - {id: a, title: A, count: everyone}\n"
)


def test_unknown_codes_stop_check_naming_rows_column_values_and_how_to_declare_them(
    write,
) -> None:
    goals = write("g.yml", GOALS)
    data = write("exits.csv", "Deltagar-ID;Kön\nD1;K\nD2;Q\nD3;kvina\nD4;\nD5;Q\nD6;Z\n")
    run = run_cli_en("check", goals, data)
    assert run.exit_code == 2
    assert "exits.csv, rows 3, 6, column 'Kön': 'Q' is not a known gender" in run.stderr
    assert "exits.csv, row 7, column 'Kön': 'Z' is not a known gender" in run.stderr
    assert "row 5" not in run.stderr  # a blank cell is an unknown gender, not an error
    assert "data.genders" in run.stderr and "`Q: women`" in run.stderr


def test_a_near_miss_suggests_the_code_it_resembles(write) -> None:
    goals = write("g.yml", GOALS)
    data = write("exits.csv", "Deltagar-ID;Kön\nD1;Kvinan\n")
    run = run_cli_en("validate", goals, data)
    assert run.exit_code == 2
    assert "did you mean 'kvinna'" in run.stdout + run.stderr


def test_a_file_without_a_gender_column_counts_everyone_as_unknown(write) -> None:
    from tests.conftest import run_cli

    goals = write(
        "g.yml",
        "version: 1\nproject: {name: T, start: 2021-01-01, end: 2021-12-31}\n"
        "goals:\n  - {id: a, title: A, count: everyone}\n",
    )
    data = write("d.csv", "Deltagar-ID;Kommun\nD1;Berg\nD2;Åre\n")
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-f", "json")
    assert run.exit_code == 0, run.stderr
    cells = run.json()["goals"][0]["cells"]
    assert [c["value"] for c in cells if c["dims"] == {"gender": "unknown"}] == [2], cells
