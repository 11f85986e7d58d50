"""Personal numbers never leave esfkit: the one masking function for any text shown to a user.

Light on purpose (no pandas): every output path — reports in every format, error messages,
`validate`, `explain`, `init`, the history file — calls :func:`mask_text` on text that came
from a user's file, the goal file included.

What is masked (docs/data.md, "Personnummer in text"): a number is a maximal run of digits
(any script's digits: '８５０１０１' is a run of six), with invisible characters inside it
ignored. Masked are

- a *date-shaped* birth date, YYMMDD or YYYYMMDD with a month 01-12 and a day 01-31 or
  61-91 (samordningsnummer), followed by four digits (or two, a space or dash and two),
  with no separator or any run of whitespace (line breaks too), dashes (any: hyphen,
  non-breaking hyphen, en and em dash, minus sign, superscript minus, full-width
  hyphen-minus ...), '+', '.', '/', ',', '_', ':', '*', '·', '•' and escapes of control
  characters between them, check digit right or wrong;
- the same with separators inside the birth date: dashes, dots or slashes and a dash or
  '+' before the last four ('1985-01-01-7391'), or spaces ('85 01 01 7391'); not a date
  followed by a count ('2021-12-31 1500') or another date;
- a number written in groups of three ('8 501 012 382') whose digits are one;
- the same birth date followed by 'TF' and two digits (a protected identity, SCB's form);
- as before, any run of 5, 6 or 8 digits and four more with '-', '+' or nothing between
  (9, 10 or 12 digits: a personnummer with an impossible date, or one that lost its leading
  0 in Excel), and such a number in scientific notation with every digit
  ('1.98501012382E+11', as a program writes a CSV).

Date-shaped numbers glued together ('850101-2382850101-2382', two pasted into one cell)
are each masked. A superscript or circled digit is read both as a digit and as none
('850101-2382²', a footnote mark, is masked: '850101-****²'). An invisible character is
looked through inside a number ('850101<ZWSP>-2382') and parts two numbers
('0<NUL>850101-2382'): both readings are masked, so a sink that shows the character as an
escape shows no number either.

The mask keeps the date part: '19850101-****'. A date (2021-03-01, 20210301) or a count
is no such number and stays as it is.
"""

from __future__ import annotations

import re
import unicodedata

from esfkit.text import INVISIBLE_CLASS

