"""Filters and dimensions evaluated on a population.

``Evaluator.mask(filter)`` gives one boolean per counted row; ``Evaluator.dimension(name)``
gives integer codes and their labels for breakdowns. Both are cached, so a filter or a
dimension shared by several goals is computed once. A field is one of esfkit's own
(``exit``, ``gender`` ...), a derived one (``age``, ``exited`` ...), or a header of the
user's file, matched without regard to case or surrounding spaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from esfkit.data.genders import gender_codes
from esfkit.data.participants import Participants
from esfkit.data.personnummer import birth_dates, person_key
from esfkit.data.settings import COLUMN_FIELDS
from esfkit.data.table import Distinct
from esfkit.data.values import normalize, parse_dates, parse_numbers
from esfkit.engine.population import Population, shows_outcome
from esfkit.engine.tabulate import cell_codes
from esfkit.errors import DataError, GoalFileError, GoalFileLocation, did_you_mean, say
from esfkit.goalfile.filters import comparisons
from esfkit.goalfile.model import (
    DERIVED_FIELDS,
    AllOf,
    AnyOf,
    Between,
    Compare,
    Enrolled,
    Equals,
    Everyone,
    Exited,
    Filter,
    GoalFile,
    Missing,
    Not,
    OtherField,
    SameAs,
    Scalar,
)
from esfkit.kinds.context import Dimension
from esfkit.privacy import mask_text
from esfkit.text import key as text_key

GENDER_ORDER = ("women", "men", "nonbinary", "unknown")
_CANONICAL = {
    "id": "_id",
    "gender": "_gender",
    "municipality": "_municipality",
    "start": "_start",
    "end": "_end",
    "birth_date": "_birth",
    "exit": "_outcome",
}
_DATE_FIELDS = ("start", "end", "birth_date")
_NUMBER_FIELDS = ("age", "days_enrolled", "start_year")


@dataclass(frozen=True)
class Keys:
    """A field's values normalised for comparison, as codes into the distinct keys ('' for
    blank; code -1, a missing cell, takes the last key, ''): a test is made on the few
    keys and spread over the rows, instead of hashing every row again."""

    codes: np.ndarray
    keys: np.ndarray

    @classmethod
    def of(
        cls,
        values: pd.Series,
        keys: Callable[[np.ndarray], list[str]],
        coded: Distinct | None = None,
    ) -> Keys:
        """``keys`` turns the distinct non-missing values into their keys; ``coded``: the
        values' codes, if known."""
        if coded is not None:
            codes, uniques = coded.codes, coded.values
        else:
            codes, uniques = pd.factorize(values.to_numpy(dtype=object))
        return cls(codes, np.array([*keys(uniques), ""], dtype=object))

    def isin(self, words: list[str]) -> np.ndarray:
        wanted = set(words)
        found = np.array([key in wanted for key in self.keys], dtype=bool)
        rows: np.ndarray = found[self.codes]
        return rows


