"""``esfkit init``: look at a participant file and write a commented starter goal file.

The starter file says what esfkit found (which header holds which field, and what it could
not find), lists the exit values for the user to sort into outcome groups, declares the
municipalities, and shows one example of every goal kind. It is always a valid goal file
for the file it was made from, so ``esfkit check`` runs on it straight away.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from esfkit.data.columns import (
    FALLBACK,
    RECOGNISED,
    candidates_for,
    header_key,
)
from esfkit.data.genders import BUILTIN_CODES
from esfkit.data.municipalities import name_for_code, official_name
from esfkit.data.read import RawTable, read_table, sheet_names
from esfkit.data.register import read_register
from esfkit.data.settings import COLUMN_FIELDS, DataSettings
from esfkit.data.sheet import SHEET_SUFFIXES
from esfkit.data.totals import sum_rows, without
from esfkit.data.values import parse_dates
from esfkit.errors import (
    DataError,
    DataLocation,
    did_you_mean,
    format_rows,
    row_list,
    row_words,
    say,
)
from esfkit.escape import terminal, yaml_scalar
from esfkit.messages import MESSAGES, plural
from esfkit.privacy import mask_text
from esfkit.text import key as text_key

# Exit values are sorted into these groups by words they contain; first match wins, so
# "Arbetsförmedlingen" is checked before "arbete". The user checks every guess.
GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("af_measure", ("arbetsförmedl", "af-", "af ")),
    ("back_to_referrer", ("remittent", "socialtjänst", "soc ", "åter till")),
    ("sick_leave", ("sjuk", "rehab")),
    ("own_business", ("eget företag", "egen företag", "starta företag", "företagare")),
    ("work", ("arbete", "anställ", "jobb", "lönebidrag", "employment", "work")),
    ("studies", ("studie", "utbildning", "komvux", "folkhögskol", "gymnasi", "högskol")),
    ("dropped_out", ("avbr", "avbrott", "flytt", "avhopp")),
)
# Words in a header that tell the field when the header is not one esfkit knows exactly
# ("Löpnr", "Datum för inskrivning", "Utfall vid avslut"); compared as header_key does.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("personnummer", "pnr", "persnr", "deltagarid", "deltagarnr", "löpnr", "löpnummer"),
    "gender": ("kön",),
    "municipality": ("kommun",),
    "start": ("inskriv", "startdat", "påbörja"),
    "end": ("avslutsdat", "avslutdat", "datumavslut", "slutdat", "utskriv"),
    "exit": ("orsak", "anledning", "utfall", "resultat"),
    "birth_date": ("födelse", "fodelse", "född"),
}
_YES_NO = {"ja", "nej", "yes", "no", "x", "delvis", "vet ej"}
# Answers in a column of ticks and answers, which names no municipality: Ja/Nej, X/blank,
# 1/0, Sant/Falskt (Swedish Excel's TRUE/FALSE) and the like. Not "-", "?" or "vet ej",
# which a municipality column may hold for an unknown one.
_ANSWERS = {
    *("ja", "nej", "yes", "no", "x", "j", "n", "y", "true", "false", "sant", "falskt"),
    *("1", "0", "✓", "✔", "✗", "✘", "☑", "☐", "☒"),
}
_NUMBER = re.compile(r"[+\-−]?[\d\s.,:/\-]*\d[\d\s.,:/\-]*%?")  # 12, 3,5, 50 %, 2022-01-10


@dataclass
class Survey:
    """What ``init`` found in a participant file."""

    path: Path
    sheet: str | None
    sheets: tuple[str, ...]
    headers: tuple[str, ...]
    rows: int
    columns: dict[str, str] = field(default_factory=dict)  # field -> header
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    guessed: set[str] = field(default_factory=set)
    municipalities: list[tuple[str, int]] = field(default_factory=list)
    misspelt: list[tuple[str, int, str]] = field(default_factory=list)  # value, rows, likely
    exits: list[tuple[str, int]] = field(default_factory=list)
    blank_exits: int = 0
    unknown_genders: list[tuple[str, int]] = field(default_factory=list)
    gender_typos: list[tuple[str, int, str]] = field(default_factory=list)  # value, rows, likely
    start_range: tuple[dt.date, dt.date] | None = None
    end_range: tuple[dt.date, dt.date] | None = None
    yes_no_columns: list[str] = field(default_factory=list)
    not_municipalities: list[tuple[str, str]] = field(default_factory=list)  # header, holds
    # Several files read as one register: their paths as data.files will name them, and
    # the fields each file has under a header of its own (field -> (file, header) pairs),
    # left out of data.columns so that each file's header is recognised on its own.
    files: tuple[str, ...] = ()
    per_file: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    sum_rows: list[tuple[int, str]] = field(default_factory=list)  # row, its sum word

    @property
    def missing(self) -> list[str]:
        return [f for f in COLUMN_FIELDS if f not in self.columns]

    @property
    def other_columns(self) -> list[str]:
        mapped = set(self.columns.values())
        return [h for h in self.headers if h not in mapped]


def survey(path: Path, sheet: str | None = None) -> Survey:
    """Read ``path`` (the sheet that looks most like a participant list, unless named)."""
    raw, sheets = _best_table(path, sheet)
    return _surveyed(raw, Survey(path, raw.sheet, sheets, raw.headers, len(raw.frame)))


def survey_files(paths: list[Path], sheet: str | None, names: list[str]) -> Survey:
    """Several files read as one register (esfkit.data.register), ``names`` how data.files
    will name them: a DataError naming the file whose sheet or header does not fit the
    first file's, as `check` would."""
    if len(paths) == 1:
        return survey(paths[0], sheet)
    tables = [_best_table(path, sheet) for path in paths]
    raws = [raw for raw, _ in tables]
    _same_sheet(raws)
    register = read_register(paths, DataSettings(sheet=raws[0].sheet), _given(raws))
    raw = register.raw
    sheets = tuple(dict.fromkeys(s for _, found in tables for s in found))
    found = Survey(paths[0], raw.sheet, sheets, raw.headers, len(raw.frame), files=tuple(names))
    for name in register.columns:
        headers = [m[name] for m in register.mappings]
        if len(set(headers)) > 1:
            found.per_file[name] = [(p.name, h) for p, h in zip(paths, headers, strict=True)]
    return _surveyed(raw, found)


