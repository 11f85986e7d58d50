"""Read a CSV file into a grid of text: its encoding, its separator, its records' lines.

Swedish Excel writes Windows-1252 with ';'; others UTF-8 (with or without a BOM) or UTF-16.
Every field stays text, as typed, and every record keeps the line it starts on, so that a
bad value is reported where the user finds it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from esfkit.data import cp1252
from esfkit.data.archive import content_hint
from esfkit.data.arrowcsv import arrow_table, pyarrow_installed
from esfkit.data.table import SAMPLE_RECORDS, Distinct, Grid
from esfkit.errors import DataError, DataLocation, say
from esfkit.limits import EXCEL_COLUMNS, EXCEL_ROWS, spaced

if TYPE_CHECKING:  # pandas is imported where it is used: the prefetch thread plans a
    import pandas as pd  # large file while the first thread imports pandas

CSV_SUFFIXES = (".csv", ".txt")

# Order matters on ties: Swedish Excel writes ';', so it wins over ','.
SEPARATORS = (";", ",", "\t", "|")
_SAMPLE_CHARS = 65_536
MAX_LINES = 2 * EXCEL_ROWS  # lines of a CSV file: Excel's rows, with room for line breaks
# A file this large is read by pyarrow (see _fast); below, pyarrow's import costs more than it saves.
FAST_BYTES = 8 * 2**20


def read_csv(path: Path, data: bytes, prefetched: PrefetchedCsv | None = None) -> Grid:
    """Parse CSV text with pandas' C engine, or a large file with pyarrow, every field
    kept as text; ``prefetched``: ``data`` planned and parsed on a second thread while
    pandas was imported (data/prefetch.py), if it was."""
    plan = prefetched.plan if prefetched is not None else None
    plan = plan or plan_csv(path, data)
    if plan.fast:
        coded = _parse_coded(plan, prefetched)
        if coded is not None:
            lined = np.arange(1, len(coded[0].codes) + 1, dtype=np.int64)
            return Grid(coded, lined + plan.skipped, mixed_encoding=plan.mixed)
        if plan.windows_1252:  # pyarrow refused a line: the C engine reads the text
            plan = plan_csv(path, data, keep_1252=False)
    text = plan.encoded.decode("utf-8") if plan.text is None else plan.text
    records = _parse_csv(path, text, plan.encoded, plan.separator, plan.width, plan.skipped)
    numbers = _record_lines(text, len(records), plan.lines - plan.skipped)
    if numbers is None:
        columns, numbers = _parse_csv_multiline(
            path, text, plan.separator, plan.width, plan.skipped
        )
    else:
        columns = [records[c].to_numpy(dtype=object) for c in records.columns]
    return Grid(columns, numbers + plan.skipped, mixed_encoding=plan.mixed)


@dataclass(frozen=True)
class CsvPlan:
    """How a CSV file is to be parsed: its text, decoded with line breaks as '\\n' and the
    blank lines at its start (``skipped``) left out, as the UTF-8 ``encoded`` a parser
    reads (the file's own bytes when they are that already); its separator, its width and
    line breaks; whether its encodings were mixed; and whether pyarrow is to read it
    (``fast``: then ``text`` is not kept, 10^8 characters less held while it parses).
    ``windows_1252``: ``encoded`` is the file's own bytes in Windows-1252, undecoded,
    which only pyarrow reads (see :func:`_parsed_as_bytes`)."""

    text: str | None
    encoded: bytes
    separator: str
    width: int
    skipped: int
    lines: int
    mixed: Mixed | None
    fast: bool
    windows_1252: bool = False


@dataclass(frozen=True)
class PrefetchedCsv:
    """A file's plan made on the prefetch thread (None: it could not be made) and the
    table pyarrow parsed there when the plan says so (``table()`` waits for it)."""

    plan: CsvPlan | None
    table: Callable[[], Any]


def plan_csv(path: Path, data: bytes, keep_1252: bool = True) -> CsvPlan:
    """The file's text, separator and width (see :class:`CsvPlan`); a located DataError
    for a file no table can be read from. ``keep_1252``: a large file in Windows-1252 may
    be parsed as its own bytes. No pandas here: the prefetch thread plans a large file
    while the first thread imports pandas."""
    csv.field_size_limit(2**31 - 1)  # a long cell is judged by CELL_CHARS, with its row
    decoded, as_read, mixed = _decode(path, data, keep_1252)
    if isinstance(decoded, _Census):
        plan = _plan_1252(path, data, decoded.line_feeds)
        if plan is not None:
            return plan
        decoded = cp1252.decode(data)
    returns = "\r" in decoded  # looked for once: without one, all the text is read
    text = decoded.replace("\r\n", "\n").replace("\r", "\n") if returns else decoded
    lines = _count_lines(path, text.count("\n"))
    skipped, text, separator, width = _layout(path, text)
    own = as_read and not skipped and not returns
    encoded = data if own else text.encode("utf-8")
    fast = _fast(encoded)
    kept = None if fast else text
    return CsvPlan(kept, encoded, separator, width, skipped, lines, mixed, fast)


def _plan_1252(path: Path, data: bytes, line_feeds: int) -> CsvPlan | None:
    """The plan of a large file in Windows-1252 that pyarrow parses as its bytes (see
    :func:`_parsed_as_bytes`; ``line_feeds``: its b'\\n', counted there), laid out from its
    first lines, decoded; None when they are blank (the whole text is then planned)."""
    end = data.find(b"\n", _sample_end(data) + _SAMPLE_CHARS)  # whole lines, the sample's
    head = cp1252.decode(data if end < 0 else data[: end + 1]).replace("\r\n", "\n")
    blank = _BLANK_START.match(head)
    if blank is not None and blank.end():
        return None
    lines = _count_lines(path, line_feeds)
    _, _, separator, width = _layout(path, head)
    return CsvPlan(None, data, separator, width, 0, lines, None, True, windows_1252=True)


def _count_lines(path: Path, lines: int) -> int:
    """``lines``, the line breaks of a file, unless more than a table can hold."""
    if lines > MAX_LINES:
        raise DataError(
            say("csv.too_many_lines", lines=spaced(lines), limit=spaced(MAX_LINES)),
            where=DataLocation(path.name, rows=(MAX_LINES + 1,)),
            hint=say("hint.empty_lines_at_end"),
        )
    return lines


def _layout(path: Path, text: str) -> tuple[int, str, str, int]:
    """The blank lines at the start of ``text``, the text below them, its separator and
    its width; a located DataError when no table can be read."""
    skipped, text = _skip_blank_start(text)
    if not text:
        raise DataError(
            say("csv.no_header"),
            where=DataLocation(path.name),
            hint=say("hint.export_with_header"),
        )
    sample = _sample(text)
    separator = _detect_separator(sample)
    # A title row above the header is short: the width is the most common one, or the
    # first record's when wider. A longer record further down is an error of its own line.
    records = _first_records(sample, separator)
    if max(map(len, records)) > EXCEL_COLUMNS:
        _refuse_wide_sample(path, text, sample, separator, skipped)
    width = max(len(records[0]), Counter(map(len, records)).most_common(1)[0][0])
    return skipped, text, separator, width


def _check_lines(path: Path, lines, separator: str, first: int):
    """Yield the lines, refusing one with more than EXCEL_COLUMNS fields (quotes ignored: a
    line of a million separators must not reach a parser)."""
    for number, line in enumerate(lines, first):
        fields = line.count(separator) + 1
        if fields > EXCEL_COLUMNS:
            raise _too_wide(path, number, fields)
        yield line


def _refuse_wide_sample(path: Path, text: str, sample: str, separator: str, skipped: int) -> None:
    """The sample holds a record wider than EXCEL_COLUMNS: name its line and its width."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
    start = 0
    with contextlib.suppress(csv.Error):
        for record in reader:
            if len(record) > EXCEL_COLUMNS:
                break
            start = reader.line_num
    begin = 0  # where that line starts in the text (the sample's lines are the text's)
    for _ in range(start):
        begin = text.find("\n", begin) + 1
    end = text.find("\n", begin)
    fields = text.count(separator, begin, end if end >= 0 else len(text)) + 1
    raise _too_wide(path, start + 1 + skipped, max(fields, EXCEL_COLUMNS + 1))


def _too_wide(path: Path, line: int, fields: int) -> DataError:
    return DataError(
        say("csv.too_wide", line=line, fields=spaced(fields), limit=spaced(EXCEL_COLUMNS)),
        where=DataLocation(path.name, rows=(line,)),
        hint=say("hint.too_wide"),
    )


def _record_lines(text: str, count: int, newlines: int) -> np.ndarray | None:
    """The line each of ``count`` records starts on, or None when it cannot be told cheaply.

    Without quoted line breaks record i starts on line i + 1. With them, a line break ends
    a record when an even number of quotes precede it; a stray quote inside an unquoted
    field breaks that rule, the counts then disagree and the caller asks the csv module.
    ``newlines`` is the number of line breaks in ``text``.
    """
    lines = newlines + (not text.endswith("\n"))
    if count == lines:
        return np.arange(1, lines + 1, dtype=np.int64)
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    breaks = np.flatnonzero(raw == ord("\n"))
    quotes_before = np.cumsum(raw == ord('"'))[breaks]
    ends = np.flatnonzero(quotes_before % 2 == 0)  # indexes of the lines that end a record
    starts = np.concatenate(([1], ends + 2))[:count]
    found = len(ends) + (not text.endswith("\n"))
    return starts.astype(np.int64) if found == count else None


Mixed = tuple[tuple[int, ...], tuple[int, ...]]


def _decode(
    path: Path, data: bytes, keep_1252: bool = False
) -> tuple[str | _Census, bool, Mixed | None]:
    """The text; whether it is the file's own bytes read as UTF-8 (no BOM); and, when the
    file mixes encodings, its non-ASCII lines in UTF-8 and in Windows-1252. ``keep_1252``:
    a file in Windows-1252 throughout is left undecoded when :func:`_parsed_as_bytes`
    allows, its census given instead of its text.

    UTF-16 with a BOM (Excel's 'Unicode text') must decode whole. Otherwise valid UTF-8 is
    never read as Windows-1252: a file that is not UTF-8 throughout is read line by line,
    each line in UTF-8 if it is valid UTF-8, else in Windows-1252 (what Swedish Excel
    writes), and a file with lines of both (two exports pasted together) says which.
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(
            say("csv.spreadsheet"),
            where=DataLocation(path.name),
            hint=content_hint(data, path.suffix.lower()),
        )
    as_read, mixed = False, None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_utf16(path, data)
    else:
        bom = data.startswith(b"\xef\xbb\xbf")
        body = data[3:] if bom else data
        try:
            # The start first (an error there is one in the whole, a sequence cut at its end
            # is not): a Windows-1252 file fails in its header's 'ö', without the copy of all
            # its bytes a UnicodeDecodeError of the whole holds (0.07 s at 10^6 rows).
            codecs.utf_8_decode(body[:_SAMPLE_CHARS], "strict", False)
            text, as_read = body.decode("utf-8"), not bom
        except UnicodeDecodeError:
            census = _census(body)
            if bom or census.utf8:
                text, mixed = _decode_lines(path, body, bom)
            else:
                _refuse_other_code_page(path, body)
                if keep_1252 and _parsed_as_bytes(body, census):
                    return census, False, None
                text = cp1252.decode(body)
        else:
            _refuse_double_encoded(path, text)
    if "\x00" in text:
        raise DataError(
            say("csv.nul"),
            where=DataLocation(path.name),
            hint=content_hint(data, path.suffix.lower()),
        )
    return text, as_read, mixed


def _decode_utf16(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
        raise DataError(
            say("csv.bad_utf16", line=line, byte=exc.start),
            where=DataLocation(path.name, rows=(line,)),
            hint=say("hint.save_utf8"),
        ) from None


def _decode_lines(path: Path, body: bytes, bom: bool) -> tuple[str, Mixed | None]:
    """Bytes that are not UTF-8 throughout, yet hold a UTF-8 character or a BOM, line by
    line."""
    body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines, utf8, in_1252 = [], [], []
    as_1252 = []  # the lines read as Windows-1252, the others blank: numbered as in the file
    for number, line in enumerate(body.split(b"\n"), 1):
        as_1252.append(b"")
        if line.isascii():
            lines.append(line.decode("ascii"))
            continue
        try:
            lines.append(line.decode("utf-8"))
            utf8.append(number)
        except UnicodeDecodeError:
            text = cp1252.decode(line)
            if _MOJIBAKE.search(text):
                raise _mixed_line(path, number) from None
            lines.append(text)
            in_1252.append(number)
            as_1252[-1] = line
    _refuse_other_code_page(path, b"\n".join(as_1252))
    mixed = (tuple(utf8), tuple(in_1252)) if in_1252 and (utf8 or bom) else None
    return "\n".join(lines), mixed


@dataclass(frozen=True)
class _Census:
    """What the plan of a file that is not UTF-8 throughout asks of all its bytes, found in
    one pass (:func:`_census`): its line feeds (b'\\n'); whether a carriage return stands
    alone (not before a line feed); whether a UTF-8 sequence of two bytes or more occurs (a
    lead byte 0xC2-0xF4, a continuation byte 0x80-0xBF)."""

    line_feeds: int
    lone_return: bool
    utf8: bool


_CENSUS_BYTES = 2**19  # a census looks at this many bytes at once, its arrays in the cache


def _census(data: bytes) -> _Census:
    """The :class:`_Census` of ``data``, a slice at a time, each with the next one's first
    byte: a pair of bytes may span two slices."""
    raw = np.frombuffer(data, dtype=np.uint8)
    feeds = returns = pairs = 0
    utf8 = False
    for start in range(0, len(raw), _CENSUS_BYTES):
        chunk = raw[start : start + _CENSUS_BYTES + 1]
        own = min(len(chunk), _CENSUS_BYTES)  # the slice's bytes; beyond, the next one's
        feed = chunk == ord("\n")
        ret = chunk[:own] == ord("\r")
        feeds += int(np.count_nonzero(feed[:own]))
        returns += int(np.count_nonzero(ret))
        pairs += int(np.count_nonzero(ret[: len(chunk) - 1] & feed[1:]))
        if not utf8:  # continuations are rare in Windows-1252 text: their leads looked at
            after = np.flatnonzero(chunk[1:].view(np.int8) < -0x40)  # 0x80-0xBF
            utf8 = bool(((chunk[after] - 0xC2) <= 0xF4 - 0xC2).any())  # 0xC2-0xF4, wrapped
    return _Census(feeds, returns != pairs, utf8)


def _refuse_double_encoded(path: Path, text: str) -> None:
    """UTF-8 read as Windows-1252 and saved again as UTF-8 ('ä' is 'Ã¤' in the file): valid
    UTF-8 whose values would silently match nothing declared."""
    if "Ã" not in text and "Â" not in text:  # a character found at memchr speed, 10^8 of them
        return
    found = _MOJIBAKE.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise DataError(
            say(
                "csv.double_encoded",
                line=line,
                word=repr(_word(text, found.start(), found.end())),
                found=repr(found[0]),
            ),
            where=DataLocation(path.name, rows=(line,)),
            hint=say("hint.double_encoded"),
        )


def _refuse_other_code_page(path: Path, data: bytes) -> None:
    """Bytes to be read as Windows-1252 that hold no Swedish letter of it, but a letter of
    Mac Roman or DOS (code page 850) between two letters ('Anst\\x8allning'): read as
    Windows-1252 it would be 'AnstŠllning', matching nothing; no character is guessed."""
    if _CP1252_SWEDISH.search(data) is not None:
        return
    found = _OTHER_CODE_PAGE.search(data)
    if found is not None:
        newline = b"\n" if b"\n" in data else b"\r"
        start = data.rfind(newline, 0, found.start()) + 1
        end = data.find(newline, found.end())
        text = cp1252.decode(data[start : end if end >= 0 else len(data)])
        line = data.count(newline, 0, start) + 1
        raise DataError(
            say(
                "csv.other_code_page",
                line=line,
                byte=f"{found[0][1]:X}",
                word=repr(_word(text, found.start() - start, found.end() - start)),
            ),
            where=DataLocation(path.name, rows=(line,)),
            hint=say("hint.save_utf8_editor"),
        )


def _word(text: str, start: int, end: int) -> str:
    """The word of ``text`` holding ``text[start:end]``, at most 40 characters."""
    stops = ' ;,\t\n|"'
    first = max(text.rfind(c, 0, start) for c in stops) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    return text[first : min(ends, default=len(text))][:40]


def _mixed_line(path: Path, number: int) -> DataError:
    return DataError(
        say("csv.mixed_line", line=number),
        where=DataLocation(path.name, rows=(number,)),
        hint=say("hint.mixed_line"),
    )


# UTF-8 read as Windows-1252: 'ä' becomes 'Ã¤', a no-break space 'Â\xa0'.
_MOJIBAKE = re.compile(
    "[ÃÂ][" + re.escape(bytes(range(0x80, 0xC0)).decode("latin-1").translate(cp1252.TABLE)) + "]"
)


# Swedish letters as Windows-1252 writes them (å ä ö Å Ä Ö é).
_CP1252_SWEDISH = re.compile(b"[\\xe5\\xe4\\xf6\\xc5\\xc4\\xd6\\xe9]")
# A Swedish letter as Mac Roman or DOS writes it (0x80-0x9F), between two letters.
_OTHER_CODE_PAGE = re.compile(
    b"[A-Za-z][\\x80\\x81\\x82\\x84\\x85\\x86\\x8a\\x8c\\x8e\\x8f\\x94\\x99\\x9a\\x9f]+[A-Za-z]"
)


def _skip_blank_start(text: str) -> tuple[int, str]:
    """Drop leading lines with nothing but spaces and separators; pandas chokes on them."""
    blank = _BLANK_START.match(text)
    if blank is None or not blank.end():
        return 0, text
    return text.count("\n", 0, blank.end()), text[blank.end() :]


_BLANK_START = re.compile(r"(?:[ \t;,|]*\n)+|[ \t;,|]+$")


def _detect_separator(sample: str) -> str:
    """The separator that splits the header into the most fields, agreed on by most records
    of the :func:`_sample`."""

    def score(separator: str) -> tuple[bool, int, float]:
        header, *rest = _first_records(sample, separator)
        agree = sum(len(r) == len(header) for r in rest) / (len(rest) or 1)
        return (agree >= 0.5, len(header), agree)

    def score_below_title(separator: str) -> tuple[bool, int, float]:
        # A record of blank cells ('\t;\t' read by ';') says nothing of the table's width.
        records = [r for r in _first_records(sample, separator) if "".join(r).strip()]
        if not records:
            return (False, 0, 0.0)
        width, agreeing = Counter(map(len, records)).most_common(1)[0]
        # Three columns at least: "Namn" over "Berg, Anna" is one column, not a title.
        return (agreeing / len(records) >= 0.5 and width > 2, width, agreeing / len(records))

    best = max(SEPARATORS, key=score)  # max keeps the first of equal scores
    agreed, width, _ = score(best)
    if agreed and width > 1:
        return best
    # No separator splits the first record like the rest: it may be a title row.
    below = max(SEPARATORS, key=score_below_title)
    return below if score_below_title(below)[0] else best


def _first_records(sample: str, separator: str) -> list[list[str]]:
    """The first non-blank records of the :func:`_sample` as ``separator`` would split them,
    quotes respected."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
    records: list[list[str]] = []
    try:
        for record in reader:
            if record:
                records.append(record)
            if len(records) > SAMPLE_RECORDS:
                break
    except csv.Error:
        pass  # a quote never closed: judge by the records read so far
    return records or [[sample]]


def _sample(text: str) -> str:
    """The start of ``text`` its separator and width are judged from: its first
    _SAMPLE_CHARS characters; when its first three lines that are not empty (a title row,
    the header, a record) are longer, those whole and _SAMPLE_CHARS characters below them
    (a header longer than the sample keeps every field, under a title or not).

    Only the fields' number and blankness count, so in a longer sample each run of other
    characters than separators and quotes is one character (a cell of 10^7 characters is
    not parsed), and a line is cut after EXCEL_COLUMNS + 1 fields of one separator (still
    too wide; a line of 10^8 separators is not split)."""
    end = _sample_end(text)
    if end == _SAMPLE_CHARS:
        return text[:end]
    return "\n".join(_fields_only(line) for line in text[:end].split("\n"))


def _sample_end(text: str | bytes) -> int:
    """Where :func:`_sample` ends in ``text`` (or in its bytes in Windows-1252, a byte a
    character)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    end, lines = 0, 0
    for _ in range(SAMPLE_RECORDS if len(text) > _SAMPLE_CHARS else 0):
        lines += not text.startswith(newline, end)  # type: ignore[arg-type]
        end = _record_end(text, end)
        if lines == 3 or end == len(text):  # three lines (empty ones passed over), not fifty
            break
    return _SAMPLE_CHARS if end <= _SAMPLE_CHARS else end + _SAMPLE_CHARS


_RECORD_LIMIT = 16 * 2**20  # a record looked for further is taken to end at a line break


def _quote_rules(kind: type) -> tuple[re.Pattern, re.Pattern]:
    """For ``kind`` (str or bytes): a quoted cell opened at a cell's start (the line's or
    after any separator, as the csv module reads one) and left open at the end; the rest of
    a quoted cell, up to its closing quote ('""' is a quote inside it)."""
    separators = re.escape("".join(SEPARATORS))
    # Runs of other characters than quotes taken at once, never given back (possessive):
    # a cell of 20 million characters is one step, not 20 million saved for backtracking.
    cell = '[^"]*+(?:""[^"]*+)*+'
    opened = f'(?:^|[{separators}])"{cell}\\Z'
    closed = f'{cell}"(?!")'
    if kind is bytes:
        return re.compile(opened.encode(), re.M), re.compile(closed.encode())
    return re.compile(opened, re.M), re.compile(closed)


_QUOTES = {kind: _quote_rules(kind) for kind in (str, bytes)}


def _record_end(text: str | bytes, start: int) -> int:
    """Where the record starting at ``start`` (a line's start) ends, its line break
    included: at the first line break outside a quoted cell (a header's cells may hold line
    breaks, Excel's Alt+Enter); a quote inside a cell ('Kir"una', '12" skärm') opens none.
    A quoted cell never closed ends at the first line break after _RECORD_LIMIT characters."""
    newline = "\n" if isinstance(text, str) else b"\n"
    opened, closed = _QUOTES[type(text)]
    at, inside = start, False
    while True:
        stop = text.find(newline, at)  # type: ignore[arg-type]
        end = len(text) if stop < 0 else stop
        if inside:
            rest = closed.match(text, at, end)
            if rest is not None:
                inside = opened.search(text, rest.end(), end) is not None
        else:
            inside = opened.search(text, at, end) is not None
        if stop < 0:
            return len(text)
        if not inside or stop - start > _RECORD_LIMIT:
            return stop + 1
        at = stop + 1


def _fields_only(line: str) -> str:
    """``line`` (without its line break) with each run of other characters than separators
    and quotes as one (a space when it is blank), cut after EXCEL_COLUMNS + 1 fields of
    any separator."""
    for separator in SEPARATORS:
        if line.count(separator) > EXCEL_COLUMNS:
            cut = -1
            for _ in range(EXCEL_COLUMNS + 1):
                cut = line.find(separator, cut + 1)
            line = line[:cut]
    return _CELL_TEXT.sub(lambda run: "x" if run[0].strip() else " ", line)


_CELL_TEXT = re.compile('[^;,\t|"\n]+')


def _fast(encoded: bytes) -> bool:
    """Whether pyarrow reads this file (its UTF-8 or Windows-1252 bytes, where a quote is
    the byte 0x22 alone): a large one (its import costs a small project 0.15 s) without a
    quote, so each line is one record and no quoting rule can differ, when pyarrow is
    installed (``pip install esfkit[fast]``)."""
    return len(encoded) >= FAST_BYTES and b'"' not in encoded and pyarrow_installed()


def _parsed_as_bytes(data: bytes, census: _Census) -> bool:
    """Whether pyarrow parses this file in Windows-1252 (``census``: its bytes') as its own
    bytes and decodes only each column's distinct cells (one byte is one character),
    instead of its text being decoded and encoded as UTF-8 whole (1.5 s at 10^6 rows): a
    file :func:`_fast` takes, without a NUL (an error, explained from the text) and with
    every carriage return ending a line as '\\r\\n' does (pyarrow's line breaks then are
    the text's)."""
    return _fast(data) and b"\x00" not in data and not census.lone_return


def _parse_coded(plan: CsvPlan, prefetched: PrefetchedCsv | None) -> list[Distinct] | None:
    """All records, header included, as each column's codes into its distinct cells, read
    by pyarrow without a Python string per cell (on the prefetch thread, when ``plan`` is
    the one it made); None when a line has another number of fields than the plan's width
    or is empty (the C engine's path then reads and explains it)."""
    if prefetched is not None and prefetched.plan is plan:
        table = prefetched.table()
    else:
        table = arrow_table(plan.encoded, plan.separator, plan.width, plan.windows_1252)
    return None if table is None else [_distinct(column) for column in table.columns]


def _distinct(column) -> Distinct:
    """A pyarrow dictionary column as codes into its distinct cells in order of first
    appearance (the order pandas.factorize gives, which the C engine's path uses)."""
    import pandas as pd

    chunks = column.unify_dictionaries().chunks
    codes = np.concatenate([chunk.indices.to_numpy() for chunk in chunks])
    values = chunks[0].dictionary.to_numpy(zero_copy_only=False).astype(object, copy=False)
    highest = np.maximum.accumulate(codes)  # first appearance: each new code one higher
    if highest[0] == 0 and (np.diff(highest) <= 1).all():
        return Distinct(codes, values)
    renumber, seen = pd.factorize(codes)  # integers: cheap to hash
    return Distinct(renumber, values[seen])


def _parse_csv(
    path: Path, text: str, encoded: bytes, separator: str, width: int, skipped: int
) -> pd.DataFrame:
    """All records, header included, as text (``encoded`` is ``text`` as UTF-8); overlong
    records become a located error."""
    import pandas as pd

    try:
        # Bytes, not a StringIO: pandas would encode the text to UTF-8 anyway, and a
        # StringIO holds 4 bytes per character (400 MB for a 10^6-row file).
        return pd.read_csv(
            io.BytesIO(encoded),
            encoding="utf-8",
            sep=separator,
            header=None,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            names=range(width),
        )
    except Exception as exc:  # pandas' tokenizer fails in several ways; explain it ourselves
        _parse_csv_multiline(path, text, separator, width, skipped)
        raise DataError(
            say("csv.unreadable", why=exc),
            where=DataLocation(path.name),
            hint=say("hint.csv_unreadable"),
        ) from None


def _parse_csv_multiline(
    path: Path, text: str, separator: str, width: int, skipped: int = 0
) -> tuple[list[np.ndarray], np.ndarray]:
    """Parse with the csv module, which tells the line each record starts on (below the
    ``skipped`` blank lines).

    Used only when a quoted field holds a line break (and to explain pandas' errors).
    """
    lines = _check_lines(path, io.StringIO(text, newline=""), separator, skipped + 1)
    reader = csv.reader(lines, delimiter=separator, strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    last_line = 0
    try:
        for record in reader:
            starts.append(last_line + 1)
            last_line = reader.line_num
            if len(record) > width:
                raise _overlong(path, starts[-1] + skipped, len(record), width)
            records.append(record)
    except csv.Error as exc:
        raise DataError(
            say("csv.unparsable", line=last_line + 1 + skipped, why=exc),
            where=DataLocation(path.name, rows=(last_line + 1 + skipped,)),
            hint=say("hint.open_quote"),
        ) from None
    padded = [r + [""] * (width - len(r)) for r in records]
    columns = [np.array(c, dtype=object) for c in zip(*padded, strict=True)]
    return columns, np.array(starts, dtype=np.int64)


def _overlong(path: Path, line: int, fields: int, width: int) -> DataError:
    return DataError(
        say("csv.overlong", line=line, fields=fields, width=width),
        where=DataLocation(path.name, rows=(line,)),
        hint=say("hint.overlong"),
    )
