"""Every problem in a participant file's cells, found in one pass, as findings.

`esfkit validate` lists them all; `esfkit check` runs the same pass first and stops on an
error (a value that would make a figure wrong), while warnings go into the report header.
The checks read the raw text cells, so a bad value is reported as typed (a personnummer
masked), with the row the user sees and the column. What the goal file says the cells
should hold comes as plain settings (esfkit.data.settings).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from esfkit.data import municipalities, personnummer, totals
from esfkit.data.genders import BUILTIN_CODES, gender_codes, gender_series, genders_of
from esfkit.data.participants import CANONICAL_DATES, Parsed
from esfkit.data.read import RawTable
from esfkit.data.settings import COLUMN_FIELDS, DataSettings, Declared
from esfkit.data.table import Distinct
from esfkit.data.values import date_todo, distinct_keys, read_dates
from esfkit.errors import SHOWN_ROWS, Plural, Rows, Said, did_you_mean, row_list, say
from esfkit.findings import ERROR, KINDS, WARNING, Finding
from esfkit.privacy import mask_text
from esfkit.text import has_lookalike, key, odd_characters, skeleton, tidy, visible

_DATE_FIELDS = {"start": "start date", "end": "exit date", "birth_date": "birth date"}


def inspect(
    raw: RawTable,
    columns: dict[str, str],
    settings: DataSettings,
    declared: Declared,
    report_date: dt.date,
    every: bool = True,
    parsed: Parsed | None = None,
) -> list[Finding]:
    """Every finding about the cells of ``raw``, errors and warnings, in column order
    (without ``every``: re-enrolments as `check` shows them, see ``esfkit.api.validate_file``).
    ``declared`` holds the values the goal file names, which look-alike cells are
    compared with.

    ``parsed`` receives what the checks read on the way: the keyed ids, the genders and
    the dates under their canonical names (``_id``, ``_gender``, ``_start`` ...) and the
    municipalities' display names, which `clean` takes as they are (each rule is judged
    here, once).
    """
    parsed = Parsed() if parsed is None else parsed
    parsed.rows = len(raw.frame)
    rows = np.asarray(raw.row_numbers)
    frame = raw.frame
    if frame.empty:  # a report of zeros would look like a real one
        where = say("table.the_sheet", sheet=raw.sheet) if raw.sheet else say("file.the.file")
        return [
            *_reading(raw),
            _make(
                "no_rows",
                [],
                None,
                message=say("finding.no_rows.message", what=where, row=raw.header_row),
                todo=say("finding.no_rows.todo"),
            ),
        ]
    findings: list[Finding] = _reading(raw) + _blank_formulas(raw) + _merged_cells(raw)
    odd = _odd_values(raw, columns, settings, declared, rows)
    findings += odd
    look_alike = {
        f.value for f in odd if f.kind == "lookalike_characters" and f.value is not None
    }  # said once
    if "gender" in columns:
        header = columns["gender"]
        coded = raw.codes(header)
        genders = genders_of(coded, settings.genders)[coded.codes]  # -1: a code not known
        parsed["_gender"] = gender_series(genders, frame.index)
        findings += _genders(frame[header], genders < 0, header, rows, settings.genders, look_alike)
    dates: dict[str, pd.Series] = {}
    for field, what in _DATE_FIELDS.items():
        if field in columns:
            read, bad, ambiguous = read_dates(frame[columns[field]], raw.codes(columns[field]))
            # A date that reads two ways is not read as either: no exit before a start, no
            # overlap, is judged on a guess (the finding asks which is meant).
            dates[field] = read.mask(ambiguous)
            parsed[CANONICAL_DATES[field]] = dates[field]
            findings += _bad_dates(frame[columns[field]], bad, columns[field], what, rows)
            findings += _ambiguous_dates(
                frame[columns[field]], ambiguous, columns[field], what, rows
            )
    if "start" in dates and "end" in dates:
        findings += _order(dates["start"], dates["end"], columns["end"], rows)
    if "municipality" in columns:
        header = columns["municipality"]
        coded = raw.codes(header)
        parsed.places = _places(coded, declared.municipalities)
        findings += _municipalities(coded, header, rows, declared.municipalities, look_alike)
    if "id" in columns:
        # Keyed once for both the id checks and the keys: up to one id per row.
        values = frame[columns["id"]]
        ids = personnummer.read_ids(values, report_date, raw.codes(columns["id"]))
        parsed["_id"] = ids.keys
        parsed["_person"] = pd.Series(ids.persons, index=values.index)
        findings += _ids(values, ids, columns["id"], rows)
    findings += _duplicates(
        raw,
        columns,
        dates.get("start"),
        dates.get("end"),
        settings.unit,
        every,
        parsed,
        report_date,
    )
    # A note's cell may read as a gender too: the note first, so its what-to-do is the one
    # `check` shows (delete it), not a gender to declare.
    return _note_rows(frame, rows, columns.get("start")) + findings


def _reading(raw: RawTable) -> list[Finding]:
    """What reading the file found: error values, rows cut off below the table, lines in
    two encodings."""
    return _error_values(raw) + _detached(raw) + _mixed_encoding(raw)


def _error_values(raw: RawTable) -> list[Finding]:
    """An error value reads as blank (or as text): the gender or outcome it stands for
    would be missing from every figure."""
    by_cell: dict[tuple[str, str, str], list[int]] = {}
    for row, header, value, letter in raw.error_cells:
        by_cell.setdefault((header, value, letter), []).append(row)
    return [
        _make(
            "error_value",
            rows,
            header,
            value,
            say(
                "finding.error_value.message",
                cells=Plural("word.cells_count", len(rows)),
                header=header,
                letter=letter,
                holds=Plural("word.holds", len(rows)),
                value=value,
            ),
            say("finding.error_value.todo"),
        )
        for (header, value, letter), rows in by_cell.items()
    ]


def _detached(raw: RawTable) -> list[Finding]:
    """A value far below the table (a stray cell in row 1 048 576) is no participant."""
    if not raw.detached:
        return []
    rows = [row for row, _ in raw.detached]
    first, text = raw.detached[0]
    return [
        _make(
            "detached_rows",
            rows,
            None,
            text,
            say(
                "finding.detached_rows.many" if len(rows) > 1 else "finding.detached_rows.one",
                first=first,
                text=text,
                more=len(rows) - 1,
                gap=first - raw.table_end - 1,
                end=raw.table_end,
            ),
            say("finding.detached_rows.todo"),
        )
    ]


def _mixed_encoding(raw: RawTable) -> list[Finding]:
    """Two exports pasted together: each line was read in its own encoding, but the user
    should know the file is a patchwork."""
    if raw.mixed_encoding is None:
        return []
    utf8, cp1252 = raw.mixed_encoding
    fewer, other = (cp1252, "Windows-1252") if len(cp1252) <= len(utf8) else (utf8, "UTF-8")
    return [
        _make(
            "mixed_encoding",
            fewer,
            None,
            None,
            say(
                "finding.mixed_encoding.message",
                lines=Rows(tuple(fewer), "word.lines"),
                are=Plural("word.is_are", len(fewer)),
                other=other,
                rest="UTF-8" if other == "Windows-1252" else "Windows-1252",
            ),
            say("finding.mixed_encoding.todo"),
        )
    ]


def _blank_formulas(raw: RawTable) -> list[Finding]:
    """Formula cells without a saved value read as blank: a figure would change unseen."""
    by_column: dict[str, list[int]] = {}
    for row, header in raw.blank_formulas:
        by_column.setdefault(header, []).append(row)
    return [
        _make(
            "formula_without_value",
            rows,
            header,
            None,
            say(
                "finding.formula_without_value.one"
                if len(rows) == 1
                else "finding.formula_without_value.many",
                n=len(rows),
                column=header,
            ),
            say("finding.formula_without_value.todo"),
        )
        for header, rows in by_column.items()
    ]


def _merged_cells(raw: RawTable) -> list[Finding]:
    """Cells of the table under a merged range: Excel shows the range's value over them,
    but they are empty and read as blank."""
    by_column: dict[str, list[int]] = {}
    for row, header in raw.merged_cells:
        by_column.setdefault(header, []).append(row)
    return [
        _make(
            "merged_cells",
            rows,
            header,
            None,
            say("finding.merged_cells.message", column=header),
            say("finding.merged_cells.todo"),
        )
        for header, rows in by_column.items()
    ]


_NOTE_TAIL = 50  # notes below a list are a few lines, not pages


def _note_rows(frame: pd.DataFrame, rows: np.ndarray, start: str | None) -> list[Finding]:
    """Lines of text at the bottom of the sheet ('Anteckningar:', 'K = kvinna'): one cell of
    words in a row without a start date would count as a participant."""
    if frame.empty or len(frame.columns) < 3:
        return []
    tail = frame.tail(_NOTE_TAIL)
    findings: list[Finding] = []
    for position in range(len(tail) - 1, -1, -1):
        cells = [str(c).strip() for c in tail.iloc[position]]
        filled = [(header, c) for header, c in zip(tail.columns, cells, strict=True) if c]
        if len(filled) != 1 or (start is not None and filled[0][0] == start):
            break
        header, text = filled[0]
        if not (len(text.split()) > 1 or text.endswith(":") or "=" in text):
            break  # one word, such as an id typed before the rest: maybe a participant
        row = rows[len(frame) - len(tail) + position]
        findings.append(
            _make(
                "note_row",
                [row],
                header,
                text,
                say("finding.note_row.message", row=row, value=text),
                say("finding.note_row.todo"),
            )
        )
    return findings[::-1]


def total_rows(
    raw: RawTable, columns: dict[str, str], skip: bool
) -> tuple[RawTable, list[Finding]]:
    """The table without its sum rows (esfkit.data.totals), and what is said of them: each
    an error of its own (``skip`` False), or one warning listing the rows skipped."""
    found = totals.sum_rows(raw, columns)
    if not found:
        return raw, []
    numbers = np.asarray(raw.row_numbers)
    rows = [int(numbers[p]) for p in sorted(found)]
    words = [_shown(found[p]) for p in sorted(found)]
    rest = totals.without(raw, sorted(found))
    if skip:
        shown = ", ".join(f"'{w}'" for w in dict.fromkeys(words[:SHOWN_ROWS]))
        return rest, [
            _with_rows(
                "total_row_skipped",
                rows,
                None,
                message=say(
                    "finding.total_row_skipped.message",
                    rows=Rows(tuple(rows)),
                    are=Plural("word.is_a_sum_row", len(rows)),
                    shown=shown,
                ),
                todo=say("finding.total_row_skipped.todo"),
            )
        ]
    return rest, [
        _make(
            "total_row",
            [row],
            None,
            word,
            say("finding.total_row.message", row=row, value=word),
            say("finding.total_row.todo"),
        )
        for row, word in zip(rows, words, strict=True)
    ]


def _with_rows(kind: str, rows: list[int], column: str | None, **text: Said) -> Finding:
    """A finding whose note in the report header lists its rows (``params["rows"]``)."""
    finding = _make(kind, rows, column, **text)
    return replace(finding, params={"rows": row_list(rows)})


def _make(kind: str, rows, column, value=None, message="", todo="", severity=None) -> Finding:
    """A finding; ``message`` and ``todo`` a Said (in every language, written only in the
    language a run speaks, when it shows the finding) or English text."""
    said, todo_said = isinstance(message, Said), isinstance(todo, Said)
    return Finding(
        kind,
        rows=tuple(map(int, rows)),
        column=column,
        severity=severity or KINDS[kind][0],
        value=value,
        message=None if said else message,
        todo=None if todo_said else todo,
        said=message if said else None,
        todo_said=todo if todo_said else None,
    )


def _by_value(values: pd.Series | np.ndarray, rows: np.ndarray) -> dict[str, np.ndarray]:
    """Each distinct stripped non-blank cell -> the rows holding it, first seen first."""
    return _by_text(Distinct.of(values), rows)


def _by_text(
    coded: Distinct, rows: np.ndarray, wanted: Callable[[str], bool] | None = None
) -> dict[str, np.ndarray]:
    """Each distinct stripped non-blank cell of a column read as codes -> the rows
    holding it, first seen first: each distinct cell stripped once. ``wanted``: which
    cells to find the rows of (by default all): the rows of the rest are not sorted."""
    texts = [value.strip() for value in coded.values.tolist()]
    kept = [i for i, text in enumerate(texts) if text and (wanted is None or wanted(text))]
    if not kept:
        return {}
    at = np.flatnonzero(np.isin(coded.codes, kept))
    codes = coded.codes[at]
    order = at[np.argsort(codes, kind="stable")]
    bounds = np.searchsorted(coded.codes[order], np.arange(len(texts) + 1))
    out: dict[str, list[np.ndarray]] = {}
    for index in kept:
        if bounds[index] < bounds[index + 1]:
            out.setdefault(texts[index], []).append(order[bounds[index] : bounds[index + 1]])
    found = {text: np.sort(np.concatenate(parts)) for text, parts in out.items()}
    first_seen = sorted(found, key=lambda text: found[text][0])
    return {text: np.sort(rows[found[text]]) for text in first_seen}


def _genders(
    values: pd.Series,
    unknown: np.ndarray,
    header: str,
    rows: np.ndarray,
    genders: dict[str, str],
    look_alike: set[str],
) -> list[Finding]:
    """A finding per code esfkit does not know (``unknown``: per row), naming its rows.
    ``genders``: the goal file's own codes (data.genders)."""
    if not unknown.any():
        return []
    codes = gender_codes(genders)
    findings = []
    # 'Annat' and 'annat' are one code to declare (data.genders is read by key): one finding.
    by_key: dict[str, tuple[str, np.ndarray]] = {}
    for text, where in _by_value(values[unknown], rows[unknown]).items():
        first, before = by_key.get(key(text), (text, where[:0]))
        by_key[key(text)] = (first, np.sort(np.concatenate([before, where])))
    for text, where in by_key.values():
        if _shown(text) in look_alike:
            continue
        suggestion = did_you_mean(text, [c for c in codes if c])
        findings.append(
            _make(
                "gender_code",
                where,
                header,
                text,
                say("finding.gender_code.message", value=text),
                say(
                    "finding.gender_code.todo_suggest"
                    if suggestion
                    else "finding.gender_code.todo",
                    suggestion=suggestion,
                    value=text,
                ),
            )
        )
    return findings