def _given(raws: list[RawTable]):
    """A reader that gives the tables already read, in order (read_register's checks)."""
    by_path = {raw.path: raw for raw in raws}
    return lambda path, sheet, header_row: by_path[path]


def _same_sheet(raws: list[RawTable]) -> None:
    """data.sheet names one sheet for every workbook: the sheets chosen must agree."""
    books = [raw for raw in raws if raw.sheet is not None]
    for raw in books[1:]:
        if raw.sheet != books[0].sheet:
            raise DataError(
                say(
                    "init.sheets_differ",
                    sheet=raw.sheet,
                    first=books[0].sheet,
                    file=books[0].path.name,
                ),
                where=DataLocation(raw.path.name),
                hint=say("hint.sheets_differ"),
            )


def _surveyed(raw: RawTable, found: Survey) -> Survey:
    """What ``raw`` holds, written into ``found``."""
    _map_fields(found)
    sums = sum_rows(raw, found.columns)  # no gender code or date is proposed from a sum row
    numbers = list(raw.row_numbers)
    found.sum_rows = [(int(numbers[p]), word) for p, word in sorted(sums.items())]
    raw = without(raw, sorted(sums))
    frame = raw.frame
    _municipality_column(found, frame)
    if "municipality" in found.columns:
        _municipalities(found, frame[found.columns["municipality"]])
    if "exit" in found.columns:
        values = frame[found.columns["exit"]]
        found.exits = _distinct(values)
        found.blank_exits = int((values.str.strip() == "").sum())
    if "gender" in found.columns:
        for value, n in _distinct(frame[found.columns["gender"]]):
            if _key(value) in BUILTIN_CODES:
                continue
            likely = _gender_typo(value)
            if likely:
                found.gender_typos.append((value, n, likely))
            else:
                found.unknown_genders.append((value, n))
    found.start_range = _date_range(raw, found.columns.get("start"))
    found.end_range = _date_range(raw, found.columns.get("end"))
    found.yes_no_columns = [h for h in found.other_columns if _is_yes_no(frame[h])]
    return found


def _best_table(path: Path, sheet: str | None) -> tuple[RawTable, tuple[str, ...]]:
    """The named sheet, or the sheet with the most recognised headers (first on ties)."""
    if sheet is not None or Path(path).suffix.lower() not in SHEET_SUFFIXES:
        raw = read_table(path, sheet)
        return raw, (raw.sheet,) if raw.sheet else ()
    names = _sheet_names(path)
    best: tuple[int, RawTable] | None = None
    first_error: DataError | None = None
    for name in names:
        try:
            raw = read_table(path, name)
        except DataError as exc:
            first_error = first_error or exc
            continue
        score = len(_recognised(raw.headers))
        if best is None or score > best[0]:
            best = (score, raw)
    if best is None:
        raise first_error or DataError(say("init.no_sheet", file=Path(path).name))
    return best[1], tuple(names)


