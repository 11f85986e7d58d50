"""Text from users' files, made safe for the place it is shown: one function per sink.

Every cell value, header, sheet and file name, goal id, title, note, outcome, municipality
and project name that reaches an output passes through exactly one of these functions,
where it is put into that output (docs/architecture.md, "Text from users' files").
Each function first masks personal numbers (:func:`esfkit.privacy.mask_text`), then makes
the text show as the text it is in its sink:

- :func:`terminal` (a message quoting a cell, one line) and :func:`terminal_lines` (a whole
  message): control characters (C0, DEL, C1, so every ESC and OSC sequence), format
  characters that reorder or hide text (bidi overrides such as U+202E, zero-width
  characters), line and paragraph separators, surrogates and noncharacters are shown as
  ``\\x1b``, ``\\u202e`` ...; never emitted raw.
- :func:`plain`: a report's words for the terminal and plain text: the same, but a line
  break or tab the user typed (Alt+Enter) is a space.
- :func:`markdown`: as :func:`plain`, whitespace collapsed, and every character Markdown
  (CommonMark and GitHub's tables, strikethrough and autolinks) would read as syntax
  backslash-escaped.
- :func:`html`: as :func:`plain`, then HTML-escaped (quotes too: safe in attributes).
- :func:`csv_field`: as :func:`plain`, and a field a spreadsheet would run as a formula
  gets a leading apostrophe.
- :func:`excel`: as :func:`terminal`, but line breaks kept (Excel shows them in the cell);
  the renderer writes it as a text cell (:func:`excel_text_cell`), never a formula.
- :data:`DOCX` (Word): :func:`plain`. A Word run holds text only (no field, no formula), and
  what :func:`plain` leaves is text XML can hold; a control character is shown as its escape
  rather than dropped, so that digits on either side of it never join into a personnummer.
- :func:`yaml_scalar`: a YAML scalar that loads back as the same text, on one line, safe
  in block and flow context alike.
- :func:`json_text` and :func:`json_document`: masked strings, and a document whose
  control and format characters are ``\\u`` escapes.

The functions only escape what their sink would interpret, so esfkit's own words may go
through them unchanged, and applying :func:`terminal`, :func:`plain` or :func:`excel` twice
changes nothing more than once (``\\`` is not escaped: ``\\x1b`` typed in a cell shows as
it is).

Light on purpose (no pandas, no openpyxl): error messages use it too.
"""

from __future__ import annotations

import html as _html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from esfkit.privacy import mask_text

# --- characters that must not reach any output raw ------------------------------------------

_KEPT_CATEGORIES = {"Zs", "Co"}  # no-break and thin spaces, private use: shown as they are


def _is_unsafe(ch: str) -> bool:
    """A control, format (bidi, zero-width), separator, surrogate or noncharacter."""
    if ch.isprintable():
        return False
    category = unicodedata.category(ch)
    if category in _KEPT_CATEGORIES:
        return False
    if category == "Cn":  # unassigned today: kept, unless a noncharacter
        code = ord(ch)
        return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
    return True


def _code(ch: str, braced: bool = False) -> str:
    """``\\x1b``, ``\\u202e``, ``\\U000e0001``; ``braced`` (before a digit): ``\\x{85}``,
    ``\\u{2028}``."""
    code = ord(ch)
    if braced:
        return f"\\{'x' if code <= 0xFF else 'u'}{{{code:x}}}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# Characters that may be unsafe: all but printable ASCII and the Latin, Greek, Cyrillic,
# Armenian and Hebrew letters (U+00AD, the soft hyphen, is a format character). The rest
# are looked at one by one, so a long Swedish text is one regular-expression scan.
_MAYBE_UNSAFE = r"[^\x20-\x7e\xa1-\xac\xae-\u05ff]"
_BEFORE_DIGIT = re.compile(rf"({_MAYBE_UNSAFE})(?=(\d)?)")


def visible(text: str, keep: str = "") -> str:
    """``text`` with every unsafe character (see :func:`_is_unsafe`) but those in ``keep``
    shown as its escape: ``\\x1b``, ``\\u202e``, ``\\U000e0001``, braced before a digit
    (``\\u{2028}850101``) so that an escape's digits never join the text's into a number
    that reads as a personnummer. No masking."""
    if text.isprintable():
        return text

    def shown(match: re.Match) -> str:
        ch = match.group(1)
        if ch in keep or not _is_unsafe(ch):
            return ch
        return _code(ch, braced=match.group(2) is not None)

    return _BEFORE_DIGIT.sub(shown, text)


