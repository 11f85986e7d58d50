"""A breakdown's label is its most common spelling, the first to appear among the counted
rows on a tie: the engine works on the reader's codes, numbered over every row of the file,
and must number them again over the rows it counts."""

from __future__ import annotations

from tests.conftest import run_cli

GOALS = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
goals:
  - {id: exits, title: Avslut, distribution: exit}
  - {id: insats, title: Insats, distribution: Insats}
"""
# Row 2 starts after the report date; row 3 has not exited yet, so its outcome does not
# count. Among the rows counted, 'praktik' comes before 'Praktik', 'Arbete' before
# 'arbete', one each: a tie, which the first to appear wins.
DATA = """\
Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Insats
1;Kvinna;Berg;2031-01-01;;;Praktik
2;Kvinna;Berg;2021-01-01;2030-01-01;arbete;praktik
3;Man;Berg;2021-01-01;2021-04-01;Arbete;Praktik
4;Kvinna;Berg;2021-01-01;2021-04-01;arbete;Vägledning
"""


def test_a_tie_between_spellings_goes_to_the_first_counted_row(write) -> None:
    run = run_cli(
        "check",
        write("g.yml", GOALS),
        write("d.csv", DATA),
        "--as-of",
        "2021-12-31",
        "-f",
        "markdown",
    )
    assert run.exit_code == 0, run.stderr
    labels = [line.split(" | ")[0].strip("| ") for line in run.stdout.splitlines()]
    assert "Arbete" in labels and "arbete" not in labels
    assert "praktik" in labels and "Praktik" not in labels
