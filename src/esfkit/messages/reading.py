"""Messages about reading a participant file (CSV text, workbooks, the header row), each as
(Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    # csvfile.py
    "csv.too_many_lines": (
        "filen har {lines} rader; esfkit läser högst {limit} (dubbelt så många som Excel har)",
        "the file has {lines} lines; esfkit reads at most {limit} (twice as many as Excel has "
        "rows)",
    ),
    "hint.empty_lines_at_end": (
        "kontrollera att det är deltagarlistan; ta bort de tomma raderna i slutet",
        "check that this is the participant list; remove the empty lines at its end",
    ),
    "csv.no_header": (
        "filen har ingen rubrikrad (den har bara tomma rader)",
        "the file has no header row (it holds only blank lines)",
    ),
    "hint.export_with_header": (
        "exportera data igen med kolumnnamnen på första raden",
        "export the data again with the column names on the first row",
    ),
    "csv.too_wide": (
        "rad {line} har {fields} fält; esfkit läser högst {limit} kolumner (lika många som "
        "Excel har)",
        "line {line} has {fields} fields; esfkit reads at most {limit} columns (as many as "
        "Excel has)",
    ),
    "hint.too_wide": (
        "kontrollera att det är deltagarlistan: ta bort de extra avgränsarna på raden, eller "
        "exportera data igen",
        "check that this is the participant list: remove the extra separators on that line, "
        "or export the data again",
    ),
    "csv.spreadsheet": (
        "det här är ett kalkylark, inte en textfil (CSV)",
        "this is a spreadsheet, not a text (CSV) file",
    ),
    "csv.nul": (
        "filen innehåller NUL-byte, så den är ingen textfil (CSV)",
        "the file contains NUL bytes, so it is not a text (CSV) file",
    ),
    "csv.bad_utf16": (
        "rad {line} är inte giltig UTF-16-text, fast filen börjar som UTF-16 (byte {byte}); "
        "inget tecken gissas",
        "line {line} is not valid UTF-16 text, though the file starts as UTF-16 (byte "
        "{byte}); no character is guessed",
    ),
    "hint.save_utf8": (
        "öppna filen i Excel och spara den igen som CSV UTF-8",
        "open the file in Excel and save it again as CSV UTF-8",
    ),
    "csv.double_encoded": (
        "rad {line} innehåller {word}: UTF-8-text som en gång lästs som Windows-1252 och "
        "sparats igen ({found} är en bokstav, som 'ä'), så dess värden skulle inte stämma",
        "line {line} holds {word}: UTF-8 text that was once read as Windows-1252 and saved "
        "again ({found} is one letter, such as 'ä'), so its values would not match",
    ),
    "hint.double_encoded": (
        "exportera listan igen från källan, eller ersätt 'Ã¤' med 'ä', 'Ã¥' med 'å', 'Ã¶' "
        "med 'ö' (och versalerna) och spara som CSV UTF-8",
        "export the list again from where it came, or replace 'Ã¤' with 'ä', 'Ã¥' with 'å', "
        "'Ã¶' with 'ö' (and the capitals) and save it as CSV UTF-8",
    ),
    "csv.other_code_page": (
        "rad {line} innehåller byten 0x{byte} mellan bokstäver, som Windows-1252 läser som "
        "{word}: filen har en annan teckenkodning (Mac Roman eller DOS teckentabell 850), "
        "där 'ä', 'å' och 'ö' är andra byte; inget tecken gissas",
        "line {line} holds the byte 0x{byte} between letters, which Windows-1252 reads as "
        "{word}: the file is in another encoding (Mac Roman or DOS code page 850), whose "
        "'ä', 'å' and 'ö' are other bytes; no character is guessed",
    ),
    "hint.save_utf8_editor": (
        "öppna filen i Excel eller en textredigerare och spara den igen som CSV UTF-8",
        "open the file in Excel or a text editor and save it again as CSV UTF-8",
    ),
    "csv.mixed_line": (
        "rad {line} har UTF-8-text och Windows-1252-text på samma rad, så ingen "
        "teckenkodning läser allt",
        "line {line} holds UTF-8 text and Windows-1252 text in the same line, so no encoding "
        "reads all of it",
    ),
    "hint.mixed_line": (
        "öppna filen i Excel, rätta raden (bokstäver som 'Ã¤' för 'ä') och spara den igen som "
        "CSV UTF-8",
        "open the file in Excel, correct the line (letters such as 'Ã¤' for 'ä') and save it "
        "again as CSV UTF-8",
    ),
    "csv.unreadable": ("kan inte läsa CSV-filen ({why})", "cannot read this CSV file ({why})"),
    "hint.csv_unreadable": (
        "öppna den i Excel och spara den igen som CSV (semikolonavgränsad)",
        "open it in Excel and save it again as CSV (semicolon separated)",
    ),
    "csv.unparsable": (
        "CSV-filen går inte att tolka från rad {line} ({why})",
        "the CSV cannot be parsed from line {line} on ({why})",
    ),
    "hint.open_quote": (
        'ett fält öppnar troligen ett citattecken (") som aldrig stängs',
        'a field probably opens a quote (") that is never closed',
    ),
    "csv.overlong": (
        "rad {line} har {fields} fält men rubrikraden har {width}",
        "line {line} has {fields} fields but the header has {width}",
    ),
    "hint.overlong": (
        "ge den extra kolumnen en rubrik, eller ta bort de extra avgränsarna på raden",
        "give the extra column a header, or remove the extra separators on that line",
    ),
    "finding.mixed_encoding.message": (
        "{lines} {are} i {other}, de andra raderna med bokstäver som å, ä, ö i {rest} (två "
        "exporter inklistrade i varandra?); varje rad lästes i sin egen teckenkodning",
        "{lines} {are} in {other}, the other lines with letters such as å, ä, ö in {rest} "
        "(two exports pasted together?); each line was read in its own encoding",
    ),
    "finding.mixed_encoding.todo": (
        "exportera data igen i ett stycke, som CSV UTF-8",
        "export the data again in one piece, as CSV UTF-8",
    ),
    "word.is_are": ("är|är", "is|are"),
    # sheet.py
    "sheet.empty": ("bladet '{name}' är tomt", "sheet '{name}' is empty"),
    "hint.choose_sheet": (
        "välj bladet med deltagarna (en rad per inskrivning)",
        "choose the sheet that holds the participants (one row per enrolment)",
    ),
    "sheet.unreadable": (
        "kan inte läsa filen som ett {suffix}-kalkylark ({why})",
        "cannot read this file as a {suffix} spreadsheet ({why})",
    ),
    "sheet.none": ("arbetsboken har inga blad", "the workbook has no sheets"),
    "hint.save_in_excel": ("spara den igen i Excel", "save it again in Excel"),
    "sheet.no_number": (
        "det finns inget blad nummer {sheet} (räknat från 0); bladen är {present}",
        "there is no sheet number {sheet} (counting from 0); the sheets are {present}",
    ),
    "hint.sheet_number0": (
        "ange ett tal från 0 till {last}, eller ett bladnamn",
        "use a number from 0 to {last}, or a sheet name",
    ),
    "sheet.no_name": (
        "det finns inget blad '{sheet}'; bladen är {present}",
        "there is no sheet '{sheet}'; the sheets are {present}",
    ),
    "content.renamed": (
        "innehållet ser ut som en {kind}-fil: byt namn så att den slutar på {kind}",
        "the content looks like a {kind} file: rename it to end in {kind}",
    ),
    "content.damaged": (
        "arbetsboken verkar skadad: öppna den i Excel och spara den igen som .xlsx",
        "the workbook seems damaged: open it in Excel and save it again as .xlsx",
    ),
    "content.password": (
        "arbetsboken är lösenordsskyddad: spara en kopia utan lösenordet",
        "the workbook is password-protected: save a copy without the password",
    ),
    "content.old_xls": (
        "innehållet ser ut som en gammal .xls-arbetsbok: byt namn så att den slutar på .xls",
        "the content looks like an old .xls workbook: rename it to end in .xls",
    ),
    "content.damaged_or_password": (
        "arbetsboken kan vara skadad eller lösenordsskyddad: spara den igen som .xlsx",
        "the workbook may be damaged or password-protected: save it again as .xlsx",
    ),
    "content.html": (
        "innehållet är en webbsida (HTML), inte en arbetsbok: spara den som .xlsx eller .csv",
        "the content is a web page (HTML), not a workbook: save it as .xlsx or .csv",
    ),
    "content.text": (
        "innehållet ser ut som text: om det är CSV, byt namn så att filen slutar på .csv",
        "the content looks like text: if it is CSV, rename it to end in .csv",
    ),
    "content.save_xlsx": (
        "öppna filen i Excel och spara den igen som .xlsx",
        "open the file in Excel and save it again as .xlsx",
    ),
}
SAID.update(
    {
        # table.py
        "table.error_header": (
            "rubriken i kolumn {letter} är Excel-felet {header}",
            "the header of column {letter} is the Excel error {header}",
        ),
        "hint.error_header": (
            "skriv kolumnens namn i rubrikcellen i stället för en formel",
            "type the column's name in the header cell instead of a formula",
        ),
        "table.header_row_blank": (
            "data.header_row är {row}, men den raden är tom",
            "data.header_row is {row}, but that row is blank",
        ),
        "table.header_row_past": (
            "data.header_row är {row}, men den raden ligger efter slutet av data (den sista är "
            "{last})",
            "data.header_row is {row}, but that row is past the end of the data (the last is "
            "{last})",
        ),
        "hint.header_row_number": (
            "ange radnumret som Excel visar för rubrikraden (CSV: raden)",
            "give the row number Excel shows for the header row (CSV: the line)",
        ),
        "table.cell_too_long": (
            "cellen i kolumn {letter} har {size} tecken; esfkit läser högst {limit} (Excels egen "
            "gräns för en cell)",
            "the cell in column {letter} holds {size} characters; esfkit reads at most {limit} "
            "(Excel's own limit for a cell)",
        ),
        "hint.cell_too_long": (
            'i en CSV-fil gör ett citattecken (") som aldrig stängs resten av filen till en '
            "cell; annars korta texten eller flytta den ur deltagarlistan",
            'in a CSV file a quote (") that is never closed makes the rest of the file one '
            "cell; otherwise shorten the text or move it out of the participant list",
        ),
        "table.same_header": (
            "kolumnerna {first_letter} ('{first}') och {letter} ('{header}') har samma rubrik",
            "columns {first_letter} ('{first}') and {letter} ('{header}') have the same header",
        ),
        "hint.same_header": (
            "byt namn på en av dem så att varje kolumnrubrik är olika",
            "rename one of them so every column header is different",
        ),
        "table.unnamed": (
            "kolumn {letter} har värden (från rad {first_row}) men ingen rubrik",
            "column {letter} has values (from row {first_row}) but no header",
        ),
        "hint.unnamed": (
            "skriv ett namn för kolumn {letter} på rad {header_row}; om rad {header_row} är en "
            "titel ovanför den riktiga rubrikraden, ange var rubriken står i målfilen "
            "(data: {{header_row: N}}, N som Excel numrerar raden)",
            "write a name for column {letter} in row {header_row}; if row {header_row} is a "
            "title above the real header row, say where the header is in the goal file "
            "(data: {{header_row: N}}, N as Excel numbers the row)",
        ),
        "table.the_sheet": ("bladet '{sheet}'", "sheet '{sheet}'"),
        "table.no_header": (
            "{what} har ingen rubrikrad: varje cell är tom",
            "{what} has no header row: every cell is blank",
        ),
        "hint.choose_sheet_or_file": (
            "välj bladet eller filen med deltagarna (en rad per inskrivning)",
            "choose the sheet or file that holds the participants (one row per enrolment)",
        ),
    }
)
SAID.update(
    {
        # archive.py: workbooks beyond the limits
        "archive.ratio": (
            "delen {part} packas upp från {packed} till {size} ({times} gånger): en arbetsbok "
            "packas högst ungefär 15 gånger, esfkit vägrar mer än {limit} (en zip-bomb)",
            "the part {part} unpacks from {packed} to {size} ({times} times): a workbook packs "
            "at most about 15 times, esfkit refuses more than {limit} (a zip bomb)",
        ),
        "archive.compression": (
            "delen {part} använder en komprimering som Excel aldrig skriver",
            "the part {part} uses a compression Excel never writes",
        ),
        "archive.shared_strings": ("de delade strängarna", "the shared strings"),
        "archive.one_sheet": ("ett blad", "one sheet"),
        "archive.one_part": ("en del", "one part"),
        "archive.too_large": (
            "delen {part} packas upp till mer än {limit}; esfkit läser högst {limit} för "
            "{what} i en arbetsbok",
            "the part {part} unpacks to more than {limit}; esfkit reads at most {limit} for "
            "{what} of a workbook",
        ),
        "archive.beyond_excel": (
            "bladet '{sheet}' har en cell i {corner}, bortom Excels sista cell XFD1048576",
            "sheet '{sheet}' has a cell at {corner}, beyond Excel's last cell XFD1048576",
        ),
        "archive.too_many_cells": (
            "bladet '{sheet}' har {rows} rader x {columns} kolumner = {cells} celler från A1 "
            "till {corner}; esfkit läser högst {limit} celler (1 048 576 rader x 32 kolumner)",
            "sheet '{sheet}' has {rows} rows x {columns} columns = {cells} cells from A1 to "
            "{corner}; esfkit reads at most {limit} cells (1 048 576 rows x 32 columns)",
        ),
        "hint.far_value": (
            "ett värde långt från tabellen (i {corner}) gör bladet så här stort: ta bort det "
            "(Ctrl+End i Excel går dit), eller kopiera tabellen till en ny arbetsbok",
            "a value far from the table (at {corner}) makes the sheet this large: delete it "
            "(Ctrl+End in Excel goes to it), or copy the table to a new workbook",
        ),
        "archive.long_row": (
            "en rad på bladet är större än {limit}",
            "one row of the sheet holds more than {limit}",
        ),
        "archive.long_record": (
            "en post på bladet är större än {limit}",
            "one record of the sheet holds more than {limit}",
        ),
        "hint.archive_refused": (
            "kontrollera att det är rätt fil; om det är det, öppna den i Excel och spara den "
            "igen, eller kopiera tabellen till en ny arbetsbok (gränserna står i docs/data.md)",
            "check that this is the right file; if it is, open it in Excel and save it again, "
            "or copy the table to a new workbook (the limits are listed in docs/data.md)",
        ),
        "archive.damaged": (
            "kan inte läsa arbetsboken: delen {part} är skadad",
            "cannot read this workbook: the part {part} is damaged",
        ),
        "hint.save_xlsx": (
            "öppna den i Excel och spara den igen som .xlsx",
            "open it in Excel and save it again as .xlsx",
        ),
        # frame.py: a pandas DataFrame given to the library
        "frame.multiindex": (
            "DataFrame:n har {n} rader med kolumnnamn",
            "the DataFrame has {n} rows of column names",
        ),
        "hint.multiindex": (
            "ge den en: df.columns = [' '.join(map(str, c)) for c in df.columns]",
            "give it one: df.columns = [' '.join(map(str, c)) for c in df.columns]",
        ),
        "frame.no_columns": ("DataFrame:n har inga kolumner", "the DataFrame has no columns"),
        "hint.pass_participants": ("skicka in deltagarna", "pass the participants"),
        "frame.too_large": (
            "DataFrame:n har {rows} rader och {columns} kolumner; esfkit läser vad ett "
            "kalkylblad rymmer, högst {max_rows} rader under kolumnnamnen och {max_columns} "
            "kolumner",
            "the DataFrame has {rows} rows and {columns} columns; esfkit reads what a worksheet "
            "holds, at most {max_rows} rows below the column names and {max_columns} columns",
        ),
        "hint.participant_list": (
            "kontrollera att det är deltagarlistan",
            "check that this is the participant list",
        ),
        "frame.time_zone": (
            "ett datum och en tid med tidszon, som ett kalkylblad inte kan rymma",
            "a date and time with a time zone, which a worksheet cannot hold",
        ),
        "hint.time_zone": (
            "ta bort tidszonen: df[column] = df[column].dt.tz_localize(None)",
            "drop the time zone: df[column] = df[column].dt.tz_localize(None)",
        ),
        "frame.cell_type": (
            "en cell innehåller en {type}, som ett kalkylblad inte kan rymma",
            "a cell holds a {type}, which a worksheet cannot hold",
        ),
        "hint.cell_type": (
            "celler innehåller text, tal, datum, sant/falskt eller inget: konvertera kolumnen, "
            "t.ex. df[column] = df[column].astype(str)",
            "cells hold text, numbers, dates, true/false or nothing: convert the column, e.g. "
            "df[column] = df[column].astype(str)",
        ),
    }
)
SAID.update(
    {
        # columns.py, genders.py, participants.py, values.py: the cells, once read
        "field.id": ("deltagar-id", "participant id"),
        "field.gender": ("kön", "gender"),
        "field.municipality": ("kommun", "municipality"),
        "field.start": ("startdatum", "start date"),
        "field.end": ("avslutsdatum", "exit date"),
        "field.exit": ("avslutsorsak", "exit outcome"),
        "field.birth_date": ("födelsedatum", "birth date"),
        "columns.two_candidates": (
            "både '{first}' och '{second}' kan vara kolumnen för {field}",
            "both '{first}' and '{second}' could be the {field}",
        ),
        "hint.two_candidates": (
            "ange vilken i målfilen: data: {{columns: {{{key}: {first}}}}}",
            "say which in the goal file: data: {{columns: {{{key}: {first}}}}}",
        ),
        "genders.not_a_gender": (
            "data.genders anger '{code}' som '{gender}', som inte är ett kön",
            "data.genders maps '{code}' to '{gender}', which is not a gender",
        ),
        "participants.reserved": (
            "en kolumn får inte heta '{name}'",
            "a column may not be called '{name}'",
        ),
        "values.ambiguous": (
            "kolumnen '{column}' har {n} datum som kan läsas med dagen eller månaden först: "
            "{examples}",
            "column '{column}' has {n} dates that can be read day first or month first: {examples}",
        ),
        "values.ambiguous_one": (
            "kolumnen '{column}' har 1 datum som kan läsas med dagen eller månaden först: "
            "{examples}",
            "column '{column}' has 1 date that can be read day first or month first: {examples}",
        ),
        "values.not_dates": (
            "kolumnen '{column}' har {n} värden som inte är datum: {examples}",
            "column '{column}' has {n} values that are not dates: {examples}",
        ),
        "values.not_dates_one": (
            "kolumnen '{column}' har 1 värde som inte är ett datum: {examples}",
            "column '{column}' has 1 value that is not a date: {examples}",
        ),
        "values.not_numbers": (
            "kolumnen '{column}' har {n} värden som inte är tal: {examples}",
            "column '{column}' has {n} values that are not numbers: {examples}",
        ),
        "values.not_numbers_one": (
            "kolumnen '{column}' har 1 värde som inte är ett tal: {examples}",
            "column '{column}' has 1 value that is not a number: {examples}",
        ),
        "number.written_as": (
            "skriv tal som 12, -3, 12,5 eller 12.5, 1 234,5 (mellanslag mellan tusental)",
            "write numbers as 12, -3, 12,5 or 12.5, 1 234,5 (space between thousands)",
        ),
    }
)
SAID.update(
    {
        "finding.error_value.message": (
            "{cells} i kolumnen '{header}' ({letter}) {holds} Excel-felet {value}, inget värde: en "
            "formel som misslyckats, eller dess resultat inklistrat som text",
            "{cells} in column '{header}' ({letter}) {holds} the Excel error {value}, not a "
            "value: a formula that failed, or its result pasted as text",
        ),
        "word.holds": ("har|har", "holds|hold"),
        "finding.error_value.todo": (
            "rätta formeln (eller det den hänvisar till) och spara, eller skriv in värdet "
            "självt; Ctrl+F i Excel hittar cellerna",
            "correct the formula (or what it refers to) and save, or type the value itself; "
            "Ctrl+F in Excel finds the cells",
        ),
        "finding.detached_rows.one": (
            "rad {first} ({text}) ligger {gap} tomma rader under tabellen, som slutar på rad "
            "{end}: räknas inte som deltagare",
            "row {first} ({text}) lies {gap} empty rows below the table, which ends on row "
            "{end}: not counted as participants",
        ),
        "finding.detached_rows.many": (
            "rad {first} ({text}) och {more} rader till under den ligger {gap} tomma rader under "
            "tabellen, som slutar på rad {end}: räknas inte som deltagare",
            "row {first} ({text}) and {more} more rows below it lie {gap} empty rows below the "
            "table, which ends on row {end}: not counted as participants",
        ),
        "finding.detached_rows.todo": (
            "ta bort det som står under tabellen (Ctrl+End i Excel går till den sista använda "
            "cellen), eller, om raderna är deltagare, ta bort de tomma raderna ovanför dem",
            "delete what is below the table (Ctrl+End in Excel goes to the last used cell), "
            "or, if these rows are participants, delete the empty rows above them",
        ),
        "finding.no_rows.message": (
            "{what} har sin rubrik på rad {row} men inga deltagarrader under den",
            "{what} has its header on row {row} but no participant rows under it",
        ),
        "finding.no_rows.todo": (
            "kontrollera att rätt fil och blad (data.sheet) lästes, och att raderna sparades",
            "check that the right file and sheet (data.sheet) were read, and that the rows "
            "were saved",
        ),
    }
)
SAID.update(
    {
        # sum rows (data.skip_total_rows) and people who move municipality
        "finding.total_row_skipped.message": (
            "{rows} {are} ({shown}), överhoppade som data.skip_total_rows säger: räknas inte",
            "{rows} {are} ({shown}), skipped as data.skip_total_rows says: not counted",
        ),
        "word.is_a_sum_row": ("är en summarad|är summarader", "is a sum row|are sum rows"),
        "finding.total_row_skipped.todo": (
            "inget, om det är summor (en rad med deltagar-id eller startdatum tas aldrig för en)",
            "nothing, if these are sums (a row with a participant id or a start date is never "
            "taken for one)",
        ),
    }
)
SAID.update(
    {
        "move.each_enrolment": (
            "varje inskrivning räknas i sin egen kommun (unit: enrolment)",
            "each enrolment counts in its own municipality (unit: enrolment)",
        ),
        "move.latest": (
            "räknas i {latest}, kommunen för den senaste inskrivningen",
            "counted in {latest}, the municipality of the latest enrolment",
        ),
        "move.unknown": (
            "räknas med okänd kommun: den senaste inskrivningen har ingen",
            "counted with an unknown municipality: the latest enrolment has none",
        ),
        "move.after_report_date": (
            "räknas inte: varje inskrivning börjar efter rapportdatumet",
            "not counted: every enrolment starts after the report date",
        ),
        "move.via": (" via {places}", " by way of {places}"),
        "finding.municipality_move.message": (
            "id {id} flyttade från {first} till {last}{via}, på {rows}: {counted}",
            "id {id} moved from {first} to {last}{via}, on {rows}: {counted}",
        ),
        "finding.municipality_move.todo": (
            "inget, om personen flyttade; rätta kommunen om det är ett skrivfel",
            "nothing, if the person moved; correct the municipality if it is a typo",
        ),
    }
)
SAID.update(
    {
        # register.py: several participant files read as one register (data.files)
        "register.too_many_rows": (
            "de {n} filerna har {total} rader tillsammans; esfkit läser högst {limit} per körning",
            "the {n} files hold {total} rows together; esfkit reads at most {limit} in one run",
        ),
        "hint.fewer_files": (
            "kör esfkit på färre filer åt gången",
            "run esfkit on fewer files at a time",
        ),
        "register.goal_folder": ("målfilens mapp", "the goal file's folder"),
        "register.no_match": (
            "data.files: '{pattern}' matchar ingen fil i {where}",
            "data.files: '{pattern}' matches no file in {where}",
        ),
        "register.matches_output": (
            "data.files: '{pattern}' matchar {path}, filen som {option} skriver: esfkit skriver "
            "aldrig till en fil det läser och läser aldrig sin egen rapport som deltagare",
            "data.files: '{pattern}' matches {path}, the file {option} writes: esfkit never "
            "writes to a file it reads, nor reads its own output as participants",
        ),
        "hint.matches_output": (
            "skriv {option} till en annan mapp, eller gör mönstret snävare (t.ex. "
            "'data/*.xlsx', eller filerna med namn)",
            "write {option} to another folder, or make the pattern narrower (e.g. "
            "'data/*.xlsx', or the files by name)",
        ),
        "register.not_a_file": (
            "data.files: '{pattern}' är ingen fil i {where}",
            "data.files: '{pattern}' is not a file in {where}",
        ),
        "hint.files_relative": (
            "sökvägar och mönster räknas från målfilens mapp, t.ex. '*.xlsx' eller 'data/*.csv'",
            "paths and patterns are relative to the goal file's folder, e.g. '*.xlsx' or "
            "'data/*.csv'",
        ),
        "register.no_file": ("ingen deltagarfil anges", "no participant file is given"),
        "hint.no_file": (
            "ange filen efter målfilen, eller räkna upp dem under data.files",
            "name the file after the goal file, or list them under data.files",
        ),
        "hint.no_file_command": (
            "ange den efter målfilen (esfkit check goals.yml deltagare.xlsx), eller räkna upp "
            "filerna under data.files",
            "name it after the goal file (esfkit check goals.yml deltagare.xlsx), or list the "
            "files under data.files",
        ),
        "register.too_many_files": (
            "{n} deltagarfiler anges; esfkit läser högst {limit} per körning",
            "{n} participant files are given; esfkit reads at most {limit} in one run",
        ),
        "hint.too_many_files": (
            "slå ihop några av filerna, eller kör esfkit på färre åt gången",
            "join some of the files, or run esfkit on fewer at a time",
        ),
        "register.twice": ("filen anges två gånger ({both})", "the file is given twice ({both})"),
        "hint.once": (
            "ange varje deltagarfil en gång: dess rader skulle räknas två gånger",
            "name each participant file once: its rows would count twice",
        ),
        "register.copy": (
            "filen har samma byte som {other} (sha256 {sha}): en kopia",
            "the file holds the same bytes as {other} (sha256 {sha}): a copy",
        ),
        "register.field_elsewhere": (
            "kolumnen '{header}' är {field}, som {first} inte har någon kolumn för",
            "column '{header}' is the {field}, which {first} has no column for",
        ),
        "register.missing": (
            "kolumnen '{header}' i {first} finns inte här",
            "column '{header}' of {first} is not here",
        ),
        "register.missing_more": (
            "kolumnen '{header}' i {first} finns inte här (inte heller {n} till av dess kolumner)",
            "column '{header}' of {first} is not here (nor {n} more of its columns)",
        ),
        "hint.same_columns": (
            "varje fil behöver samma kolumner: lägg till kolumnen, eller ta bort den ur {first}; "
            "esfkits egna fält (id, gender, start ...) får ha egen rubrik i varje fil",
            "every file needs the same columns: add the column, or remove it from {first}; "
            "esfkit's own fields (id, gender, start ...) may have their own header in each file",
        ),
        "register.it_is": ("{first} har den som '{header}'", "{first} has it as '{header}'"),
        "register.unmatched_field": (
            "kolumnen '{header}' matchar ingen kolumn i {first}, och ingen kolumn här är {field} "
            "({there})",
            "column '{header}' matches no column of {first}, and no column here is the {field} "
            "({there})",
        ),
        "hint.unmatched_field": (
            "om '{header}' är {field}, döp den till '{named}' som i {first} (data.columns gäller "
            "varje fil)",
            "if '{header}' is the {field}, name it '{named}' as in {first} (data.columns applies "
            "to every file)",
        ),
        "register.no_field": (
            "ingen kolumn här är {field} ({there})",
            "no column here is the {field} ({there})",
        ),
        "hint.no_field": (
            "varje fil behöver samma kolumner: lägg till kolumnen för {field}, med namnet som i "
            "{first}",
            "every file needs the same columns: add the {field} column, named as in {first}",
        ),
        "register.mismatch": (
            "kolumnen '{header}' matchar ingen kolumn i {first}",
            "column '{header}' matches no column of {first}",
        ),
        "hint.mismatch": (
            "varje fil behöver samma kolumner; {first} har: {headers}. esfkits egna fält (id, "
            "gender, start ...) får ha egen rubrik i varje fil",
            "every file needs the same columns; {first} has: {headers}. esfkit's own fields "
            "(id, gender, start ...) may have their own header in each file",
        ),
        "hint.mismatch_suggest": (
            "menade du '{suggestion}'? Varje fil behöver samma kolumner; {first} har: "
            "{headers}. esfkits egna fält (id, gender, start ...) får ha egen rubrik i varje fil",
            "did you mean '{suggestion}'? Every file needs the same columns; {first} has: "
            "{headers}. esfkit's own fields (id, gender, start ...) may have their own header "
            "in each file",
        ),
        "api.not_paths": (
            "deltagarna är en lista som innehåller annat än sökvägar",
            "the participants are a list holding something other than paths",
        ),
        "hint.not_paths": (
            "ange en sökväg, en lista med sökvägar (ett register), en DataFrame eller de "
            "Participants som read_participants ger",
            "give a path, a list of paths (one register), a DataFrame or the Participants "
            "read_participants returns",
        ),
        "goal.files_empty": ("data.files är en tom lista", "data.files is an empty list"),
        "hint.files_empty": (
            "räkna upp deltagarfilerna eller mönster, t.ex. files: ['*.xlsx'], eller utelämna "
            "data.files och ange filerna på kommandoraden",
            "list the participant files or patterns, e.g. files: ['*.xlsx'], or leave "
            "data.files out and name the files on the command line",
        ),
        "what.a_data_file": ("en fil i data.files", "a file in data.files"),
    }
)
