"""What esfkit says to its user outside a report, in Swedish and English: errors, hints,
`validate`'s findings and frames. The modules of this package hold more of them as
(Swedish, English) pairs, by subject. Below esfkit.errors, so that an error raised anywhere
carries its sentence (errors.Said) and the command line says it in the run's language;
esfkit.i18n adds these to its labels. Every key is in both languages (tests/test_lang.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from esfkit.findings import KINDS
from esfkit.messages import (
    engine,
    files,
    goalfile,
    history,
    indicators,
    kinds,
    reading,
    scaffold,
)

MESSAGES: dict[str, dict[str, str]] = {
    "sv": {
        # words around every message
        "word.error": "fel",
        "word.hint": "tips",
        "word.column": "kolumn",
        "word.rows": "rad|rader|rader",
        "word.lines": "rad|rader|rader",
        "word.what_to_do": "gör så här",
        "word.warning": "varning",
        "word.and_more": "... och {n} till",
        "word.errors": "1 fel|{n} fel",
        "word.warnings": "1 varning|{n} varningar",
        "word.rows_count": "1 rad|{n} rader",
        "word.cells_count": "1 cell|{n} celler",
        "word.no_findings": "inga fynd",
        "word.interrupted": "avbrutet",
        "word.internal": (
            "esfkit: internt fel: {message}; det här är ett fel i esfkit — rapportera det "
            "med kommandot; --debug visar detaljerna"
        ),
        # hints shared by many errors
        "hint.did_you_mean_known": "menade du '{suggestion}'? Kända: {known}",
        "hint.known": "kända: {known}",
        "hint.blank_not_known": "{known} (en tom cell räknas som okänd)",
        # validate
        "validate.head": "{file}: {rows}; {errors}, {warnings}",
        "validate.project_end": "rapportdatum {day} (projektets slut)",
        "validate.without_errors": "rapportens egna fynd räknar {rows} utan fel",
        "validate.left_out": ("rapportens egna fynd utelämnas tills felen är rättade: {reason}"),
        "data.stop": "{errors} i data stoppar {command}:",
        "data.all_findings": "alla fynd, med vad du ska göra: {command}",
        # values in the data
        "data.not_an_indicator_value": "'{value}' är inte ett av värdena {column} kan ha",
        "date.written_as": "skriv datum som {forms}",
        "date.impossible": "{month} har {days} dagar",
        "date.impossible_feb": "februari {year} har {days} dagar",
        "date.no_month": "det finns ingen månad {month}",
        "date.correct": "rätta datumet: {why}",
        "date.forms": (
            "2021-03-01, 2021-03-01 08:00 (eller med T), 20210301, 01.03.2021 (dagen först), "
            "1/3/2021 eller 1-3-2021 (dagen först, där ett datum som 25/3/2021 i kolumnen visar "
            "ordningen), eller ett Excel-datumnummer som 44256"
        ),
        "date.ambiguous_todo": (
            "skriv datumet som år-månad-dag (2021-03-01); d/m/åååå läses med dagen först bara "
            "i en kolumn där ett datum som 25/3/2021 visar ordningen"
        ),
        "date.what.start date": "ett startdatum",
        "date.what.exit date": "ett avslutsdatum",
        "date.what.birth date": "ett födelsedatum",
        "finding.gender_code.message": "'{value}' är inget känt kön",
        "finding.gender_code.todo": (
            "lägg till det under data.genders i målfilen med det det står för: "
            "`{value}: women`, `men`, `nonbinary` eller `unknown`"
        ),
        "finding.gender_code.todo_suggest": (
            "menade du '{suggestion}'? Annars lägg till det under data.genders i målfilen, "
            "med det det står för: `{value}: women`, `men`, `nonbinary` eller `unknown`"
        ),
        "finding.bad_date.message": "'{value}' går inte att läsa som {what}",
        "finding.ambiguous_date.message": (
            "{what} '{value}' kan läsas med dagen eller månaden först (amerikansk ordning)"
        ),
        "date.name.start date": "startdatum",
        "date.name.exit date": "avslutsdatum",
        "date.name.birth date": "födelsedatum",
        "finding.exit_before_start.message": "avslutsdatum {end} är före startdatum {start}",
        "finding.exit_before_start.todo": (
            "rätta datumen; ett avslut kan inte komma före inskrivningen"
        ),
        "finding.undeclared_municipality.message": (
            "kommunen '{value}' finns inte i project.municipalities"
        ),
        "finding.undeclared_municipality.todo": (
            "rätta cellen, eller lägg till kommunen i project.municipalities. Angivna: {declared}"
        ),
        "finding.undeclared_municipality.todo_suggest": (
            "menade du '{suggestion}'? Rätta cellen, eller lägg till kommunen i "
            "project.municipalities. Angivna: {declared}"
        ),
        "finding.municipality_spelling.message": (
            "'{value}' liknar kommunen '{name}' men räknas för sig"
        ),
        "finding.municipality_spelling.todo": (
            "skriv '{name}' om det är den som avses, eller ange namnen under project.municipalities"
        ),
        "finding.not_a_municipality.message": (
            "'{value}' är varken namnet eller koden för en svensk kommun"
        ),
        "finding.not_a_municipality.todo": (
            "skriv kommunens namn (Östersund) eller kod (2380), eller ange de namn projektet "
            "använder under project.municipalities"
        ),
        "finding.missing_id.message": "inget deltagar-id: varje sådan rad räknas som en egen person",
        "finding.missing_id.todo": "fyll i id:t, så att en återinskriven person räknas en gång",
        "finding.invalid_personnummer.message": "personnummer {value} {why}",
        "finding.invalid_personnummer.todo": (
            "jämför numret med deltagarens handlingar; ett felaktigt nummer ger fel ålder och "
            "kan dela eller slå ihop personer"
        ),
        "pnr.lost_zero": (
            "har 9 siffror: Excel tog bort den inledande nollan (född 2000-2009) eftersom "
            "kolumnen innehåller tal; formatera kolumnen som text och skriv numret som "
            "0ÅMMDD-NNNN"
        ),
        "pnr.bad_date": "har inget giltigt datum (månaden eller dagen är omöjlig)",
        "pnr.bad_check_digit": "har fel kontrollsiffra (Luhn)",
        "pnr.not_one": "är inget personnummer (10 eller 12 siffror, t.ex. ÅÅÅÅMMDD-NNNN)",
        "finding.duplicate_row.message": "{rows} är identiska i varje kolumn",
        "finding.duplicate_row.todo": "ta bort kopiorna om raden klistrats in två gånger",
        "finding.note_row.message": (
            "rad {row} har bara texten '{value}', som skulle räknas som en deltagare"
        ),
        "finding.note_row.todo": "ta bort anteckningen, eller flytta den till ett annat blad",
        "finding.total_row.message": (
            "rad {row} är en '{value}'-rad (en summa eller delsumma), som skulle räknas som en "
            "deltagare"
        ),
        "finding.total_row.todo": (
            "ta bort raden (eller flytta summorna till ett annat blad), eller skriv "
            "data.skip_total_rows: true i målfilen för att hoppa över sådana rader och lista dem "
            "i rapportens anteckningar om data"
        ),
        "yaml.empty": "tomt",
        "yaml.impossible_date": "'{value}' är inget datum: {why}",
        "yaml.value": "{value}",
        "yaml.mapping": "en mappning",
        "yaml.list": "en lista",
        "goal.mapping": "{what} ska vara en mappning av rader 'nyckel: värde', inte {value}",
        "goal.list": "{what} ska vara en lista (en '- post' per rad eller [a, b]), inte {value}",
        "goal.unknown_key": "okänd nyckel '{key}' i {what}",
        "goal.needs": "{what} behöver '{key}'",
        "goal.text": "{what} ska vara text, inte {value}",
        "goal.number": "{what} ska vara ett tal, inte {value}",
        "goal.number_range": "{what} ska vara från {low} till {high}, inte {value}",
        "goal.whole": "{what} ska vara ett heltal från {low} till {high}, inte {value}",
        "goal.percent_range": "{what} ska vara mellan 0 % och 100 %, inte {value}",
        "goal.percent": "{what} ska vara en procentsats som '50 %', inte {value}",
        "goal.date": "{what} ska vara ett datum skrivet ÅÅÅÅ-MM-DD, inte {value}",
        "goal.impossible_date": "{what}: '{value}' är inget datum: {why}",
        "goal.date_range": "{what} ska vara ett datum från {first} till {last}, inte {value}",
        "goal.boolean": "{what} ska vara true eller false, inte {value}",
        "goal.choice": "{what} kan inte vara '{value}'",
        "hint.did_you_mean_keys": "menade du '{suggestion}'? Kända nycklar: {known}",
        "hint.keys": "kända nycklar: {known}",
        "hint.did_you_mean_one_of": "menade du '{suggestion}'? Ett av: {known}",
        "hint.one_of": "ett av: {known}",
        "hint.digits": (
            "skriv det med siffror, t.ex. 12 eller 2.5 (1e6 är text i YAML; skriv 1000000)"
        ),
        "hint.percent": "skriv talet följt av %, t.ex. `target: 50 %`",
        "hint.iso_date": "skriv det som ÅÅÅÅ-MM-DD",
        "usage.not_a_date": "{option} '{value}' är inget datum",
        "usage.impossible_date": "{option} '{value}' är inget datum: {why}",
        "indicators.unchecked": (
            "? = det officiella (engelska) namnet har inte kontrollerats mot förordningens text (se `show`)."
        ),
        "indicators.use": (
            "Använd dem med `include: esf-plus` i målfilen; detaljer: esfkit indicators show KOD"
        ),
        "indicators.yes": "ja",
        "indicators.no": "NEJ",
        "indicators.library": "bibliotek:    {name} ({regulation})",
        "indicators.type": "typ:          {type}-indikator",
        "indicators.checked": "namnet kontrollerat mot förordningen: {checked} — {against}",
        "indicators.code": (
            "kod:          kommissionens uppföljningskod, inte i förordningen; inte kontrollerad"
        ),
        "indicators.needs": "behöver:",
        "indicators.outcome_group": "  avslutsgrupp {group}: {outcomes}",
        "indicators.column": "  kolumn {key} (rubrik som standard '{header}'), värden: {values}",
        "indicators.age": (
            "  ålder: en kolumn med födelsedatum (data.columns.birth_date) eller personnummer som id"
        ),
        "indicators.nothing": "  inget utöver deltagarlistan",
        "indicators.upon_leaving": "vid avslut: {text}",
        "indicators.definition": (
            "måldefinition (kolumnnycklarna blir dina rubriker när den inkluderas):"
        ),
        "indicators.only": "för att inkludera bara den här indikatorn:",
        "usage.no_indicator": "ingen indikator med koden '{code}'",
        "usage.no_history": "{file}: filen finns inte",
        "hint.no_history": "skriv den med esfkit check --history",
        "usage.no_goal_in": "inget mål med id '{goal}' i {file}",
        "usage.no_goal": "inget mål med id '{goal}'",
        "file.not_found": "{what} hittades inte: {path}",
        "file.goal file": "målfilen",
        "file.participant file": "deltagarfilen",
        "file.history file": "historikfilen",
        "file.file": "filen",
        "hint.path": "kontrollera sökvägen",
        "data.no_column": "data.columns.{field} anger '{header}', som inte är en kolumn i {file}",
        "hint.columns_suggest": "menade du '{suggestion}'? Kolumner där: {columns}",
        "hint.columns": "kolumner där: {columns}",
        "data.suffix": "kan inte läsa filer som slutar på '{suffix}'",
        "hint.suffix": "spara data som en av: {formats}",
        "data.empty": "filen är tom (0 byte)",
        "hint.empty": "exportera data igen; rubrikraden ska stå på den första raden som inte är tom",
        "init.wrote": "skrev {file}: {rows} rader; kolumner som hittades: {columns}",
        "init.nothing": "inga",
        "init.missing": "  hittades inte: {fields} (se filen)",
        "init.next": "nästa steg: redigera {file}, kör sedan: esfkit check {file} {data}",
        "template.stdout": "standard output",
        "template.wrote": "skrev {file}: {n} kolumner på bladet '{sheet}'",
        "usage.no_value": "--where {name}={value}: värdet finns inte",
        "explain.everyone": "alla deltagare",
        "explain.per_person": (
            "per person: en återinskriven person listas med raden för den senaste inskrivningen"
        ),
        "explain.per_enrolment": "per inskrivning: varje rad räknas",
        "explain.project_end": " (projektets slut)",
        "explain.goal": "mål {goal} ({kind}): {title}",
        "explain.head": "{file}, rapportdatum {as_of}, {where}; räknat {unit}",
        "explain.rows": "rader",
        "explain.numerator": "räknade (täljare)",
        "explain.averaged": "med ett värde (i medelvärdet)",
        "explain.values": "deras värden{unit}:",
        "explain.value": "  {row}: {value}",
        "explain.denominator": "i nämnaren",
        "explain.counted": "räknade",
        "explain.outside_denominator": "inom avgränsningen men utanför nämnaren (of)",
        "explain.excluded": "utanför målets avgränsning (scope)",
        "explain.outside_report": (
            "utanför rapporten (start efter rapportdatum, eller inte aktiva under perioden)"
        ),
        "explain.unknown": "räknade med okänd {name}",
        "explain.same_person": "samma person på andra rader: {n}",
        "explain.also": "  {row}: även {others}",
        "finding.re_enrolment.message": "id {id} är inskrivet igen på {rows}",
        "finding.re_enrolment.todo": "inget, om det stämmer: personen räknas en gång (unit: person)",
        "finding.overlapping_enrolments.message": (
            "id {id} är inskrivet på {rows} och perioderna överlappar"
        ),
        "finding.overlapping_enrolments.todo": (
            "rätta datumen, eller slå ihop raderna om de är en inskrivning"
        ),
        "finding.rounded_id.message": (
            "id {value} är ett tal som Excel avrundat för att visa det: de sista siffrorna är "
            "borta, så personer med samma första siffror skulle räknas som en"
        ),
        "finding.rounded_id.todo": (
            "formatera id-kolumnen som text i Excel och skriv in id:na igen (eller exportera "
            "dem igen från källan)"
        ),
        "finding.invisible_characters.message": (
            "'{value}' innehåller tecken som är svåra att se ({characters}); det räknas som "
            "'{meant}'"
        ),
        "finding.invisible_characters.todo": (
            "skriv om cellen, eller ta bort tecknet ur kolumnen med Sök och ersätt"
        ),
        "finding.lookalike_characters.in_cell": (
            "'{value}' liknar '{looks}' men är en annan text: cellen har {names}, så raden "
            "skulle inte räknas som '{meant}'"
        ),
        "finding.lookalike_characters.in_goals": (
            "'{value}' liknar '{looks}' men är en annan text: målfilens värde har {names}, så "
            "raden skulle inte räknas som '{meant}'"
        ),
        "finding.lookalike_characters.todo_cell": (
            "skriv om '{meant}' i cellen på ett svenskt tangentbord: bokstaven är från ett "
            "annat alfabet (från en kopierad text?)"
        ),
        "finding.lookalike_characters.todo_goals": (
            "skriv om målfilens värde på ett svenskt tangentbord: bokstaven är från ett annat "
            "alfabet (från en kopierad text?)"
        ),
        "finding.merged_cells.message": (
            "kolumnen '{column}' har celler sammanfogade med den ovanför eller bredvid: Excel "
            "visar ett värde över dem, men bara den första cellen har det, så de andra läses "
            "som tomma"
        ),
        "finding.merged_cells.todo": (
            "dela upp cellerna (Start > Centrera över kolumner) och skriv värdet på varje rad"
        ),
        "finding.formula_without_value.one": (
            "1 cell i kolumnen '{column}' har en formel utan sparat värde (filen skrevs av ett "
            "program och öppnades aldrig i Excel), så den läses som tom"
        ),
        "finding.formula_without_value.many": (
            "{n} celler i kolumnen '{column}' har en formel utan sparat värde (filen skrevs av "
            "ett program och öppnades aldrig i Excel), så de läses som tomma"
        ),
        "finding.formula_without_value.todo": (
            "öppna filen i Excel eller LibreOffice och spara den, så sparas formlernas värden; "
            "eller kopiera kolumnen och klistra in den som värden"
        ),
        "month.1": "januari",
        "month.2": "februari",
        "month.3": "mars",
        "month.4": "april",
        "month.5": "maj",
        "month.6": "juni",
        "month.7": "juli",
        "month.8": "augusti",
        "month.9": "september",
        "month.10": "oktober",
        "month.11": "november",
        "month.12": "december",
    },
    "en": {
        "word.error": "error",
        "word.hint": "hint",
        "word.column": "column",
        "word.rows": "row|rows|rows",
        "word.lines": "line|lines|lines",
        "word.what_to_do": "what to do",
        "word.warning": "warning",
        "word.and_more": "... and {n} more",
        "word.errors": "1 error|{n} errors",
        "word.warnings": "1 warning|{n} warnings",
        "word.rows_count": "1 row|{n} rows",
        "word.cells_count": "1 cell|{n} cells",
        "word.no_findings": "no findings",
        "word.interrupted": "interrupted",
        "word.internal": (
            "esfkit: internal error: {message}; this is a bug in esfkit — please report it "
            "with the command; --debug shows the details"
        ),
        "hint.did_you_mean_known": "did you mean '{suggestion}'? Known: {known}",
        "hint.known": "known: {known}",
        "hint.blank_not_known": "{known} (a blank cell counts as not known)",
        "validate.head": "{file}: {rows}; {errors}, {warnings}",
        "validate.project_end": "report date {day} (the project's end)",
        "validate.without_errors": "the report's own findings count the {rows} without an error",
        "validate.left_out": (
            "the report's own findings are left out until the errors are corrected: {reason}"
        ),
        "data.stop": "{errors} in the data stop {command}:",
        "data.all_findings": "all findings, with what to do: {command}",
        "data.not_an_indicator_value": "'{value}' is not one of the values {column} can have",
        "date.written_as": "write dates as {forms}",
        "date.impossible": "{month} has {days} days",
        "date.impossible_feb": "February {year} has {days} days",
        "date.no_month": "there is no month {month}",
        "date.correct": "correct the date: {why}",
        "date.forms": (
            "2021-03-01, 2021-03-01 08:00 (or with T), 20210301, 01.03.2021 (day first), "
            "1/3/2021 or 1-3-2021 (day first, where a date such as 25/3/2021 in the column shows "
            "the order), or an Excel date number such as 44256"
        ),
        "date.ambiguous_todo": (
            "write the date as year-month-day (2021-03-01); d/m/yyyy is read day first only in a "
            "column where a date such as 25/3/2021 shows the order"
        ),
        "date.what.start date": "a start date",
        "date.what.exit date": "an exit date",
        "date.what.birth date": "a birth date",
        "finding.gender_code.message": "'{value}' is not a known gender",
        "finding.gender_code.todo": (
            "add it under data.genders in the goal file with what it stands for: "
            "`{value}: women`, `men`, `nonbinary` or `unknown`"
        ),
        "finding.gender_code.todo_suggest": (
            "did you mean '{suggestion}'? Otherwise add it under data.genders in the goal file, "
            "with what it stands for: `{value}: women`, `men`, `nonbinary` or `unknown`"
        ),
        "finding.bad_date.message": "'{value}' cannot be read as {what}",
        "finding.ambiguous_date.message": (
            "{what} '{value}' can be read day first or month first (US order)"
        ),
        "date.name.start date": "start date",
        "date.name.exit date": "exit date",
        "date.name.birth date": "birth date",
        "finding.exit_before_start.message": "exit date {end} is before start date {start}",
        "finding.exit_before_start.todo": (
            "correct the dates; an exit cannot come before the enrolment"
        ),
        "finding.undeclared_municipality.message": (
            "municipality '{value}' is not in project.municipalities"
        ),
        "finding.undeclared_municipality.todo": (
            "Correct the cell, or add the municipality to project.municipalities. "
            "Declared: {declared}"
        ),
        "finding.undeclared_municipality.todo_suggest": (
            "did you mean '{suggestion}'? Correct the cell, or add the municipality to "
            "project.municipalities. Declared: {declared}"
        ),
        "finding.municipality_spelling.message": (
            "'{value}' is close to the municipality '{name}' but is counted apart"
        ),
        "finding.municipality_spelling.todo": (
            "write '{name}' if that is meant, or declare the names under project.municipalities"
        ),
        "finding.not_a_municipality.message": (
            "'{value}' is neither the name nor the code of a Swedish municipality"
        ),
        "finding.not_a_municipality.todo": (
            "write the municipality's name (Östersund) or code (2380), or declare "
            "the names the project uses under project.municipalities"
        ),
        "finding.missing_id.message": (
            "no participant id: each such row counts as a person of its own"
        ),
        "finding.missing_id.todo": "fill in the id, so that a re-enrolled person is counted once",
        "finding.invalid_personnummer.message": "personnummer {value} {why}",
        "finding.invalid_personnummer.todo": (
            "check the number against the participant's papers; a wrong number "
            "gives a wrong age and may split or merge persons"
        ),
        "pnr.lost_zero": (
            "has 9 digits: Excel dropped the leading 0 (born 2000-2009) because the column holds "
            "numbers; format the column as text and type the number as 0YMMDD-NNNN"
        ),
        "pnr.bad_date": "has no valid date (month or day is impossible)",
        "pnr.bad_check_digit": "has a wrong check digit (Luhn)",
        "pnr.not_one": "is not a personnummer (10 or 12 digits, e.g. YYYYMMDD-NNNN)",
        "finding.duplicate_row.message": "{rows} are identical in every column",
        "finding.duplicate_row.todo": "delete the copies if the row was pasted twice",
        "finding.note_row.message": (
            "row {row} holds only the text '{value}', which would count as a participant"
        ),
        "finding.note_row.todo": "delete the note, or move it to another sheet",
        "finding.total_row.message": (
            "row {row} is a '{value}' row (a sum or subtotal), which would count as a participant"
        ),
        "finding.total_row.todo": (
            "delete the row (or move the sums to another sheet), or set "
            "data.skip_total_rows: true in the goal file to skip such rows and list them in the "
            "report's notes about the data"
        ),
        "yaml.empty": "empty",
        "yaml.impossible_date": "'{value}' is not a date: {why}",
        "yaml.value": "{value}",
        "yaml.mapping": "a mapping",
        "yaml.list": "a list",
        "goal.mapping": "{what} must be a mapping of 'key: value' lines, not {value}",
        "goal.list": "{what} must be a list (one '- item' per line or [a, b]), not {value}",
        "goal.unknown_key": "unknown key '{key}' in {what}",
        "goal.needs": "{what} needs '{key}'",
        "goal.text": "{what} must be text, not {value}",
        "goal.number": "{what} must be a number, not {value}",
        "goal.number_range": "{what} must be from {low} to {high}, not {value}",
        "goal.whole": "{what} must be a whole number from {low} to {high}, not {value}",
        "goal.percent_range": "{what} must be between 0 % and 100 %, not {value}",
        "goal.percent": "{what} must be a percentage such as '50 %', not {value}",
        "goal.date": "{what} must be a date written YYYY-MM-DD, not {value}",
        "goal.impossible_date": "{what}: '{value}' is not a date: {why}",
        "goal.date_range": "{what} must be a date from {first} to {last}, not {value}",
        "goal.boolean": "{what} must be true or false, not {value}",
        "goal.choice": "{what} cannot be '{value}'",
        "hint.did_you_mean_keys": "did you mean '{suggestion}'? Known keys: {known}",
        "hint.keys": "known keys: {known}",
        "hint.did_you_mean_one_of": "did you mean '{suggestion}'? One of: {known}",
        "hint.one_of": "One of: {known}",
        "hint.digits": "write it with digits, e.g. 12 or 2.5 (1e6 is text in YAML; write 1000000)",
        "hint.percent": "write the number followed by %, e.g. `target: 50 %`",
        "hint.iso_date": "write it as YYYY-MM-DD",
        "usage.not_a_date": "{option} '{value}' is not a date",
        "usage.impossible_date": "{option} '{value}' is not a date: {why}",
        "indicators.unchecked": (
            "? = the name was not checked against the regulation's text (see `show`)."
        ),
        "indicators.use": (
            "Use them with `include: esf-plus` in the goal file; details: esfkit indicators show CODE"
        ),
        "indicators.yes": "yes",
        "indicators.no": "NO",
        "indicators.library": "library:      {name} ({regulation})",
        "indicators.type": "type:         {type} indicator",
        "indicators.checked": "name checked against the regulation: {checked} — {against}",
        "indicators.code": (
            "code:         the Commission's monitoring code, not in the regulation; not checked"
        ),
        "indicators.needs": "needs:",
        "indicators.outcome_group": "  outcome group {group}: {outcomes}",
        "indicators.column": "  column {key} (default header '{header}'), values: {values}",
        "indicators.age": (
            "  age: a birth date column (data.columns.birth_date) or a personnummer id"
        ),
        "indicators.nothing": "  nothing beyond the participant list",
        "indicators.upon_leaving": "upon leaving: {text}",
        "indicators.definition": "goal definition (column keys become your headers when included):",
        "indicators.only": "to include only this indicator:",
        "usage.no_indicator": "no indicator with code '{code}'",
        "usage.no_history": "{file}: no such file",
        "hint.no_history": "write it with esfkit check --history",
        "usage.no_goal_in": "no goal with id '{goal}' in {file}",
        "usage.no_goal": "no goal with id '{goal}'",
        "file.not_found": "{what} not found: {path}",
        "file.goal file": "goal file",
        "file.participant file": "participant file",
        "file.history file": "history file",
        "file.file": "file",
        "hint.path": "check the path",
        "data.no_column": "data.columns.{field} names '{header}', which is not a column of {file}",
        "hint.columns_suggest": "did you mean '{suggestion}'? Columns there: {columns}",
        "hint.columns": "Columns there: {columns}",
        "data.suffix": "cannot read files ending in '{suffix}'",
        "hint.suffix": "save the data as one of: {formats}",
        "data.empty": "the file is empty (0 bytes)",
        "hint.empty": "export the data again; the header row must be on the first non-blank row",
        "init.wrote": "wrote {file}: {rows} rows; columns found: {columns}",
        "init.nothing": "nothing",
        "init.missing": "  not found: {fields} (see the file)",
        "init.next": "next: edit {file}, then: esfkit check {file} {data}",
        "template.stdout": "standard output",
        "template.wrote": "wrote {file}: {n} columns on sheet '{sheet}'",
        "usage.no_value": "--where {name}={value}: no such value",
        "explain.everyone": "all participants",
        "explain.per_person": (
            "per person: a re-enrolled person is listed by the row of the latest enrolment"
        ),
        "explain.per_enrolment": "per enrolment: every row counts",
        "explain.project_end": " (the project's end)",
        "explain.goal": "goal {goal} ({kind}): {title}",
        "explain.head": "{file}, report date {as_of}, {where}; counted {unit}",
        "explain.rows": "rows",
        "explain.numerator": "counted (numerator)",
        "explain.averaged": "with a value (averaged)",
        "explain.values": "their values{unit}:",
        "explain.value": "  {row}: {value}",
        "explain.denominator": "in the denominator",
        "explain.counted": "counted",
        "explain.outside_denominator": "in scope but outside the denominator (of)",
        "explain.excluded": "excluded by the goal's scope",
        "explain.outside_report": (
            "outside the report (start after the report date, or not in the period)"
        ),
        "explain.unknown": "counted with an unknown {name}",
        "explain.same_person": "the same person on other rows: {n}",
        "explain.also": "  {row}: also {others}",
        "finding.re_enrolment.message": "id {id} is enrolled again on {rows}",
        "finding.re_enrolment.todo": "nothing, if right: the person counts once (unit: person)",
        "finding.overlapping_enrolments.message": (
            "id {id} is enrolled on {rows} and the periods overlap"
        ),
        "finding.overlapping_enrolments.todo": (
            "correct the dates, or merge the rows if they are one enrolment"
        ),
        "finding.rounded_id.message": (
            "id {value} is a number Excel rounded to show it: its last digits are lost, "
            "so persons with the same first digits would count as one"
        ),
        "finding.rounded_id.todo": (
            "format the id column as text in Excel and type the ids again (or export them "
            "again from the source)"
        ),
        "finding.invisible_characters.message": (
            "'{value}' holds characters that are hard to see ({characters}); it is counted as "
            "'{meant}'"
        ),
        "finding.invisible_characters.todo": (
            "retype the cell, or remove the character from the column with Find and Replace"
        ),
        "finding.lookalike_characters.in_cell": (
            "'{value}' looks like '{looks}' but is other text: the cell has {names}, so the row "
            "would not be counted as '{meant}'"
        ),
        "finding.lookalike_characters.in_goals": (
            "'{value}' looks like '{looks}' but is other text: the goal file's value has "
            "{names}, so the row would not be counted as '{meant}'"
        ),
        "finding.lookalike_characters.todo_cell": (
            "retype '{meant}' in the cell on a Swedish keyboard: the letter is of another "
            "alphabet (from a copied text?)"
        ),
        "finding.lookalike_characters.todo_goals": (
            "retype the goal file's value on a Swedish keyboard: the letter is of another "
            "alphabet (from a copied text?)"
        ),
        "finding.merged_cells.message": (
            "column '{column}' has cells merged with the one above or beside: Excel shows "
            "one value over them, but only the first cell holds it, so the others read as "
            "blank"
        ),
        "finding.merged_cells.todo": (
            "unmerge the cells (Home > Merge & Center) and type the value in every row"
        ),
        "finding.formula_without_value.one": (
            "1 cell in column '{column}' holds a formula without a saved value (the file was "
            "written by a program and never opened in Excel), so it reads as blank"
        ),
        "finding.formula_without_value.many": (
            "{n} cells in column '{column}' hold a formula without a saved value (the file was "
            "written by a program and never opened in Excel), so they read as blank"
        ),
        "finding.formula_without_value.todo": (
            "open the file in Excel or LibreOffice and save it, which stores the formulas' "
            "values; or copy the column and paste it as values"
        ),
        "month.1": "January",
        "month.2": "February",
        "month.3": "March",
        "month.4": "April",
        "month.5": "May",
        "month.6": "June",
        "month.7": "July",
        "month.8": "August",
        "month.9": "September",
        "month.10": "October",
        "month.11": "November",
        "month.12": "December",
    },
}

# What each kind of finding means, in Swedish (English: esfkit.findings.KINDS).
KIND_SV: dict[str, str] = {
    "no_rows": "en rubrikrad utan deltagarrader under sig",
    "gender_code": "ett värde för kön som esfkit inte känner till",
    "bad_date": "ett datum som inte går att läsa, eller ett omöjligt datum",
    "ambiguous_date": "ett datum som 3/1/2021, som kan läsas med dagen eller månaden först",
    "formula_without_value": (
        "en formel utan sparat värde (filen har aldrig öppnats i Excel): den läses som tom"
    ),
    "exit_before_start": "ett avslutsdatum före inskrivningsdatum",
    "undeclared_municipality": "en kommun som inte finns i project.municipalities",
    "total_row": "en summarad ('Summa', 'Totalt') under deltagarna",
    "note_row": "en rad med anteckningar under deltagarna, som skulle räknas som en deltagare",
    "error_value": "ett felvärde från Excel (#SAKNAS!, #REFERENS! ...) där ett värde ska stå",
    "detached_rows": "rader långt under tabellen, avskilda från den av många tomma rader",
    "mixed_encoding": (
        "en CSV-fil med rader i UTF-8 och rader i Windows-1252, var och en läst för sig"
    ),
    "merged_cells": (
        "celler sammanfogade över flera rader eller kolumner: bara den första har värdet"
    ),
    "rounded_id": (
        "ett id som Excel visar avrundat (1,98501E+11): de sista siffrorna är borta, "
        "personer kan slås ihop"
    ),
    "lookalike_characters": (
        "ett värde som liknar ett angivet men har en bokstav från ett annat alfabet"
    ),
    "duplicate_row": (
        "samma rad två gånger (inklistrad två gånger); ett fel med unit: enrolment, som räknar båda"
    ),
    "invisible_characters": (
        "ett angivet värde med osynliga tecken eller kompatibilitetstecken, räknat som angivet"
    ),
    "municipality_spelling": "en kommun som liknar ett officiellt namn, inte sammanslagen",
    "not_a_municipality": "ett värde som varken är ett kommunnamn eller en kommunkod",
    "invalid_personnummer": "ett personnummer med fel kontrollsiffra eller datum",
    "missing_id": "en rad utan deltagar-id, räknad som en egen person",
    "re_enrolment": "ett id på flera rader med skilda perioder",
    "total_row_skipped": "summarader överhoppade som data.skip_total_rows säger, räknas inte",
    "municipality_move": (
        "ett id inskrivet i flera kommuner: räknas i kommunen för den senaste inskrivningen"
    ),
    "municipality_moves": (
        "personer inskrivna i flera kommuner, räknade i kommunen för den senaste inskrivningen"
    ),
    "overlapping_enrolments": "ett id inskrivet två gånger samtidigt",
    "starts_after_report_date": "inskrivningar som börjar efter rapportdatum",
    "outside_period": "inskrivningar som inte var aktiva under perioden",
    "no_start_date": "rader utan startdatum",
    "re_enrolments": "återinskrivna personer, räknade en gång",
    "outcome_without_date": "en avslutsorsak utan avslutsdatum",
    "no_outcome": "avslutad utan avslutsorsak",
    "unknown_gender": "inget kön angivet",
    "unknown_municipality": "ingen kommun angiven",
    "uncompared": (
        "en tom cell på någon sida av ett måls jämförelse av kolumner: den stämmer åt inget håll"
    ),
    "no_id_column": "ingen kolumn med deltagar-id",
    "no_gender_column": "ingen kolumn med kön",
    "no_municipality_column": "ingen kolumn med kommun",
}
MESSAGES["sv"].update({f"kind.{kind}": text for kind, text in KIND_SV.items()})
MESSAGES["en"].update({f"kind.{kind}": text for kind, (_, text) in KINDS.items()})
_PARTS = (engine, files, goalfile, history, indicators, kinds, reading, scaffold)  # by subject
for _part in _PARTS:
    for _key, (_sv, _en) in _part.SAID.items():
        MESSAGES["sv"][_key], MESSAGES["en"][_key] = _sv, _en


def plural(labels: Mapping[str, str], key: str, n: int, shown: str | None = None) -> str:
    """'1 error' or '3 errors' from a key holding 'one|many' forms; ``shown``: n as written."""
    one, many = labels[key].split("|")
    return one if n == 1 else many.format(n=shown if shown is not None else n)
