"""Text built to break outputs (issue 10, classes 6, 7, 10, 11, 12, 18): the inputs that
carry it, and what "it did not break the output" means for each format.

``Texts`` names every place a user's text can come from (the goal file's project name,
titles, notes; the data's headers and cells); ``inputs`` writes a goal file and a CSV
holding them. The ``assert_*`` functions read an output back as its reader would (a
terminal, a Markdown renderer, a browser, a spreadsheet, a JSON parser) and fail on a raw
control character, a personnummer, markup that renders, or a live formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, fields, replace
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from openpyxl import load_workbook

# Hostile text, one of each kind; each is placed somewhere a user's text can be.
ESC_TITLE = "\x1b]0;pwned\x07retitled"
OSC_LINK = "\x1b]8;;http://evil.example/\x07click me\x1b]8;;\x07"
CSI = "\x1b[2J\x1b[31mred\x1b[0m"
C1 = "c1\x9b31m\x9d0;x\x9c"
BIDI = "Qwz\u202eå\u2066x\u2069\u200b"  # far from every municipality: no spelling finding
RICH = "[bold red]rich[/] [link=http://evil.example]y[/link]"
HTML_TAGS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
MD_IMAGE = "![x](http://evil.example/a.png)"
MD_SYNTAX = "# [link](http://evil.example) `code` **b** _e_ ~~s~~ | pipe > q www.evil.example"
MD_LIST = "- item"
MD_ORDERED = "1. first"
DDE = "=cmd|' /C calc'!A0"
PLUS = "+1+1"
AT = "@SUM(A1)"
FULLWIDTH = "＝1+1"
TAB = "\t=1+2"
CR = "\r=1+3"
NEWLINE = "two\nlines"
PNR_DASH = "850101-2382"
PNR_12 = "198501012382"
PNR_PLUS = "850101+2382"

HOSTILE = (
    ESC_TITLE,
    OSC_LINK,
    CSI,
    C1,
    BIDI,
    RICH,
    HTML_TAGS,
    MD_IMAGE,
    MD_SYNTAX,
    MD_LIST,
    MD_ORDERED,
    DDE,
    PLUS,
    AT,
    FULLWIDTH,
    TAB,
    CR,
    NEWLINE,
    PNR_DASH,
    PNR_12,
    PNR_PLUS,
)

# Today's masking (esfkit.privacy.mask_text) covers '-', '+' and no separator; h10-identity
# widens it to any separator. The property tests use these; BROADER lists the rest.
PNR_SPELLINGS = ("850101-2382", "8501012382", "850101+2382", "19850101-2382", "198501012382")
BROADER_PNR_SPELLINGS = (
    "850101 2382",
    "19850101 2382",
    "850101–2382",  # en dash
    "850101—2382",  # em dash
    "850101.2382",
    "850101/2382",
    "850101\u00a02382",  # no-break space
    "850101\u20112382",  # non-breaking hyphen
    "850101\u22122382",  # minus sign
    "19850101TF29",  # protected identity (SCB's form for ESF reporting)
    "19850101Tf29",
    "1.98501012382E+11",  # every digit in scientific notation, as a program writes a CSV
    "1,98501012382E+11",
)

_DAY = r"(?:0[1-9]|[12]\d|3[01]|[6-8]\d|9[01])"  # samordningsnummer add 60 to the day
_DATE = rf"(?:\d{{2}})?\d{{2}}(?:0[1-9]|1[0-2]){_DAY}"
PNR = re.compile(rf"(?<!\d){_DATE}[-+]?\d{{4}}(?!\d)")
BROAD_PNR = re.compile(
    rf"(?<!\d){_DATE}[-+\s\u00a0\u2010-\u2015\u2212./]?(?:\d{{4}}|[Tt][Ff]\d{{2}})(?!\d)"
)
_SHA = re.compile(r"[0-9a-f]{64}|sha256 [0-9a-f]{12}")


@dataclass
class Texts:
    """Every place of a user's text in the inputs ``inputs`` writes."""

    project: str = "Projekt"
    title: str = "Rekryterade"
    note: str = "En not"
    manual_title: str = "Plan"
    manual_note: str = "Beslutas"
    header: str = "Enkät"  # a column header, used as a breakdown dimension
    municipalities: tuple[str, ...] = ("Berg", "Åre")
    exits: tuple[str, ...] = ("Studier", "Arbete")
    answers: tuple[str, ...] = ("Ja", "Nej")  # the header's cells

    def plain(self) -> Texts:
        """The same inputs with plain words in place of every text: the layout to compare."""
        words = iter(f"w{n}" for n in range(1000))
        return replace(
            self,
            **{
                f.name: tuple(next(words) for _ in getattr(self, f.name))
                if isinstance(getattr(self, f.name), tuple)
                else next(words)
                for f in fields(self)
            },
        )

    def all(self) -> list[str]:
        out: list[str] = []
        for f in fields(self):
            value = getattr(self, f.name)
            out += list(value) if isinstance(value, tuple) else [value]
        return out


