"""Issue 10, classes 2 and 6: one person however the personnummer is spelt, and no
personnummer printed in any spelling.

The checker of masked text (:func:`date_shaped_numbers`) reads digits its own way, apart
from esfkit's masking pattern: a number is a maximal run of digits of any script, with
invisible characters inside it ignored; a leak is such a run of 10 or 12 digits, or a
run of 6 or 8 followed by four (or by 'TF' and two) across nothing but separators,
whose birth date has a possible month and day (day + 60 for a samordningsnummer).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.data.personnummer import birth_date, person_key, problem
from esfkit.privacy import mask_text
from tests.conftest import run_cli_en as run_cli

AS_OF = dt.date(2023, 6, 30)
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = " \u00a0\u2007\u2009\u202f\u3000"
SEPARATORS = ["", ".", "/", " - ", " \u2013 ", "\u200b", "\u00a0-\u00a0", "\x07"]
SEPARATORS += [*DASHES, *SPACES]
# Decimal digits of other scripts (full-width, Arabic-Indic, Devanagari, mathematical bold).
DIGIT_ZEROS = ("0", "\uff10", "\u0660", "\u0966", "\U0001d7ce")


def luhn_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 - index % 2)
        total += product - 9 if product > 9 else product
    return str((10 - total % 10) % 10)


def number(born: dt.date, serial: int, coordination: bool = False, valid: bool = True) -> str:
    """Ten digits YYMMDDNNNC; the day plus 60 for a samordningsnummer."""
    nine = f"{born:%y%m}{born.day + (60 if coordination else 0):02d}{serial:03d}"
    check = luhn_digit(nine)
    return nine + (check if valid else str((int(check) + 1) % 10))


def spell(ten: str, born: dt.date, twelve: bool, separator: str, zero: str = "0") -> str:
    """One spelling of the number ``ten`` (or of a TF id, 'YYMMDDTFnn')."""
    date = (f"{born.year // 100}" if twelve else "") + ten[:6]
    text = date + separator + ten[6:]
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)


# --- the independent checker ---------------------------------------------------------------


def _digit(char: str) -> str | None:
    value = unicodedata.decimal(char, None)
    if value is None:
        compatible = unicodedata.normalize("NFKC", char)
        value = int(compatible) if len(compatible) == 1 and compatible.isdigit() else None
    return None if value is None else str(value)


def _is_separator(char: str) -> bool:
    return (
        (char.isspace() and char not in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        or unicodedata.category(char) == "Pd"
        or unicodedata.normalize("NFKC", char) in ("+", ".", "/", "-")
        or char in "\u2212\u2043\u2044\u2215\u2796\u02d7"
    )


def _date_shaped(date: str) -> bool:
    month, day = int(date[-4:-2]), int(date[-2:])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def date_shaped_numbers(text: str) -> list[str]:
    """Every personnummer-shaped number left in ``text`` (see the module's docstring)."""
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Mn") or c == "\n")
    runs: list[tuple[int, int, str]] = []  # start, end, digits
    position = 0
    while position < len(kept):
        if _digit(kept[position]) is None:
            position += 1
            continue
        start, digits = position, ""
        while position < len(kept) and _digit(kept[position]) is not None:
            digits += _digit(kept[position])
            position += 1
        runs.append((start, position, digits))
    found = [d for _, _, d in runs if len(d) in (10, 12) and _date_shaped(d[:-4])]
    for (_, end, first), (start, _, second) in itertools.pairwise(runs):
        gap = kept[end:start]
        shaped = len(first) in (6, 8) and _date_shaped(first) and len(second) == 4
        if shaped and len(gap) <= 5 and all(map(_is_separator, gap)):
            found.append(first + gap + second)
    for _, end, first in runs:
        rest = unicodedata.normalize("NFKC", kept[end : end + 10]).casefold()
        if len(first) in (6, 8) and _date_shaped(first):
            gap = len(rest) - len(rest.lstrip("".join(c for c in rest if _is_separator(c))))
            tail = rest[gap:]
            if tail[:2] == "tf" and len(tail) >= 4 and tail[2:4].isdigit():
                found.append(first + "TF" + tail[2:4])
    return found


def test_the_checker_finds_what_it_should() -> None:
    assert date_shaped_numbers("x 850101 2382 y") == ["850101 2382"]
    assert date_shaped_numbers("8501012382") == ["8501012382"]
    assert date_shaped_numbers("19850101TF29")
    assert date_shaped_numbers("2021-03-01, 20210301, 1234567, 851301 2382") == []


# --- masking: every spelling ---------------------------------------------------------------

births = st.dates(dt.date(1900, 1, 1), dt.date(2023, 6, 30))
text_around = st.text(
    alphabet=st.characters(blacklist_categories=("Nd", "No", "Cs", "Cf", "Cc", "Mn")),
    max_size=12,
)


@pytest.mark.slow  # 400 examples; masking cases stay fast in tests/data/test_personnummer.py
@settings(max_examples=400, deadline=None)
@given(
    born=births,
    serial=st.integers(0, 999),
    coordination=st.booleans(),
    valid=st.booleans(),
    twelve=st.booleans(),
    separator=st.sampled_from([*SEPARATORS, "+", "\x00"]),  # a CSV with NUL is refused
    zero=st.sampled_from(DIGIT_ZEROS),
    protected=st.booleans(),
    before=text_around,
    after=text_around,
)
def test_no_spelling_of_a_personnummer_survives_masking(
    born, serial, coordination, valid, twelve, separator, zero, protected, before, after
) -> None:
    ten = number(born, serial, coordination, valid)
    if protected:
        ten = ten[:6] + "TF" + ten[-2:]
    typed = spell(ten, born, twelve, separator, zero)
    masked = mask_text(f"{before}{typed}{after}")
    assert date_shaped_numbers(masked) == [], (typed, masked)
    assert masked.startswith(before) and masked.endswith(after)
    assert f"{born.year // 100 if twelve else ''}{ten[:6]}-****" in masked


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-01",
        "20210301",
        "2021-03-01–2022-03-01",
        "20210301-20220301",
        "1234567 deltagare",
        "rad 3, 9, 12",
        "1 234 567",
        "851301 2382",  # no such month: not date-shaped with a space
    ],
)
def test_dates_and_counts_stay_as_they_are(text: str) -> None:
    assert mask_text(text) == text