_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"  # +60: samordningsnummer
_BIRTH = f"(?:[0-9]{{2}})?[0-9]{{2}}{_MONTH}{_DAY}"
_DASHES = (
    "\\-\u2010-\u2015\u2212\u2043\u2796\u02d7\u058a\u05be\u1400\u1806\u2e17\u2e1a\u2e3a"
    "\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\u207b\u208b"
)
_SEPARATOR = f"[{_DASHES}+\ufe62\uff0b./,_:*\u00b7\u2022\u2044\u2215\uff0e\uff0f]"
_SPACE = "\\s"  # any whitespace, a line break too (Alt+Enter in a cell, text from a PDF)
# A line break or control character already shown as its escape ('\\n', '\\x0a', '\\x{a}',
# '\\u2028': Click quotes an argument so before esfkit sees its message) parts no number.
_ESCAPED = r"\\(?:[nrtvf]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[xu]\{[0-9a-fA-F]{1,6}\})"
# Between the birth date and the last four: what a register and a hand have typed there,
# however much of it.
BETWEEN = f"(?:{_SPACE}|{_SEPARATOR}|{_ESCAPED})*+"
TF = "[Tt\uff34\uff54\u0422\u0442\u03a4\u03c4][Ff\uff26\uff46\u03dc\u03dd]"
_LAST_FOUR = f"[0-9]{{2}}(?:{_SPACE}|[{_DASHES}])?[0-9]{{2}}"  # '7391', '73 91', '73-91'
_TAIL = f"{BETWEEN}(?:{_LAST_FOUR}|{TF}[0-9]{{2}})"
# Where a number may start: at the first digit of a run of five or more (no digit before
# it), nine long or followed by what may go on with a number (every spelling has nine
# digits in a row, or a sign, separator, space or 'TF' after its first five to eight: a
# shorter run before ')' or the end is a row number or a count). A pattern that opens
# with a character class is searched for at C speed; then _STARTS says whether a number
# starts there, and _number reads it.
_RUN = r"[0-9]{4,}+(?:(?<=[0-9]{9})|(?![)]|\Z))"  # after its first digit
# A birth date written with separators inside it, found as a whole (no run of five digits
# shows it; after its first digit, no digit before it): with dashes, dots or slashes and a
# dash or '+' before the last four ('1985-01-01-7391', '8501-01-7391'), or with spaces
# ('85 01 01 7391', '85 01 01-7391'). A date followed by a count, a time or an amount
# ('2021-12-31 1500 deltagare') or by another date ('2021-03-01 – 2022-03-01') is none.
_DATE_MARK = f"[{_DASHES}./]"
_SPLIT = (
    f"(?<![0-9][0-9])(?P<y>[0-9](?:[0-9]{{2}})?)(?:"
    f"(?:{_DATE_MARK}(?P<m>{_MONTH}){_DATE_MARK}?|(?P<m2>{_MONTH}){_DATE_MARK})(?P<d>{_DAY})"
    f"[{_DASHES}+]"
    f"|{_SPACE}(?P<m3>{_MONTH}){_SPACE}(?P<d3>{_DAY})(?:{_SPACE}*[{_DASHES}+]{_SPACE}*|{_SPACE}+)"
    f"){_LAST_FOUR}(?![0-9]|{_SEPARATOR}[0-9])"
)
# A number Excel shows with a thousands separator ('8 501 012 382', '198 501 012 382'):
# masked when its digits are a personnummer.
_GROUP = "[ \u00a0\u202f,.]"
_GROUPED = f"[0-9]{{0,2}}(?:{_GROUP}[0-9]{{3}}){{3}}(?![0-9]|{_GROUP}[0-9])"
# Where a number may start, or a whole one written so: one digit opens each, so the search
# runs at C speed to the next digit.
_FIND = re.compile(f"[0-9](?:{_RUN}|(?P<split>{_SPLIT})|(?P<grouped>{_GROUPED}))")
_LOOSE = re.compile("([0-9]{5}|[0-9]{6}|[0-9]{8})[-+]?[0-9]{4}(?![0-9])")
_STARTS = re.compile(f"{_LOOSE.pattern}|{_BIRTH}{_TAIL}")
# One date-shaped number, with the century and without: both are tried.
_ONE = (
    re.compile(f"(?P<date>[0-9]{{4}}{_MONTH}{_DAY}){_TAIL}"),
    re.compile(f"(?P<date>[0-9]{{2}}{_MONTH}{_DAY}){_TAIL}"),
)
# What makes a text need its digits read first: a digit of another script, a character
# whose compatibility form is a digit (superscript, circled), or an invisible character.
_UNUSUAL = re.compile(
    f"[{INVISIBLE_CLASS}\\x00\u00b2\u00b3\u00b9\u2070-\u2089\u2460-\u249b\u24ea-\u24ff"
    "\u2776-\u2793]|[^\\D0-9]"
)
# Characters _UNUSUAL never finds (tests/test_privacy.py): ASCII but its controls, the
# Latin, Greek, Cyrillic, Armenian and Hebrew letters, dashes and quotes ('–', '…'). Most
# text has no other: one scan for a single character class (at C speed) tells it usual.
_USUAL = (
    "\t-\r\x1c-\x7e\xa0-\xac\xae-\xb1\xb4-\xb8\xba-\u034e\u0350-\u05ff\u2010-\u2029\u202f-\u205f"
)
_MAYBE_UNUSUAL = re.compile(f"[^{_USUAL}]")
_DROPPED = re.compile(f"[{INVISIBLE_CLASS}\\x00]")


# The fewest characters a personnummer is written in: five digits, then four (no spelling
# above has fewer, and each character of a text is at most one digit).
_SHORTEST = 9


def mask_text(text: str) -> str:
    """Every personnummer in ``text``, in any spelling (see the module's docstring),
    masked as '19850101-****'."""
    if len(text) < _SHORTEST:
        return text
    text = _SCIENTIFIC.sub(_unscientific, text)
    if _usual(text):
        return _masked(text, text, None)
    # An invisible character between two numbers parts them ('0<NUL>850101-2382'); inside
    # one it is looked through ('850101<ZWSP>-2382'): both readings are masked.
    # A character whose compatibility form is a digit (superscript, circled) is one to some
    # readers and not to others ('850101-2382²': a footnote mark after a personnummer):
    # that reading first (masking makes no new number for the others to find).
    text = _masked(text, *_plain_digits(text, drop=False, compatible=False))
    parted = _masked(text, *_plain_digits(text, drop=False))
    return _masked(parted, *_plain_digits(parted, drop=True))


def _usual(text: str) -> bool:
    """No character of _UNUSUAL in ``text``."""
    if _MAYBE_UNUSUAL.search(text) is None:
        return True
    return not text.isascii() and _UNUSUAL.search(text) is None


# A number a program wrote in scientific notation: '1.98501012382E+11' is 198501012382.
# (No digit, '.' or ',' before the first digit: said after it, so that the pattern opens
# with a character class, searched for at C speed.)
_SCIENTIFIC = re.compile(r"([0-9])(?<![0-9.,][0-9])[.,]([0-9]{1,11})[eE]\+?([0-9]{1,2})(?![0-9])")