def _bad_dates(
    values: pd.Series, bad: pd.Series, header: str, what: str, rows: np.ndarray
) -> list[Finding]:
    mask = bad.to_numpy()
    if not mask.any():
        return []
    return [
        _make(
            "bad_date",
            where,
            header,
            text,
            say("finding.bad_date.message", value=text, what=say(f"date.what.{what}")),
            date_todo(text),
        )
        for text, where in _by_value(values[mask], rows[mask]).items()
    ]


def _ambiguous_dates(
    values: pd.Series, ambiguous: pd.Series, header: str, what: str, rows: np.ndarray
) -> list[Finding]:
    mask = ambiguous.to_numpy()
    if not mask.any():
        return []
    return [
        _make(
            "ambiguous_date",
            where,
            header,
            text,
            say("finding.ambiguous_date.message", value=text, what=say(f"date.name.{what}")),
            say("date.ambiguous_todo"),
        )
        for text, where in _by_value(values[mask], rows[mask]).items()
    ]


def _order(start: pd.Series, end: pd.Series, header: str, rows: np.ndarray) -> list[Finding]:
    bad = (end < start).to_numpy()
    return [
        _make(
            "exit_before_start",
            [row],
            header,
            f"{e:%Y-%m-%d}",
            say("finding.exit_before_start.message", end=f"{e:%Y-%m-%d}", start=f"{s:%Y-%m-%d}"),
            say("finding.exit_before_start.todo"),
        )
        for row, s, e in zip(rows[bad], start[bad], end[bad], strict=True)
    ]


