"""Word: every table cell read back with python-docx and compared with the JSON figures,
the page set-up and table properties, what users' text becomes, and what LibreOffice makes
of the document."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from esfkit.i18n import LABELS, round_half_away
from tests.conftest import EXAMPLES, run_cli
from tests.hostile import outputs as o
from tests.render.conftest import convert
from tests.test_cli import DATA, GOALS
from tests.test_examples import _args

FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/expected.yml"))
CASES = [("sv", ()), ("en", ()), ("sv", ("--suppress-below", "5"))]
# A figure as the report writes it: '1 234', '29,1', '29.1', '1,234', or a hidden one.
NUMBER = {"sv": r"\d{1,3}(?: \d{3})*(?:,\d+)?", "en": r"\d{1,3}(?:,\d{3})*(?:\.\d+)?"}
HIDDEN = r"<\d+|\.\."
GENDERS = ("women", "men")  # the summary's gender columns whatever the rows


_reports: dict[tuple, dict] = {}


def _render(folder: Path, lang: str, extra: tuple[str, ...], tmp_path: Path):
    """The Word report, and the JSON report of the same run's figures."""
    out = tmp_path / f"{folder.name}-{lang}.docx"
    run = run_cli("check", *_args(folder), "--lang", lang, "-o", out, *extra)
    assert run.exit_code == 0, run.stderr
    if (folder, extra) not in _reports:
        _reports[folder, extra] = run_cli("check", *_args(folder), "-f", "json", *extra).json()
    return out, _reports[folder, extra]


def _texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _figures(text: str, lang: str) -> list[str]:
    """The figures of a cell, in order: numbers as written, hidden ones as their marker."""
    return re.findall(rf"{HIDDEN}|{NUMBER[lang]}", text)


def _same(shown: str, value, hidden: str | None, lang: str) -> bool:
    """Does the figure shown say ``value``, rounded as shown (or hide it, if it is hidden)?"""
    if hidden is not None or value is None:
        return hidden is not None and re.fullmatch(HIDDEN, shown) is not None
    digits = shown.replace(" ", "").replace(",", ".") if lang == "sv" else shown.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return round_half_away(value, decimals) == Decimal(digits)


def _check(shown: list[str], cell: dict, fields: list[str], lang: str, where: str) -> None:
    assert len(shown) >= len(fields), f"{where}: {shown} for {fields}"
    hidden = cell.get("suppressed") or {}
    for text, field in zip(shown, fields, strict=False):
        assert _same(text, cell[field], hidden.get(field), lang), f"{where}: {field} {text}"


def _label(dim: str, value, lang: str) -> str:
    if dim == "gender":
        return LABELS[lang][value]
    if value is None:
        return LABELS[lang]["no_outcome" if dim == "exit" else "blank"]
    return str(value)


def _cell_at(goal: dict, labels: set[str], base: bool, lang: str) -> dict | None:
    """The goal's cell whose dimension values read as ``labels`` (for the base of a
    composition or distribution, the row of totals, they name its outer dimensions only:
    the inner one is the dimension every cell has)."""
    inner = set.intersection(*(set(c["dims"]) for c in goal["cells"]))
    for cell in goal["cells"]:
        dims = {d: v for d, v in cell["dims"].items() if not (base and d in inner)}
        if {_label(d, v, lang) for d, v in dims.items()} == labels and len(dims) == len(labels):
            return cell
    return None


@pytest.mark.parametrize(("lang", "extra"), CASES, ids=["sv", "en", "sv-suppressed"])
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_table_cell_says_the_json_figures(folder: Path, lang, extra, tmp_path) -> None:
    out, report = _render(folder, lang, extra, tmp_path)
    _check_document(Document(str(out)), report, lang)


# Participants of unknown gender (a blank Kön, "Okänt") and a non-binary one: each a column
# of its own in the summary and every goal's table (issue 14: 4).
UNKNOWN = (
    "4;;Berg;2021-01-01;2021-05-01;Arbete\n"
    "5;Okänt;Åre;2021-01-01;2021-05-01;\n"
    "6;Icke-binär;Åre;2021-02-01;;\n"
)


