"""The one comparison key for typed text: case, runs of whitespace and Unicode form ignored,
so 'Kvinna ', 'KVINNA' and 'kvinna' are one value. Light (no pandas): the goal file's
words and the command line's are keyed with it as well as the data's cells."""

from __future__ import annotations

import unicodedata


def key(value: object) -> str:
    # NFC because text from a Mac may spell 'Ö' as 'O' plus a combining mark.
    return unicodedata.normalize("NFC", " ".join(str(value).casefold().split()))