def _municipalities(
    coded: Distinct,
    header: str,
    rows: np.ndarray,
    declared: tuple[str, ...] | None,
    look_alike: set[str],
) -> list[Finding]:
    """``declared``: project.municipalities (None: any of Sweden's)."""
    official = tuple(municipalities.official().values())
    declared_keys = {key(d) for d in declared} if declared is not None else set()

    def odd(text: str) -> bool:  # a value the loop below reports
        if _shown(text) in look_alike:
            return False
        name = municipalities.name_for_code(text) or text
        if declared is not None:
            return key(name) not in declared_keys
        exact = municipalities.official_name(name)
        return exact is None or key(exact) != key(name)

    findings = []
    for text, where in _by_text(coded, rows, odd).items():
        name = municipalities.name_for_code(text) or text
        if declared is not None:
            suggestion = municipalities.closest(name, declared) or municipalities.closest(
                name, official
            )
            findings.append(
                _make(
                    "undeclared_municipality",
                    where,
                    header,
                    text,
                    say("finding.undeclared_municipality.message", value=text),
                    say(
                        "finding.undeclared_municipality.todo_suggest"
                        if suggestion
                        else "finding.undeclared_municipality.todo",
                        suggestion=suggestion,
                        declared=", ".join(declared),
                    ),
                )
            )
            continue
        suggestion = municipalities.official_name(name) or municipalities.closest(name, official)
        if suggestion is not None:
            findings.append(
                _make(
                    "municipality_spelling",
                    where,
                    header,
                    text,
                    say("finding.municipality_spelling.message", value=text, name=suggestion),
                    say("finding.municipality_spelling.todo", name=suggestion),
                )
            )
        else:
            findings.append(
                _make(
                    "not_a_municipality",
                    where,
                    header,
                    text,
                    say("finding.not_a_municipality.message", value=text),
                    say("finding.not_a_municipality.todo"),
                )
            )
    return findings


