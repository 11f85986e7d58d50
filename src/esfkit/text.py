"""The one comparison key for typed text, and what it leaves out.

:func:`key` ignores case, runs of whitespace (no-break and other Unicode spaces included),
the Unicode form (NFKC: a full-width 'Ａ', a ligature, 'Ö' typed as 'O' plus a combining
mark) and invisible characters (zero-width spaces and joiners, the word joiner, a byte order
mark, a soft hyphen, every other format character, variation selectors, control
characters): 'Kvinna ', 'KVINNA', 'kvinna' and 'Kvinna' with a zero-width space are one
value. Letters of another script that merely look Latin (a Cyrillic 'а' in 'Аnställning')
are *not* ignored: :func:`skeleton` finds them, and validation stops on them, since the key
would count such a cell apart without a word. Light (no pandas): the goal file's words and
the command line's are keyed with it as well as the data's cells.
"""

from __future__ import annotations

import re
import unicodedata

from esfkit.lookalikes import PAIRS

# Characters nobody sees: format characters (Unicode category Cf: soft hyphen, zero-width
# space and joiners, bidirectional marks, word joiner, BOM ...), the combining grapheme
# joiner, variation selectors, Hangul fillers and the control characters that are not
# whitespace. NUL is left to the caller (see esfkit.data.values._keys).
INVISIBLE_CLASS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
    "\x01-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
)
INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")
_LOOKALIKE = dict(zip(PAIRS[0::2], PAIRS[1::2], strict=True))
_LOOKALIKES = re.compile("[" + re.escape(PAIRS[0::2]) + "]")


# Every ASCII character that is whitespace or invisible (INVISIBLE), NUL aside.
_ASCII_SPACE_OR_CONTROL = bytes(range(1, 33)) + b"\x7f"


def plain_ascii(text: str) -> bool:
    """ASCII without whitespace or control characters (NUL aside, so that cells joined by
    NUL are told at once): each word's key is its lower case (NFKC leaves ASCII as it is,
    casefold is lower), and no cell is blank but ''. Told at memchr speed."""
    if not text.isascii():
        return False
    raw = text.encode("ascii")
    return len(raw.translate(None, _ASCII_SPACE_OR_CONTROL)) == len(raw)


def key(value: object) -> str:
    """The comparison key of a typed value (see the module's docstring)."""
    text = INVISIBLE.sub("", str(value)).replace("\x00", "")
    return fold(text)


def fold(text: str) -> str:
    """:func:`key` of a text with no invisible character left: NFKC, case and whitespace
    ignored. NFKC again after casefold, which may leave a text unnormalised ('ǰ')."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return unicodedata.normalize("NFKC", " ".join(folded.split()))


def tidy(text: str) -> str:
    """A value as it is shown: invisible characters gone, NFKC, whitespace collapsed, the
    case as typed."""
    text = INVISIBLE.sub("", text).replace("\x00", "")
    return " ".join(unicodedata.normalize("NFKC", text).split())


def has_lookalike(text: str) -> bool:
    """Holds a letter of another script that passes for a Latin one."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))  # 'ӓ' too
    return _LOOKALIKES.search(decomposed) is not None


def skeleton(text: str) -> str:
    """:func:`key` with every look-alike letter read as the Latin letter it passes for
    (and 'i', 'I' and 'l', which Unicode counts as look-alikes of each other, as one):
    two values with one skeleton look the same on screen."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", tidy(text)))
    latin = "".join(_LOOKALIKE.get(char, char) for char in decomposed).casefold()
    return fold(latin.replace("i", "l"))


def visible(text: str) -> str:
    """``text`` with every invisible, look-alike or compatibility character written as its
    code point, '[U+0430]', so that a message shows what the eye cannot."""
    return "".join(
        f"[U+{ord(c):04X}]" if _odd(c) else c for c in unicodedata.normalize("NFC", text)
    )


def odd_characters(text: str) -> list[str]:
    """The characters :func:`visible` writes as code points, each named once:
    'U+0430 CYRILLIC SMALL LETTER A'."""
    found = dict.fromkeys(c for c in unicodedata.normalize("NFC", text) if _odd(c))
    return [f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL CHARACTER')}" for c in found]


def _odd(char: str) -> bool:
    """Invisible, a look-alike, or a compatibility form NFKC changes (a full-width 'Ａ');
    not an unusual space, which is folded like any other."""
    if char == "\x00" or INVISIBLE.match(char):
        return True
    if unicodedata.normalize("NFD", char)[0] in _LOOKALIKE:  # 'а', and 'ӓ' (а with diaeresis)
        return True
    return not char.isspace() and unicodedata.normalize("NFKC", char) != char