def _sheet_names(path: Path) -> list[str]:
    try:
        return sheet_names(path)  # within the limits: a workbook bomb never reaches calamine
    except DataError:
        return [read_table(path).sheet or ""]  # read_table explains what is wrong


def _recognised(headers: tuple[str, ...]) -> dict[str, list[str]]:
    by_key = {header_key(h): h for h in headers}
    found: dict[str, list[str]] = {}
    taken: set[str] = set()
    for name in RECOGNISED:
        candidates = candidates_for(name, by_key, taken)
        if candidates:
            found[name] = candidates
            taken.add(candidates[0])
    return found


def _map_fields(found: Survey) -> None:
    """Exact header names first; then headers containing a telling word, marked as guesses."""
    for name, candidates in _recognised(found.headers).items():
        found.columns[name] = candidates[0]
        if header_key(candidates[0]) in FALLBACK.get(name, ()):
            found.guessed.add(name)  # a running number may number rows, not persons
        if len(candidates) > 1:
            found.alternatives[name] = candidates[1:]
    for name, words in HEADER_WORDS.items():
        taken = set(found.columns.values())
        guesses = [
            h for h in found.headers if h not in taken and any(w in header_key(h) for w in words)
        ]
        if not guesses:
            continue
        if name not in found.columns:
            found.columns[name] = guesses[0]
            found.guessed.add(name)
            guesses = guesses[1:]
        others = [g for g in guesses if g not in found.alternatives.get(name, [])]
        if others:
            found.alternatives.setdefault(name, []).extend(others)


def _municipality_column(found: Survey, frame: pd.DataFrame) -> None:
    """The first of the municipality's candidates whose values can be municipalities; the
    others are set aside with what they hold instead. A later candidate is a guess."""
    if "municipality" not in found.columns:
        return
    candidates = [found.columns.pop("municipality"), *found.alternatives.pop("municipality", [])]
    kept = []
    for header in candidates:
        holds = _not_municipalities(frame[header])
        if holds:
            found.not_municipalities.append((header, holds))
        else:
            kept.append(header)
    if not kept:
        found.guessed.discard("municipality")
        return
    found.columns["municipality"] = kept[0]
    if kept[0] != candidates[0]:
        found.guessed.add("municipality")
    if kept[1:]:
        found.alternatives["municipality"] = kept[1:]


def _not_municipalities(values: pd.Series) -> str | None:
    """What a column holds instead of municipalities ('yes/no values', 'numbers'), or None
    when its values can be municipality names or four-digit codes (2380 is Östersund)."""
    keys = {text_key(v) for v in values.unique()} - {""}
    answers = keys & _ANSWERS  # at least half the values, and no municipality among them
    if answers and 2 * len(answers) >= len(keys) and not any(official_name(k) for k in keys):
        return "yes_no"
    numbers = keys and all(_NUMBER.fullmatch(k) for k in keys)
    if numbers and not all(name_for_code(k) for k in keys):
        return "numbers"
    return None


def _key(value: str) -> str:
    return " ".join(str(value).split()).casefold()


def _distinct(values: pd.Series) -> list[tuple[str, int]]:
    """Non-blank values, spellings differing in case or spaces merged, most common first."""
    spellings: dict[str, Counter] = {}
    for value in values:
        text = " ".join(str(value).split())
        if text:
            spellings.setdefault(text.casefold(), Counter())[text] += 1
    merged = [(c.most_common(1)[0][0], sum(c.values())) for c in spellings.values()]
    return sorted(merged, key=lambda pair: (-pair[1], pair[0]))


def _gender_typo(value: str) -> str | None:
    """The built-in code a gender value is a misspelling of ('Kvinan': 'kvinna'), or None.

    Stricter than a 'did you mean': 'Hen' is not taken for 'men', 'Annat' not for 'man'.
    """
    key = _key(value)
    codes = [code for code in BUILTIN_CODES if len(code) > 2]
    match = difflib.get_close_matches(key, codes, n=1, cutoff=0.75) if len(key) > 2 else []
    return match[0] if match else None


