"""Word, for the steering group's minutes: the header, the summary and each goal's table as
real Word tables (a built-in table style, the header row repeated on every page, figures
right-aligned, the status as text in a shaded cell), the notes and the footer.

A4; a table too wide for a portrait page gets a landscape section of its own. The words
come from ``present`` and ``Words`` (text from users' files masked and made safe by
esfkit.escape's Word sink), so only the layout is here. The same report is the same bytes:
no time in the document's properties, every zip entry at one fixed date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell

from esfkit.escape import DOCX
from esfkit.i18n import Words
from esfkit.render import RenderOptions
from esfkit.render.package import fixed_package
from esfkit.render.present import (
    STATUS_FILLS,
    TextTable,
    finding_lines,
    footer_line,
    goal_table,
    header_lines,
    report_notes,
    selected_goals,
    summary_table,
)
from esfkit.report import Report

FONT = "Calibri"
TABLE_STYLE = "Light Grid Accent 1"
HEADER_STYLE = "Light List Accent 1"
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
TABLE_FONT = Pt(9)
NOTE_FONT = Pt(8.5)
# A character of 9 pt Calibri (or its metric twin Carlito) is at most about 0.5 em wide on
# average over figures and words; a cell adds its left and right margins.
CHAR = Cm(0.17)
CELL_MARGINS = Cm(0.4)
LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


@dataclass(frozen=True)
class Layout:
    """A table's column widths (EMU)."""

    widths: list[int]
    unbroken: tuple[int, ...]  # the columns whose cells never wrap


def render(report: Report, options: RenderOptions) -> bytes:
    w = Words(options.lang, report.suppress_below, DOCX)
    goals = selected_goals(report, options.goal_ids)
    summary = summary_table(report, w, goals)
    tables = [t for t in (goal_table(goal, w) for goal in goals) if t is not None]
    status = summary.status_column
    whole: tuple[int, ...] = () if status is None else (status,)
    shapes: list[tuple[TextTable, tuple[int, ...], tuple[int, ...]]] = [
        (summary, summary.text_columns, whole)
    ]
    shapes += [(t, t.text_columns, ()) for t in tables]
    # One orientation for the whole document: a section break per wide table would leave
    # half-empty pages between the narrow ones.
    landscape = any(_layout(*shape, landscape=False) is None for shape in shapes)
    layouts = [_layout(*shape, landscape=landscape) or _squeezed(shape[0]) for shape in shapes]
    doc = Document()
    _set_up(doc, report, w, options.lang, landscape)
    doc.add_heading(w.user(report.project), level=0)
    _header_block(doc, report, w, _room(landscape))
    findings = finding_lines(report, w)
    if findings:
        doc.add_heading(w("findings"), level=2)
        for line in findings:
            doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(summary.title, level=1)
    rows = _table(doc, summary, summary.text_columns, layouts[0])
    for cells, goal in zip(rows[1:], goals, strict=True):
        if status is not None:
            _shade(cells[status], goal.status.value)
    for words, layout in zip(tables, layouts[1:], strict=True):
        doc.add_heading(words.title, level=2)
        _table(doc, words, words.text_columns, layout)
        for note in words.notes:
            _note(doc, note)
    for note in report_notes(report, w):
        doc.add_paragraph(note)
    footer = footer_line(report, w)
    _note(doc, footer).runs[0].italic = True
    _note(doc.sections[0].footer.paragraphs[0], footer)
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_package(buffer.getvalue(), None)


def _set_up(doc: WordDocument, report: Report, w: Words, lang: str, landscape: bool) -> None:
    """A4 in the orientation asked for, the text's language for the spelling check, and
    properties that say what made the document but not when."""
    section = doc.sections[0]
    short, long = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    normal.font.size = Pt(10)
    normal.font.name = FONT  # the theme's body font is Cambria, a serif
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGES[lang])
    normal.element.get_or_add_rPr().append(language)
    properties = doc.core_properties
    properties.author = f"esfkit {report.esfkit}"
    properties.last_modified_by = ""
    properties.title = w.user(report.project)
    properties.comments = ""
    properties.revision = 1


def _header_block(doc: WordDocument, report: Report, w: Words, room: int) -> None:
    """The report's date, data file and counts as a two-column table, labels in bold."""
    lines = [(label, " ".join(value.split())) for label, value in header_lines(report, w)[1:]]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles[HEADER_STYLE]
    _look(table, header=False)
    label_width = _emu(max(len(label) for label, _value in lines))
    _widths(table, [label_width, room - label_width])
    for label, value in lines:
        cells = table.add_row().cells
        _write(cells[0], label, bold=True)
        _write(cells[1], value)
    doc.add_paragraph()


