"""Personal numbers never leave esfkit: the one masking function for any text shown to a user.

Light on purpose (no pandas): every output path — reports in every format, error messages,
`validate`, `explain`, `init`, the history file — calls :func:`mask_text` on text that came
from a user's file, the goal file included.

What is masked (docs/data.md, "Personnummer in text"): a number is a maximal run of digits
(any script's digits: '８５０１０１' is a run of six), with invisible characters inside it
ignored. Masked are

- a *date-shaped* birth date, YYMMDD or YYYYMMDD with a month 01-12 and a day 01-31 or
  61-91 (samordningsnummer), followed by four digits, with no separator or any mix of up to
  five spaces (any Unicode space but a line break), dashes (any: hyphen, non-breaking
  hyphen, en and em dash, minus sign, full-width hyphen-minus ...), '+', '.' and '/'
  between them, check digit right or wrong;
- the same birth date followed by 'TF' and two digits (a protected identity, SCB's form);
- as before, any run of 5, 6 or 8 digits and four more with '-', '+' or nothing between
  (9, 10 or 12 digits: a personnummer with an impossible date, or one that lost its leading
  0 in Excel).

The mask keeps the date part: '19850101-****'. A date (2021-03-01, 20210301) or a count
is no such number and stays as it is.
"""

from __future__ import annotations

import re
import unicodedata

from esfkit.data.text import INVISIBLE_CLASS

_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"  # +60: samordningsnummer
_BIRTH = f"(?:[0-9]{{2}})?[0-9]{{2}}{_MONTH}{_DAY}"
_DASHES = (
    "\\-\u2010-\u2015\u2212\u2043\u2796\u02d7\u058a\u05be\u1400\u1806\u2e17\u2e1a\u2e3a"
    "\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d"
)
_SEPARATOR = f"[{_DASHES}+\ufe62\uff0b./\u2044\u2215\uff0e\uff0f]"
_SPACE = "[^\\S\\n\\r\\x0b\\x0c\\x1c-\\x1e\\x85\\u2028\\u2029]"  # whitespace, not a line break
# Between the birth date and the last four: what a register and a hand have typed there.
BETWEEN = f"(?:{_SPACE}|{_SEPARATOR}){{0,5}}"
TF = "[Tt\uff34\uff54\u0422\u0442\u03a4\u03c4][Ff\uff26\uff46\u03dc\u03dd]"
_PNR_IN_TEXT = re.compile(  # the lookahead first: most places fail it at once
    "(?=[0-9]{5})(?<![0-9])(?:"
    "(?P<loose>[0-9]{5}|[0-9]{6}|[0-9]{8})[-+]?[0-9]{4}"
    f"|(?P<date>{_BIRTH}){BETWEEN}[0-9]{{4}}"
    f"|(?P<tf>{_BIRTH}){BETWEEN}{TF}[0-9]{{2}}"
    ")(?![0-9])"
)
# What makes a text need its digits read first: a digit of another script, a character
# whose compatibility form is a digit (superscript, circled), or an invisible character.
_UNUSUAL = re.compile(
    f"[{INVISIBLE_CLASS}\\x00\u00b2\u00b3\u00b9\u2070-\u2089\u2460-\u249b\u24ea-\u24ff"
    "\u2776-\u2793]|[^\\D0-9]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f]")  # what _UNUSUAL finds in ASCII
_DROPPED = re.compile(f"[{INVISIBLE_CLASS}\\x00]")


def mask_text(text: str) -> str:
    """Every personnummer in ``text``, in any spelling (see the module's docstring),
    masked as '19850101-****'."""
    if _UNUSUAL.search(text) is None if not text.isascii() else _CONTROL.search(text) is None:
        return _PNR_IN_TEXT.sub(_masked, text)
    plain, where = _plain_digits(text)
    pieces, done = [], 0
    for match in _PNR_IN_TEXT.finditer(plain):
        start, end = where[match.start()], where[match.end() - 1] + 1
        pieces += [text[done:start], _masked(match)]
        done = end
    return "".join([*pieces, text[done:]])


def _masked(match: re.Match) -> str:
    return f"{match['loose'] or match['date'] or match['tf']}-****"


def plain_digits(text: str) -> str:
    """``text`` with every digit written 0-9 and invisible characters left out."""
    if text.isascii() and _CONTROL.search(text) is None:
        return text
    return text if _UNUSUAL.search(text) is None else _plain_digits(text)[0]


def _plain_digits(text: str) -> tuple[str, list[int]]:
    """``text`` with every digit written 0-9 and invisible characters left out, and for
    each of its characters the position it came from."""
    chars: list[str] = []
    where: list[int] = []
    for position, char in enumerate(text):
        if _DROPPED.match(char):
            continue
        if char.isascii():
            chars.append(char)
        else:
            digit = unicodedata.decimal(char, None)
            if digit is None:
                compatible = unicodedata.normalize("NFKC", char)
                digit = (
                    int(compatible) if len(compatible) == 1 and "0" <= compatible <= "9" else None
                )
            chars.append(char if digit is None else str(digit))
        where.append(position)
    return "".join(chars), where