_UNDECODED = re.compile("[\udc80-\udcff]")


def _str(value: object) -> str:
    """``value`` as text. A file name or argument the locale could not decode (LANG=C)
    arrives with its bytes as surrogates; UTF-8 bytes are read as the text they are, other
    bytes stay surrogates, which every sink shows as escapes."""
    text = str(value)
    if _UNDECODED.search(text) is None:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:  # other surrogates too, or bytes that are not UTF-8
        return text


def _one_line(text: str) -> str:
    """Line breaks and runs of whitespace as one space, no space at either end."""
    return " ".join(text.split())


# A line break (Alt+Enter in an Excel cell) or a tab in a title or a cell is layout the user
# typed: a report shows it as a space. Done before masking, so that a number broken over two
# lines is seen whole.
_BREAKS = re.compile(r"\r\n|[\n\r\t\v\f\x1c-\x1f\x85\u2028\u2029]")


def _spaced(text: object) -> str:
    return _BREAKS.sub(" ", _str(text))


# --- terminal --------------------------------------------------------------------------------


def plain(text: object) -> str:
    """A report's words for a terminal or a plain-text mail (the table and text formats):
    line breaks and tabs as spaces, masked, every other control character shown as its
    escape."""
    return visible(mask_text(_spaced(text)))


def terminal(text: object) -> str:
    """One line of a message that quotes a cell as typed (validate, explain, init's
    comments): masked, every control character (line breaks and tabs too) shown as its
    escape, so the message says exactly what the cell holds."""
    return visible(mask_text(_str(text)))


def terminal_lines(text: object) -> str:
    """A whole message esfkit composed (an error with its hint): masked, line breaks and
    tabs kept as its layout, every other control character shown as its escape."""
    return visible(mask_text(_str(text)), keep="\n\t")


# --- Markdown --------------------------------------------------------------------------------

# ASCII punctuation Markdown reads as syntax anywhere in a line: emphasis, code, links and
# images, raw HTML and autolinks, tables, strikethrough, entities, headings' closing '#',
# email autolinks.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#@])")
# At the start of a line: list items, block quotes and thematic breaks, setext underlines,
# ordered lists ('1.' or '1)' and a space).
_MD_LEADING = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)](?:\s|$)))")
# GitHub turns bare URLs into links: http://, https://, ftp:// and www.
_MD_SCHEME = re.compile(r"(?<=[A-Za-z])(:)(?=//)")
_MD_WWW = re.compile(r"(?i)(?<![A-Za-z0-9])(www)(\.)")


def markdown(text: object) -> str:
    """One line of Markdown that shows ``text`` literally: masked, controls escaped,
    whitespace collapsed (a line break would end a table row or a heading), and every
    character Markdown would read as syntax backslash-escaped."""
    shown = visible(mask_text(_one_line(_str(text))))
    shown = _MD_INLINE.sub(r"\\\1", shown)
    shown = _MD_SCHEME.sub(r"\\\1", shown)
    shown = _MD_WWW.sub(r"\1\\\2", shown)
    leading = _MD_LEADING.match(shown)
    if leading is None:
        return shown
    if leading.group().isdigit():  # '1. text' as text: '1\. text'
        return shown[: leading.end()] + "\\" + shown[leading.end() :]
    return "\\" + shown


# --- HTML ------------------------------------------------------------------------------------


def html(text: object) -> str:
    """Text for HTML content or an attribute value: line breaks as spaces, masked, controls
    escaped, then HTML-escaped (quotes too)."""
    return _html.escape(plain(text), quote=True)


def html_label(text: str) -> str:
    """esfkit's own words in HTML ('<5' marks a hidden count): escaped, not masked."""
    return _html.escape(text, quote=True)


# --- spreadsheets: CSV and Excel ---------------------------------------------------------------

