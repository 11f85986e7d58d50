"""``esfkit template``: an Excel workbook to keep the participant list in.

The "Deltagare" sheet has the columns esfkit reads (and, with a goal file, every column its
goals use), drop-down lists where the values are fixed, date formats, and a frozen header;
the "Instruktioner" sheet tells the person filling it in what goes where, in Swedish. A
hidden "Listor" sheet holds the drop-down values, so a value may contain a comma.

Headers, drop-down values and names from the goal file are text cells, never formulas
(esfkit.escape.excel and excel_text_cell): a value such as ``=cmd|' /C calc'!A0`` shows as
typed. A drop-down's list is a reference to the "Listor" sheet, never built from values.
"""

from __future__ import annotations

import dataclasses
import io
import typing
from dataclasses import dataclass

from esfkit.data.settings import COLUMN_FIELDS
from esfkit.errors import UsageError
from esfkit.escape import excel, excel_text_cell
from esfkit.goalfile.filters import fields_used
from esfkit.goalfile.model import (
    DERIVED_FIELDS,
    AllOf,
    AnyOf,
    Between,
    Compare,
    Equals,
    Filter,
    GoalFile,
    Not,
)

GENDERS = ("Kvinna", "Man", "Icke-binär")
YES_NO = ("Ja", "Nej")
_ROWS = 5000  # drop-downs and formats reach this far down
# Excel's limits for a drop-down's texts: longer ones make it "repair" the workbook.
_TITLE_CHARS, _PROMPT_CHARS = 32, 255
_SHEET_NAME_BAD = frozenset("[]:*?/\\")
_FILTER_TYPES = typing.get_args(Filter)

DEFAULT_HEADERS = {
    "id": "Deltagar-ID",
    "gender": "Kön",
    "birth_date": "Födelsedatum",
    "municipality": "Kommun",
    "start": "Inskrivningsdatum",
    "end": "Avslutsdatum",
    "exit": "Avslutsorsak",
}
_FIELD_ORDER = ("id", "gender", "birth_date", "municipality", "start", "end", "exit")
_FIELD_HELP = {
    "id": "Deltagarens id: personnummer (ÅÅÅÅMMDD-NNNN) eller projektets löpnummer. "
    "Samma id på två rader betyder att samma person skrivits in två gånger.",
    "gender": "Kön: välj i listan (Kvinna, Man, Icke-binär). Lämna tom om uppgift saknas.",
    "birth_date": "Födelsedatum, ÅÅÅÅ-MM-DD. Behövs för ålder och åldersgrupper.",
    "municipality": "Kommunen deltagaren tillhör i projektet.",
    "start": "Datum då deltagaren skrevs in, ÅÅÅÅ-MM-DD.",
    "end": "Datum då deltagaren avslutades, ÅÅÅÅ-MM-DD. Tom så länge deltagaren är kvar.",
    "exit": "Vart deltagaren gick vid avslut: välj i listan. Tom så länge deltagaren är kvar.",
}


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the template: its header, what kind of cells, and why it is there."""

    header: str
    kind: str  # "text", "date", "number" or "list"
    help: str
    values: tuple[str, ...] = ()


def template_columns(goal_file: GoalFile | None) -> list[TemplateColumn]:
    """The columns for a template: esfkit's fields, then every column the goals use."""
    columns = [_field_column(name, goal_file) for name in _FIELD_ORDER]
    seen = {c.header.casefold() for c in columns}
    for column in _goal_columns(goal_file) if goal_file else []:
        if column.header.casefold() not in seen:
            seen.add(column.header.casefold())
            columns.append(column)
    return columns


def _field_column(name: str, goal_file: GoalFile | None) -> TemplateColumn:
    header = DEFAULT_HEADERS[name]
    if goal_file and name in goal_file.data.columns:
        header = goal_file.data.columns[name].header
    help_text = _FIELD_HELP[name]
    if name in ("birth_date", "start", "end"):
        return TemplateColumn(header, "date", help_text)
    if name == "gender":
        return TemplateColumn(header, "list", help_text, GENDERS)
    if name == "municipality" and goal_file and goal_file.project.municipalities:
        return TemplateColumn(header, "list", help_text, goal_file.project.municipalities)
    if name == "exit" and goal_file and goal_file.outcomes:
        values = tuple(dict.fromkeys(v for group in goal_file.outcomes.values() for v in group))
        return TemplateColumn(header, "list", help_text, values)
    return TemplateColumn(header, "text", help_text)