def _municipalities(found: Survey, values: pd.Series) -> None:
    """Declared names in order of size; a rare spelling close to a common one is a typo.

    A four-digit code (2380) counts as its municipality's name, as check reads it."""
    names = _distinct(values.map(lambda v: name_for_code(str(v)) or v))
    kept: list[tuple[str, int]] = []
    for name, count in names:
        bigger = {k: n for k, n in kept if n > count}
        likely = did_you_mean(name, bigger)
        # Only when the spelling is also rare beside it: two real municipalities may be
        # spelt alike (Ed, Eda), but not one with 1 row beside one with 35.
        if likely and (_fold(likely) == _fold(name) or count * 5 <= bigger[likely]):
            found.misspelt.append((name, count, likely))
        else:
            kept.append((name, count))
    found.municipalities = sorted(kept, key=lambda pair: pair[0])


def _fold(text: str) -> str:
    """Without accents: 'Östersund' and 'Ostersund' fold alike."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _date_range(raw: RawTable, header: str | None) -> tuple[dt.date, dt.date] | None:
    if header is None:
        return None
    try:
        dates = parse_dates(raw.frame[header], header, raw.row_numbers, raw.path.name)
    except DataError:
        return None  # check will name the bad cell; init only wants a hint
    dates = dates.dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def _is_yes_no(values: pd.Series) -> bool:
    keys = {_key(v) for v in values if str(v).strip()}
    return bool(keys) and keys <= _YES_NO and bool(keys & {"ja", "yes", "x"})


def group_exits(exits: list[tuple[str, int]]) -> tuple[dict[str, list[str]], list[str]]:
    """Guessed outcome groups, and the values no group's words matched."""
    groups: dict[str, list[str]] = {}
    unsorted: list[str] = []
    for value, _count in exits:
        key = f"{_key(value)} "
        name = next((g for g, words in GROUP_WORDS if any(w in key for w in words)), None)
        if name is None:
            unsorted.append(value)
        else:
            groups.setdefault(name, []).append(value)
    return groups, unsorted


# --- writing ------------------------------------------------------------------------------
# Every header, value and name from the data file is written through esfkit.escape: as a
# YAML value by `yaml_scalar` (one line, loads back as the same text, masked), in a comment
# by `terminal` (one line, masked, control characters shown escaped). Nothing else from the
# file reaches the goal file.


def flow_list(values: list[str]) -> str:
    """Values as a YAML flow list; values that read alike once masked are written once."""
    return "[" + ", ".join(dict.fromkeys(yaml_scalar(v) for v in values)) + "]"


def starter_goal_file(found: Survey, data_arg: str, output_name: str, lang: str = "sv") -> str:
    """The commented starter goal file for what ``survey`` found, its comments in ``lang``."""
    t = _Said(lang)
    parts = [
        _head(found, data_arg, output_name, t),
        _project(found, t),
        _data(found, t),
        _outcomes(found, t),
        _goals(found, t),
    ]
    return "\n".join(part for part in parts if part)


class _Said:
    """The comments' sentences in one language: ``t("init.c.name", ...)``; ``t.rows(n)``."""

    def __init__(self, lang: str) -> None:
        self.labels = MESSAGES[lang]

    def __call__(self, key: str, **params: object) -> str:
        return self.labels[key].format(**params)

    def rows(self, count: int) -> str:
        return plural(self.labels, "init.c.rows", count)


def _sources(found: Survey) -> str:
    """The file read, or the files: 'kiruna.xlsx, pajala.xlsx'."""
    if found.files:
        return terminal(", ".join(Path(name).name for name in found.files))
    return terminal(found.path.name)


def _head(found: Survey, data_arg: str, output_name: str, t: _Said) -> str:
    sheet = t("init.c.sheet", sheet=terminal(found.sheet)) if found.sheet else ""
    command = f"esfkit check {terminal(output_name)} {terminal(data_arg)}".rstrip()
    return (
        t("init.c.head", file=_sources(found), sheet=sheet, rows=found.rows)
        + f"#\n#   {command}\n#\n"
        + t("init.c.keys")
        + "\nversion: 1\n"
    )