class Evaluator:
    def __init__(self, population: Population, participants: Participants, goal_file: GoalFile):
        self.pop = population
        self.frame = population.frame
        self.participants = participants
        self.goal_file = goal_file
        self._masks: dict[Filter, np.ndarray] = {}
        self._series: dict[tuple[str, str], pd.Series] = {}
        self._texts: dict[str, Keys] = {}
        self._dimensions: dict[str, Dimension] = {}
        self._cells: dict[tuple[str, ...], np.ndarray] = {}
        self._columns: dict[str, pd.Series] = {}
        self._coded: dict[str, Distinct | None] = {}
        self.all = np.ones(len(self.frame), dtype=bool)

    # --- fields --------------------------------------------------------------------------

    def resolve(self, name: str, loc: GoalFileLocation | None) -> str:
        """The field a name in the goal file stands for: an esfkit field or a raw header."""
        if name in COLUMN_FIELDS:
            has_it = name in self.participants.columns or (
                name == "birth_date" and "id" in self.participants.columns
            )
            if not has_it:
                raise GoalFileError(
                    say("eval.no_field_column", name=name, file=self.participants.file),
                    where=loc,
                    hint=say("hint.name_field_column", name=name),
                )
            return name
        if name in DERIVED_FIELDS:
            return name
        header = self.participants.header_for(name)
        if header is None:
            choices = [*self.participants.headers, *COLUMN_FIELDS, *DERIVED_FIELDS]
            suggestion = did_you_mean(name, choices)
            sheet = self.participants.sheet
            file = self.participants.file
            hint = (
                "hint.columns_there"
                + ("_sheet" if sheet else "")
                + ("_suggest" if suggestion else "")
            )
            raise GoalFileError(
                say(
                    "eval.not_a_column_sheet" if sheet else "eval.not_a_column",
                    name=name,
                    file=file,
                    sheet=sheet,
                ),
                where=loc,
                hint=say(hint, suggestion=suggestion, columns=", ".join(self.participants.headers)),
            )
        mapped = next((f for f, h in self.participants.columns.items() if h == header), None)
        return mapped or f"column:{header}"

    def text(self, field: str) -> Keys:
        """Values normalised for comparison ('' for blank)."""
        if field not in self._texts:
            self._texts[field] = self._text(field)
        return self._texts[field]

    def _text(self, field: str) -> Keys:
        if field.startswith("column:"):
            header = field.removeprefix("column:")
            return Keys.of(self.column(header), _normalized, self.coded(header))
        if field == "municipality":
            return Keys.of(self.frame["_municipality"], _normalized, self.coded("_municipality"))
        if field == "exit":
            return Keys.of(self.frame["_outcome"], _normalized, self.outcomes)
        if field == "id":
            return Keys.of(self.frame["_id"], _normalized)
        if field == "gender":
            return Keys.of(self.frame["_gender"], lambda genders: [str(g) for g in genders])
        raise AssertionError(field)

    def column(self, header: str) -> pd.Series:
        """The user's column ``header`` at the counted rows, taken when first read."""
        if header not in self._columns:
            positions = self.pop.positions
            assert positions is not None  # build_population gives them
            cells = self.participants.frame[header].take(positions)
            self._columns[header] = cells.reset_index(drop=True)
        return self._columns[header]

    def coded(self, header: str) -> Distinct | None:
        """The user's column ``header`` as codes into its distinct cells, for the counted
        rows; None when the participants do not carry them."""
        if header not in self._coded:
            self._coded[header] = self._recoded(header)
        return self._coded[header]

    def _recoded(self, header: str) -> Distinct | None:
        coded = self.participants.distinct.get(header)
        positions = self.pop.positions
        if coded is None or positions is None or len(positions) != len(self.frame):
            return None
        if len(coded.codes) != self.participants.rows:
            return None
        if self._every_row:
            return coded  # numbered in order of first appearance already
        # Renumbered in order of first appearance among the counted rows, as pd.factorize
        # numbers them: a label's spelling goes to the first on a tie (see _labelled).
        codes, order = pd.factorize(coded.codes[positions])  # integers: cheap to hash
        return Distinct(codes, coded.values[order])

    @cached_property
    def _every_row(self) -> bool:
        """Whether the counted rows are all the participants' rows, in their order."""
        positions = self.pop.positions
        rows = self.participants.rows
        return positions is not None and np.array_equal(positions, np.arange(rows))

    def dates(self, field: str, loc: GoalFileLocation | None) -> pd.Series:
        def compute() -> pd.Series:
            if field == "birth_date" and "birth_date" not in self.participants.columns:
                return self._birth_dates()
            if field in _DATE_FIELDS:
                return self.frame[_CANONICAL[field]]
            if field.startswith("column:"):
                return self._parsed(parse_dates, field.removeprefix("column:"))
            raise GoalFileError(say("eval.no_dates", field=field), where=loc)

        return self._cached(field, "dates", compute)

    def numbers(self, field: str, loc: GoalFileLocation | None) -> pd.Series:
        def compute() -> pd.Series:
            if field == "age":
                return self._age(loc)
            if field == "days_enrolled":
                end = self.frame["_end"].where(self.frame["_exited"], pd.Timestamp(self.pop.as_of))
                end = end.fillna(pd.Timestamp(self.pop.as_of))
                return (end - self.frame["_start"]).dt.days.astype("float64")
            if field == "start_year":
                years: pd.Series = self.frame["_start"].dt.year.astype("float64")
                return years
            if field.startswith("column:"):
                return self._parsed(parse_numbers, field.removeprefix("column:"))
            raise GoalFileError(say("eval.no_numbers", field=field), where=loc)

        return self._cached(field, "numbers", compute)

    def _parsed(self, parse: Callable[..., pd.Series], header: str) -> pd.Series:
        """The column ``header`` read by ``parse`` (dates, numbers); an error names each
        row with its file."""
        try:
            return parse(
                self.column(header),
                header,
                self.frame["_row"].to_numpy(),
                self.participants.file,
                self.coded(header),
            )
        except DataError as error:
            raise self.participants.relocated(error) from None

    def _birth_dates(self) -> pd.Series:
        return birth_dates(self.frame["_id"])  # person keys, their century known

    def _age(self, loc: GoalFileLocation | None) -> pd.Series:
        if "birth_date" not in self.participants.columns and "id" not in self.participants.columns:
            raise GoalFileError(say("eval.age_needs"), where=loc, hint=say("hint.age_needs"))
        birth = self.dates("birth_date", loc)
        return ages(birth, self.frame["_start"].fillna(pd.Timestamp(self.pop.as_of)))

    def _cached(self, field: str, what: str, compute: Callable[[], pd.Series]) -> pd.Series:
        key = (field, what)
        if key not in self._series:
            self._series[key] = compute()
        return self._series[key]

    # --- filters -------------------------------------------------------------------------

    def mask(self, f: Filter | None) -> np.ndarray:
        if f is None:
            return self.all
        if f not in self._masks:
            self._masks[f] = self._mask(f)
        return self._masks[f]

    def _mask(self, f: Filter) -> np.ndarray:
        match f:
            case Everyone():
                return self.all
            case Exited():
                return self.frame["_exited"].to_numpy(dtype=bool)
            case Enrolled():
                return ~self.frame["_exited"].to_numpy(dtype=bool)
            case AllOf(parts=parts):
                return _all([self.mask(p) for p in parts])
            case AnyOf(parts=parts):
                return _any([self.mask(p) for p in parts])
            case Not(part=part):
                return ~self.mask(part)
            case Equals():
                return self._equals(f)
            case Between():
                return self._between(f)
            case Missing():
                return self._missing(f)
            case SameAs() | Compare():
                return self._compared(f)
        raise AssertionError(f)

    def _equals(self, f: Equals) -> np.ndarray:
        field = self.resolve(f.field, f.loc)
        if field == "exited":
            truths = {self._truth(v) for v in f.values}
            exited = self.frame["_exited"].to_numpy(dtype=bool)
            return np.isin(exited, list(truths))
        if field in _NUMBER_FIELDS:
            numbers = self.numbers(field, f.loc).to_numpy()
            return np.isin(numbers, [self._number(v, field) for v in f.values])
        if field in _DATE_FIELDS:
            dates = self.dates(field, f.loc)
            return dates.isin([pd.Timestamp(self._date(v, field)) for v in f.values]).to_numpy()
        if field == "age_band":
            codes = self.dimension("age_band", f.loc)
            labels = [v.text for v in f.values]
            for v in f.values:
                if v.text not in codes.labels:
                    raise GoalFileError(
                        say("eval.not_an_age_band", value=v.text),
                        where=v.loc,
                        hint=say(
                            "hint.age_bands", bands=", ".join(str(x) for x in codes.labels if x)
                        ),
                    )
            wanted = [codes.labels.index(label) for label in labels]
            return np.isin(codes.codes, wanted)
        return self.text(field).isin(self._wanted(field, f))

    def _wanted(self, field: str, f: Equals) -> list[str]:
        words: list[str] = []
        for v in f.values:
            if field == "exit" and v.text in self.goal_file.outcomes:
                words.extend(self.goal_file.outcomes[v.text])
            elif field == "gender":
                words.append(self._gender(v))
            elif field == "id":  # a personnummer by its person key, as the column is
                words.append(person_key(v.text.strip(), self.pop.as_of) or v.text)
            else:
                words.append(v.text)
        if field == "gender":
            return words
        return list(normalize(pd.Series(words, dtype=object)))

    def _gender(self, v: Scalar) -> str:
        word = v.text.strip()
        if word in GENDER_ORDER:
            return word
        code = text_key(word)
        gender = gender_codes(self.goal_file.data.genders).get(code) if code else None
        if gender is None:
            raise GoalFileError(
                say("eval.not_a_gender", word=word), where=v.loc, hint=say("hint.genders")
            )
        return gender

    def _between(self, f: Between) -> np.ndarray:
        field = self.resolve(f.field, f.loc)
        bounds = [b for b in (f.min, f.max, f.after, f.before) if b is not None]
        if any(isinstance(b.value, dt.date) for b in bounds):
            if not all(isinstance(b.value, dt.date) for b in bounds):
                raise GoalFileError(say("eval.mixed_bounds", field=f.field), where=f.loc)
            values = self.dates(field, f.loc) if field not in _NUMBER_FIELDS else None
            if values is None:
                raise GoalFileError(say("eval.holds_numbers", field=f.field), where=f.loc)
            convert: Callable[[Any], Any] = pd.Timestamp
        else:
            if field in _DATE_FIELDS:
                raise GoalFileError(say("eval.holds_dates", field=f.field), where=f.loc)
            values = self.numbers(field, f.loc)
            convert = float
        result = values.notna()
        if f.min is not None:
            result &= values >= convert(f.min.value)
        if f.max is not None:
            result &= values <= convert(f.max.value)
        if f.after is not None:
            result &= values > convert(f.after.value)
        if f.before is not None:
            result &= values < convert(f.before.value)
        return result.to_numpy(dtype=bool)

    def _missing(self, f: Missing) -> np.ndarray:
        field = self.resolve(f.field, f.loc)
        if field == "gender":
            blank = (self.frame["_gender"] == "unknown").to_numpy()
        elif field == "exited":
            blank = np.zeros(len(self.frame), dtype=bool)
        elif field in _DATE_FIELDS:
            blank = self.dates(field, f.loc).isna().to_numpy()
        elif field in _NUMBER_FIELDS:
            blank = self.numbers(field, f.loc).isna().to_numpy()
        elif field == "age_band":
            dim = self.dimension("age_band", f.loc)
            blank = np.isin(dim.codes, [dim.labels.index(None)] if None in dim.labels else [])
        else:
            blank = self.text(field).isin([""])
        return blank if f.missing else ~blank

    @staticmethod
    def _truth(v: Scalar) -> bool:
        truth = v.truth()
        if truth is not None:
            return truth
        raise GoalFileError(say("eval.exited_truth", value=v.text), where=v.loc)

    @staticmethod
    def _number(v: Scalar, field: str) -> float:
        if isinstance(v.value, int | float) and not isinstance(v.value, bool):
            return float(v.value)
        raise GoalFileError(say("eval.numbers_not", field=field, value=v.text), where=v.loc)

    @cached_property
    def outcomes(self) -> Distinct | None:
        """The effective outcomes as codes: the recorded exits', None where no outcome
        counts (not exited, or blank)."""
        exits = self.coded("_exit")
        if exits is None:
            return None
        counted = (exits.values != "")[exits.codes] & shows_outcome(self.frame)
        values = np.array([v or None for v in exits.values] + [None], dtype=object)
        # Numbered again in order of first appearance among the outcomes that count.
        codes, order = pd.factorize(np.where(counted, exits.codes, len(exits.values)))
        return Distinct(codes, values[order])

    @staticmethod
    def _date(v: Scalar, field: str) -> dt.date:
        if isinstance(v.value, dt.date):
            return v.value
        raise GoalFileError(say("eval.dates_not", field=field, value=v.text), where=v.loc)

    # --- two fields of one row: {column: Kommun}, {after: {column: end, plus: 13 months}} ---

    def _compared(self, f: SameAs | Compare) -> np.ndarray:
        """Where the row's two values compare as asked; a blank on either side: False."""
        a, b = self._sides(f)
        known = _known(a, b)
        if isinstance(f, SameAs):
            same: np.ndarray = known & (np.asarray(a == b, dtype=bool) != f.differ)
            return same
        result = {"min": a >= b, "max": a <= b, "after": a > b, "before": a < b}[f.op]
        compared: np.ndarray = known & np.asarray(result, dtype=bool)
        return compared

    def uncompared(self, filters: Sequence[Filter | None]) -> np.ndarray:
        """Rows where a column comparison in ``filters`` has a blank on either side: it
        holds for them neither way (docs/goal-file.md, "Comparing columns")."""
        blank = np.zeros(len(self.frame), dtype=bool)
        for f in (c for part in filters for c in comparisons(part)):
            blank |= ~_known(*self._sides(f))
        return blank

    def _sides(self, f: SameAs | Compare) -> tuple[Any, Any]:
        """The two values of each row: text keys ('' blank), or dates or numbers (NaN
        blank), the other side shifted by its offset."""
        left = self.resolve(f.field, f.loc)
        right = self.resolve(f.other.field, f.other.loc)
        kind = self._comparable(f, left, right, "==" if isinstance(f, SameAs) else f.op)
        if kind == "text":
            return self._row_keys(left), self._row_keys(right)
        read = self.dates if kind == "dates" else self.numbers
        try:
            return read(left, f.loc), _shifted(read(right, f.other.loc), f.other)
        except DataError as e:  # a column of text compared with dates: say where both are
            raise GoalFileError(
                say(
                    "eval.compared_but",
                    field=f.field,
                    other=f.other.field,
                    kind=say(f"kind_word.{kind}"),
                    where=e.where,
                    message=e.said or e.message,
                ),
                where=f.loc,
                hint=e.hint_said or e.hint,
            ) from None

    def _row_keys(self, field: str) -> np.ndarray:
        keys = self.text(field)
        return np.asarray(keys.keys[keys.codes], dtype=object)

    def _comparable(self, f: SameAs | Compare, left: str, right: str, op: str) -> str:
        """What the two fields are compared as: 'dates', 'numbers' or 'text'; a located
        error when they cannot be (a date with a municipality, gender with anything)."""
        names = {left: f.field, right: f.other.field}
        kinds = {left: _field_kind(left), right: _field_kind(right)}
        for field, kind in kinds.items():
            if kind is None:
                raise GoalFileError(
                    say("eval.not_comparable", field=names[field]),
                    where=f.loc if field == left else f.other.loc,
                    hint=say("hint.compare_value", field=names[field]),
                )
        known = {k for k in kinds.values() if k is not None and k != "cells"}
        if len(known) > 1:
            raise GoalFileError(
                say(
                    "eval.kinds_differ",
                    field=f.field,
                    left=say(f"kind_word.{kinds[left]}"),
                    other=f.other.field,
                    right=say(f"kind_word.{kinds[right]}"),
                ),
                where=f.loc,
                hint=say("hint.kinds_differ"),
            )
        wanted = "dates" if f.other.offset is not None or op in ("after", "before") else None
        kind = known.pop() if known else wanted or ("numbers" if op in ("min", "max") else "text")
        if wanted and kind != wanted:
            key = "eval.shift_dates" if f.other.offset else "eval.compares_dates"
            said = say(
                key, op=op, field=f.field, other=f.other.field, kind=say(f"kind_word.{kind}")
            )
            raise GoalFileError(said, where=f.loc)
        if op in ("min", "max") and kind == "text":
            raise GoalFileError(
                say("eval.compares_numbers", op=op, field=f.field, other=f.other.field),
                where=f.loc,
                hint=say("hint.same_value", field=f.field, other=f.other.field),
            )
        return kind

    # --- dimensions ----------------------------------------------------------------------

    def dimension(self, name: str, loc: GoalFileLocation | None) -> Dimension:
        if name not in self._dimensions:
            self._dimensions[name] = self._dimension(name, loc)
        return self._dimensions[name]

    def cells(self, dimensions: list[Dimension]) -> np.ndarray:
        """Each row's cell of a breakdown by ``dimensions`` (tabulate.cell_codes),
        computed once for all the goals broken down alike."""
        names = tuple(d.name for d in dimensions)
        if names not in self._cells:
            self._cells[names] = cell_codes(dimensions, len(self.frame))
        return self._cells[names]

    def _dimension(self, name: str, loc: GoalFileLocation | None) -> Dimension:
        if name == "gender":
            codes = pd.Categorical(self.frame["_gender"], categories=GENDER_ORDER).codes
            return Dimension(
                name, np.asarray(codes, dtype=np.int64), GENDER_ORDER, ("women", "men")
            )
        if name == "municipality":
            declared = self.goal_file.project.municipalities or ()
            return _labelled(
                name, self.frame["_municipality"], declared, self.coded("_municipality")
            )
        if name == "age_band":
            if not self.goal_file.age_bands:
                raise GoalFileError(
                    say("eval.age_band_needs"), where=loc, hint=say("hint.age_band_needs")
                )
            ages = self.numbers("age", loc).to_numpy()
            codes = np.full(len(ages), len(self.goal_file.age_bands), dtype=np.int64)
            for index, band in reversed(list(enumerate(self.goal_file.age_bands))):
                low = -np.inf if band.low is None else band.low
                high = np.inf if band.high is None else band.high
                codes[(ages >= low) & (ages <= high)] = index
            labels = (*(b.label for b in self.goal_file.age_bands), None)
            return Dimension(name, codes, labels, tuple(b.label for b in self.goal_file.age_bands))
        if name == "start_year":
            years = self.frame["_start"].dt.year
            return _labelled(
                name, years.astype("Int64").astype(object).where(years.notna(), None), ()
            )
        field = self.resolve(name, loc)
        if field in ("gender", "municipality"):
            return self.dimension(field, loc)
        if field == "exit":
            # Outcomes in the order the goal file's groups name them, then the others.
            declared = tuple(
                dict.fromkeys(v for values in self.goal_file.outcomes.values() for v in values)
            )
            outcomes = self.outcomes
            if outcomes is not None:
                return _labelled(name, None, declared, outcomes)
            outcome = self.frame["_outcome"]
            return _labelled(name, outcome.where(outcome != "", None), declared)
        if field == "exited":
            return _labelled(name, self.frame["_exited"], ())
        if field.startswith("column:"):
            header = field.removeprefix("column:")
            coded = self.coded(header) or Distinct.of(self.column(header))
            return _labelled(name, None, (), _collapsed(coded))
        raise GoalFileError(say("eval.no_breakdown", name=name), where=loc)