def _places(coded: Distinct, declared: tuple[str, ...] | None) -> Distinct:
    """The municipalities' display names (as codes into them, None for blank): the declared
    spelling when declared (an undeclared one is :func:`_municipalities`' error), else the
    most common spelling (as typed: an output shows its odd characters escaped); spellings
    with one key are one name. ``declared``: project.municipalities."""
    typed = [" ".join(value.split()) for value in coded.values]
    uniques = [municipalities.name_for_code(value) or value for value in typed]
    keys = [key(value) for value in uniques]
    if declared is not None:
        lookup = {key(name): name for name in declared}
    else:
        counts = np.bincount(coded.codes, minlength=len(uniques))
        spellings: dict[str, Counter] = {}
        for name_key, value, count in zip(keys, uniques, counts.tolist(), strict=True):
            if name_key:
                spellings.setdefault(name_key, Counter())[value] += count
        lookup = {name_key: c.most_common(1)[0][0] for name_key, c in spellings.items()}
    names = [lookup.get(name_key) if name_key else None for name_key in keys]
    return Distinct(coded.codes, np.array(names, dtype=object))


# --- values that only look like what the goal file means ------------------------------------


def _odd_values(
    raw: RawTable,
    columns: dict[str, str],
    settings: DataSettings,
    declared: Declared,
    rows: np.ndarray,
) -> list[Finding]:
    """Cells that differ from a declared value (an outcome, a filter's value, a gender code,
    a municipality) only by invisible characters, which the comparison key ignores (a
    warning), or by letters of another script that look the same, which it does not (an
    error: the row would silently fall out of its group)."""
    findings = []
    named = _declared_values(settings, declared, columns, tuple(raw.frame.columns))
    for header, words in named.items():
        findings += _odd_cells(raw.codes(header), header, words, rows)
    return findings