@dataclass
class Inputs:
    goals: Path
    data: Path
    texts: Texts = field(default_factory=Texts)


def goal_file(texts: Texts) -> str:
    """A goal file holding ``texts``, written by PyYAML (control characters as escapes)."""
    return dump(goal_yaml(texts))


def dump(content: dict) -> str:
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False)


def goal_yaml(texts: Texts) -> dict:
    """The goal file's content: a goal of each kind, with ``texts`` in every text key."""
    return {
        "version": 1,
        "project": {"name": texts.project, "start": "2021-01-01", "end": "2021-12-31"},
        "goals": [
            {
                "id": "recruited",
                "title": texts.title,
                "note": texts.note,
                "count": "everyone",
                "target": {"women": 2, "men": 2},
            },
            {
                "id": "by_answer",
                "title": texts.title + " 2",
                "count": "everyone",
                "breakdown": [texts.header, "gender"],
            },
            {
                "id": "studies",
                "title": texts.title + " 3",
                "share": {"exit": texts.exits[0]},
                "of": "exited",
                "target": "50 %",
            },
            {"id": "exits", "title": texts.title + " 4", "distribution": "exit"},
            {
                "id": "plan",
                "title": texts.manual_title,
                "manual": "in_progress",
                "note": texts.manual_note,
            },
        ],
    }


def data_file(texts: Texts, genders: tuple[str, ...] = ("Kvinna", "Man")) -> str:
    """A semicolon CSV (as Swedish Excel writes it) with ``texts`` in headers and cells."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    headers = ["Deltagar-ID", "Kön", "Kommun", "Inskrivningsdatum", "Avslutsdatum"]
    writer.writerow([*headers, "Avslutsorsak", texts.header])
    rows = max(len(texts.municipalities), len(texts.exits), len(texts.answers), 4)
    for n in range(rows):
        writer.writerow(
            [
                f"P{n:03d}",
                genders[n % len(genders)],
                texts.municipalities[n % len(texts.municipalities)],
                "2021-01-01",
                "2021-03-01",
                texts.exits[n % len(texts.exits)],
                texts.answers[n % len(texts.answers)],
            ]
        )
    return out.getvalue()


def write_inputs(folder: Path, texts: Texts) -> Inputs:
    folder.mkdir(parents=True, exist_ok=True)
    goals, data = folder / "goals.yml", folder / "data.csv"
    goals.write_text(goal_file(texts), encoding="utf-8")
    data.write_text(data_file(texts), encoding="utf-8")
    return Inputs(goals, data, texts)


# --- what each output must not hold -------------------------------------------------------


def raw_controls(text: str) -> list[str]:
    """Characters a terminal or a renderer would act on: every control (but the line
    break), format (bidi, zero-width), line/paragraph separator and surrogate."""
    text = text.replace("\r\n", "\n")  # CSV's own line ends
    return sorted(
        {
            repr(ch)
            for ch in text
            if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")
        }
    )


# A number written in scientific notation with every digit: '1.98501012382E+11'.
_SCIENTIFIC = re.compile(r"(?<![0-9.,])([0-9])[.,]([0-9]+)[eE]\+?([0-9]+)(?![0-9])")


def _whole(match: re.Match[str]) -> str:
    return match[1] + match[2] if len(match[2]) == int(match[3]) else match[0]


def personnummer_in(text: str, pattern: re.Pattern = PNR) -> list[str]:
    """Unmasked date-shaped 10- or 12-digit runs (sha256 hashes left out), those written
    in scientific notation with every digit too."""
    return pattern.findall(_SCIENTIFIC.sub(_whole, _SHA.sub("", text)))


def assert_clean_text(text: str, what: str = "") -> None:
    """No raw control character and no personnummer."""
    assert not raw_controls(text), (what, raw_controls(text))
    assert not personnummer_in(text), (what, personnummer_in(text))


def live_formula(text: str) -> bool:
    """Would a spreadsheet run this field as a formula?"""
    if re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
        return False  # a number
    if text[:1] in ("\t", "\r", "\n"):
        return True
    start = text.lstrip(" \u00a0\u3000")[:1]
    return bool(start) and unicodedata.normalize("NFKC", start) in ("=", "+", "-", "@")


def assert_csv_safe(text: str, delimiter: str = ",") -> list[list[str]]:
    text = text.removeprefix("\ufeff")  # --csv-excel's byte order mark, for Excel
    assert_clean_text(text, "csv")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    for row in rows:
        for value in row:
            assert not live_formula(value), (value, row)
    return rows


def xlsx_texts(path: Path) -> list[str]:
    """Every text in a workbook (cells, sheet names, document title), asserting on the way
    that no cell is a formula and that formula-like text keeps Excel's quote prefix."""
    book = load_workbook(path)
    texts = [book.properties.title or "", *book.sheetnames]
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    if live_formula(cell.value):
                        assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
        for check in sheet.data_validations.dataValidation:
            texts += [check.errorTitle or "", check.error or "", check.prompt or ""]
            formula = check.formula1 or ""
            # A drop-down lists the cells of a sheet, never values typed into the formula.
            assert check.type != "list" or re.fullmatch(
                r"='[^']+'!\$[A-Z]+\$2:\$[A-Z]+\$\d+", formula
            ), formula
    return texts


