"""Every user-facing label and number format, in Swedish and English.

Renderers ask here for words and numbers; none of them holds a label of its own. Numbers are
rounded half away from zero ("46,65" -> "46,7"), with a decimal comma, a space as thousands
separator and a space before "%" in Swedish.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from esfkit.errors import EsfkitError
from esfkit.escape import TERMINAL, Sink
from esfkit.messages import MESSAGES

LANGS = ("sv", "en")

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "project": "Projekt",
        "as_of": "Rapportdatum",
        "as_of.project_end": "projektets slut",
        "due": "Målet ska vara nått senast {date}; förväntat hittills räknas fram till dess",
        "phase": "Fas {start} – {end}: räknar inskrivningar som var aktiva under fasen",
        "period": "Period",
        "data": "Data",
        "file": "Fil",
        "files": "{n} filer",
        "enrolments": "Inskrivningar",
        "persons": "Unika personer",
        "outside": "Rader utanför rapporten",
        "unit_person": "målen räknas per person",
        "unit_enrolment": "målen räknas per inskrivning",
        "goal": "Mål",
        "target": "Målvärde",
        "actual": "Utfall",
        "status": "Status",
        "gap": "Avvikelse",
        "total": "Totalt",
        "women": "Kvinnor",
        "men": "Män",
        "nonbinary": "Icke-binära",
        "unknown": "Okänt",
        "blank": "(tomt)",
        "no_outcome": "(ingen avslutsorsak)",
        "municipality": "Kommun",
        "gender": "Kön",
        "age_band": "Åldersgrupp",
        "start_year": "Startår",
        "exit": "Avslutsorsak",
        "summary": "Sammanfattning",
        "findings": "Att notera i data",
        "n": "antal",
        "n_equals": "n = {n}",
        "note": "Not",
        "scope_excluded": "{n} utanför målets avgränsning",
        "outside_denominator": "{n} {who} och räknas inte i andelen",
        "outside_denominator.mean": "{n} {who} och räknas inte i värdet",
        "outside.default": "hör inte till dem andelen räknas på",
        "outside.enrolled": "är fortfarande inskrivna",
        "outside.exited": "har redan avslutats",
        "outside.unanswered": "svarade inte på {column}",
        "outside.unanswered_value": "svarade inte {values} på {column}",
        "outside.blank": "har inget ifyllt i {column}",
        "outside.other_value": "har inte {values} i {column}",
        "outside.other": "har {column} utanför målets urval",
        "outside.other_exit": "har avslutats av ett annat skäl",
        "outside.no_exit": "har avslutats utan avslutsorsak",
        "or": "eller",
        "field.exit": "avslutsorsak",
        "field.exited": "avslut",
        "field.start": "startdatum",
        "field.end": "avslutsdatum",
        "field.birth_date": "födelsedatum",
        "field.age": "ålder",
        "field.days_enrolled": "dagar i projektet",
        "field.start_year": "startår",
        "field.gender": "kön",
        "field.municipality": "kommun",
        "field.age_band": "åldersgrupp",
        "field.id": "deltagar-id",
        "per.note": "Målet gäller {per}: totalen är målet × {factors}",
        "per.year": "per år",
        "per.municipality": "per kommun",
        "per.both": "per år och kommun",
        "per.years": "{n} år",
        "per.municipalities": "{n} kommuner",
        "mean.unit": "Värdet i {unit}",
        "mean.counts": "Inom parentes: antal med ett värde / antal som räknas",
        "mean.unknown": "{n} utan värde räknas men ingår inte i värdet",
        "unit.days": "dagar",
        "unit.weeks": "veckor",
        "unit.months": "månader (en månad = 365,25 / 12 dagar)",
        "unit.years": "år (365,25 dagar)",
        "tolerance": "tolerans ±{points} procentenheter",
        "parity_target": "andel {group} bland alla",
        "status.met": "Uppfyllt",
        "status.not_met": "Ej uppfyllt",
        "status.on_track": "I fas",
        "status.behind": "Efter plan",
        "status.no_target": "Inget mål",
        "status.no_data": "Inga data",
        "status.in_progress": "Pågår",
        "status.hidden": "Dold (små tal)",
        "gap.more_group": "{n} {group} till behövs",
        "gap.more": "{n} till behövs",
        "gap.over_group": "{n} {group} över taket",
        "gap.over": "{n} över taket",
        "gap.points_below": "{points} %-enheter under",
        "gap.points_above": "{points} %-enheter över",
        "gap.value_below": "{value} under målet",
        "gap.value_above": "{value} över målet",
        "gap.expected": "förväntat {n} hittills",
        "group.women": "kvinnor",
        "group1.women": "kvinna",
        "group1.men": "man",
        "group1.nonbinary": "icke-binär",
        "group1.unknown": "med okänt kön",
        "group.men": "män",
        "group.nonbinary": "icke-binära",
        "group.unknown": "med okänt kön",
        "finding.outside_period": "Inskrivningar som inte var aktiva under perioden, räknas inte: {n}",
        "finding.starts_after_report_date": "Inskrivningar som börjar efter rapportdatum, räknas inte: {n}",
        "finding.no_start_date": "Rader utan startdatum, räknas med: {n}",
        "finding.re_enrolments": "Återinskrivningar, samma person på flera rader: {n} ({persons} unika personer)",
        "finding.outcome_without_date": "Rader med avslutsorsak men utan avslutsdatum, orsaken räknas som angiven: {n}",
        "finding.no_outcome": "Avslutade utan avslutsorsak: {n}",
        "finding.uncompared": "Rader där ett mål jämför två kolumner och den ena är tom (räknas inte som träff, varken för jämförelsen eller dess not): {n}",
        "finding.unknown_gender": "Deltagare utan uppgift om kön: {n}",
        "finding.unknown_municipality": "Deltagare utan uppgift om kommun: {n}",
        "finding.no_id_column": "ingen kolumn med deltagar-id: varje rad räknas som en person",
        "finding.no_gender_column": "ingen kolumn med kön: alla räknas som okänt kön",
        "finding.no_municipality_column": "ingen kolumn med kommun: ingen uppdelning per kommun",
        "finding.gender_code": "Rader med okänt värde i kolumnen för kön: {n}",
        "finding.bad_date": "Rader med datum som inte går att läsa: {n}",
        "finding.exit_before_start": "Rader med avslutsdatum före inskrivningsdatum: {n}",
        "finding.undeclared_municipality": "Rader med kommun som inte finns i project.municipalities: {n}",
        "finding.duplicate_row": "Identiska rader (inklistrade två gånger?), rader: {n}",
        "finding.total_row": "Summarader under deltagarna: {n}",
        "finding.total_row_skipped": "Summarader i filen, inte räknade som deltagare: radnummer {rows}",
        "finding.note_row": "Rader med anteckningar under deltagarna: {n}",
        "finding.error_value": "Celler med Excels felvärden (#SAKNAS!, #REFERENS! …): {n}",
        "finding.rounded_id": "Deltagar-id som Excel avrundat (1,98501E+11): {n}",
        "finding.merged_cells": "Sammanfogade celler, där bara den första har värdet: {n}",
        "finding.detached_rows": "Rader långt under tabellen, avskilda av tomma rader: {n}",
        "finding.mixed_encoding": "Rader i en annan teckenkodning än resten av filen, lästa var för sig: {n}",
        "finding.lookalike_characters": "Rader med bokstäver från ett annat alfabet som liknar ett angivet värde: {n}",
        "finding.invisible_characters": "Rader med osynliga tecken i ett värde, räknat som värdet utan dem: {n}",
        "finding.no_rows": "Inga deltagarrader under rubrikraden",
        "finding.ambiguous_date": "Datum som kan läsas med dagen eller månaden först: {n}",
        "finding.formula_without_value": "Formler utan sparat värde (läses som tomma): {n}",
        "finding.municipality_spelling": "Rader med kommunnamn som liknar ett officiellt namn men räknas för sig: {n}",
        "finding.not_a_municipality": "Rader där kommunen inte är en svensk kommun: {n}",
        "finding.invalid_personnummer": "Rader med ogiltigt personnummer (kontrollsiffra eller datum): {n}",
        "finding.missing_id": "Rader utan deltagar-id, räknas som egna personer: {n}",
        "finding.re_enrolment": "Rader med återinskrivning, skilda perioder: {n}",
        "finding.municipality_move": "Rader för deltagare som flyttat mellan kommuner: {n}",
        "finding.municipality_moves": "Deltagare som flyttat mellan kommuner, räknas i kommunen för sin senaste inskrivning: {n}",
        "finding.overlapping_enrolments": "Rader där samma person är inskriven två gånger samtidigt: {n}",
        "rows": "rader",
        "footer": "Källa: {file}, {rows} rader, sha256 {sha}; rapportdatum {as_of}{period}; esfkit {version}",
        "footer.period": ", period {period}",
        "measure": "Mått",
        "value": "Värde",
        "goal_id": "Mål-id",
        "title": "Rubrik",
        "measure.value": "värde",
        "measure.numerator": "antal",
        "measure.denominator": "nämnare",
        "measure.percent": "procent",
        "measure.target": "mål",
        "measure.expected": "förväntat",
        "measure.gap": "avvikelse",
        "sheet.gap": "Avvikelse (+ sämre än målet, − bättre)",
        "sheet.gap_points": "Avvikelse, %-enheter (+ sämre än målet, − bättre)",
        "measure.status": "status",
        "suppressed.small": "<{n}",
        "suppressed.secondary": "..",
        "suppressed.note": 'Antal från 1 till {last} visas som <{n}, och andelar och status som bygger på dem döljs. ".." är ett värde som döljs så att inget dolt antal kan räknas fram ur summor, andra celler eller rapportens andra tabeller; ett antal som döljs på ett ställe döljs överallt där det står.',
        "change": "Förändring",
        "change.since": "sedan {date}",
        "change.none": "–",
        "change.redefined": "Ändrade mål",
        "change.redefined.goals": "{goals} – definitionen har ändrats, så målet jämförs inte med körningar före ändringen",
        "history.date": "Rapportdatum",
        "history.title": "Utveckling",
        "history.empty": "Historikfilen har inga rader.",
        "chart.target_actual": "Mål och utfall",
        "chart.trend": "Utveckling",
        "chart.value": "Utfall",
        "chart.target": "Målvärde",
        "sheet.summary": "Sammanfattning",
        "sheet.about": "Om rapporten",
        "html.lang": "sv",
    },
    "en": {
        "project": "Project",
        "as_of": "Report date",
        "as_of.project_end": "the project's end",
        "due": "Due by {date}; expected so far is paced to that date",
        "phase": "Phase {start} – {end}: counts the enrolments active during it",
        "period": "Period",
        "data": "Data",
        "file": "File",
        "files": "{n} files",
        "enrolments": "Enrolments",
        "persons": "Unique persons",
        "outside": "Rows outside the report",
        "unit_person": "goals count persons",
        "unit_enrolment": "goals count enrolments",
        "goal": "Goal",
        "target": "Target",
        "actual": "Actual",
        "status": "Status",
        "gap": "Gap",
        "total": "Total",
        "women": "Women",
        "men": "Men",
        "nonbinary": "Non-binary",
        "unknown": "Unknown",
        "blank": "(blank)",
        "no_outcome": "(no outcome)",
        "municipality": "Municipality",
        "gender": "Gender",
        "age_band": "Age band",
        "start_year": "Start year",
        "exit": "Exit outcome",
        "summary": "Summary",
        "findings": "Worth noting in the data",
        "n": "count",
        "n_equals": "n = {n}",
        "note": "Note",
        "scope_excluded": "{n} outside the goal's scope",
        "outside_denominator": "{n} {who} and are not counted in the share",
        "outside_denominator.mean": "{n} {who} and are not counted in the value",
        "outside.default": "are not among those the share is counted on",
        "outside.enrolled": "are still enrolled",
        "outside.exited": "have already left",
        "outside.unanswered": "did not answer {column}",
        "outside.unanswered_value": "did not answer {values} to {column}",
        "outside.blank": "have nothing filled in under {column}",
        "outside.other_value": "do not have {values} under {column}",
        "outside.other": "have {column} outside the goal's selection",
        "outside.other_exit": "left for another reason",
        "outside.no_exit": "left without an exit outcome",
        "or": "or",
        "field.exit": "exit outcome",
        "field.exited": "exit",
        "field.start": "start date",
        "field.end": "exit date",
        "field.birth_date": "date of birth",
        "field.age": "age",
        "field.days_enrolled": "days in the project",
        "field.start_year": "start year",
        "field.gender": "gender",
        "field.municipality": "municipality",
        "field.age_band": "age band",
        "field.id": "participant id",
        "per.note": "The target is {per}: the total is the target × {factors}",
        "per.year": "per year",
        "per.municipality": "per municipality",
        "per.both": "per year and municipality",
        "per.years": "{n} years",
        "per.municipalities": "{n} municipalities",
        "mean.unit": "The value in {unit}",
        "mean.counts": "In brackets: persons with a value / persons counted",
        "mean.unknown": "{n} without a value are counted but not in the value",
        "unit.days": "days",
        "unit.weeks": "weeks",
        "unit.months": "months (a month = 365.25 / 12 days)",
        "unit.years": "years (365.25 days)",
        "tolerance": "tolerance ±{points} percentage points",
        "parity_target": "share of {group} among everyone",
        "status.met": "Met",
        "status.not_met": "Not met",
        "status.on_track": "On track",
        "status.behind": "Behind",
        "status.no_target": "No target",
        "status.no_data": "No data",
        "status.in_progress": "In progress",
        "status.hidden": "Hidden (small numbers)",
        "gap.more_group": "{n} more {group} needed",
        "gap.more": "{n} more needed",
        "gap.over_group": "{n} {group} over the limit",
        "gap.over": "{n} over the limit",
        "gap.points_below": "{points} pp below",
        "gap.points_above": "{points} pp above",
        "gap.value_below": "{value} below the target",
        "gap.value_above": "{value} above the target",
        "gap.expected": "{n} expected by now",
        "group.women": "women",
        "group1.women": "woman",
        "group1.men": "man",
        "group1.nonbinary": "non-binary person",
        "group1.unknown": "of unknown gender",
        "group.men": "men",
        "group.nonbinary": "non-binary persons",
        "group.unknown": "of unknown gender",
        "finding.outside_period": "Enrolments not active during the period, not counted: {n}",
        "finding.starts_after_report_date": "Enrolments starting after the report date, not counted: {n}",
        "finding.no_start_date": "Rows without a start date, counted: {n}",
        "finding.re_enrolments": "Re-enrolments, one person on several rows: {n} ({persons} unique persons)",
        "finding.outcome_without_date": "Rows with an exit outcome but no exit date, outcome counted as recorded: {n}",
        "finding.no_outcome": "Exited without an exit outcome: {n}",
        "finding.uncompared": "Rows where a goal compares two columns and one is blank (a match neither for the comparison nor for its not): {n}",
        "finding.unknown_gender": "Participants without a gender recorded: {n}",
        "finding.unknown_municipality": "Participants without a municipality recorded: {n}",
        "finding.no_id_column": "no participant id column: every row counts as one person",
        "finding.no_gender_column": "no gender column: everyone counts as unknown gender",
        "finding.no_municipality_column": "no municipality column: no breakdown by municipality",
        "finding.gender_code": "Rows with an unknown value in the gender column: {n}",
        "finding.bad_date": "Rows with a date that cannot be read: {n}",
        "finding.exit_before_start": "Rows with an exit date before the start date: {n}",
        "finding.undeclared_municipality": "Rows with a municipality not in project.municipalities: {n}",
        "finding.duplicate_row": "Identical rows (pasted twice?), rows: {n}",
        "finding.total_row": "Sum rows below the participants: {n}",
        "finding.total_row_skipped": "Sum rows in the file, not counted as participants: row numbers {rows}",
        "finding.note_row": "Rows of notes below the participants: {n}",
        "finding.error_value": "Cells holding an Excel error value (#N/A, #REF! ...): {n}",
        "finding.rounded_id": "Participant ids Excel rounded (1,98501E+11): {n}",
        "finding.merged_cells": "Merged cells, only the first holding the value: {n}",
        "finding.detached_rows": "Rows far below the table, cut off by empty rows: {n}",
        "finding.mixed_encoding": "Lines in another text encoding than the rest of the file, each read in its own: {n}",
        "finding.lookalike_characters": "Rows with letters of another alphabet that look like a declared value: {n}",
        "finding.invisible_characters": "Rows with invisible characters in a value, counted as the value without them: {n}",
        "finding.no_rows": "No participant rows under the header",
        "finding.ambiguous_date": "Dates that read day first or month first: {n}",
        "finding.formula_without_value": "Formulas without a saved value (read as blank): {n}",
        "finding.municipality_spelling": "Rows with a municipality name close to an official one, counted apart: {n}",
        "finding.not_a_municipality": "Rows whose municipality is not a Swedish municipality: {n}",
        "finding.invalid_personnummer": "Rows with an invalid personnummer (check digit or date): {n}",
        "finding.missing_id": "Rows without a participant id, each counted as a person: {n}",
        "finding.re_enrolment": "Rows with a re-enrolment, separate periods: {n}",
        "finding.municipality_move": "Rows of participants who moved between municipalities: {n}",
        "finding.municipality_moves": "Participants who moved between municipalities, counted in that of their latest enrolment: {n}",
        "finding.overlapping_enrolments": "Rows where one person is enrolled twice at the same time: {n}",
        "rows": "rows",
        "footer": "Source: {file}, {rows} rows, sha256 {sha}; report date {as_of}{period}; esfkit {version}",
        "footer.period": ", period {period}",
        "measure": "Measure",
        "value": "Value",
        "goal_id": "Goal id",
        "title": "Title",
        "measure.value": "value",
        "measure.numerator": "count",
        "measure.denominator": "denominator",
        "measure.percent": "percent",
        "measure.target": "target",
        "measure.expected": "expected",
        "measure.gap": "gap",
        "sheet.gap": "Gap (+ worse than the target, − better)",
        "sheet.gap_points": "Gap, percentage points (+ worse than the target, − better)",
        "measure.status": "status",
        "suppressed.small": "<{n}",
        "suppressed.secondary": "..",
        "suppressed.note": 'Counts from 1 to {last} are shown as <{n}, and percentages and statuses built on them are hidden. ".." is a value hidden so that no hidden count can be worked out from totals, other cells or the report\'s other tables; a count hidden in one place is hidden wherever it appears.',
        "change": "Change",
        "change.since": "since {date}",
        "change.none": "–",
        "change.redefined": "Changed goals",
        "change.redefined.goals": "{goals} – the definition has changed, so the goal is not compared with runs before the change",
        "history.date": "Report date",
        "history.title": "Trend",
        "history.empty": "The history file has no rows.",
        "chart.target_actual": "Target and actual",
        "chart.trend": "Trend",
        "chart.value": "Actual",
        "chart.target": "Target",
        "sheet.summary": "Summary",
        "sheet.about": "About the report",
        "html.lang": "en",
    },
}

for _lang in LANGS:
    LABELS[_lang].update(MESSAGES[_lang])

STATUS_SYMBOLS = {
    "met": "✔",
    "not_met": "✘",
    "on_track": "↗",
    "behind": "↘",
    "no_target": "·",
    "no_data": "∅",
    "in_progress": "…",
    "hidden": "◦",
}


class Words:
    """Labels and numbers in one language, made safe for one output (``sink``).

    Every word a renderer lays out comes from here: esfkit's labels through
    ``sink.label``, and text from users' files (titles, notes, values, headers, file
    names) through :meth:`user`, that is ``sink.user`` (masked and escaped, see
    ``esfkit.escape``). The renderer escapes nothing again.
    """

    def __init__(self, lang: str, suppress_below: int | None = None, sink: Sink = TERMINAL):
        self.lang = lang
        self.labels = LABELS[lang]
        self.suppress_below = suppress_below
        self.sink = sink

    def user(self, text: object) -> str:
        """Text from a user's file (or the goal file), masked and escaped for the sink."""
        return self.sink.user(text)

    def hidden(self, marker: str) -> str:
        """What a figure hidden by small-number suppression shows: '<5', or '..'."""
        if marker == "small":
            return self("suppressed.small", n=self.integer(self.suppress_below or 0))
        return self("suppressed.secondary")

    def count(self, value: int) -> str:
        """A count of persons outside the goal tables (header, findings): '<5' when small."""
        if self.suppress_below and 1 <= value < self.suppress_below:
            return self.hidden("small")
        return self.integer(value)

    def __call__(self, key: str, **params: Any) -> str:
        """A label; ``params`` are words already made safe (figures, :meth:`user` text)."""
        text = self.sink.label(self.labels.get(key, key))
        return text.format(**params) if params else text

    def group(self, gender: str, count: float) -> str:
        """'kvinna' for one, 'kvinnor' for several."""
        return self(f"group1.{gender}" if count == 1 else f"group.{gender}")

    def status(self, status: str) -> str:
        return f"{STATUS_SYMBOLS[status]} {self(f'status.{status}')}"

    def dim_value(self, dim: str, value: Any) -> str:
        if dim == "gender":
            return self(value)
        if value is None:
            return self("no_outcome") if dim == "exit" else self("blank")
        return self.user(value)

    def dim_name(self, dim: str) -> str:
        """A dimension's name: esfkit's label, or the user's column header."""
        return self(dim) if dim in self.labels else self.user(dim)

    def integer(self, value: float) -> str:
        text = f"{round_half_away(value, 0):,.0f}"
        return text.replace(",", " ") if self.lang == "sv" else text

    def decimal(self, value: float, decimals: int = 1) -> str:
        rounded = round_half_away(value, decimals)
        text = f"{rounded:,.{decimals}f}"
        if self.lang == "sv":
            text = text.replace(",", " ").replace(".", ",")
        return text

    def number(self, value: float | None, decimals: int = 1) -> str:
        """A count, or a fractional figure (a per-year target, an expected-by-now count)."""
        if value is None:
            return "–"
        if float(value).is_integer():
            return self.integer(value)
        return self.decimal(value, decimals)

    def percent(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return "–"
        text = self.decimal(value, decimals)
        return f"{text} %" if self.lang == "sv" else f"{text}%"


def error_text(error: EsfkitError, lang: str) -> str:
    """'fel: where: what' and its hint, in ``lang``, masked."""
    labels = LABELS[lang]
    return f"{labels['word.error']}: {error.text(labels)}"


def run_lang(given: str | None, project: str | None = None) -> str:
    """The language of a run: --lang, else the goal file's project.lang, else Swedish."""
    return given or project or "sv"


def round_half_away(value: float, decimals: int) -> Decimal:
    """Round as people do: 0,5 up, -0,5 down; from the shortest decimal text of the float."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def telling_decimals(value: float, target: float, value_meets: bool, decimals: int = 1) -> int:
    """Decimals enough that a value which does not meet its target does not look equal to it
    (46,96 % against 47 % shows as 46,96 %, not 47,0 %), up to four."""
    while (
        decimals < 4
        and not value_meets
        and round_half_away(value, decimals) == round_half_away(target, decimals)
    ):
        decimals += 1
    return decimals
