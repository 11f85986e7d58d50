"""map_genders: typed gender codes to women / men / nonbinary / unknown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from esfkit.data.genders import BUILTIN_CODES, GENDERS, map_genders
from esfkit.errors import DataError, GoalFileError


def genders(*values: str, extra: dict[str, str] | None = None) -> list[str]:
    s = pd.Series(list(values), dtype=object)
    return map_genders(s, extra or {}, "Kön", np.arange(2, len(s) + 2), "exits.xlsx").tolist()


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
    s = pd.Series(["K", "M"], index=[7, 9], dtype=object)
    result = map_genders(s, {}, "Kön", np.array([2, 3]), "f")
    assert isinstance(result.dtype, pd.CategoricalDtype)
    assert tuple(result.cat.categories) == GENDERS
    assert result.index.tolist() == [7, 9]
    assert result.value_counts().to_dict() == {"women": 1, "men": 1, "nonbinary": 0, "unknown": 0}


def test_builtin_codes_are_normalised_and_map_to_genders() -> None:
    for code, gender in BUILTIN_CODES.items():
        assert code == " ".join(code.casefold().split())
        assert gender in GENDERS


def test_other_is_not_guessed() -> None:
    with pytest.raises(DataError):
        genders("Annat")


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


def test_unknown_codes_name_rows_column_values_and_how_to_declare_them() -> None:
    s = pd.Series(["K", "Q", "kvina", "", "Q", "Z", "W"], dtype=object)
    with pytest.raises(DataError) as caught:
        map_genders(s, {}, "Kön", np.array([3, 4, 5, 6, 7, 8, 9]), "exits.xlsx")
    error = caught.value
    assert error.where.file == "exits.xlsx"
    assert error.where.column == "Kön"
    assert error.where.rows == (4, 5, 7, 8, 9)
    assert "'Q', 'kvina', 'Z'" in error.message and "'W'" not in error.message
    assert "data.genders" in error.hint and "`Q: women`" in error.hint


def test_a_near_miss_suggests_the_code_it_resembles() -> None:
    with pytest.raises(DataError) as caught:
        genders("Kvinan")
    assert "did you mean 'kvinna'" in caught.value.hint


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