@dataclass(frozen=True)
class _Calendar:
    """Per row, a date's year and its month and day as one number (March 5: 305)."""

    year: np.ndarray
    month_day: np.ndarray
    known: np.ndarray  # False where the date is missing (year and month_day meaningless)


def ages(birth: pd.Series, at: pd.Series) -> pd.Series:
    """Whole years from ``birth`` to ``at`` (one fewer while that year's birthday is still
    to come; born on 29 February: 1 March in other years); NaN where either is missing."""
    born, then = _calendar(birth), _calendar(at)
    age = then.year - born.year - (then.month_day < born.month_day)
    return pd.Series(np.where(born.known & then.known, age, np.nan), index=birth.index)


def _calendar(dates: pd.Series) -> _Calendar:
    """The calendar parts of ``dates``, computed for each distinct date (a few thousand
    in 10^6 rows) and spread over the rows."""
    codes, days = pd.factorize(dates.to_numpy())  # a missing date: -1
    index = pd.DatetimeIndex(days)
    year = index.year.to_numpy(dtype=np.int64)
    month_day = (index.month * 100 + index.day).to_numpy(dtype=np.int64)
    return _Calendar(np.append(year, 0)[codes], np.append(month_day, 0)[codes], codes >= 0)


def _field_kind(field: str) -> str | None:
    """What a field holds for a comparison with another: 'cells' (a column of the file,
    read as the other side asks), or None for the fields that compare only with values."""
    if field.startswith("column:"):
        return "cells"
    if field in _DATE_FIELDS:
        return "dates"
    if field in _NUMBER_FIELDS:
        return "numbers"
    if field in ("municipality", "exit", "id"):
        return "text"
    return None  # gender, exited, age_band


