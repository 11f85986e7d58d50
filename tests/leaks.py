"""Finding small counts in rendered reports: what "nothing shows a count under the threshold"
means for each format, as far as a format can be read back.

Each function collects the figures of a rendered report that are counts of people (not
targets, percentages, dates or gaps) and ``assert_*`` fails on any from 1 to N-1.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

from openpyxl import load_workbook

COUNT = re.compile(r"^\d[\d\s\u00a0,]*$")


def json_counts(text: str) -> Iterator[tuple[str, object]]:
    report = json.loads(text)
    for key in ("enrolments", "persons", "outside_period"):
        yield f"population.{key}", report["population"][key]
    yield "input.rows", report["input"]["rows"]
    for finding in report["findings"]:
        yield f"finding.{finding['kind']}", finding["count"]
        if finding["count"] is None:
            assert not finding["rows"], finding  # the list's length would be the count
    for goal in report["goals"]:
        for key in ("population", "excluded_by_scope", "outside_denominator"):
            if key in goal:
                yield f"{goal['id']}.{key}", goal[key]
        for cell in goal["cells"]:
            where = f"{goal['id']}{cell['dims']}"
            yield f"{where}.numerator", cell["numerator"]
            yield f"{where}.denominator", cell["denominator"]
            if goal["kind"] in ("count", "distribution"):
                yield f"{where}.value", cell["value"]


def assert_no_small_count(text: str, threshold: int) -> None:
    """The JSON report names no count from 1 to N-1."""
    for where, value in json_counts(text):
        assert value is None or value == 0 or value >= threshold, (where, value)


def _number(token: str) -> int | None:
    token = token.strip()
    if not COUNT.match(token):
        return None
    return int(re.sub(r"[\s\u00a0,]", "", token))


def cell_counts(cell: str) -> list[int]:
    """The counts in a table cell as present.py words them: '12', '12 / 40' (count /
    target), '12 (15,8 %)' (count (share)), '83,3 % (5/6)' (share (count/count)), 'n = 12',
    '<5', '..', '–'; a change '▲ 3' after a figure is not a count."""
    cell = re.sub(r"\s*[▲▼±].*$", "", cell.strip())
    cell = cell.removeprefix("n = ")
    found = []
    ratio = re.search(r"\(([^()/]*)/([^()/]*)\)", cell)
    if ratio:
        found += [n for n in (_number(ratio.group(1)), _number(ratio.group(2))) if n is not None]
        cell = cell[: ratio.start()]
    cell = re.sub(r"\([^()]*%\)", "", cell)  # a share after a count
    first = cell.split(" / ")[0]
    if "%" not in first:
        number = _number(first)
        if number is not None:
            found.append(number)
    return found


def markdown_counts(text: str) -> Iterator[tuple[str, int]]:
    """Counts in the Markdown report: header lines, data notes, every table cell but the
    summary's target, status and gap columns, the goal notes."""
    summary = False
    for line in text.splitlines():
        if line.startswith("## "):
            summary = True
        elif line.startswith("### "):
            summary = False
        if line.startswith("| ") and not set(line) <= set("|:- "):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            # the summary's last two columns are the status and the gap
            skip = {0, 1, len(cells) - 2, len(cells) - 1} if summary else {0}
            for i, cell in enumerate(cells):
                if i not in skip:
                    yield from ((line, n) for n in cell_counts(cell))
        elif line.startswith("- "):
            yield from ((line, n) for n in _line_counts(line))


def _line_counts(line: str) -> list[int]:
    """'- **Inskrivningar:** 230', '- Återinskrivningar ...: <5 (.. unika personer)',
    '- 18 utanför målets avgränsning', '... 230 rader'."""
    found = []
    for pattern in (
        r":\*\* ([\d\s]+?)(?:\s\s|\s\(|$)",
        r": ([\d\s]+?)(?: \(|$)",
        r"\((\d[\d\s]*) (?:unika personer|unique persons)\)",
        r"^- (\d[\d\s]*) (?:utanför|outside the goal)",
        r"^- (\d[\d\s]*) .*(?:räknas inte i (?:andelen|värdet)|not counted in the (?:share|value))$",
        r" (\d[\d\s]*) (?:rader|rows)$",
    ):
        for match in re.finditer(pattern, line):
            number = _number(match.group(1))
            if number is not None:
                found.append(number)
    return found


def assert_markdown_has_no_small_count(text: str, threshold: int) -> None:
    for where, value in markdown_counts(text):
        assert not 1 <= value < threshold, (where, value)


def html_counts(text: str) -> Iterator[tuple[str, int]]:
    """Counts in the HTML page: the header list, the notes, every table cell (as in
    Markdown), and the labels and titles of the charts' bars."""
    header = re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", text)
    for label, value in header:
        yield from ((label, n) for n in _line_counts(f"- **{label}:** {value}"))
    for item in re.findall(r"<li>([^<]*)</li>", text):
        yield from ((item, n) for n in _line_counts(f"- {item}"))
    for section in re.findall(r"<section[^>]*>(.*?)</section>", text, re.S):
        summary = (
            'class="summary"' in section
            or section.startswith("<h2>Sammanfattning")
            or ("<h2>Summary" in section)
        )
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            # the summary's last two columns are the status and the gap
            skip = {0, 1, len(cells) - 2, len(cells) - 1} if summary else {0}
            for i, cell in enumerate(cells):
                if i not in skip:
                    yield from ((row, n) for n in cell_counts(_unescape(cell)))
        for bar in re.findall(r'<rect [^>]*fill="#2f6db5"><title>([^<]*)</title>', section):
            yield from ((bar, n) for n in cell_counts(_unescape(bar.split(": ", 1)[1])))
        # a trend chart's points: the value's line (its first colour), not the target's
        for point in re.findall(r'<circle [^>]*fill="#2f6db5"><title>([^<]*)</title>', section):
            yield from ((point, n) for n in cell_counts(_unescape(point.rsplit(": ", 1)[1])))


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def assert_html_has_no_small_count(text: str, threshold: int) -> None:
    for where, value in html_counts(text):
        assert not 1 <= value < threshold, (where, value)