# --- one person: every spelling is one key --------------------------------------------------


@st.composite
def person(draw, first: dt.date, last: dt.date) -> tuple[dt.date, str, list[str]]:
    """A birth date, the person key's last ten characters (YYMMDDNNNC, or YYMMDDTFnn for a
    protected identity; samordningsnummer too) and two or more spellings of it."""
    born = draw(st.dates(first, last))
    ten = number(born, draw(st.integers(0, 999)), coordination=draw(st.booleans()))
    if draw(st.booleans()):
        ten = ten[:6] + "TF" + ten[-2:]
    how = st.tuples(st.booleans(), st.sampled_from(SEPARATORS), st.sampled_from(DIGIT_ZEROS))
    spellings = draw(st.lists(how, min_size=2, max_size=8))
    return born, ten, [spell(ten, born, *one) for one in spellings]


@pytest.mark.slow  # 300 examples
@settings(max_examples=300, deadline=None)
@given(person(dt.date(1924, 7, 1), dt.date(2023, 6, 30)))
def test_every_spelling_is_one_key_and_one_birth_date(person) -> None:
    born, ten, typed = person
    keys = {person_key(t, AS_OF) for t in typed}
    assert keys == {f"{born.year // 100}{ten}"}
    assert {birth_date(t, AS_OF) for t in typed} == {born}
    assert {problem(t, AS_OF) for t in typed} == {None}


def test_plus_is_a_hundred_years_or_more_and_the_report_date_decides_the_century() -> None:
    assert person_key("121212+1212", AS_OF) == person_key("191212121212", AS_OF)
    assert person_key("121212 + 1212", AS_OF) == "191212121212"
    assert person_key("121212-1212", AS_OF) == "201212121212"
    # Born 1 July: not yet born in 2023 at the report date 30 June, so 1923 (age 99).
    assert person_key("230701-1234", AS_OF) == "192307011234"
    assert person_key("230630-1234", AS_OF) == "202306301234"


