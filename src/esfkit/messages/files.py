"""Messages about the user's files as files (found, readable, not too large, written), each
as (Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    "file.the.goal file": ("målfilen", "the goal file"),
    "file.the.participant file": ("deltagarfilen", "the participant file"),
    "file.the.history file": ("historikfilen", "the history file"),
    "file.the.file": ("filen", "the file"),
    "file.folder": ("{path} är en mapp, inte {what}", "{path} is a folder, not {what}"),
    "hint.give_file": ("ange filen", "give the file"),
    "file.fifo": ("en pipe (FIFO)", "a pipe (FIFO)"),
    "file.device": ("en enhet eller en socket", "a device or a socket"),
    "file.through_link": (", via en länk till {target}", ", through a link to {target}"),
    "file.not_regular": (
        "{path} är ingen vanlig fil: det är {kind}{link}, så den läses inte",
        "{path} is not a regular file: it is {kind}{link}, so it is not read",
    ),
    "hint.not_regular": (
        "ange {what} som en fil sparad på disk",
        "give {what} as a file saved on disk",
    ),
    "file.too_large": (
        "{what} {path} är {size} MiB; esfkit läser högst {limit} (en gräns som ingen verklig "
        "{noun} når)",
        "{what} {path} is {size} MiB; esfkit reads at most {limit} (a limit no real {noun} "
        "reaches)",
    ),
    "hint.too_large": (
        "kontrollera att det är rätt fil (gränserna står i docs/data.md)",
        "check that this is the right file (the limits are listed in docs/data.md)",
    ),
    "file.unreadable": ("kan inte läsa {what} {path}: {why}", "cannot read {what} {path}: {why}"),
    "hint.unreadable": (
        "kontrollera att filen inte är låst av ett annat program och att du får läsa den",
        "check that the file is not locked by another program and that you may read it",
    ),
}
SAID.update(
    {
        # files.py: what esfkit writes
        "write.input": (
            "{option} {path} är en indatafil; esfkit skriver aldrig till sina indata",
            "{option} {path} is an input file; esfkit never writes to its inputs",
        ),
        "write.history_name": ("--history behöver ett filnamn", "--history needs a file name"),
        "hint.history_name": ("t.ex. --history historik.csv", "e.g. --history history.csv"),
        "write.history_is_output": (
            "--history {path} är också filen för --output",
            "--history {path} is also the --output file",
        ),
        "write.no_folder": (
            "{option}: mappen {folder} finns inte",
            "{option}: the folder {folder} does not exist",
        ),
        "write.exists": (
            "{path} finns redan; esfkit skriver inte över den",
            "{path} already exists; esfkit does not overwrite it",
        ),
        "hint.exists": (
            "välj ett annat namn med -o, eller lägg till --force för att ersätta den",
            "choose another name with -o, or add --force to replace it",
        ),
        "write.os_error": ("{option} {path}: {why}", "{option} {path}: {why}"),
        "write.folder": ("{option} {path} är en mapp", "{option} {path} is a folder"),
        "hint.file_name": ("ange ett filnamn", "give a file name"),
        "write.not_regular": (
            "{option} {path} är ingen vanlig fil (en pipe, en enhet eller en socket); esfkit "
            "ersätter bara vanliga filer",
            "{option} {path} is not a regular file (a pipe, a device or a socket); esfkit only "
            "replaces regular files",
        ),
        "hint.not_regular_output": (
            "ange ett filnamn, eller '-o -' för standard output",
            "give a file name, or '-o -' for standard output",
        ),
        "write.read_only": (
            "{option} {path} är skrivskyddad; esfkit ersätter den inte",
            "{option} {path} is read-only; esfkit does not replace it",
        ),
        "hint.read_only": (
            "välj ett annat namn, eller gör filen skrivbar först",
            "choose another name, or make the file writable first",
        ),
        "write.stdout_closed": (
            "standard output är stängd, så rapporten har ingenstans att ta vägen",
            "standard output is closed, so the report has nowhere to go",
        ),
        "hint.stdout_closed": (
            "skriv den till en fil med -o FIL",
            "write it to a file with -o FILE",
        ),
        "write.binary_terminal": (
            "utdata är en binär fil (en Excel-arbetsbok eller ett Word-dokument); esfkit skriver "
            "den inte på en terminal",
            "the output is a binary file (an Excel workbook or a Word document); esfkit does "
            "not print it on a terminal",
        ),
        "hint.binary_terminal": (
            "ange -o rapport.xlsx, eller skicka den vidare: -o - > rapport.xlsx",
            "give -o report.xlsx, or send it on: -o - > report.xlsx",
        ),
        "write.stdout_failed": (
            "kan inte skriva till standard output: {why}",
            "cannot write to standard output: {why}",
        ),
    }
)