def _goal_columns(goal_file: GoalFile) -> list[TemplateColumn]:
    """Columns the goals name that are not esfkit fields, with the values the goals use."""
    values: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    used_by: dict[str, list[str]] = {}
    for goal in goal_file.goals:
        for part in _filters(goal):
            for node in _leaves(part):
                for name, _loc in fields_used(node):  # a comparison reads two columns
                    if name in COLUMN_FIELDS or name in DERIVED_FIELDS:
                        continue
                    used_by.setdefault(name, []).append(goal.id)
                    if isinstance(node, Equals):
                        values.setdefault(name, []).extend(v.text for v in node.values)
                    elif isinstance(node, Between):
                        kinds[name] = "date" if node.after or node.before else "number"
                    elif isinstance(node, Compare) and _dates(node):
                        kinds[name] = "date"
    for goal in goal_file.goals:
        column = getattr(goal.definition, "column", None)
        if isinstance(column, str) and column not in (*COLUMN_FIELDS, *DERIVED_FIELDS):
            used_by.setdefault(column, []).append(goal.id)
    columns = [
        _goal_column(header, values.get(header, []), kinds.get(header), goals)
        for header, goals in used_by.items()
    ]
    return _indicator_columns(goal_file) + columns


def _indicator_columns(goal_file: GoalFile) -> list[TemplateColumn]:
    """The columns the included indicator libraries need, with their fixed values."""
    columns = []
    for included in goal_file.includes:
        for need in included.columns:
            text = f"{need.help} ({included.name}: {', '.join(need.used_by)})"
            kind = "list" if need.values else "text"
            columns.append(TemplateColumn(need.header, kind, text, need.values))
    return columns


def _goal_column(
    header: str, written: list[str], kind: str | None, goals: list[str]
) -> TemplateColumn:
    help_text = "Används av: " + ", ".join(dict.fromkeys(goals)) + "."
    if kind:
        what = "ett datum, ÅÅÅÅ-MM-DD" if kind == "date" else "ett tal"
        return TemplateColumn(header, kind, f"{help_text} Skriv {what}.")
    distinct = tuple(dict.fromkeys(written))
    if {v.casefold() for v in distinct} <= {"ja", "nej"}:
        return TemplateColumn(
            header, "list", f"{help_text} Ja eller Nej; tom = inte besvarat.", YES_NO
        )
    if distinct:  # other values may occur too, so no drop-down: just say what counts
        counted = ", ".join(distinct)
        return TemplateColumn(header, "text", f"{help_text} Målen räknar värdena: {counted}.")
    return TemplateColumn(header, "text", help_text)


def _filters(goal) -> list[Filter]:
    found = [goal.scope] if goal.scope is not None else []
    if dataclasses.is_dataclass(goal.definition):
        for item in dataclasses.fields(goal.definition):
            value = getattr(goal.definition, item.name)
            if isinstance(value, _FILTER_TYPES):
                found.append(value)
    return found


def _dates(node: Compare) -> bool:
    """A comparison that can only be of dates: after, before, or with an offset."""
    return node.other.offset is not None or node.op in ("after", "before")


def _leaves(part: Filter) -> list:
    """The conditions inside a filter (Equals, Between, Missing, SameAs, Compare)."""
    if isinstance(part, AllOf | AnyOf):
        return [leaf for p in part.parts for leaf in _leaves(p)]
    if isinstance(part, Not):
        return _leaves(part.part)
    return [part] if fields_used(part) else []


# --- the workbook -------------------------------------------------------------------------


def template_workbook(columns: list[TemplateColumn], sheet: str, project: str | None) -> bytes:
    """The .xlsx file's bytes."""
    from openpyxl import Workbook

    book = Workbook()
    data = book.worksheets[0]
    data.title = _sheet_title(sheet)
    lists = book.create_sheet(_other_title("Listor", sheet))
    lists.sheet_state = "hidden"
    _data_sheet(data, lists, columns)
    instructions = book.create_sheet(_other_title("Instruktioner", sheet), 1)
    _instructions(instructions, columns, sheet, project)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    """The goal file's data.sheet as the template's sheet name, which Excel must accept."""
    if (
        not name
        or len(name) > 31
        or _SHEET_NAME_BAD & set(name)
        or name[0] == "'"
        or name[-1] == "'"
        or excel(name) != name
    ):
        raise UsageError(
            f"data.sheet '{name}' in the goal file cannot name an Excel sheet",
            hint="Excel allows up to 31 characters, none of [ ] : * ? / \\ nor a control "
            "character, and no ' at either end; rename the sheet in the goal file",
        )
    return name