def csv_counts(text: str, count_goals: set[str], excel: bool = False) -> Iterator[tuple[str, int]]:
    """Counts in the long CSV: every count and denominator measure, and the value of the
    goals whose value is a count (``count_goals``: count and distribution goals)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if excel else ","))
    header, body = rows[0], rows[1:]
    for row in body:
        measure, value = row[len(header) - 2], row[len(header) - 1]
        counts = measure in ("antal", "count", "nämnare", "denominator")
        if counts or (measure in ("värde", "value") and row[0] in count_goals):
            number = _number(value)
            if number is not None:
                yield ",".join(row), number


def assert_csv_has_no_small_count(
    text: str, threshold: int, count_goals: set[str], excel: bool = False
) -> None:
    for where, value in csv_counts(text, count_goals, excel):
        assert not 1 <= value < threshold, (where, value)


def xlsx_counts(data: bytes, count_goals: set[str]) -> Iterator[tuple[str, int]]:
    """Counts in the workbook: the header block of the summary sheet, and on each goal
    sheet the count columns and the chart's block of actual values (count goals)."""
    book = load_workbook(io.BytesIO(data))
    summary = book.worksheets[0]
    for row in summary.iter_rows(min_row=2, max_col=2, values_only=True):
        label, value = row
        if isinstance(label, str) and isinstance(value, str):
            yield from ((label, n) for n in _line_counts(f"- **{label}:** {value}"))
            yield from ((label, n) for n in _line_counts(f"- {value}"))
    for sheet in book.worksheets[1:]:
        header = [c.value for c in sheet[4]]
        names = {"antal", "count", "nämnare", "denominator"}
        if sheet.title in count_goals:
            names |= {"värde", "value", "Utfall", "Actual"}
        columns = [i for i, name in enumerate(header) if name in names]
        for row in sheet.iter_rows(min_row=5):
            for i in columns:
                cell = row[i] if i < len(row) else None
                if cell is None or "%" in (cell.number_format or ""):
                    continue  # a distribution's value is its percentage
                if isinstance(cell.value, int | float) and float(cell.value).is_integer():
                    yield f"{sheet.title}!{header[i]}", int(cell.value)


def assert_xlsx_has_no_small_count(data: bytes, threshold: int, count_goals: set[str]) -> None:
    for where, value in xlsx_counts(data, count_goals):
        assert not 1 <= value < threshold, (where, value)


def docx_counts(data: bytes) -> Iterator[tuple[str, int]]:
    """Counts in the Word document: the header table and the list items and notes (as in
    Markdown), every cell of the summary's figure columns and of each goal's table."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    header, summary, *goals = doc.tables
    for row in header.rows:
        label, value = (cell.text for cell in row.cells)
        yield from ((label, n) for n in _line_counts(f"- **{label}:** {value}"))
    for paragraph in doc.paragraphs:
        yield from ((paragraph.text, n) for n in _line_counts(f"- {paragraph.text}"))
    for table, skip in ((summary, {0, 1, 5, 6}), *((goal, {0}) for goal in goals)):
        for row in table.rows[1:]:
            for i, cell in enumerate(row.cells):
                if i not in skip:
                    yield from ((cell.text, n) for n in cell_counts(cell.text))


def assert_docx_has_no_small_count(data: bytes, threshold: int) -> None:
    for where, value in docx_counts(data):
        assert not 1 <= value < threshold, (where, value)


def text_counts(text: str) -> Iterator[tuple[str, int]]:
    """Counts in the fixed-width text and terminal reports: their columns are two or more
    spaces apart, and a cell is worded as in Markdown; header lines and data notes too."""
    for line in text.splitlines():
        stripped = line.strip().lstrip("•*").strip()
        for token in re.split(r"\s{2,}", stripped):
            yield from ((line, n) for n in cell_counts(token))
        yield from ((line, n) for n in _line_counts(f"- {stripped}"))


def assert_text_has_no_small_count(text: str, threshold: int) -> None:
    for where, value in text_counts(text):
        assert not 1 <= value < threshold, (where, value)


def assert_formats_have_no_small_count(
    outputs: dict[str, str | bytes], threshold: int, count_goals: set[str]
) -> None:
    """Every rendered format, keyed by format name (csv-excel for --csv-excel)."""
    checks = {
        "json": lambda text: assert_no_small_count(text, threshold),
        "markdown": lambda text: assert_markdown_has_no_small_count(text, threshold),
        "html": lambda text: assert_html_has_no_small_count(text, threshold),
        "csv": lambda text: assert_csv_has_no_small_count(text, threshold, count_goals),
        "csv-excel": lambda text: assert_csv_has_no_small_count(
            text, threshold, count_goals, excel=True
        ),
        "xlsx": lambda data: assert_xlsx_has_no_small_count(data, threshold, count_goals),
        "docx": lambda data: assert_docx_has_no_small_count(data, threshold),
        "text": lambda text: assert_text_has_no_small_count(text, threshold),
        "table": lambda text: assert_text_has_no_small_count(text, threshold),
    }
    for fmt, output in outputs.items():
        checks[fmt.split(".")[0]](output)
