"""Messages of the indicator libraries (include:), each as (Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    "include.no_library": (
        "det finns inget indikatorbibliotek '{name}'",
        "there is no indicator library '{name}'",
    ),
    "include.not_an_indicator": (
        "'{code}' är ingen indikator i {library}",
        "'{code}' is not an indicator of {library}",
    ),
    "what.indicator_code": ("en indikatorkod", "an indicator code"),
    "include.only_and_skip": (
        "skriv antingen 'only' eller 'skip', inte båda",
        "write either 'only' or 'skip', not both",
    ),
    "include.target_not_included": (
        "ett målvärde för '{code}', som inte är en inkluderad indikator i {library}",
        "a target for '{code}', which is not an included indicator of {library}",
    ),
    "hint.included": ("inkluderade: {codes}", "included: {codes}"),
    "hint.included_suggest": (
        "menade du '{suggestion}'? Inkluderade: {codes}",
        "did you mean '{suggestion}'? Included: {codes}",
    ),
    "include.group_for": ("{group} ({meaning}; för {codes})", "{group} ({meaning}; for {codes})"),
    "include.needs_groups": (
        "include '{library}' behöver avslutsgrupper som målfilen inte har: {groups}",
        "include '{library}' needs outcome groups this goal file does not have: {groups}",
    ),
    "hint.needs_groups": (
        "lägg till dem under outcomes: ({example}) med era avslutsvärden, eller utelämna "
        "indikatorerna: include: {{{library}: {{skip: [{skip}]}}}}",
        "add them under outcomes: ({example}) with your exit values, or leave the indicators "
        "out: include: {{{library}: {{skip: [{skip}]}}}}",
    ),
    "include.column_for": ("'{header}' ({key}, för {codes})", "'{header}' ({key}, for {codes})"),
    "include.needs_columns": (
        "include '{library}' behöver kolumner som {file} inte har: {listed}",
        "include '{library}' needs columns that {file} does not have: {listed}",
    ),
    "hint.needs_columns": (
        "om filen har dem under andra rubriker, ange dem: include: {{{library}: {{columns: "
        "{{{mapping}}}}}}}; för att lägga till dem gör `esfkit template --goals` en arbetsbok "
        "med varje kolumn; eller utelämna indikatorerna: skip: [{skip}]",
        "if your file has them under other headers, name them: include: {{{library}: "
        "{{columns: {{{mapping}}}}}}}; to add them, `esfkit template --goals` makes a workbook "
        "with every column; or leave the indicators out: skip: [{skip}]",
    ),
    "include.mapping_item": ("{key}: <er rubrik>", "{key}: <your header>"),
    "include.needs_age": (
        "include '{library}': {codes} behöver varje deltagares ålder, och {file} har ingen "
        "kolumn med födelsedatum eller personnummer",
        "include '{library}': {codes} need each participant's age, and {file} has no birth "
        "date or personnummer column",
    ),
    "hint.needs_age": (
        "ange kolumnen med födelsedatum under data.columns (birth_date: Födelsedatum), eller "
        "utelämna indikatorerna: skip: [{codes}]",
        "name the birth date column under data.columns (birth_date: Födelsedatum), or leave "
        "the indicators out: skip: [{codes}]",
    ),
}