def _other_title(name: str, data_sheet: str) -> str:
    """A helper sheet's name, changed if the data sheet already has it."""
    return name if name.casefold() != data_sheet.casefold() else f"{name} (esfkit)"


def _text(cell, text: str):
    """A text cell holding ``text`` from the goal file or esfkit: never a formula."""
    return excel_text_cell(cell, excel(text))


def _limited(text: str, limit: int) -> str:
    text = excel(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _data_sheet(data, lists, columns: list[TemplateColumn]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    list_index = 0
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = _text(data.cell(row=1, column=index), column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = max(len(column.header), *(len(v) for v in column.values), 10) + 2
        data.column_dimensions[letter].width = min(width, 40)
        cells = f"{letter}2:{letter}{_ROWS}"
        check = None
        if column.kind == "date":
            data.column_dimensions[letter].number_format = "yyyy-mm-dd"
            check = DataValidation(type="date", operator="greaterThan", formula1="DATE(1900,1,1)")
            check.error = "Skriv ett datum: ÅÅÅÅ-MM-DD."
        elif column.kind == "number":
            check = DataValidation(
                type="decimal", operator="between", formula1="-1E9", formula2="1E9"
            )
            check.error = "Skriv ett tal."
        elif column.kind == "list":
            list_index += 1
            source = get_column_letter(list_index)
            _text(lists.cell(row=1, column=list_index), column.header)
            for row, value in enumerate(column.values, start=2):
                _text(lists.cell(row=row, column=list_index), value)
            last = len(column.values) + 1
            # A reference to the cells, quoted as a sheet name: no value is ever in a formula.
            where = f"'{lists.title}'!${source}$2:${source}${last}"
            check = DataValidation(type="list", formula1=f"={where}")
            check.error = "Välj ett värde i listan (eller lämna cellen tom)."
        else:
            data.column_dimensions[letter].number_format = "@"  # ids keep leading zeros
        if check is not None:
            check.allow_blank = True
            check.showErrorMessage = True
            check.errorTitle = _limited(column.header, _TITLE_CHARS)
            check.prompt = _limited(column.help, _PROMPT_CHARS)
            check.showInputMessage = True
            data.add_data_validation(check)
            check.add(cells)
    data.freeze_panes = "A2"


def _instructions(
    sheet, columns: list[TemplateColumn], data_sheet: str, project: str | None
) -> None:
    from openpyxl.styles import Alignment, Font

    title = "Deltagarlista för esfkit" + (f" – {project}" if project else "")
    lines = [
        (title, True),
        ("", False),
        (
            f"Fyll i bladet ”{data_sheet}”: en rad per inskrivning. En person som skrivs in igen "
            "får en ny rad med samma Deltagar-ID.",
            False,
        ),
        (
            "Ändra inte rubrikerna på rad 1; esfkit känner igen kolumnerna på dem. Lägg gärna till "
            "egna kolumner till höger.",
            False,
        ),
        (
            "Datum skrivs ÅÅÅÅ-MM-DD (t.ex. 2022-03-01). Där det finns en lista väljer du i den; "
            "en tom cell betyder att uppgiften saknas och redovisas som okänd, den tas aldrig bort "
            "i tysthet.",
            False,
        ),
        (
            "Listan innehåller personuppgifter (ibland känsliga). Förvara den som projektets "
            "övriga deltagarhandlingar och skicka den inte med e-post.",
            False,
        ),
        ("Rapporten tas fram med: esfkit check goals.yml deltagare.xlsx", False),
        ("", False),
        ("Kolumner", True),
    ]
    lines += [(f"{c.header}: {c.help}", False) for c in columns]
    sheet.column_dimensions["A"].width = 110
    for row, (text, heading) in enumerate(lines, start=1):
        cell = _text(sheet.cell(row=row, column=1), text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=13)