def _known(a: Any, b: Any) -> np.ndarray:
    """Rows with both sides filled in."""
    if isinstance(a, np.ndarray):
        filled: np.ndarray = (a != "") & (b != "")
        return filled
    both: np.ndarray = (a.notna() & b.notna()).to_numpy(dtype=bool)
    return both


def _all(masks: list[np.ndarray]) -> np.ndarray:
    """Rows in every one of ``masks``."""
    rows: np.ndarray = np.logical_and.reduce(masks)
    return rows


def _any(masks: list[np.ndarray]) -> np.ndarray:
    """Rows in any of ``masks``."""
    rows: np.ndarray = np.logical_or.reduce(masks)
    return rows


def _shifted(values: pd.Series, other: OtherField) -> pd.Series:
    """``values`` plus the offset: a month keeps the day, clamped to the month's end."""
    if other.offset is None:
        return values
    amount, unit = other.offset.amount, other.offset.unit
    if unit in ("days", "weeks"):
        return values + pd.Timedelta(days=amount * (7 if unit == "weeks" else 1))
    return values + pd.DateOffset(months=amount * (12 if unit == "years" else 1))


def _normalized(values: np.ndarray) -> list[str]:
    return normalize(pd.Series(values, dtype=object)).tolist()


def _collapsed(coded: Distinct) -> Distinct:
    """The cells ``coded`` with whitespace collapsed, blank as None: each distinct cell
    converted once.

    A personnummer is masked (19850101-****): a breakdown label must never show one."""
    texts = [mask_text(" ".join(v.split())) for v in coded.values]
    return Distinct(coded.codes, np.array([t or None for t in texts], dtype=object))