@pytest.mark.parametrize(("lang", "extra"), CASES, ids=["sv", "en", "sv-suppressed"])
def test_unknown_gender_has_columns_of_its_own(write, lang, extra, tmp_path) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA + UNKNOWN)
    args = ("check", goals, data, "--as-of", "2021-12-31", *extra)
    out = tmp_path / "r.docx"
    run = run_cli(*args, "--lang", lang, "-o", out)
    assert run.exit_code == 0, run.stderr
    doc = Document(str(out))
    _check_document(doc, run_cli(*args, "-f", "json").json(), lang)
    labels = LABELS[lang]
    summary = _texts(doc.tables[1])
    assert summary[0][3:7] == [labels[g] for g in ("women", "men", "nonbinary", "unknown")]
    for table in doc.tables[2:]:
        assert labels["unknown"] in _texts(table)[0]


def _check_document(doc, report: dict, lang: str) -> None:
    header, summary, *goal_tables = doc.tables
    _check_header(_texts(header), report, lang)
    _check_summary(_texts(summary), report, lang)
    tabled = [g for g in report["goals"] if g["cells"]]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings[-len(tabled) :] == [g["title"] for g in tabled]
    for goal, table in zip(tabled, goal_tables, strict=True):
        _check_goal(_texts(table), goal, lang)


def _check_header(rows: list[list[str]], report: dict, lang: str) -> None:
    values = dict(rows)
    labels = LABELS[lang]
    assert values[labels["as_of"]] == report["as_of"]
    data = values[labels["data"]]
    assert report["input"]["sha256"][:12] in data
    files = report["input"].get("files") or [report["input"]]  # several: a row each
    shown = [value for label, value in rows if label == labels["file"]] or [data]
    assert len(shown) == len(files)
    for found, text in zip(files, shown, strict=True):
        assert found["path"] in text and found["sha256"][:12] in text
    population = report["population"]
    for key, field in (("enrolments", "enrolments"), ("persons", "persons")):
        shown = _figures(values[labels[key]], lang)[0]
        hidden = (report.get("suppressed") or {}).get(f"population.{field}")
        assert _same(shown, population[field], hidden, lang) or re.fullmatch(HIDDEN, shown)


def _check_summary(rows: list[list[str]], report: dict, lang: str) -> None:
    """The summary's columns, a gender's only where the report has cells of it (women and
    men always), and each goal's figures in them."""
    labels = LABELS[lang]
    seen = {c["dims"].get("gender") for g in report["goals"] for c in g["cells"]}
    genders = [g for g in ("women", "men", "nonbinary", "unknown") if g in seen or g in GENDERS]
    columns = ("goal", "target", "actual", *genders, "status", "gap")
    assert rows[0] == [labels[k] for k in columns]
    assert len(rows) == len(report["goals"]) + 1
    for goal, row in zip(report["goals"], rows[1:], strict=True):
        title, _target, actual, *parts, status, _gap = row
        assert title == goal["title"]
        assert status.endswith(labels[f"status.{goal['status']}"]), (status, goal["status"])
        total = next((c for c in goal["cells"] if not c["dims"]), None)
        if goal["kind"] in ("count", "share", "parity") and total is not None:
            _check(_figures(actual, lang), total, ["value"], lang, goal["id"])
            for text, gender in zip(parts, genders, strict=True):
                cell = next((c for c in goal["cells"] if c["dims"] == {"gender": gender}), None)
                if cell is not None:
                    _check(_figures(text, lang), cell, ["value"], lang, f"{goal['id']} {gender}")


def _check_goal(rows: list[list[str]], goal: dict, lang: str) -> None:
    """Each figure of the goal's table, found in the JSON by its row and column labels."""
    labels = LABELS[lang]
    inner = goal["kind"] in ("composition", "distribution")
    columns = rows[0]
    checked = 0
    for row in rows[1:]:
        base = inner and row[0] == labels["total"]
        for column, text in zip(columns[1:], row[1:], strict=True):
            if not text:
                continue
            named = {label for label in (row[0], column) if label and label != labels["total"]}
            cell = _cell_at(goal, named, base, lang)
            assert cell is not None, f"{goal['id']}: no cell for {named}"
            if base:
                fields = ["denominator"]
            elif inner:
                fields = ["numerator", "percent"]
            elif goal["kind"] == "count":
                fields = ["value"] + (["target"] if cell["target"] is not None else [])
            else:
                fields = ["value", "numerator", "denominator"] if cell["value"] is not None else []
            _check(_figures(text, lang), cell, fields, lang, f"{goal['id']} {named}")
            checked += 1
    assert checked >= len(columns) - 1