def _project(found: Survey, t: _Said) -> str:
    lines = ["project:", f"  name: {yaml_scalar(found.path.stem)}           {t('init.c.name')}"]
    start = found.start_range[0].isoformat() if found.start_range else "2021-01-01"
    end = found.end_range[1].isoformat() if found.end_range else "2023-12-31"
    lines += [t(f"init.c.period.{n}") for n in (1, 2, 3)]
    lines += [f"  # start: {start}", f"  # end: {end}"]
    if found.municipalities:
        counts = ", ".join(f"{terminal(name)} {n}" for name, n in found.municipalities)
        lines += [
            t("init.c.municipalities", counts=counts),
            f"  municipalities: {flow_list([n for n, _ in found.municipalities])}",
        ]
    for name, count, likely in found.misspelt:
        lines.append(
            t("init.c.misspelt", name=terminal(name), rows=t.rows(count), likely=terminal(likely))
        )
    return "\n".join(lines) + "\n"


def _data(found: Survey, t: _Said) -> str:
    lines = ["data:"]
    if found.files:
        lines.append(f"  files: {flow_list(list(found.files))}   {t('init.c.register')}")
    if found.sheet and len(found.sheets) > 1:
        lines.append(f"  sheet: {yaml_scalar(found.sheet)}   {t('init.c.other_sheets')}")
    lines += _column_lines(found, t)
    lines += _gender_lines(found, t)
    lines += _sum_lines(found, t)
    others = found.other_columns
    if others:
        lines.append(t("init.c.others"))
        lines += [f"  #   {terminal(h)}" for h in others]
    return "\n".join(lines) + "\n"


def _column_lines(found: Survey, t: _Said) -> list[str]:
    """data.columns: each field found and its header, the fields not found, and the fields
    left to be recognised in each of several files."""
    explicit = [n for n in COLUMN_FIELDS if n in found.columns and n not in found.per_file]
    if explicit:
        lines = [f"  columns:                 {t('init.c.columns')}"]
    else:  # every field recognised in each file on its own: none to name
        lines = [f"  columns: {{}}              {t('init.c.columns')}"]
    for name in COLUMN_FIELDS:
        if name in found.per_file:
            each = ", ".join(f"{terminal(h)} ({terminal(f)})" for f, h in found.per_file[name])
            lines.append(t("init.c.each_file", name=name, each=each))
        elif name in found.columns:
            note = t(f"field.{name}")
            if name in found.guessed:
                note += t("init.c.guessed")
            if name in found.alternatives:
                note += t("init.c.also", columns=", ".join(found.alternatives[name]))
            lines.append(_column_line(name, found.columns[name], note, t))
    for name in found.missing:
        hint = t(f"init.c.missing.{name}")
        lines.append(t("init.c.not_found", name=name, field=t(f"field.{name}"), hint=hint))
    for header, holds in found.not_municipalities:
        lines.append(t("init.c.holds", header=terminal(header), holds=t(f"init.c.{holds}")))
    return lines


def _sum_lines(found: Survey, t: _Said) -> list[str]:
    """The sum rows found, left out, and the setting that leaves them out."""
    if not found.sum_rows:
        return []
    keys = [row for row, _ in found.sum_rows]
    names = tuple(Path(name).name for name in found.files)
    # rows of a register: each with its file
    words_of_rows = row_words(t.labels)
    rows = format_rows(keys, words=words_of_rows, files=names) if len(names) > 1 else row_list(keys)
    words = ", ".join(dict.fromkeys(f"'{terminal(w)}'" for _, w in found.sum_rows[:8]))
    count = t.rows(len(found.sum_rows))
    return [
        t("init.c.sums.1", count=count, rows=terminal(rows), words=words),
        t("init.c.sums.2"),
        "  skip_total_rows: true",
    ]


def _gender_lines(found: Survey, t: _Said) -> list[str]:
    """The gender codes esfkit does not know, to declare, and the likely misspellings."""
    lines = []
    if found.unknown_genders:
        lines.append(f"  genders:                 {t('init.c.genders')}")
        codes: dict[str, int] = {}  # codes that read alike once masked: one key
        for code, count in found.unknown_genders:
            key = _key_scalar(code)
            codes[key] = codes.get(key, 0) + count
        for key, count in codes.items():
            lines.append(f"    {key}: unknown   {t('init.c.gender_code', rows=t.rows(count))}")
    for code, count, likely in found.gender_typos:
        lines.append(
            t("init.c.gender_typo", code=terminal(code), rows=t.rows(count), likely=likely)
        )
    return lines


def _column_line(name: str, header: str, note: str, t: _Said) -> str:
    """``name: header   # note``; a header holding a personal number is written masked and
    commented out, since it cannot name the column any more."""
    line = f"{name}: {yaml_scalar(header)}   # {terminal(note)}"
    if mask_text(header) != header:
        return f"    # {line}{t('init.c.personal_header')}"
    return f"    {line}"


