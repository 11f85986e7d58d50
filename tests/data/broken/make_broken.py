"""Write the broken inputs of this folder and their index, cases.yml.

Run once with `python tests/data/broken/make_broken.py`; the files are committed, so the
tests never depend on this script. Each case is what a project manager's file really looks
like when it goes wrong: the note says what is wrong, `expect` what the message must name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import openpyxl
import yaml

HERE = Path(__file__).resolve().parent
HEADER = ["Deltagar-ID", "Kön", "Kommun", "Inskrivningsdatum", "Avslutsdatum", "Avslutsorsak"]
ROWS = [
    ["D001", "Kvinna", "Piteå", "2021-01-11", "2021-06-30", "Arbete"],
    ["D002", "Man", "Piteå", "2021-01-18", "2021-05-14", "Studier"],
    ["D003", "Kvinna", "Luleå", "2021-02-01", "", ""],
    ["D004", "M", "Luleå", "2021-02-08", "2021-09-01", "Arbete"],
    ["D005", "K", "Piteå", "2021-03-01", "", ""],
    ["D006", "Man", "Luleå", "2021-03-15", "2021-11-30", "Återgång till remittent"],
    ["D007", "Kvinna", "Piteå", "2021-04-06", "2021-10-01", "Studier"],
]

GOALS = """\
version: 1
project: {name: Broken inputs, start: 2021-01-01, end: 2022-12-31}
outcomes:
  work: [Arbete]
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: {women: 5, men: 5}
  - id: to_work
    title: Till arbete
    share: {exit: work}
    of: exited
    target: 40 %