GOALS = """\
version: 1
project: {name: Test, start: 2020-01-01, end: 2023-12-31}
goals:
  - {id: everyone, title: Alla, count: everyone}
  - {id: young, title: Unga, count: {age: {max: 29}}}
"""
HEADER = "Personnummer;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"


def _rows(ids: list[str]) -> str:
    """One enrolment per id, each a year after the one before: re-enrolments."""
    lines = [
        f"{pnr};Kvinna;Östersund;{2020 + i // 4}-{1 + 3 * (i % 4):02d}-01;"
        f"{2020 + i // 4}-{2 + 3 * (i % 4):02d}-01;Studier\n"
        for i, pnr in enumerate(ids)
    ]
    return HEADER + "".join(lines)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(person(dt.date(1930, 1, 1), dt.date(2004, 12, 31)))
def test_a_person_spelt_every_way_is_one_person_through_check(write, person) -> None:
    born, _, ids = person
    goals, data = write("goals.yml", GOALS), write("data.csv", _rows(ids))
    result = run_cli("check", goals, data, "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert report["population"]["persons"] == 1
    assert report["population"]["enrolments"] == len(ids)
    assert {f["kind"] for f in report["findings"]} == {"re_enrolments"}
    young = next(g for g in report["goals"] if g["id"] == "young")["cells"][0]["value"]
    assert young == (born > dt.date(1990, 1, 1))  # 29 or less at the first start, 2020-01-01
    assert date_shaped_numbers(re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", result.stdout)) == []
    listed = run_cli("validate", goals, data, "--as-of", AS_OF.isoformat())
    assert listed.exit_code == 0, listed.stdout
    assert "re_enrolment (1)" in listed.stdout
    assert "invalid_personnummer" not in listed.stdout
    assert date_shaped_numbers(listed.stdout) == []


def test_two_spellings_of_one_enrolment_overlap(write) -> None:
    data = HEADER + (
        "850101-2382;Kvinna;Östersund;2021-01-01;;\n19850101 2382;Kvinna;Östersund;2021-01-01;;\n"
    )
    goals = write("goals.yml", GOALS)
    listed = run_cli("validate", goals, write("d.csv", data), "--as-of", AS_OF.isoformat())
    assert "overlapping_enrolments (1)" in listed.stdout
    assert "850101-****" in listed.stdout and "2382" not in listed.stdout


def test_explain_names_the_other_spelling_as_the_same_person(write) -> None:
    data = _rows(["850101-2382", "8501012382", "850101–2382", "19850101.2382"])
    goals = write("goals.yml", GOALS)
    args = ["explain", goals, write("d.csv", data), "everyone", "--as-of", AS_OF.isoformat()]
    found = json.loads(run_cli(*args, "--format", "json").stdout)
    assert found["denominator"]["count"] == 1
    assert found["same_person"] == {"5": [2, 3, 4]}


@pytest.mark.parametrize(
    "pnr",
    [
        "19850101TF29",
        "19850101tf29",
        "850101TF29",
        "19850101-TF29",
        "19850101 Tf12",
        "850161-1233",  # samordningsnummer
        "198501611233",
        "850101 2382",
        "850101–2382",
        "850101.2382",
        "850101/2382",
        "19850101\u00a02382",
        "８５０１０１－２３８２",
    ],
)
def test_valid_ids_in_any_spelling_are_never_invalid(write, pnr: str) -> None:
    # More than half the column must look like personnummer for the check to apply.
    data = _rows([pnr, "811218-9876", "121212-1212"])
    result = run_cli("validate", write("g.yml", GOALS), write("d.csv", data), "--strict")
    assert "invalid_personnummer" not in result.stdout, result.stdout


@pytest.mark.parametrize("rounded", ["1,98501E+11", "1.98501E+11", "8,50101E+09", "1E+11"])
def test_an_id_excel_rounded_is_an_error_not_one_person(write, rounded: str) -> None:
    """A 12-digit personnummer in a General column shows, and is saved to CSV, as
    1,98501E+11: two persons born the same day would be one."""
    data = _rows([rounded, "811218-9876", rounded])
    for command in ("check", "validate"):
        run = run_cli(command, write("g.yml", GOALS), write("d.csv", data), "--as-of", "2023-06-30")
        assert run.exit_code == 2
        shown = run.stdout + run.stderr
        assert "rounded_id" in shown or "Excel rounded" in shown, shown
        assert "rows 2, 4" in shown and "format the id column as text" in shown, shown


@pytest.mark.parametrize("written", ["1.98501012382E+11", "1,98501012382E+11", "8.501012382E+9"])
def test_a_personnummer_in_scientific_notation_with_every_digit_is_never_shown(
    write, written: str
) -> None:
    """A CSV written by a program, not by Excel, may keep every digit: 1.98501012382E+11
    is 198501012382, a whole personnummer."""
    data = _rows([written, "811218-9876", "121212-1212"])
    run = run_cli("validate", write("g.yml", GOALS), write("d.csv", data), "--as-of", "2023-06-30")
    digits = written.replace(",", ".").split("E")[0].replace(".", "")
    assert digits[1:] not in run.stdout + run.stderr, run.stdout
    assert digits[1:] not in mask_text(f"ring {written}")


@pytest.mark.parametrize("written", ["1.98501012382E+11", "1,98501012382E+11", "8.501012382E+9"])
def test_a_personnummer_in_scientific_notation_with_every_digit_is_that_person(
    write, written: str
) -> None:
    """Every digit is there: the same person as 19850101-2382 typed in another row, with
    no rounded_id and no invalid personnummer."""
    goals, data = write("g.yml", GOALS), write("d.csv", _rows([written, "19850101-2382"]))
    result = run_cli("check", goals, data, "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert (report["population"]["persons"], report["population"]["enrolments"]) == (1, 2)
    assert {f["kind"] for f in report["findings"]} == {"re_enrolments"}
    listed = run_cli("validate", goals, data, "--as-of", AS_OF.isoformat())
    assert listed.exit_code == 0, listed.stdout
    assert "re_enrolment (1)" in listed.stdout and "rows 2, 3" in listed.stdout
    assert "rounded_id" not in listed.stdout and "invalid_personnummer" not in listed.stdout
    assert "2382" not in listed.stdout + result.stdout


def test_only_an_id_that_lost_digits_is_rounded(write) -> None:
    data = _rows(["1.98501012382E+11", "1.98501E+11", "811218-9876", "19850101-2382"])
    goals, path = write("g.yml", GOALS), write("d.csv", data)
    run = run_cli("check", goals, path, "--as-of", AS_OF.isoformat())
    assert run.exit_code == 2 and "1.98501E+11" in run.stdout + run.stderr
    listed = run_cli("validate", goals, path, "--as-of", AS_OF.isoformat())
    assert listed.exit_code == 2
    assert "rounded_id (1)" in listed.stdout and "re_enrolment (1)" in listed.stdout
    assert "d.csv, row 3, column 'Personnummer': id '1.98501E+11'" in listed.stdout
    assert "format the id column as text" in listed.stdout
    assert "rows 2, 5" in listed.stdout and "2382" not in listed.stdout


@pytest.mark.parametrize(
    ("pnr", "why"),
    [("19850101-2383", "check digit"), ("851301 2382", "no valid date"), ("19851301TF29", "date")],
)
def test_invalid_ids_are_named_masked(write, pnr: str, why: str) -> None:
    data = _rows([pnr, "811218-9876", "121212-1212"])
    result = run_cli("validate", write("g.yml", GOALS), write("d.csv", data))
    assert "invalid_personnummer (1)" in result.stdout and why in result.stdout
    assert pnr not in result.stdout and date_shaped_numbers(result.stdout) == []


# --- a personnummer typed in any cell is masked in what esfkit prints -----------------------

LEAKY_GOALS = """\
version: 1
project: {name: Test, start: 2020-01-01, end: 2023-12-31}
data:
  columns: {id: Id}
goals:
  - {id: exits, title: Avslut, distribution: exit}
  - {id: notes, title: Kommentarer, distribution: Kommentar}
  - {id: everyone, title: Alla, count: everyone, breakdown: [municipality]}
"""


@pytest.mark.parametrize("separator", ["", "-", " ", "–", ".", "/", "\u00a0", " - ", "\u2011"])
def test_a_personnummer_typed_in_any_cell_never_reaches_the_output(write, separator) -> None:
    pnr = f"850101{separator}2382"
    data = (
        "Id;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Kommentar\n"
        f"D1;Kvinna;{pnr};2021-01-01;2021-02-01;{pnr};{pnr}\n"
        f"D2;Man;Berg;2021-01-01;2021-02-01;Studier;ring {pnr} igen\n"
    )
    goals, path = write("goals.yml", LEAKY_GOALS), write("d.csv", data)
    as_of = ("--as-of", AS_OF.isoformat())
    outputs = [run_cli("validate", goals, path, *as_of).stdout]
    for fmt in ("json", "markdown", "csv", "text"):
        result = run_cli("check", goals, path, *as_of, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout + result.stderr)
    explained = run_cli("explain", goals, path, "exits", *as_of, "--where", f"exit={pnr}")
    outputs.append(explained.stdout + explained.stderr)
    for text in outputs:
        assert "2382" not in text and date_shaped_numbers(text) == [], text


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{goals}", "{data}", "--x{pnr}"],  # an unknown option
        ["check", "{goals}", "{data}", "--format", "{pnr}"],  # a value not among the choices
        ["check", "{goals}", "{data}", "--lang", "{pnr}"],
        ["history", "{goals}", "also-{pnr}"],  # an argument too many (check takes files)
        ["x{pnr}"],  # an unknown command
        ["indicators", "{pnr}"],  # an unknown command of a group
        ["--x{pnr}"],  # an unknown option of esfkit itself
    ],
)
def test_a_personnummer_on_the_command_line_is_masked_in_click_s_usage_errors(write, args) -> None:
    files = {"goals": write("goals.yml", LEAKY_GOALS), "data": write("d.csv", _rows(["D1"]))}
    for pnr in ("850101-2382", "19850101 2382", "8501012382"):
        run = run_cli(*(a.format(pnr=pnr, **files) for a in args))
        assert run.exit_code == 2
        assert "Error:" in run.stderr and "850101" in run.stderr, run.stderr
        assert date_shaped_numbers(run.stdout + run.stderr) == [], run.stderr


def test_a_goal_filter_on_the_id_matches_every_spelling(write) -> None:
    goals = GOALS + "  - {id: others, title: Andra, count: {not: {id: 19850101-2382}}}\n"
    data = _rows(["850101 2382", "811218-9876", "8501012382"])
    run = run_cli(
        "check",
        write("g.yml", goals),
        write("d.csv", data),
        "--as-of",
        AS_OF.isoformat(),
        "-f",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    others = next(g for g in run.json()["goals"] if g["id"] == "others")
    assert others["cells"][0]["value"] == 1


def test_values_masked_alike_are_one_row_whose_parts_add_up(write) -> None:
    """Two personnummer typed as outcomes show alike once masked: one row, never two rows a
    reader cannot tell apart (the renderers key a row by what it shows, which once lost one)."""
    data = (
        "Id;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Kommentar\n"
        "D1;Kvinna;Berg;2021-01-01;2021-02-01;850101-2382;x\n"
        "D2;Man;Berg;2021-01-01;2021-02-01;8501012382;x\n"
        "D3;Man;Berg;2021-01-01;2021-02-01;811218-9876;x\n"
    )
    run = run_cli(
        "check",
        write("goals.yml", LEAKY_GOALS),
        write("d.csv", data),
        "--as-of",
        AS_OF.isoformat(),
        "-f",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    exits = next(g for g in run.json()["goals"] if g["id"] == "exits")
    totals = [c for c in exits["cells"] if set(c["dims"]) == {"exit"}]
    shown = [c["dims"]["exit"] for c in totals]
    assert len(shown) == len(set(shown)) == 2
    assert sorted(c["value"] for c in totals) == [1, 2]