def _key_scalar(text: str) -> str:
    """A value as a YAML mapping key: a key over 1024 characters must be written ``? key``."""
    scalar = yaml_scalar(text)
    return scalar if len(scalar) < 1000 else f"? {scalar}\n    "


def _outcomes(found: Survey, t: _Said) -> str:
    if "exit" not in found.columns:
        return ""
    groups, unsorted = group_exits(found.exits)
    header = found.columns["exit"]
    counts = dict(found.exits)
    lines = [t("init.c.outcomes", header=terminal(header)), "outcomes:"]
    for name, values in groups.items():
        rows = sum(counts[v] for v in values)
        lines.append(f"  {name}: {flow_list(values)}   # {t.rows(rows)}")
    if "work" in groups and "studies" in groups:
        lines.append("  job_or_studies: [work, studies]")
    if not groups:
        lines.append(f"  first_group: {flow_list(unsorted[:1])}   {t('init.c.fill_groups')}")
        unsorted = unsorted[1:]
    if unsorted:
        lines.append(t("init.c.unsorted"))
        lines += [f"  #   {yaml_scalar(v)}   ({t.rows(counts[v])})" for v in unsorted]
    if found.blank_exits:
        lines.append(t("init.c.blank_exits", rows=t.rows(found.blank_exits)))
    return "\n".join(lines) + "\n"


def _goals(found: Survey, t: _Said) -> str:  # one example per goal kind
    groups, _ = group_exits(found.exits)
    outcome = next((g for g in ("work", "studies", *groups) if g in groups), None)
    survey_column = found.yes_no_columns[0] if found.yes_no_columns else "Enkät: nöjd"
    lines = [
        t("init.c.goals.1"),
        t("init.c.goals.2"),
        "goals:",
        "  - id: recruited",
        "    title: Rekryterade deltagare",
        f"    count: everyone                       {t('init.c.count')}",
        f"    # target: {{women: 50, men: 50}}        {t('init.c.promised')}",
        "",
    ]
    if "gender" in found.columns:
        lines += [
            "  - id: gender_mix",
            "    title: Könsfördelning",
            f"    composition: gender                   {t('init.c.composition')}",
            "    # target: {women: 50 %, men: 50 %}",
            "    # tolerance: 5 %",
            "",
        ]
    if "exit" in found.columns:
        lines += [
            "  - id: exits",
            "    title: Avslut per orsak",
            f"    distribution: exit                    {t('init.c.distribution')}",
            "",
        ]
    group = outcome or "work"
    lines += [
        f"  # - id: {group}",
        f"  #   title: 30 % går till {_swedish(group)}",
        f"  #   share: {{exit: {group}}}                 {t('init.c.share')}",
        f"  #   of: exited                            {t('init.c.of')}",
        "  #   target: 30 %",
        "",
        f"  # - id: {group}_count",
        f"  #   title: Antal som går till {_swedish(group)}",
        f"  #   count: {{exit: {group}}}",
        "  #   target: {women: 20, men: 20}",
        "",
        "  # - id: survey",
        "  #   title: 90 % är nöjda (av dem som svarat)",
        f"  #   share: {{{yaml_scalar(survey_column)}: Ja}}",
        f"  #   of: {{{yaml_scalar(survey_column)}: [Ja, Nej]}}     {t('init.c.respondents')}",
        "  #   target: 90 %",
        "",
        f"  # - id: women_{group}",
        f"  #   title: Kvinnor går till {_swedish(group)} i minst samma andel som de deltar",
        f"  #   parity: {{exit: {group}}}                {t('init.c.parity')}",
        "",
        "  # - id: plan",
        "  #   title: En implementeringsplan är utarbetad",
        f"  #   manual: in_progress                   {t('init.c.manual')}",
        "  #   note: Beslutas av styrgruppen",
        "",
        t("init.c.indicators.1"),
        t("init.c.indicators.2"),
    ]
    return "\n".join(lines) + "\n"


def _swedish(group: str) -> str:
    return {
        "work": "arbete",
        "studies": "studier",
        "own_business": "eget företag",
        "af_measure": "åtgärd hos Arbetsförmedlingen",
        "back_to_referrer": "remittenten",
        "sick_leave": "sjukskrivning",
        "dropped_out": "avbrott",
    }.get(group, group)