def assert_xlsx_safe(path: Path) -> list[str]:
    texts = xlsx_texts(path)
    for text in texts:
        assert not raw_controls(text.replace("\n", " ")), (text, raw_controls(text))
        assert not personnummer_in(text), text
    return texts


def docx_texts(path: Path) -> list[str]:
    """Every text in a Word document: its paragraphs, table cells, page footers and
    properties, and the text of every part's XML (a field code or a hyperlink's target
    would be there), asserting on the way that nothing is a field or a link."""
    from docx import Document

    with zipfile.ZipFile(path) as package:
        xml = {n: package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")}
    for name, part in xml.items():
        assert "<w:fldSimple" not in part and "<w:instrText" not in part, name
        assert "<w:hyperlink" not in part, name
    doc = Document(str(path))
    texts = [doc.core_properties.title or "", doc.core_properties.author or ""]
    texts += [p.text for p in doc.paragraphs]
    texts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    texts += [p.text for section in doc.sections for p in section.footer.paragraphs]
    texts += [re.sub(r"<[^>]+>", " ", part) for part in xml.values()]
    return texts


def assert_docx_safe(path: Path) -> list[str]:
    texts = docx_texts(path)
    for text in texts:
        assert not raw_controls(text), (text, raw_controls(text))
        assert not personnummer_in(text), text
    return texts


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_shape(text: str) -> list[str]:
    """The Markdown's structure as a renderer reads it: every token but the text ones."""
    shape = []
    for token in MARKDOWN.parse(text):
        if token.type != "inline":
            shape.append(f"{token.type}:{token.tag}")
        for child in token.children or []:
            if child.type not in ("text", "text_special"):
                shape.append(f"{child.type}:{child.tag}")
    return shape


def html_shape(text: str) -> list[str]:
    """Tags and attribute names, in order: what a browser builds."""

    class Shape(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            self.found.append(tag + "[" + ",".join(name for name, _ in attrs) + "]")

        def handle_endtag(self, tag) -> None:
            self.found.append("/" + tag)

    parser = Shape()
    parser.feed(text)
    return parser.found


# Every element esfkit's HTML report is built of; anything else came from a user's text.
HTML_TAGS_ALLOWED = {
    *("html", "head", "meta", "title", "style", "body", "h1", "h2", "dl", "dt", "dd", "ul"),
    *("li", "section", "table", "thead", "tbody", "tr", "th", "td", "p", "footer", "svg"),
    *("line", "rect", "text", "circle", "polyline"),
}


def assert_html_safe(text: str) -> None:
    assert_clean_text(text, "html")
    for element in html_shape(text):
        tag, _, attributes = element.lstrip("/").partition("[")
        assert tag in HTML_TAGS_ALLOWED, element
        assert not any(a.startswith("on") for a in attributes.rstrip("]").split(",")), element


def html_text(text: str) -> str:
    """The page's text as a browser shows it."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(text)
    return "".join(parser.parts)


def json_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *json_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return [value] if isinstance(value, str) else []


def assert_json_safe(text: str) -> dict:
    assert not raw_controls(text), raw_controls(text)
    report = json.loads(text)
    for string in json_strings(report):
        assert not personnummer_in(string), string
    return report