_FORMULA_STARTS = frozenset("=+-@")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def formula_like(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula? True when its first character other
    than a space is '=', '+', '-', '@' or any form of them (full-width '＝', small '﹢' ...),
    or a tab, carriage return or line break; a plain number such as -5 or -2,5 is a number,
    not a formula."""
    if not text or _PLAIN_NUMBER.match(text):
        return False
    if text[0] in "\t\r\n":
        return True
    stripped = text.lstrip(" \u00a0\u3000")
    return bool(stripped) and unicodedata.normalize("NFKC", stripped[0]) in _FORMULA_STARTS


def csv_field(text: object) -> str:
    """A CSV field: line breaks as spaces, masked, controls escaped, and an apostrophe in
    front of what a spreadsheet would run as a formula (OWASP's advice for CSV injection)."""
    shown = plain(text)
    return "'" + shown if formula_like(shown) else shown


def excel(text: object) -> str:
    """Text for an Excel cell, title or property: masked, line breaks kept, every other
    control character escaped (openpyxl refuses them: the file would not be written)."""
    return visible(mask_text(_str(text)), keep="\n")


def excel_text_cell(cell: Any, text: str) -> Any:
    """Write ``text`` (esfkit's words, or user text made safe by :func:`excel`) into an
    openpyxl cell as a text cell: never a formula, whatever it starts with. Text that looks
    like a formula gets Excel's hidden quote prefix, so it stays text when someone edits the
    cell; no apostrophe is shown."""
    cell.value = text
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True
    return cell


# --- YAML (esfkit init) ------------------------------------------------------------------------

# YAML's named escapes (no digits to join a number written after them), then \\x.. \\u....
_YAML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def yaml_scalar(text: object) -> str:
    """``text`` as a YAML scalar on one line that loads back as the same (masked) text:
    plain or single-quoted where PyYAML writes it so safely, else double-quoted with every
    control and format character as an escape. Safe in block context, after a ``#`` and
    inside ``[...]`` and ``{...}``."""
    import yaml

    value = mask_text(_str(text))
    dumped = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6)
    flow = dumped.strip()[1:-1]
    plain_flow = "\n" not in flow and "\\" not in flow and visible(flow) == flow
    if plain_flow and yaml.safe_load(f"[{flow}]") == [value]:
        return flow
    return '"' + "".join(_yaml_chars(value)) + '"'


def _yaml_chars(value: str) -> Iterator[str]:
    """The characters of a double-quoted scalar. A digit right after an escape is escaped
    too (``\\x31``), so an escape's hex digits never join the text's digits into a number
    that reads as a personnummer (YAML escapes have no braced form)."""
    escaped = False
    for ch in value:
        if ch in _YAML_ESCAPES:
            out = _YAML_ESCAPES[ch]
        elif _is_unsafe(ch) or (escaped and ch.isdigit()):
            out = _code(ch)
        else:
            out = ch
        escaped = out != ch and out[-1].isalnum()
        yield out


# --- JSON ------------------------------------------------------------------------------------


def json_text(text: object) -> str:
    """A string for a JSON document: masked; :func:`json_document` escapes the rest."""
    return mask_text(_str(text))


def json_document(value: Any, **options: Any) -> str:
    """``value`` as strict JSON (indented and without NaN, unless ``options`` for
    ``json.dumps`` say otherwise) with every control and format character (C1, bidi
    overrides, line separators ...) as a ``\\u`` escape: the same data, and nothing a
    terminal would act on."""
    text = json.dumps(value, ensure_ascii=False, **({"indent": 2, "allow_nan": False} | options))
    return _JSON_CANDIDATE.sub(_json_char, text)


# The line breaks of the layout are safe: json.dumps escaped those inside strings.
_JSON_CANDIDATE = re.compile(_MAYBE_UNSAFE.replace("[^", "[^\\n"))


def _json_char(match: re.Match) -> str:
    ch = match.group()
    if not _is_unsafe(ch):
        return ch
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# --- the words of a report --------------------------------------------------------------------


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Sink:
    """How a report format makes text safe: ``user`` for text from users' files, ``label``
    for esfkit's own words (unchanged, but for HTML). ``esfkit.i18n.Words`` carries one."""

    user: Callable[[object], str]
    label: Callable[[str], str] = _same


TERMINAL = Sink(plain)
MARKDOWN = Sink(markdown)
HTML = Sink(html, html_label)
CSV = Sink(csv_field)
EXCEL = Sink(excel)
DOCX = Sink(plain)
