"""The note under a share says who is outside its denominator in the goal's own terms,
never the goal file's words (issue 13, item 9)."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

HEADER = "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Enkät nöjd;Plan;Ålder"
# 4 still enrolled; 6 left: 3 to work, 2 to studies, 1 without an outcome; of those who
# left 4 answered the survey (2 blank); the plan is Ja 5, Nej 3, blank 2.
ROWS = [
    "P01;Kvinna;Berg;2021-01-10;;;;Ja;30",
    "P02;Man;Berg;2021-01-10;;;;Nej;40",
    "P03;Kvinna;Åre;2021-02-10;;;;;22",
    "P04;Man;Åre;2021-02-10;;;;;19",
    "P05;Kvinna;Berg;2021-01-10;2021-05-01;Arbete;Ja;Ja;30",
    "P06;Man;Berg;2021-01-10;2021-05-01;Arbete;Nej;Ja;31",
    "P07;Kvinna;Åre;2021-01-10;2021-05-01;Arbete;Ja;Ja;45",
    "P08;Man;Åre;2021-01-10;2021-05-01;Studier;Ja;Nej;18",
    "P09;Kvinna;Berg;2021-01-10;2021-05-01;Studier;;Ja;50",
    "P10;Man;Berg;2021-01-10;2021-05-01;;;Nej;60",
]
GOALS = """\
version: 1
project: {name: P, start: 2021-01-01, end: 2022-12-31}
outcomes:
  work: [Arbete]
breakdown: [gender]
goals:
  - {id: exited, title: Arbete av avslutade, share: {exit: work}, of: exited}
  - {id: enrolled, title: Plan bland inskrivna, share: {Plan: Ja}, of: enrolled}
  - {id: survey, title: Nöjda, share: {Enkät nöjd: Ja}, of: {Enkät nöjd: [Ja, Nej]}}
  - id: both
    title: Nöjda avslutade
    share: {Enkät nöjd: Ja}
    of: {all: [exited, {Enkät nöjd: [Ja, Nej]}]}
  - {id: value, title: Arbete med plan, share: {exit: work}, of: {Plan: Ja}}
  - {id: blank, title: Plan ifylld, share: {Plan: Ja}, of: {Plan: {missing: false}}}
  - {id: group, title: Nöjda i arbete, share: {Enkät nöjd: Ja}, of: {exit: work}}
  - {id: other, title: Vuxna, share: {exit: work}, of: {Ålder: {min: 25}}}
"""
NOTES = {
    "sv": [
        "4 är fortfarande inskrivna och räknas inte i andelen",
        "6 har redan avslutats och räknas inte i andelen",
        "6 svarade inte Ja eller Nej på Enkät nöjd och räknas inte i andelen",
        "6 är fortfarande inskrivna eller svarade inte Ja eller Nej på Enkät nöjd och räknas"
        " inte i andelen",
        "5 har inte Ja i Plan och räknas inte i andelen",
        "2 har inget ifyllt i Plan och räknas inte i andelen",
        "7 är fortfarande inskrivna, har avslutats av ett annat skäl eller har avslutats utan"
        " avslutsorsak och räknas inte i andelen",
        "3 har Ålder utanför målets urval och räknas inte i andelen",
    ],
    "en": [
        "4 are still enrolled and are not counted in the share",
        "6 have already left and are not counted in the share",
        "6 did not answer Ja or Nej to Enkät nöjd and are not counted in the share",
        "6 are still enrolled or did not answer Ja or Nej to Enkät nöjd and are not counted in"
        " the share",
        "5 do not have Ja under Plan and are not counted in the share",
        "2 have nothing filled in under Plan and are not counted in the share",
        "7 are still enrolled, left for another reason or left without an exit outcome and are"
        " not counted in the share",
        "3 have Ålder outside the goal's selection and are not counted in the share",
    ],
}


@pytest.fixture
def files(tmp_path):
    (tmp_path / "goals.yml").write_text(GOALS, encoding="utf-8")
    (tmp_path / "data.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return tmp_path / "goals.yml", tmp_path / "data.csv"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_share_note_says_who_is_outside_the_denominator_in_plain_words(files, lang):
    goals, data = files
    run = run_cli("check", goals, data, "--as-of", "2021-06-30", "-f", "markdown", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    notes = [line[2:] for line in run.stdout.splitlines() if line.startswith("- ")]
    counted = [n for n in notes if n.endswith(("i andelen", "in the share"))]
    assert counted == NOTES[lang]


@pytest.mark.parametrize("fmt", ["markdown", "text", "html", "table"])
def test_no_goal_file_jargon_reaches_the_report(files, fmt):
    goals, data = files
    for lang in ("sv", "en"):
        run = run_cli("check", goals, data, "--as-of", "2021-06-30", "-f", fmt, "--lang", lang)
        assert run.exit_code == 0, run.stderr
        words = " ".join(run.stdout.split())
        for jargon in ("of-", "i of", "`of`", "nämnaren", "denominator", "work"):
            assert jargon not in words, (fmt, lang, jargon)


# The words come from the definition, never from the rows: the same goals over rows that
# leave out other kinds of people (every exit with an outcome, no plan but Ja or blank, a
# survey answer that is neither Ja nor Nej) say the same words; only the counts differ, so
# the words tell nothing about a count that suppression hides (issue 14).
OTHER_ROWS = [
    "P01;Kvinna;Berg;2021-01-10;2021-05-01;Arbete;Ja;;30",
    "P02;Man;Berg;2021-01-10;2021-05-01;Arbete;Nej;;40",
    "P03;Kvinna;Åre;2021-02-10;2021-05-01;Studier;Vet ej;;22",
    "P04;Man;Åre;2021-02-10;2021-05-01;Arbete;Ja;Ja;19",
    "P05;Kvinna;Berg;2021-01-10;;;;;30",
]
MORE_GOALS = """\
  - id: answered_exits
    title: Nöjda bland avslutade som svarat
    share: {Enkät nöjd: Ja}
    of: {all: [exited, {Enkät nöjd: {missing: false}}, {exit: {missing: false}}]}
"""


def _outside_notes(folder, rows: list[str], lang: str) -> list[str]:
    folder.mkdir()
    (folder / "goals.yml").write_text(GOALS + MORE_GOALS, encoding="utf-8")
    (folder / "data.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    args = ("--as-of", "2021-06-30", "-f", "markdown", "--lang", lang)
    run = run_cli("check", folder / "goals.yml", folder / "data.csv", *args)
    assert run.exit_code == 0, run.stderr
    return [line for line in run.stdout.splitlines() if line.endswith(("andelen", "the share"))]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_notes_words_do_not_depend_on_the_rows(tmp_path, lang):
    first = _outside_notes(tmp_path / "a", ROWS, lang)
    second = _outside_notes(tmp_path / "b", OTHER_ROWS, lang)
    assert len(first) == len(second) == 9
    for one, other in zip(first, second, strict=True):
        assert one.split(" ", 2)[2] == other.split(" ", 2)[2]  # all but the count
    every_part = {
        "sv": "är fortfarande inskrivna, svarade inte på Enkät nöjd eller har avslutats utan"
        " avslutsorsak",
        "en": "are still enrolled, did not answer Enkät nöjd or left without an exit outcome",
    }
    assert every_part[lang] in first[-1] and every_part[lang] in second[-1]
