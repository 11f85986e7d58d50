"""Messages of the evaluation (a goal's columns against the data, --period, --where,
explain) and of the library's options, each as (Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    # evaluator.py
    "eval.no_field_column": (
        "'{name}' används, men {file} har ingen kolumn för {name}",
        "'{name}' is used, but {file} has no {name} column",
    ),
    "hint.name_field_column": (
        "ange kolumnen under data.columns.{name} i målfilen",
        "name the column under data.columns.{name} in the goal file",
    ),
    "eval.not_a_column": (
        "'{name}' är ingen kolumn i {file}",
        "'{name}' is not a column of {file}",
    ),
    "eval.not_a_column_sheet": (
        "'{name}' är ingen kolumn i {file} (bladet '{sheet}')",
        "'{name}' is not a column of {file} (sheet '{sheet}')",
    ),
    "hint.columns_there": ("kolumner där: {columns}", "columns there: {columns}"),
    "hint.columns_there_suggest": (
        "menade du '{suggestion}'? Kolumner där: {columns}",
        "did you mean '{suggestion}'? Columns there: {columns}",
    ),
    "hint.columns_there_sheet": (
        "kolumner där: {columns}. Ett annat blad? Ange det under data.sheet",
        "columns there: {columns}. Another sheet? Name it under data.sheet",
    ),
    "hint.columns_there_sheet_suggest": (
        "menade du '{suggestion}'? Kolumner där: {columns}. Ett annat blad? Ange det under "
        "data.sheet",
        "did you mean '{suggestion}'? Columns there: {columns}. Another sheet? Name it under "
        "data.sheet",
    ),
    "eval.no_dates": ("'{field}' innehåller inga datum", "'{field}' does not hold dates"),
    "eval.no_numbers": ("'{field}' innehåller inga tal", "'{field}' does not hold numbers"),
    "eval.age_needs": (
        "'age' behöver en kolumn med födelsedatum eller en id-kolumn med personnummer",
        "'age' needs a birth date column or a personnummer id column",
    ),
    "hint.age_needs": (
        "ange en under data.columns (birth_date: Födelsedatum)",
        "map one under data.columns (birth_date: Födelsedatum)",
    ),
    "eval.not_an_age_band": (
        "'{value}' är inte ett av age_bands",
        "'{value}' is not one of the age_bands",
    ),
    "hint.age_bands": ("age_bands: {bands}", "age_bands: {bands}"),
    "eval.not_a_gender": ("'{word}' är inget kön", "'{word}' is not a gender"),
    "hint.genders": (
        "skriv women, men, nonbinary eller unknown",
        "write women, men, nonbinary or unknown",
    ),
    "eval.mixed_bounds": (
        "gränserna för '{field}' blandar datum och tal",
        "the bounds on '{field}' mix dates and numbers",
    ),
    "eval.holds_numbers": (
        "'{field}' innehåller tal; jämför det med tal",
        "'{field}' holds numbers; compare it with numbers",
    ),
    "eval.holds_dates": (
        "'{field}' innehåller datum; jämför det med datum (ÅÅÅÅ-MM-DD)",
        "'{field}' holds dates; compare it with dates (YYYY-MM-DD)",
    ),
    "eval.exited_truth": (
        "'exited' är true eller false, inte '{value}'",
        "'exited' is true or false, not '{value}'",
    ),
    "eval.numbers_not": (
        "'{field}' innehåller tal, inte '{value}'",
        "'{field}' holds numbers, not '{value}'",
    ),
    "eval.dates_not": (
        "'{field}' innehåller datum; skriv ÅÅÅÅ-MM-DD, inte '{value}'",
        "'{field}' holds dates; write YYYY-MM-DD, not '{value}'",
    ),
    "kind_word.dates": ("datum", "dates"),
    "kind_word.numbers": ("tal", "numbers"),
    "kind_word.text": ("text", "text"),
    "kind_word.cells": ("celler", "cells"),
    "eval.compared_but": (
        "'{field}' jämförs med '{other}' som {kind}, men {where}: {message}",
        "'{field}' is compared with '{other}' as {kind}, but {where}: {message}",
    ),
    "eval.not_comparable": (
        "'{field}' kan inte jämföras med en annan kolumn",
        "'{field}' cannot be compared with another column",
    ),
    "hint.compare_value": (
        "jämför den med ett värde, t.ex. {{{field}: ...}}",
        "compare it with a value, e.g. {{{field}: ...}}",
    ),
    "eval.kinds_differ": (
        "'{field}' innehåller {left} och '{other}' innehåller {right}: de kan inte jämföras",
        "'{field}' holds {left} and '{other}' holds {right}: they cannot be compared",
    ),
    "hint.kinds_differ": (
        "jämför ett datum med ett datum, ett tal med ett tal, text med text",
        "compare a date with a date, a number with a number, text with text",
    ),
    "eval.shift_dates": (
        "'plus' och 'minus' förskjuter datum; '{field}' och '{other}' innehåller {kind}",
        "'plus' and 'minus' shift dates; '{field}' and '{other}' hold {kind}",
    ),
    "eval.compares_dates": (
        "'{op}' jämför datum; '{field}' och '{other}' innehåller {kind}",
        "'{op}' compares dates; '{field}' and '{other}' hold {kind}",
    ),
    "eval.compares_numbers": (
        "'{op}' jämför tal eller datum; '{field}' och '{other}' innehåller text",
        "'{op}' compares numbers or dates; '{field}' and '{other}' hold text",
    ),
    "hint.same_value": (
        "för samma värde skriv {{{field}: {{column: {other}}}}}",
        "for the same value write {{{field}: {{column: {other}}}}}",
    ),
    "eval.age_band_needs": ("'age_band' behöver åldersband", "'age_band' needs age bands"),
    "hint.age_band_needs": (
        "lägg till överst i målfilen, t.ex. age_bands: [16-19, 20-24]",
        "add at the top of the goal file, e.g. age_bands: [16-19, 20-24]",
    ),
    "eval.no_breakdown": ("kan inte bryta ned per '{name}'", "cannot break down by '{name}'"),
}
SAID.update(
    {
        # context.py
        "eval.beyond_limit": (
            "kolumnen '{column}' i målet '{goal}' har tal bortom ±{limit} (visas inte: ett "
            "sådant tal kan vara ett personnummer)",
            "column '{column}' of goal '{goal}' has numbers beyond ±{limit} (not shown: such a "
            "number may be a personal identity number)",
        ),
        "hint.beyond_limit": (
            "ett medelvärde räknas på timmar, dagar eller belopp; är det här en id-kolumn?",
            "a mean averages hours, days or amounts; is this an id column?",
        ),
        "eval.per_year_needs": (
            "målet '{goal}' har ett målvärde per år, som kräver project.start och project.end",
            "goal '{goal}' has a per-year target, which needs project.start and project.end",
        ),
        "hint.per_year_needs": (
            "lägg till datum för start: och end: under project:",
            "add start: and end: dates under project:",
        ),
        "eval.per_year_too_short": (
            "målet '{goal}' har ett målvärde per år över {start} – {end}, mindre än en halv "
            "månad, som räknas som 0 månader: målvärdet skulle bli 0",
            "goal '{goal}' has a per-year target over {start} – {end}, less than half a month, "
            "which counts as 0 months: its target would be 0",
        ),
        "hint.per_year_too_short": (
            "ta bort 'per: year' och ange målvärdet för den här fasen, eller gör fasen minst en "
            "månad lång",
            "leave 'per: year' out and give the target for this phase, or make the phase a "
            "month or longer",
        ),
        # population.py: --period, --from, --to
        "period.both": (
            "ange antingen --period eller --from/--to, inte båda",
            "give either --period or --from/--to, not both",
        ),
        "period.pair": ("--from och --to hör ihop", "--from and --to go together"),
        "hint.period_pair": (
            "t.ex. --from 2022-01-01 --to 2022-06-30",
            "e.g. --from 2022-01-01 --to 2022-06-30",
        ),
        "period.reversed": (
            "--to {last} är före --from {first}",
            "--to {last} is before --from {first}",
        ),
        "period.not_a_period": (
            "--period '{text}' är ingen period",
            "--period '{text}' is not a period",
        ),
        "hint.period_forms": (
            "skriv ett år (2022), ett halvår (2022H1), ett kvartal (2022Q3) eller en månad "
            "(2022-05)",
            "write a year (2022), a half-year (2022H1), a quarter (2022Q3) or a month (2022-05)",
        ),
        # explain.py
        "usage.where_form": (
            "--where '{part}' har inte formen NAMN=VÄRDE",
            "--where '{part}' is not NAME=VALUE",
        ),
        "hint.where_form": (
            "t.ex. --where municipality=Piteå,gender=women",
            "e.g. --where municipality=Piteå,gender=women",
        ),
        "usage.set_by_hand": (
            "målet '{goal}' sätts för hand ({kind}): inga rader ger dess värde",
            "goal '{goal}' is set by hand ({kind}): no rows make its figure",
        ),
    }
)
SAID.update(
    {
        # api.py, render, cli_options, scaffold: options the library and the command take
        "usage.suppress_below": ("suppress_below är {value}", "suppress_below is {value}"),
        "hint.suppress_below_value": (
            "ange ett heltal från 2 till {limit}, eller None för målfilens report.suppress_below",
            "give a whole number from 2 to {limit}, or None for the goal file's "
            "report.suppress_below",
        ),
        "usage.unknown_format": ("okänt format '{name}'", "unknown format '{name}'"),
        "usage.unknown_language": ("okänt språk '{lang}'", "unknown language '{lang}'"),
        "hint.languages": ("kända: sv, en", "known: sv, en"),
        "usage.width": (
            "bredd {width}: tabellen är 1 till 1000 tecken bred",
            "width {width}: the table is 1 to 1000 characters wide",
        ),
        "usage.too_narrow": (
            "--width {width} är för smal för den här rapporten: dess tabeller behöver {needed} "
            "kolumner",
            "--width {width} is too narrow for this report: its tables need {needed} columns",
        ),
        "hint.too_narrow": (
            "ange --width {needed} eller mer, eller utelämna --width (terminalens bredd, eller "
            "{piped} när utdata inte är en terminal)",
            "give --width {needed} or more, or leave --width out (the terminal's width, or "
            "{piped} when the output is not a terminal)",
        ),
        "usage.needs_output": (
            "--format {name} behöver --output FIL",
            "--format {name} needs --output FILE",
        ),
        "hint.needs_output": (
            "t.ex. -o rapport.{name}, eller -o - > rapport.{name}",
            "e.g. -o report.{name}, or -o - > report.{name}",
        ),
        "usage.sheet_name": (
            "data.sheet '{name}' i målfilen kan inte vara namnet på ett Excel-blad",
            "data.sheet '{name}' in the goal file cannot name an Excel sheet",
        ),
        "hint.sheet_name": (
            "Excel tillåter högst 31 tecken, inget av [ ] : * ? / \\ eller ett styrtecken, och "
            "inget ' i början eller slutet; byt namn på bladet i målfilen",
            "Excel allows up to 31 characters, none of [ ] : * ? / \\ nor a control character, "
            "and no ' at either end; rename the sheet in the goal file",
        ),
        "init.no_sheet": ("{file} har inget läsbart blad", "{file} has no readable sheet"),
    }
)
SAID.update(
    {
        "explain.moved_away": (
            "inskrivna här men flyttade, räknade i kommunen för sin senaste inskrivning: {n}",
            "enrolled here but moved, counted in the municipality of their latest enrolment: {n}",
        ),
    }
)
SAID.update(
    {
        # goalfile/periods.py: a period by name, for --period and a goal's period:
        "period.named": (
            "ett år (2022), ett halvår (2022H1), ett kvartal (2022Q3) eller en månad (2022-05)",
            "a year (2022), a half-year (2022H1), a quarter (2022Q3) or a month (2022-05)",
        ),
        "period.reason.years": (
            "esfkit rapporterar åren {first} till {last}",
            "esfkit reports on the years {first} to {last}",
        ),
        "period.reason.halves": ("ett år har halvåren H1 och H2", "a year has halves H1 and H2"),
        "period.reason.no_month": ("det finns ingen månad {month}", "there is no month {month}"),
        "period.option_reason": ("--period '{text}': {reason}", "--period '{text}': {reason}"),
    }
)
SAID.update(
    {
        "usage.goal_last": (
            "'{goal}' är en fil, där målets id ska stå",
            "'{goal}' is a file, where the goal's id belongs",
        ),
        "hint.goal_last": (
            "målets id kommer sist: esfkit explain goals.yml deltagare.xlsx MÅL",
            "the goal's id comes last: esfkit explain goals.yml deltagare.xlsx GOAL",
        ),
    }
)
