"""The comments `esfkit init` writes into a starter goal file, each as (Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    "init.c.sheet": (", bladet '{sheet}'", ", sheet '{sheet}'"),
    "init.c.head": (
        "# Startmålfil, skriven av `esfkit init` från {file}{sheet}\n"
        "# ({rows} rader). Läs igenom den, ändra det som är märkt TODO, och kör sedan:\n",
        "# Starter goal file, written by `esfkit init` from {file}{sheet}\n"
        "# ({rows} rows). Read it through, change what is marked TODO, then run:\n",
    ),
    "init.c.keys": (
        "# Varje nyckel förklaras i docs/goal-file.md. Rader som börjar med # är kommentarer.",
        "# Every key is explained in docs/goal-file.md. Lines starting with # are comments.",
    ),
    "init.c.name": (
        "# TODO: projektets namn, som visas i rapporten",
        "# TODO: the project's name, shown in the report",
    ),
    "init.c.period.1": (
        "  # TODO: projektperioden i ESF-beslutet. Behövs för målvärden per år och för",
        "  # TODO: the project period in the ESF decision. Needed for per-year targets and for",
    ),
    "init.c.period.2": (
        '  # värdet "förväntat hittills". Data sträcker sig från det första startdatumet till det',
        '  # the "expected by now" figure. The data runs from the first start date to the last',
    ),
    "init.c.period.3": ("  # sista avslutsdatumet som visas här:", "  # exit date shown here:"),
    "init.c.municipalities": (
        "  # Kommunerna i data (rader: {counts}).\n"
        "  # Varje annat värde i data är då ett fel, så att ett stavfel inte blir en egen rad.",
        "  # The municipalities found in the data (rows: {counts}).\n"
        "  # Any other value in the data is then an error, so a typo cannot start a row of its "
        "own.",
    ),
    "init.c.misspelt": (
        "  # OBS: '{name}' ({rows}) ser ut som en felstavning av '{likely}' och anges inte: "
        "rätta den i data (esfkit check visar raderna).",
        "  # NOTE: '{name}' ({rows}) looks like a misspelling of '{likely}' and is not "
        "declared: correct it in the data (esfkit check names the rows).",
    ),
    "init.c.other_sheets": (
        "# arbetsboken har också andra blad",
        "# the workbook also has other sheets",
    ),
    "init.c.columns": (
        "# esfkits fält: rubriken i din fil",
        "# esfkit field: the header in your file",
    ),
    "init.c.guessed": (", GISSAD från rubriken: kontrollera", ", GUESSED from the header: check"),
    "init.c.also": ("; också möjliga: {columns}", "; also possible: {columns}"),
    "init.c.not_found": (
        "    # {name}: ...   # HITTADES INTE ({field}). {hint}",
        "    # {name}: ...   # NOT FOUND ({field}). {hint}",
    ),
    "init.c.holds": (
        "    # OBS: '{header}' innehåller {holds}, inte kommuner",
        "    # NOTE: '{header}' holds {holds}, not municipalities",
    ),
    "init.c.others": (
        "  # Dina andra kolumner kan användas i mål med sin rubrik:",
        "  # Your other columns can be used in goals by their header:",
    ),
    "init.c.genders": (
        "# TODO: koder som esfkit inte känner till; ange vad var och en betyder",
        "# TODO: codes esfkit does not know; say what each means",
    ),
    "init.c.gender_code": (
        "# {rows}; women, men, nonbinary eller unknown?",
        "# {rows}; women, men, nonbinary or unknown?",
    ),
    "init.c.gender_typo": (
        "  # OBS: könet '{code}' ({rows}) ser ut som en felstavning av '{likely}' och anges "
        "inte: rätta det i data (esfkit check visar raderna).",
        "  # NOTE: gender '{code}' ({rows}) looks like a misspelling of '{likely}' and is not "
        "declared: correct it in the data (esfkit check names the rows).",
    ),
    "init.c.personal_header": (
        "; OBS: rubriken innehåller ett personnummer: byt namn på kolumnen",
        "; NOTE: the header holds a personal number: rename the column",
    ),
    "init.c.rows": ("1 rad|{n} rader", "1 row|{n} rows"),
    "init.c.missing.id": (
        "Utan den räknas varje rad som en person; återinskrivningar syns inte.",
        "Without it every row counts as one person; re-enrolments cannot be seen.",
    ),
    "init.c.missing.gender": (
        "Utan den kan inget brytas ned per kön.",
        "Without it nothing can be broken down by gender.",
    ),
    "init.c.missing.municipality": (
        "Utan den kan inget brytas ned per kommun.",
        "Without it nothing can be broken down by municipality.",
    ),
    "init.c.missing.start": (
        "Behövs för rapportdatum, --period och takt.",
        "Needed for the report date, --period and pacing.",
    ),
    "init.c.missing.end": (
        "Behövs för att se vem som lämnat projektet.",
        "Needed to tell who has left the project.",
    ),
    "init.c.missing.exit": (
        "Behövs för varje mål om vart deltagarna gick.",
        "Needed for every goal about where participants went.",
    ),
    "init.c.missing.birth_date": (
        "Ålder kan också komma från ett personnummer som id.",
        "Age can also come from a personnummer id.",
    ),
    "init.c.outcomes": (
        "# Värdena i avslutskolumnen {header}, sorterade i grupper efter sina ord.\n"
        "# TODO: kontrollera varje grupp; flytta värden mellan grupper; en grupp kan nämna "
        "andra grupper.",
        "# The values of the exit column {header}, sorted into groups by their words.\n"
        "# TODO: check each group; move values between groups; a group may name other groups.",
    ),
    "init.c.fill_groups": ("# TODO: namnge och fyll grupperna", "# TODO: name and fill the groups"),
    "init.c.unsorted": (
        "  # Inte sorterade (räknas ändå, och visas under 'Avslut per orsak'):",
        "  # Not sorted (still counted, and shown under 'Avslut per orsak'):",
    ),
    "init.c.blank_exits": (
        "  # {rows} utan avslutsvärde: fortfarande inskrivna, eller inte registrerade.",
        "  # {rows} without an exit value: still enrolled, or not recorded.",
    ),
    "init.c.goals.1": (
        "# Ett exempel på varje målslag. De tre första är aktiva; resten är bortkommenterade:",
        "# One example of each goal kind. The first three are active; the rest are commented",
    ),
    "init.c.goals.2": (
        "# ta bort #-tecknen, och ändra sedan titlar, filter och målvärden till era mål.",
        "# out: remove the # signs, then change the titles, filters and targets to your goals.",
    ),
    "init.c.count": (
        "# count: hur många som matchar ett filter",
        "# count: how many match a filter",
    ),
    "init.c.promised": ("# TODO: de utlovade antalen", "# TODO: the promised numbers"),
    "init.c.composition": (
        "# composition: varje värdes andel",
        "# composition: each value's share",
    ),
    "init.c.distribution": (
        "# distribution: varje värde, med %",
        "# distribution: every value, with %",
    ),
    "init.c.share": ("# share: en procentandel ...", "# share: a percentage ..."),
    "init.c.of": ("# ... av dem som har slutat", "# ... of those who have left"),
    "init.c.respondents": ("# de som inte svarat räknas inte", "# non-respondents are left out"),
    "init.c.parity": (
        "# parity: kvinnornas andel här >= totalt",
        "# parity: women's share here >= overall",
    ),
    "init.c.manual": (
        "# manual: met, not_met eller in_progress",
        "# manual: met, not_met or in_progress",
    ),
    "init.c.indicators.1": (
        "# ESF+ gemensamma indikatorer (EECO01..., EECR01...) färdiga: lägg till "
        "`include: esf-plus`",
        "# ESF+ common indicators (EECO01..., EECR01...) ready-made: add `include: esf-plus`",
    ),
    "init.c.indicators.2": (
        "# på översta nivån; `esfkit indicators list` visar dem och vad de behöver.",
        "# at the top level; `esfkit indicators list` shows them and what they need.",
    ),
}
SAID.update(
    {
        "init.c.yes_no": ("ja/nej-värden", "yes/no values"),
        "init.c.numbers": (
            "tal som inte är kommunkoder",
            "numbers that are not municipality codes",
        ),
    }
)
SAID.update(
    {
        "init.c.sums.1": (
            "  # OBS: {count} ({rows}) är summor ({words}), inte",
            "  # NOTE: {count} ({rows}) are sums ({words}), not",
        ),
        "init.c.sums.2": (
            "  # deltagare: de utelämnas. Eller ta bort dem ur filen, och den här raden:",
            "  # participants: they are left out. Or delete them from the file, and this line:",
        ),
    }
)
SAID.update(
    {
        "init.c.register": ("# läses som ett register", "# read as one register"),
        "init.c.each_file": (
            "    # {name}: känns igen i varje fil för sig: {each}",
            "    # {name}: recognised in each file on its own: {each}",
        ),
        "init.sheets_differ": (
            "deltagarna verkar stå på bladet '{sheet}' här, och på bladet '{first}' i {file}; "
            "data.sheet anger ett blad för varje arbetsbok",
            "the participants look to be on sheet '{sheet}' here, and on sheet '{first}' in "
            "{file}; data.sheet names one sheet for every workbook",
        ),
        "hint.sheets_differ": (
            "ge bladen samma namn, eller ange bladet: esfkit init --sheet NAMN",
            "rename the sheets alike, or name the sheet: esfkit init --sheet NAME",
        ),
    }
)