def _declared_values(
    settings: DataSettings, declared: Declared, columns: dict[str, str], headers: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """Per column, the values the goal file and esfkit name for it, by their keys."""
    named: dict[str, list[str]] = {}

    def add(name: str, words: list[str]) -> None:
        wanted = name.strip().casefold()
        header = columns.get(name) if name in COLUMN_FIELDS else None
        header = header or next((h for h in headers if h.strip().casefold() == wanted), None)
        if header is not None and header != columns.get("id"):
            named.setdefault(header, []).extend(words)

    add("exit", list(declared.outcomes))
    add("gender", [*settings.genders, *(code.capitalize() for code in BUILTIN_CODES)])
    add("municipality", list(declared.municipalities or municipalities.official().values()))
    for name, words in declared.values:
        add(name, list(words))
    return {header: {key(w): w for w in words if key(w)} for header, words in named.items()}


def _odd_cells(
    coded: Distinct, header: str, declared: dict[str, str], rows: np.ndarray
) -> list[Finding]:
    codes, uniques = coded.codes, coded.values
    keys = distinct_keys(uniques)
    texts = ["" if k == "" else str(u).strip() for u, k in zip(uniques, keys, strict=True)]
    findings = []
    for index in np.flatnonzero(np.isin(keys, list(declared))):
        meant = declared[keys[index]]
        if texts[index] != meant and odd_characters(texts[index]):  # counted as declared
            findings.append(_odd(rows[codes == index], header, texts[index], meant, WARNING))
    odd_words = any(has_lookalike(w) for w in declared.values())
    if not odd_words and not has_lookalike("\x00".join(texts)):
        return findings
    by_skeleton = {skeleton(word): word for word in declared.values()}
    for position, text in enumerate(texts):
        like = by_skeleton.get(skeleton(text)) if text and keys[position] not in declared else None
        if like is not None and (has_lookalike(text) or has_lookalike(like)):  # not 'l' for 'i'
            findings.append(_odd(rows[codes == position], header, text, like, ERROR))
    return findings


def _odd(where: np.ndarray, header: str, text: str, meant: str, severity: str) -> Finding:
    """The finding on the cells ``where`` holding ``text``, which passes for ``meant``."""
    shown = _shown(text)
    if severity == WARNING:
        return _make(
            "invisible_characters",
            where,
            header,
            shown,
            say(
                "finding.invisible_characters.message",
                value=shown,
                characters=", ".join(odd_characters(text)),
                meant=meant,
            ),
            say("finding.invisible_characters.todo"),
        )
    in_cell = has_lookalike(text)
    names = ", ".join(odd_characters(text if in_cell else meant))
    return _make(
        "lookalike_characters",
        where,
        header,
        shown,
        say(
            "finding.lookalike_characters.in_cell"
            if in_cell
            else "finding.lookalike_characters.in_goals",
            value=shown,
            looks=_shown(meant),
            names=names,
            meant=tidy(meant),
        ),
        say(
            "finding.lookalike_characters.todo_cell"
            if in_cell
            else "finding.lookalike_characters.todo_goals",
            meant=tidy(meant),
        ),
    )


def _shown(text: str) -> str:
    """A value as a finding shows it: odd characters as code points, no personnummer
    (masked first: once written out, an invisible separator no longer looks like one)."""
    return visible(mask_text(text))


def _ids(values: pd.Series, ids: personnummer.Ids, header: str, rows: np.ndarray) -> list[Finding]:
    """Missing ids and invalid personnummer, each distinct cell looked at once."""
    codes, texts = ids.codes, ids.texts
    blank = (texts == "")[codes]
    findings = []
    if blank.any():
        findings.append(
            _make(
                "missing_id",
                rows[blank],
                header,
                None,
                say("finding.missing_id.message"),
                say("finding.missing_id.todo"),
            )
        )
    findings += _rounded_ids(values, ids, header, rows)
    filled = codes[~blank]
    shaped = ~pd.isna(ids.numbers)
    if not len(filled) or shaped[filled].mean() < 0.5:
        return findings  # ids such as D0001, whatever the header says: nothing to check
    found = _id_problems(ids, shaped)
    wrong = np.flatnonzero(found)
    why = {texts[i]: _WHY[found[i]] for i in wrong.tolist()}
    bad = np.isin(codes, wrong)
    for text, where in _by_value(texts[codes[bad]], rows[bad]).items():  # as read
        masked = personnummer.mask(text)
        findings.append(
            _make(
                "invalid_personnummer",
                where,
                header,
                masked,
                say("finding.invalid_personnummer.message", value=masked, why=why[text]),
                say("finding.invalid_personnummer.todo"),
            )
        )
    return findings


_WHY = (
    None,
    say("pnr.bad_date"),
    say("pnr.bad_check_digit"),
    say("pnr.lost_zero"),
    say("pnr.not_one"),
)
# A long number as Excel shows it in a General column and writes it to CSV: 1,98501E+11.
_ROUNDED = re.compile(r"[0-9](?:[.,][0-9]+)?[Ee]\+[0-9]{2}")


def _rounded_ids(
    values: pd.Series, ids: personnummer.Ids, header: str, rows: np.ndarray
) -> list[Finding]:
    """Ids Excel rounded, written in scientific notation without every digit: their last
    digits are gone, so two persons born the same day read as one. (With every digit,
    '1.98501012382E+11', an id is read as its number: ``ids.texts`` holds that.)"""
    joined = "\n".join(ids.texts)  # one search, not one per id (10^6); '+' found at once
    if "+" not in joined or not _ROUNDED.search(joined):
        return []
    rounded = [i for i, text in enumerate(ids.texts) if _ROUNDED.fullmatch(text)]
    bad = np.isin(ids.codes, rounded)
    return [
        _make(
            "rounded_id",
            where,
            header,
            text,
            say("finding.rounded_id.message", value=repr(text)),
            say("finding.rounded_id.todo"),
        )
        for text, where in _by_value(values[bad], rows[bad]).items()
    ]


def _id_problems(ids: personnummer.Ids, shaped: np.ndarray) -> np.ndarray:
    """Per distinct id, why it is not a valid personnummer, as an index into _WHY: 0 when
    it is one, or blank."""
    numbers = np.flatnonzero(shaped)
    found = np.zeros(len(shaped), dtype=np.int8)
    found[numbers] = personnummer.problems(ids.numbers[numbers].tolist())
    lengths = np.fromiter(map(len, ids.texts[numbers]), dtype=np.int64, count=len(numbers))
    nine = numbers[lengths == 9].tolist()  # the rest have 10 characters or more
    found[[i for i in nine if personnummer.lost_zero(ids.texts[i])]] = len(_WHY) - 2
    found[~shaped & (ids.texts != "")] = len(_WHY) - 1
    return found


def _duplicates(  # noqa: PLR0913  # what inspect read, the settings, the report date
    raw: RawTable,
    columns: dict[str, str],
    start: pd.Series | None,
    end: pd.Series | None,
    unit: str,
    every: bool,
    parsed: Parsed,
    report_date: dt.date,
) -> list[Finding]:
    """Identical rows; and per id, re-enrolments (separate periods) or overlaps, and moves
    (where a mover counts at ``report_date``). The ids are compared by their keys,
    ``parsed["_id"]``."""
    rows = np.asarray(raw.row_numbers)
    if raw.frame.empty:
        return []
    typed = raw.frame[columns["id"]] if "id" in columns else None
    ids = parsed["_id"].to_numpy(dtype=object) if typed is not None else None
    keys = parsed["_person"].to_numpy() if ids is not None else None
    # Identical rows have one id (a key is coarser than the stripped text the rows are
    # compared by), so only the rows whose id repeats are compared in full.
    if keys is None:
        candidates = np.arange(len(rows))
    else:
        candidates = np.flatnonzero(np.bincount(keys)[keys] > 1)
    same = pd.Series(_row_keys(raw, candidates))
    repeated = same.duplicated(keep=False).to_numpy()
    findings = []
    counts_both = unit == "enrolment" and "id" in columns
    if repeated.any():
        copies = same[repeated]
        for positions in copies.groupby(copies, sort=False).indices.values():
            where = rows[candidates[np.flatnonzero(repeated)[positions]]]
            findings.append(
                _make(
                    "duplicate_row",
                    where,
                    None,
                    None,
                    say("finding.duplicate_row.message", rows=Rows(tuple(where))),
                    say("finding.duplicate_row.todo"),
                    severity=ERROR if counts_both else WARNING,
                )
            )
    if keys is None or start is None or typed is None:
        return findings
    first_copy = np.ones(len(rows), dtype=bool)
    first_copy[candidates] = ~same.duplicated(keep="first").to_numpy()
    keep = first_copy & (ids != "")
    findings += _enrolments(
        keys[keep],
        typed.to_numpy(dtype=object)[keep],
        start.to_numpy()[keep],
        _ends(end, keep),
        rows[keep],
        columns["id"],
        every,
    )
    if every and "municipality" in columns:
        mine = _Enrolments(keys[keep], start.to_numpy()[keep], rows[keep], typed.to_numpy()[keep])
        places = raw.codes(columns["municipality"]).take(keep)
        shown = parsed.places.values.tolist() if parsed.places is not None else []
        findings += _moves(mine, places, shown, columns, unit, report_date)
    return findings


@dataclass(frozen=True)
class _Enrolments:
    """Rows of an id column, one entry each: the person key, start, row and id as typed."""

    keys: np.ndarray
    start: np.ndarray
    rows: np.ndarray
    typed: np.ndarray


def _moves(
    e: _Enrolments,
    places: Distinct,
    shown: Sequence[str | None],
    columns: dict[str, str],
    unit: str,
    report_date: dt.date,
) -> list[Finding]:
    """Per id enrolled in more than one municipality (blank cells aside): where from,
    where to, and where the person is counted (``unit: person``: the latest enrolment
    started by ``report_date``, as the report counts, engine/population.py). ``shown``: per
    distinct cell of ``places``, the name the report shows (None: none, or undeclared)."""
    names = [
        (shown[i] if shown else None)
        or municipalities.name_for_code(v.strip())
        or " ".join(v.split())
        for i, v in enumerate(places.values)
    ]
    place_keys = pd.factorize(np.array([key(n) for n in names], dtype=object))[0]
    blank = np.array([not key(n) for n in names], dtype=bool)
    place = place_keys[places.codes]
    known = ~blank[places.codes]
    pairs = pd.DataFrame({"key": e.keys[known], "place": place[known]}).drop_duplicates()
    movers = pairs["key"][pairs["key"].duplicated()].unique()
    if not len(movers):
        return []
    mine = np.flatnonzero(np.isin(e.keys, movers))
    order = mine[np.lexsort((e.rows[mine], e.start[mine].view(np.int64), e.keys[mine]))]
    findings = []
    # Each distinct cell as shown, its key and where it counts, made once (a sentence is
    # the same for every finding that says it).
    display = [_shown(name) for name in names]
    display_keys = [key(shown) for shown in display]
    counted = [_counted(shown, unit) for shown in display]
    todo = say("finding.municipality_move.todo")
    # One finding per mover: thousands in a large register, so plain lists, not numpy.
    bounds = [0, *(np.flatnonzero(np.diff(e.keys[order])) + 1).tolist(), len(order)]
    place_codes, ordered_rows = places.codes[order].tolist(), e.rows[order].tolist()
    starts = e.start[order]  # an enrolment without a start date is in the report
    in_report = (np.isnat(starts) | (starts <= np.datetime64(report_date, "D"))).tolist()
    for index, shown_id in enumerate(e.typed[order[bounds[:-1]]].tolist()):
        codes = place_codes[bounds[index] : bounds[index + 1]]
        path = [
            c
            for i, c in enumerate(codes)
            if display[c] and (i == 0 or display[c] != display[codes[i - 1]])
        ]
        path = [
            c for i, c in enumerate(path) if i == 0 or display_keys[c] != display_keys[path[i - 1]]
        ]
        id_rows = tuple(sorted(ordered_rows[bounds[index] : bounds[index + 1]]))
        masked = personnummer.mask(str(shown_id))
        middle = ", ".join([display[c] for c in path[1:-1]])
        message = say(
            "finding.municipality_move.message",
            id=masked,
            first=display[path[0]],
            last=display[path[-1]],
            via=say("move.via", places=middle) if len(path) > 2 else "",
            rows=Rows(id_rows),
            counted=_counted_at(codes, in_report[bounds[index] : bounds[index + 1]], counted, unit),
        )
        findings.append(
            _make("municipality_move", id_rows, columns["municipality"], masked, message, todo)
        )
    return findings


def _counted_at(codes: list[int], in_report: list[bool], counted: list[Said], unit: str) -> Said:
    """Where a mover counts: in the place (``codes``, by start) of the latest enrolment in
    the report (``counted`` says it per place), or nowhere when every one starts after the
    report date."""
    latest = next(
        (c for c, inside in zip(codes[::-1], in_report[::-1], strict=True) if inside), None
    )
    if latest is None and unit != "enrolment":
        return say("move.after_report_date")
    return counted[codes[-1] if latest is None else latest]


def _counted(latest: str, unit: str) -> Said:
    """Where a person who moved is counted: ``latest``, the municipality of the latest
    enrolment as shown (blank: unknown), or each enrolment in its own (``unit``)."""
    if unit == "enrolment":
        return say("move.each_enrolment")
    return say("move.latest", latest=latest) if latest else say("move.unknown")


def _row_keys(raw: RawTable, candidates: np.ndarray) -> np.ndarray:
    """An integer per row of ``candidates`` (positions), equal for rows whose cells are
    equal once stripped: rows compare as one number, not column by column."""
    keys = np.zeros(len(candidates), dtype=np.int64)
    for name in raw.frame.columns:
        coded = raw.codes(name)
        # Only the distinct cells of the candidates are stripped and compared (counted,
        # not sorted, to find them: an id column has about as many as rows).
        mine = coded.codes[candidates]
        present = np.bincount(mine, minlength=len(coded.values)) > 0
        used, cells = np.flatnonzero(present), (np.cumsum(present) - 1)[mine]
        texts = np.array([coded.values[i].strip() for i in used.tolist()], dtype=object)
        cells = pd.factorize(texts)[0][cells] if len(texts) else cells
        # Numbered again after each column, so the combined key stays below rows squared.
        keys = pd.factorize(keys * (cells.max(initial=0) + 1) + cells)[0]
    return keys


def _ends(end: pd.Series | None, keep: np.ndarray) -> np.ndarray:
    if end is None:
        return np.full(int(keep.sum()), np.datetime64("NaT"), dtype="datetime64[ns]")
    return end.to_numpy()[keep]


def _enrolments(
    keys: np.ndarray,
    typed: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    rows: np.ndarray,
    id_header: str,
    every: bool = True,
) -> list[Finding]:
    """Per id on several rows: overlapping periods, or a re-enrolment; without ``every``,
    only one finding holding the rows of every overlap. ``keys`` are the ids as integer
    codes (equal for ids that compare equal), ``typed`` the cells as written (shown,
    masked)."""
    several = np.flatnonzero(np.bincount(keys)[keys] > 1) if len(keys) else keys
    if not len(several):
        return []
    # Only the rows of ids on several rows are sorted: a few percent of a large register.
    order = several[np.lexsort((rows[several], start[several].view(np.int64), keys[several]))]
    # Sorted by start within an id, any overlap shows between neighbours: if enrolment j
    # begins before an earlier i has ended, so does the one right after i.
    ends, begins, ordered_keys = end[order], start[order], keys[order]
    open_end = np.where(np.isnat(ends), np.datetime64("2262-01-01"), ends)
    same = ordered_keys[1:] == ordered_keys[:-1]
    known = ~np.isnat(begins[1:]) & ~np.isnat(begins[:-1])
    clash = same & known & (begins[1:] <= open_end[:-1])
    firsts = np.flatnonzero(np.concatenate(([True], ~same)))
    overlaps = np.logical_or.reduceat(np.append(clash, False), firsts)
    bounds = [*firsts.tolist(), len(order)]
    if not every:  # what check's header shows of these: a count of overlapping rows
        where = np.sort(rows[order][np.repeat(overlaps, np.diff(bounds))])
        return [_make("overlapping_enrolments", where, id_header)] if len(where) else []
    # One finding per id: tens of thousands in a large register, so plain lists, not numpy.
    ordered_rows = rows[order].tolist()
    kinds = ("re_enrolment", "overlapping_enrolments")
    todos = [say(f"finding.{kind}.todo") for kind in kinds]  # one sentence, said by each
    findings = []
    for index, (overlap, shown_id) in enumerate(
        zip(overlaps.tolist(), typed[order[firsts]].tolist(), strict=True)
    ):
        id_rows = tuple(sorted(ordered_rows[bounds[index] : bounds[index + 1]]))
        masked = personnummer.mask(str(shown_id))
        kind = kinds[overlap]
        message = say(f"finding.{kind}.message", id=masked, rows=Rows(id_rows))
        findings.append(_make(kind, id_rows, id_header, masked, message, todos[overlap]))
    return findings
