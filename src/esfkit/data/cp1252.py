"""Windows-1252, as Swedish Excel saves a CSV file: decoded so that it never fails, and the
bytes each of its characters takes in UTF-8.

One byte is one character, so a large file's cells can be parsed as its bytes and only each
column's distinct cells decoded (data/arrowcsv.py); data/csvfile.py decodes whole texts.
"""

from __future__ import annotations


def _table() -> dict[int, str]:
    """Latin-1 code points 0x80-0x9F to their Windows-1252 characters.

    Decoding as Latin-1 and translating never fails: the five bytes Windows-1252 leaves
    undefined keep their Latin-1 meaning, as Windows itself does.
    """
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


TABLE = _table()


def decode(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(TABLE)  # slow, but only for stray C1 bytes


# The UTF-8 length of each byte's character: 1 for ASCII, 3 for '€' (0x80), 2 for 'å' (0xE5).
UTF8_WIDTHS = bytes(len(decode(bytes([byte])).encode("utf-8")) for byte in range(256))