def _labelled(
    name: str, values: pd.Series | None, declared: tuple[str, ...], coded: Distinct | None = None
) -> Dimension:
    """Codes for a column of display values; spellings with one key (differing in case,
    spaces, Unicode form or invisible characters, or only in the digits masking hides) are
    one label.

    Works on the distinct values, in order of first appearance: a key's label is its most
    common spelling, the first to appear on a tie. ``coded``: the values' codes, if known
    (then ``values`` is not read, and may be None).
    """
    if coded is None:
        assert values is not None
        codes, uniques = pd.factorize(values.to_numpy(dtype=object))  # blank (None, NaN): -1
    else:  # the same, from the codes: equal values merged, None -1
        merged, uniques = pd.factorize(coded.values)
        codes = merged[coded.codes]
    declared_keys = [text_key(d) if isinstance(d, str) else d for d in declared]
    # A personnummer typed in the wrong column (Kommun) must not become a label either: an
    # undeclared value is shown masked, and values shown alike are one label (two labels
    # alike would be two rows no reader can tell apart).
    shown = [
        v if not isinstance(v, str) or text_key(v) in declared_keys else mask_text(v)
        for v in uniques
    ]
    unique_keys = [text_key(v) if isinstance(v, str) else v for v in shown]
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    spelling: dict[Any, Any] = {}
    for i in np.argsort(-counts, kind="stable").tolist():
        spelling.setdefault(unique_keys[i], shown[i])
    others = sorted(
        (k for k in spelling if k not in declared_keys), key=lambda k: (str(type(k)), k)
    )
    labels_keys = [*declared_keys, *others]
    labels = [*declared, *(spelling[k] for k in others), None]
    index = {key: i for i, key in enumerate(labels_keys)}
    blank = len(labels) - 1
    lookup = np.array([index.get(k, blank) for k in unique_keys] + [blank], dtype=np.int64)
    return Dimension(name, lookup[codes], tuple(labels), tuple(declared))