"""
GOAL_FILES = {
    "goals.yml": GOALS,
    "goals-declared.yml": GOALS.replace(
        "end: 2022-12-31}", "end: 2022-12-31, municipalities: [Piteå, Luleå]}"
    ),
    "goals-enrolment.yml": GOALS.replace("outcomes:", "data: {unit: enrolment}\noutcomes:"),
    "goals-header-row.yml": GOALS.replace("outcomes:", "data: {header_row: 50}\noutcomes:"),
    "goals-typo-key.yml": GOALS.replace("    target: 40 %", "    tagret: 40 %"),
    "goals-bad-target.yml": GOALS.replace("target: {women: 5, men: 5}", "target: många"),
    "goals-bad-yaml.yml": GOALS.replace("count: everyone", "count: {exit: [Arbete, Studier}"),
    "goals-unknown-column.yml": GOALS.replace("of: exited", "of: {Enkät stöd: [Ja, Nej]}"),
    "goals-tab-indent.yml": GOALS.replace("    title: Till arbete", "\ttitle: Till arbete"),
}


def with_row(index: int, row: list[str]) -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    rows[index] = row
    return rows


def csv_text(rows: list[list[str]], sep: str = ";", header: list[str] = HEADER) -> str:
    return "\n".join(sep.join(r) for r in [header, *rows]) + "\n"


def xlsx(name: str, rows: list[list[object]], first_row: int = 1, title: str | None = None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deltagare"
    if title:
        sheet["A1"] = title
        sheet["A2"] = "Uppdaterad av projektledaren"
    for r, row in enumerate([HEADER, *rows], start=first_row):
        for c, value in enumerate(row, start=1):
            if value not in ("", None):
                sheet.cell(row=r, column=c, value=value)
    book.save(HERE / name)


def dated(rows: list[list[str]]) -> list[list[object]]:
    """Dates as real Excel dates, the way a workbook stores them."""
    out = []
    for row in rows:
        cells: list[object] = list(row)
        for i in (3, 4):
            with contextlib.suppress(ValueError):
                cells[i] = dt.datetime.fromisoformat(row[i])
        out.append(cells)
    return out


CASES: list[dict] = []
NOTES = [
    "Anteckningar:",
    "K = kvinna, M = man",
    "Rad 4 ska kontrolleras",
    "Kontakt: projektledaren",
    "Se även blad 2",
    "Senast ändrad 2021-12-01",
]


def case(data: str, note: str, expect: str, goals: str = "goals.yml") -> None:
    CASES.append({"data": data, "goals": goals, "note": note, "expect": expect})


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(text.encode(encoding))


def main() -> None:  # noqa: PLR0915  # one statement per broken file, in order
    for name, text in GOAL_FILES.items():
        write(name, text)

    write(
        "01-gender-typo.csv",
        csv_text(with_row(5, ["D006", "Kvinan", "Luleå", "2021-03-15", "", ""])),
    )
    case("01-gender-typo.csv", "'Kvinan' typed for Kvinna on line 7", "row 7")

    write(
        "02-impossible-date.csv",
        csv_text(with_row(1, ["D002", "Man", "Piteå", "2021-02-30", "", ""])),
    )
    case("02-impossible-date.csv", "30 February as a start date on line 3", "row 3")

    write(
        "03-us-date-order.csv",
        csv_text(with_row(2, ["D003", "Kvinna", "Luleå", "03/25/2021", "", ""])),
    )
    case(
        "03-us-date-order.csv",
        "month-first US date 03/25/2021 (day-first is read) on line 4",
        "row 4",
    )

    write(
        "04-exit-before-start.csv",
        csv_text(with_row(3, ["D004", "M", "Luleå", "2021-09-01", "2021-02-08", "Arbete"])),
    )
    case("04-exit-before-start.csv", "start and exit dates swapped on line 5", "row 5")

    write(
        "05-text-in-date-column.csv",
        csv_text(with_row(4, ["D005", "K", "Piteå", "2021-03-01", "pågår", ""])),
    )
    case(
        "05-text-in-date-column.csv",
        "'pågår' (ongoing) written in the exit-date column, line 6",
        "row 6",
    )

    write(
        "06-undeclared-municipality.csv",
        csv_text(with_row(6, ["D007", "Kvinna", "Pitea", "2021-04-06", "", ""])),
    )
    case(
        "06-undeclared-municipality.csv",
        "'Pitea' without å while project.municipalities declares Piteå; line 8",
        "row 8",
        "goals-declared.yml",
    )

    write("07-duplicate-header.csv", csv_text(ROWS, header=[*HEADER[:5], "Kön"]))
    case("07-duplicate-header.csv", "two columns both called Kön (header on line 1)", "row 1")

    write(
        "08-values-without-header.csv",
        csv_text(
            [[*r, "x"] if i == 3 else [*r, ""] for i, r in enumerate(ROWS)], header=[*HEADER, ""]
        ),
    )
    case(
        "08-values-without-header.csv",
        "a seventh column with a value on line 5 but no header",
        "row 1",
    )

    text = csv_text(ROWS).splitlines()
    text[4] = text[4] + ";;extra"
    write("09-extra-separators.csv", "\n".join(text) + "\n")
    case("09-extra-separators.csv", "line 5 has two extra separators and a stray value", "row 5")

    text = csv_text(ROWS).splitlines()
    text[3] = text[3].replace(";Luleå;", ';"Luleå;')
    write("10-unclosed-quote.csv", "\n".join(text) + "\n")
    case("10-unclosed-quote.csv", "a quote opened on line 4 and never closed", "line 4")

    write(
        "11-cp1252-gender-typo.csv",
        csv_text(with_row(0, ["D001", "Kvinnna", "Piteå", "2021-01-11", "", ""])),
        "cp1252",
    )
    case(
        "11-cp1252-gender-typo.csv",
        "Windows-1252 export (Swedish Excel) with 'Kvinnna' on line 2",
        "row 2",
    )

    write(
        "12-bom-bad-date.csv",
        "\ufeff" + csv_text(with_row(6, ["D007", "Kvinna", "Piteå", "2021-13-06", "", ""])),
    )
    case("12-bom-bad-date.csv", "UTF-8 with BOM, month 13 on line 8", "row 8")

    write(
        "13-tab-separated-bad-gender.txt",
        csv_text(with_row(2, ["D003", "X", "Luleå", "2021-02-01", "", ""]), sep="\t"),
    )
    case(
        "13-tab-separated-bad-gender.txt",
        "tab-separated text export with gender 'X' on line 4",
        "row 4",
    )

    write(
        "14-pipe-exit-before-start.csv",
        csv_text(
            with_row(5, ["D006", "Man", "Luleå", "2021-03-15", "2021-03-14", "Arbete"]), sep="|"
        ),
    )
    case(
        "14-pipe-exit-before-start.csv",
        "pipe-separated; exit the day before the start on line 7",
        "row 7",
    )

    xlsx(
        "15-gender-typo.xlsx", dated(with_row(4, ["D005", "Kvinan", "Piteå", "2021-03-01", "", ""]))
    )
    case("15-gender-typo.xlsx", "workbook with 'Kvinan' in Excel row 6", "row 6")

    xlsx(
        "16-title-rows-bad-date.xlsx",
        dated(with_row(3, ["D004", "M", "Luleå", "2021-02-08", "snart", ""])),
        first_row=4,
        title="Deltagarlista 2021",
    )
    case(
        "16-title-rows-bad-date.xlsx",
        "title rows above the header (row 4); 'snart' as exit date in row 8",
        "row 8",
    )

    rows = dated(ROWS)
    rows[2][3] = 123
    xlsx("17-small-number-as-date.xlsx", rows)
    case("17-small-number-as-date.xlsx", "start date typed as the number 123 in row 4", "row 4")

    write("18-header-row-past-end.csv", csv_text(ROWS))
    case(
        "18-header-row-past-end.csv",
        "data.header_row: 50 but the file ends at line 8",
        "row 50",
        "goals-header-row.yml",
    )

    write("19-pasted-twice.csv", csv_text([*ROWS[:4], ROWS[3], *ROWS[4:]]))
    case(
        "19-pasted-twice.csv",
        "row of D004 pasted twice (lines 5 and 6) while every enrolment counts",
        "rows 5, 6",
        "goals-enrolment.yml",
    )

    write(
        "20-time-out-of-range.csv",
        csv_text(with_row(0, ["D001", "Kvinna", "Piteå", "2021-01-11 25:00", "", ""])),
    )
    case("20-time-out-of-range.csv", "a time of day 25:00 on line 2", "row 2")

    write(
        "21-annat-gender.csv",
        csv_text(with_row(1, ["D002", "Annat", "Piteå", "2021-01-18", "", ""])),
    )
    case(
        "21-annat-gender.csv",
        "'Annat' (other): the project must say what it means, line 3",
        "row 3",
    )

    rows = [[*r[:4], "19851301", *r[4:]] for r in ROWS]
    write(
        "22-bad-birth-date.csv",
        csv_text(rows, header=[*HEADER[:4], "Födelsedatum", *HEADER[4:]]).replace(
            "19851301", "1985-01-01", 6
        ),
    )
    case("22-bad-birth-date.csv", "birth date 19851301 (month 13) on line 8", "row 8")

    write("23-good-data.csv", csv_text(ROWS))
    case(
        "23-good-data.csv",
        "goal file: 'tagret' for target (line 14)",
        "goals-typo-key.yml:14",
        "goals-typo-key.yml",
    )
    case(
        "23-good-data.csv",
        "goal file: 'target: många' is not a number (line 9)",
        "goals-bad-target.yml:9",
        "goals-bad-target.yml",
    )
    case(
        "23-good-data.csv",
        "goal file: a bracket never closed (line 8)",
        "goals-bad-yaml.yml:8",
        "goals-bad-yaml.yml",
    )
    case(
        "23-good-data.csv",
        "goal file: 'Enkät stöd' is not a column of the data (line 13)",
        "goals-unknown-column.yml:13",
        "goals-unknown-column.yml",
    )
    case(
        "23-good-data.csv",
        "goal file: a tab used for indentation (line 11)",
        "goals-tab-indent.yml:11",
        "goals-tab-indent.yml",
    )

    text = csv_text(ROWS).splitlines()
    text.insert(2, 'D0015;Man;Piteå;2021-01-12;;;"kommentar\növer två rader"'.replace(";;;", ";;"))
    header = text[0] + ";Kommentar"
    body = [
        line + ";" if "kommentar" not in line and "rader" not in line else line for line in text[1:]
    ]
    body = [line for line in body]
    lines = [header, *body]
    lines[-1] = lines[-1].replace(";Kvinna;", ";Kvinan;")
    write("24-quoted-newline-then-typo.csv", "\n".join(lines) + "\n")
    case(
        "24-quoted-newline-then-typo.csv",
        "a comment with a line break (lines 3-4); 'Kvinan' on line 10",
        "row 10",
    )

    write(
        "25-several-errors.csv",
        csv_text(
            [
                ROWS[0],
                ["D002", "Mann", "Piteå", "2021-01-18", "", ""],
                ["D003", "Kvinna", "Luleå", "2021-02-31", "", ""],
                ["D004", "M", "Luleå", "2021-09-08", "2021-02-01", "Arbete"],
                *ROWS[4:],
            ]
        ),
    )
    case("25-several-errors.csv", "three different errors on lines 3, 4 and 5", "row 3")

    rows = dated(ROWS)
    rows[6][2] = "Kalix"
    xlsx("26-undeclared-municipality.xlsx", rows)
    case(
        "26-undeclared-municipality.xlsx",
        "Kalix in row 8 is not among the declared Piteå, Luleå",
        "row 8",
        "goals-declared.yml",
    )

    rows = [list(r) for r in ROWS]
    rows[3][4] = "2021-02-30"
    write("27-semicolon-cp1252-bad-exit.csv", csv_text(rows), "cp1252")
    case(
        "27-semicolon-cp1252-bad-exit.csv",
        "Swedish Excel CSV; exit date 30 February on line 5",
        "row 5",
    )

    rows = dated(ROWS)
    rows.append(["Summa", "=COUNTA(B2:B8)", "", "", "", ""])
    xlsx("28-sum-row.xlsx", rows)
    case("28-sum-row.xlsx", "a 'Summa' row with a formula below the participants, row 9", "row 9")

    write(
        "29-ambiguous-slash-date.csv",
        csv_text(with_row(2, ["D003", "Kvinna", "Luleå", "5/3/2021", "", ""])),
    )
    case(
        "29-ambiguous-slash-date.csv",
        "5/3/2021 typed by hand among ISO dates, line 4: 5 March or 3 May?",
        "row 4",
    )

    us = [
        ["D001", "Kvinna", "Piteå", "01/02/2021", "06/10/2021", "Arbete"],
        ["D002", "Man", "Piteå", "02/01/2021", "", ""],
        ["D003", "Kvinna", "Luleå", "03/08/2021", "", ""],
    ]
    write("30-us-export-dates.csv", csv_text(us, sep=","))
    case(
        "30-us-export-dates.csv",
        "an English Excel export, month first, every day 12 or less: line 2 reads two ways",
        "row 2",
    )

    rows = dated(ROWS)
    for row in rows:
        row[1] = f'=IF("{row[1]}"="","","{row[1]}")'  # written by a program, never calculated
    xlsx("31-formulas-without-values.xlsx", rows)
    case(
        "31-formulas-without-values.xlsx",
        "the Kön column holds formulas that were never calculated (rows 2-8 read blank)",
        "rows 2, 3, 4",
    )

    rows = dated(ROWS)
    rows.append(["Summa", "", "", "", "", "5"])
    rows += [[note, "", "", "", "", ""] for note in NOTES]
    xlsx("32-sum-row-above-notes.xlsx", rows)
    case(
        "32-sum-row-above-notes.xlsx",
        "a 'Summa' row (row 9) and six lines of notes below it (rows 10-15)",
        "row 9",
    )

    xlsx("33-header-only.xlsx", [], first_row=4, title="Deltagarlista 2021")
    case(
        "33-header-only.xlsx",
        "title rows and the header on row 4, but the participants were never saved below it",
        "row 4",
    )

    (HERE / "cases.yml").write_text(
        "# Broken inputs: each runs through the real `esfkit check` and must give exit 2, a\n"
        "# message naming `expect` (a row, a line, or goal-file:line), and no traceback.\n"
        "# Generated by make_broken.py.\n"
        + yaml.safe_dump(CASES, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