def scientific_digits(text: str) -> str | None:
    """The digits of ``text`` when it is a number of 9 to 12 digits written in scientific
    notation with every digit ('1.98501012382E+11', '1,98501012382E+11': '198501012382');
    else None (a rounded one, '1.98501E+11', has lost its last digits)."""
    match = _SCIENTIFIC.fullmatch(text)
    return None if match is None else _every_digit(match)


def _every_digit(match: re.Match[str]) -> str | None:
    fraction, exponent = match[2], int(match[3])
    return match[1] + fraction if 8 <= exponent <= 11 and len(fraction) == exponent else None


def _unscientific(match: re.Match[str]) -> str:
    """A number written in scientific notation with every digit, masked as that number
    would be when it is a personnummer; else as written (a rounded one shows no more than
    the mask would)."""
    number = _every_digit(match)
    if number is None:
        return match[0]
    masked = _masked(number, number, None)
    return match[0] if masked == number else masked


def _masked(text: str, plain: str, where: list[int] | None) -> str:
    """``text`` with the numbers found in ``plain`` masked; ``plain`` is ``text`` with its
    digits written 0-9 and ``where`` the position in ``text`` of each of its characters
    (None: the same text)."""
    pieces, done, read = [], 0, 0  # done: in text; read: in plain
    for found in _FIND.finditer(plain):
        if found.start() < read:
            continue  # inside a number masked already
        if found["split"] is not None:
            number: tuple[int, str] | None = (found.end(), _split_masked(found))
        elif found["grouped"] is not None:
            number = _grouped(found)
        elif _STARTS.match(plain, found.start()) is None:
            continue
        else:
            number = _number(plain, found.start())
        if number is None:
            continue
        read, masked = number
        start, stop = (
            (found.start(), read) if where is None else (where[found.start()], where[read - 1] + 1)
        )
        pieces += [text[done:start], masked]
        done = stop
    return "".join([*pieces, text[done:]])


def _split_masked(found: re.Match[str]) -> str:
    month, day = found["m"] or found["m2"] or found["m3"], found["d"] or found["d3"]
    return f"{found[0][0]}{found['y']}{month}{day}-****"


def _grouped(found: re.Match[str]) -> tuple[int, str] | None:
    """A number written in groups of three, masked when its digits are a personnummer."""
    digits = re.sub("[^0-9]", "", found[0])
    number = _number(digits, 0) if _STARTS.match(digits) else None
    return (found.end(), number[1]) if number and number[0] == len(digits) else None


def _number(text: str, at: int) -> tuple[int, str] | None:
    """The personnummer starting at ``at`` (no digit before it): its end and its masked
    form; None when there is none. Date-shaped numbers glued together
    ('850101-2382850101-2382', two pasted into one cell) are read as one each."""
    glued = _glued(text, at)
    if glued is not None:
        return glued
    loose = _LOOSE.match(text, at)
    return None if loose is None else (loose.end(), f"{loose[1]}-****")


def _glued(text: str, at: int) -> tuple[int, str] | None:
    """Date-shaped numbers, one after the other from ``at`` to a place no digit follows:
    the furthest such place, and the numbers masked. Each place is looked at once (a
    number is read with or without its century), so this takes time linear in the text."""
    came_from: dict[int, tuple[int, str]] = {}
    todo, ends = [at], []
    while todo:
        position = todo.pop()
        for one in _ONE:
            match = one.match(text, position)
            if match is None or match.end() in came_from:
                continue
            came_from[match.end()] = (position, match["date"])
            if match.end() < len(text) and text[match.end()].isdigit():
                todo.append(match.end())  # another number glued on
            else:
                ends.append(match.end())
    if not ends:
        return None
    end = position = max(ends)
    masked = []
    while position != at:
        position, date = came_from[position]
        masked.append(f"{date}-****")
    return end, "".join(reversed(masked))


def plain_digits(text: str) -> str:
    """``text`` with every digit written 0-9 and invisible characters left out."""
    return text if _usual(text) else _plain_digits(text)[0]


def _plain_digits(text: str, drop: bool = True, compatible: bool = True) -> tuple[str, list[int]]:
    """``text`` with every digit written 0-9 (with ``compatible`` also a character whose
    compatibility form is one, '²') and (with ``drop``) invisible characters left out, and
    for each of its characters the position it came from."""
    chars: list[str] = []
    where: list[int] = []
    for position, char in enumerate(text):
        if drop and _DROPPED.match(char):
            continue
        if char.isascii():
            chars.append(char)
        else:
            digit = unicodedata.decimal(char, None)
            if digit is None and compatible:
                form = unicodedata.normalize("NFKC", char)
                digit = int(form) if len(form) == 1 and "0" <= form <= "9" else None
            chars.append(char if digit is None else str(digit))
        where.append(position)
    return "".join(chars), where