def _table(
    doc: WordDocument, words: TextTable, text_columns: tuple[int, ...], layout: Layout
) -> list[list[_Cell]]:
    """A Word table of ``words``, as its rows of cells: the header row repeated on each
    page, rows kept whole, figures right-aligned and unbroken, the total rows in bold."""
    table = doc.add_table(rows=1, cols=len(words.columns))
    table.style = doc.styles[TABLE_STYLE]
    table.autofit = False
    _look(table, header=True)
    _widths(table, layout.widths)
    header = table.rows[0]
    _row_flags(header, header=True)
    cells = header.cells
    for index, (cell, width) in enumerate(zip(cells, layout.widths, strict=True)):
        cell.width = width
        _write(cell, words.columns[index], right=index not in text_columns)
    rows = [cells]
    total_from = len(words.rows) - words.total_rows
    for number, values in enumerate(words.rows):
        row = table.add_row()  # its cells take their widths from the grid
        _row_flags(row, header=False)
        cells = row.cells
        for index, value in enumerate(values):
            right = index not in text_columns
            _write(cells[index], value, right=right, bold=number >= total_from)
            if index in layout.unbroken:
                _no_wrap(cells[index])
        rows.append(cells)
    return rows


def _widths(table: Table, widths: list[int]) -> None:
    """Fixed column widths in the table's grid, before its rows are added: Word and
    LibreOffice read the grid, and each new row's cells get their width from it."""
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Length(width)


def _write(cell: _Cell, text: str, right: bool = False, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = TABLE_FONT
    if bold:
        run.bold = True
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _note(target, text: str):
    """A note under a table (or the page footer's paragraph), in small type."""
    paragraph = target if not hasattr(target, "add_paragraph") else target.add_paragraph()
    paragraph.add_run(text).font.size = NOTE_FONT
    return paragraph


def _look(table: Table, header: bool) -> None:
    """Which parts of the table style apply: the header row only when there is one, banded
    rows, no special first column (its bold would look like a total)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    look.set(qn("w:val"), "0420" if header else "0400")
    for name, on in (
        ("firstRow", header),
        ("lastRow", False),
        ("firstColumn", False),
        ("lastColumn", False),
        ("noHBand", False),
        ("noVBand", True),
    ):
        look.set(qn(f"w:{name}"), "1" if on else "0")


def _row_flags(row, header: bool) -> None:
    """A row is never split over two pages; the header row is repeated on each page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _shade(cell: _Cell, status: str) -> None:
    """The status cell's fill, after its width in the cell's properties (Word's order)."""
    colour = STATUS_FILLS.get(status)
    if colour is None:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    _cell_property(cell, shading, before=("w:noWrap", "w:tcMar", "w:vAlign"))


def _no_wrap(cell: _Cell) -> None:
    _cell_property(cell, OxmlElement("w:noWrap"), before=("w:tcMar", "w:vAlign"))


def _cell_property(cell: _Cell, element, before: tuple[str, ...]) -> None:
    properties = cell._tc.get_or_add_tcPr()
    following = [properties.find(qn(name)) for name in before]
    following = [found for found in following if found is not None]
    if following:
        following[0].addprevious(element)
    else:
        properties.append(element)


# --- column widths -------------------------------------------------------------------------


def _layout(
    words: TextTable, text_columns: tuple[int, ...], whole: tuple[int, ...], landscape: bool
) -> Layout | None:
    """Column widths that fit the page: figures and the ``whole`` columns never wrap, a
    text column wraps between words down to its longest word. None: they do not fit."""
    natural, least = _natural(words, text_columns, whole)
    widths = _fit(natural, least, _room(landscape))
    if widths is None:
        return None
    return Layout(widths, tuple(i for i in range(len(natural)) if natural[i] == least[i]))


def _squeezed(words: TextTable) -> Layout:
    """A table wider than a landscape page: every column shares what there is, and wraps."""
    _natural_widths, least = _natural(words, words.text_columns, ())
    total = sum(_emu(n) for n in least)
    return Layout([int(_emu(n) * _room(True) / total) for n in least], ())


def _natural(
    words: TextTable, text_columns: tuple[int, ...], whole: tuple[int, ...]
) -> tuple[list[int], list[int]]:
    """Each column's width in characters on one line, and at its narrowest."""
    natural, least = [], []
    for index, name in enumerate(words.columns):
        values = [row[index] for row in words.rows if index < len(row)]
        heading = _bold(name)
        longest_word = max(
            [_bold(word) for word in name.split()]
            + [len(word) for text in values for word in text.split()],
            default=1,
        )
        widest = max((len(text) for text in values), default=1)
        if index in text_columns and index not in whole:
            natural.append(max(heading, widest))
            least.append(longest_word)
        else:
            natural.append(max(widest, longest_word))
            least.append(natural[-1])
    return natural, least


def _bold(text: str) -> int:
    """The header row's text is bold: as wide as this many characters of the body."""
    return len(text) + 1 + len(text) // 8


def _room(landscape: bool) -> int:
    """The width between the margins."""
    return (A4[1] if landscape else A4[0]) - 2 * MARGIN


def _fit(natural: list[int], least: list[int], room: int) -> list[int] | None:
    """Widths within ``room``: the natural ones, or the wrapping columns narrowed evenly;
    None when even their narrowest does not fit."""
    if sum(_emu(n) for n in least) > room:
        return None
    widths = [_emu(n) for n in natural]
    while sum(widths) > room:
        excess = sum(widths) - room
        wide = [i for i, width in enumerate(widths) if width > _emu(least[i])]
        share = max(excess // len(wide), 1)
        for i in wide:
            widths[i] = max(widths[i] - share, _emu(least[i]))
    return widths


def _emu(characters: int) -> int:
    return int(characters * CHAR + CELL_MARGINS)
