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