def test_tables_have_a_style_a_repeated_header_and_shaded_statuses(tmp_path) -> None:
    out, report = _render(EXAMPLES / "utan", "sv", (), tmp_path)
    doc = Document(str(out))
    summary = doc.tables[1]
    for table in doc.tables[1:]:
        assert table.style.name == "Light Grid Accent 1"
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    fills = []
    status = [c.text for c in summary.rows[0].cells].index("Status")
    for row in summary.rows[1:]:
        shading = row.cells[status]._tc.tcPr.find(qn("w:shd"))
        fills.append(None if shading is None else shading.get(qn("w:fill")))
    expected = {"met": "C6EFCE", "not_met": "FFC7CE", "no_target": None}
    assert fills == [expected[g["status"]] for g in report["goals"]]
    # Figures right-aligned, words left-aligned, in the summary and in a goal's table.
    row = summary.rows[1].cells
    assert [c.paragraphs[0].alignment for c in row][:3] == [None, 2, 2]
    assert doc.tables[2].rows[1].cells[1].paragraphs[0].alignment == 2


def test_a4_portrait_unless_a_table_is_too_wide(tmp_path) -> None:
    narrow, _ = _render(EXAMPLES / "utan", "sv", (), tmp_path)
    wide, _ = _render(EXAMPLES / "vagar-till-egen-forsorjning", "sv", (), tmp_path)
    for path, orientation in ((narrow, WD_ORIENT.PORTRAIT), (wide, WD_ORIENT.LANDSCAPE)):
        section = Document(str(path)).sections[0]
        assert section.orientation == orientation
        size = sorted((section.page_width, section.page_height))
        assert [round(s / Cm(1), 1) for s in size] == [21.0, 29.7]
        width = section.page_width - section.left_margin - section.right_margin
        for table in Document(str(path)).tables:
            assert sum(c.width for c in table.columns) <= width


def test_no_time_in_the_properties_and_fixed_zip_dates(tmp_path) -> None:
    out, _ = _render(EXAMPLES / "utan", "sv", (), tmp_path)
    with zipfile.ZipFile(out) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    properties = Document(str(out)).core_properties
    assert properties.author == "esfkit 0.1.0" or properties.author.startswith("esfkit ")


def test_users_text_is_masked_and_shown_as_text(write, tmp_path) -> None:
    pnr = "19850101-1236"
    goals = GOALS.replace("title: Rekryterade", f'title: "=1+1 {pnr} \\e[31m"')
    data = DATA.replace(";Berg;", f";Berg {pnr}\u202e;")
    out = tmp_path / "r.docx"
    run = run_cli(
        "check", write("g.yml", goals), write("d.csv", data), "--as-of", "2021-12-31", "-o", out
    )
    assert run.exit_code == 0, run.stderr
    with zipfile.ZipFile(out) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml"))
    text = xml.decode("utf-8")
    assert "8501011236" not in text.replace("-", "") and "850101-1236" not in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "=1+1" in text and "fldSimple" not in text and "instrText" not in text


def test_docx_is_picked_by_extension_and_needs_an_output_file(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    run = run_cli("check", goals, data, "-f", "docx", "--lang", "en")
    assert run.exit_code == 2 and "-o report.docx" in run.stderr
    out = write("report.docx", b"")
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-o", out)
    assert run.exit_code == 0, run.stderr
    assert zipfile.is_zipfile(out) and "word/document.xml" in zipfile.ZipFile(out).namelist()


@pytest.mark.external
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_libreoffice_converts_the_document_to_pdf(folder: Path, soffice: str, tmp_path) -> None:
    out, _ = _render(folder, "sv", ("--suppress-below", "5"), tmp_path)
    pdf = convert(soffice, out, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.external
def test_libreoffice_reads_users_text_as_text(soffice: str, tmp_path) -> None:
    texts = o.Texts(manual_title=o.DDE, municipalities=(o.AT, o.FULLWIDTH), exits=(o.PLUS, "-2+3"))
    inputs = o.write_inputs(tmp_path / "in", texts)
    out = tmp_path / "report.docx"
    run = run_cli("check", inputs.goals, inputs.data, "--as-of", "2021-12-31", "-o", out)
    assert run.exit_code == 0, run.stderr
    converted = convert(soffice, out, "txt:Text (encoded):UTF8", tmp_path)
    assert o.DDE in converted.read_text(encoding="utf-8-sig")
