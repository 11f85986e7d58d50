"""Messages about a history file (check --history, esfkit history), each as (Swedish,
English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    "history.locked": (
        "en annan körning av esfkit har skrivit historikfilen {path} i {wait} s (den håller "
        "{lock})",
        "another esfkit run has been writing the history file {path} for {wait} s (it holds "
        "{lock})",
    ),
    "hint.locked": (
        "kör igen när den är klar; låset släpps när den körningen slutar",
        "run again when it has finished; the lock is released when that run ends",
    ),
    "history.cannot_lock": (
        "kan inte låsa historikfilen {path}: {lock}: {why}",
        "cannot lock the history file {path}: {lock}: {why}",
    ),
    "hint.cannot_lock": (
        "esfkit behöver skapa den här låsfilen bredvid historikfilen",
        "esfkit needs to create this lock file beside the history file",
    ),
    "history.not_utf8": ("historikfilen är inte UTF-8-text", "the history file is not UTF-8 text"),
    "hint.history_file": (
        "ange en fil som skrivits av esfkit check --history",
        "give a file written by esfkit check --history",
    ),
    "history.line": ("kan inte läsa raden: {why}", "cannot read the line: {why}"),
    "history.header": (
        "rubriken är '{header}', väntad '{expected}'",
        "the header is '{header}', expected '{expected}'",
    ),
    "hint.history_header": (
        "är det här en historikfil skriven av esfkit check --history?",
        "is this a history file written by esfkit check --history?",
    ),
    "history.fields": ("{n} fält, väntat {expected}", "{n} fields, expected {expected}"),
    "history.second_row": (
        "en andra rad för {as_of}, målet '{goal}', {dims} som skiljer sig från rad {first}",
        "a second row for {as_of}, goal '{goal}', {dims} that differs from row {first}",
    ),
    "hint.second_row": ("behåll en av de två raderna", "keep one of the two rows"),
    "history.other_project": (
        "historikfilen hör till projektet '{project}', inte till '{this}' i den här målfilen",
        "the history file belongs to project '{project}', not to '{this}' of this goal file",
    ),
    "hint.other_project": (
        "ge varje projekt en egen fil för --history",
        "give each project its own --history file",
    ),
    "history.two_projects": (
        "projektet '{project}', men rad {row} hör till projektet '{other}'",
        "project '{project}', but row {row} is of project '{other}'",
    ),
    "hint.two_projects": (
        "en historikfil rymmer ett projekts körningar",
        "a history file holds one project's runs",
    ),
    "history.two_definitions": (
        "målet '{goal}' har {column} '{value}' den {as_of} här och '{first}' på rad {row}",
        "goal '{goal}' on {as_of} has {column} '{value}' here and '{first}' on row {row}",
    ),
    "hint.two_definitions": (
        "en körning skriver ett mått och en definition per mål",
        "one run records one measure and one definition per goal",
    ),
    "history.bad": ("{what}: '{value}'", "{what}: '{value}'"),
    "history.not_a_date": ("inget datum", "not a date"),
    "hint.history_date": ("skriv det som ÅÅÅÅ-MM-DD", "write it as YYYY-MM-DD"),
    "history.no_goal": ("inget mål-id", "no goal id"),
    "history.unknown_measure": ("okänt mått", "unknown measure"),
    "hint.one_of_these": ("ett av {known}", "one of {known}"),
    "history.dims": (
        "inget JSON-objekt med namn och värden",
        "not a JSON object of names and values",
    ),
    "hint.history_dims": (
        't.ex. {{}} eller {{"gender":"women"}}',
        'e.g. {{}} or {{"gender":"women"}}',
    ),
    "history.unknown_status": ("okänd status", "unknown status"),
    "history.threshold": ("inget heltal som är minst 2", "not a whole number of at least 2"),
    "history.not_a_number": ("inget tal", "not a number"),
    "hint.history_number": (
        "ett tal med decimalpunkt, eller tomt",
        "a number with a decimal point, or blank",
    ),
    "history.number_range": ("inget tal från 0 till {highest}", "not a number from 0 to {highest}"),
    "hint.hand_edit": (
        "en ändring för hand? esfkit skrev ett antal eller en procentsats här",
        "a hand edit? esfkit wrote a count or a percentage here",
    ),
    "history.not_whole": ("inget heltal", "not a whole number"),
    "hint.whole_count": (
        "ett antal personer är ett heltal",
        "a count of persons is a whole number",
    ),
}
