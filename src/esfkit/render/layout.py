"""Widths and line breaks of the terminal report's tables: the one place that decides them.

A cell breaks only between words, and never inside a figure with its unit or sign
('32,6 %-enheter', '≥ 50 %', 'n = 173', '110 / 112' stay whole), so no word or number is
ever split. A table gets its columns' natural widths when they fit; otherwise the wrapping
columns give way first, then the figures break between their parts ('230' and
'(109,5 %)'). The summary's goal titles go on lines of their own, above their figures, when
they would not fit in a column of reasonable height; a goal table too wide for the line is
shown in slices of columns, each with its row labels. Widths are counted in terminal cells
(a wide character counts two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

# A token that starts so is part of the one before it: '32,6 %-enheter', '47,8 %'.
_JOINS_PREVIOUS = ("%",)
# A token that is one of these is part of the one after it: '≥ 50 %', 'n = 173', '✘ Ej',
# '▲ 3', '/ 112'.
_JOINS_NEXT = frozenset("≥≤=±▲▼/✔✘↗↘·∅…◦n")
# Most lines a summary title may take in its column before the titles go on lines of their own.
TITLE_LINES = 2


def atoms(text: str) -> list[str]:
    """``text`` as the pieces a line may break between (words, figures with their units)."""
    pieces: list[str] = []
    glue = False
    for token in text.split():
        if pieces and (glue or token.startswith(_JOINS_PREVIOUS)):
            pieces[-1] += " " + token
        else:
            pieces.append(token)
        glue = token in _JOINS_NEXT
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between atoms only; an atom
    wider than the whole line (a hostile 200-letter word) is cut, the one case a word
    breaks. Text that fits is kept as it is, spacing and all."""
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    for atom in atoms(text):
        if lines and cell_len(lines[-1]) + 1 + cell_len(atom) <= width:
            lines[-1] += " " + atom
            continue
        while cell_len(atom) > width > 0:
            cut = _cut(atom, width)
            lines.append(atom[:cut])
            atom = atom[cut:]
        lines.append(atom)
    return lines or [""]


def _cut(text: str, width: int) -> int:
    """How many characters of ``text`` fill ``width`` cells (at least one)."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return max(index, 1)
    return len(text)


def widest_atom(texts: Sequence[str]) -> int:
    return max((cell_len(a) for text in texts for a in atoms(text)), default=0)


@dataclass(frozen=True)
class Shape:
    """A table's cells as laid out: the columns shown (by index), in slices that each fit
    the line, and each column's width; ``stacked``: the first column's texts go on lines of
    their own above the rows; ``below``: that column's texts on lines of their own under
    them."""

    slices: list[list[int]]
    widths: dict[int, int]
    stacked: bool = False
    below: int | None = None  # a column shown on a line of its own under each row


@dataclass(frozen=True)
class Frame:
    """What a table drawing adds to its cells: ``per_column`` cells for each column, and
    ``fixed`` for the whole line."""

    per_column: int
    fixed: int

    def width(self, widths: Sequence[int]) -> int:
        return sum(widths) + self.per_column * len(widths) + self.fixed


def _bounds(
    rows: Sequence[Sequence[str]], index: int, whole: bool, longest: int | None
) -> tuple[int, int]:
    """A column's width on one line, and at its narrowest (its widest atom; a ``whole``
    column never breaks; no more than ``longest``, when given, words cut if need be)."""
    texts = [row[index] for row in rows if index < len(row)]
    natural = max((cell_len(t) for t in texts), default=0)
    least = natural if whole else widest_atom(texts)
    return natural, least if longest is None else min(least, longest)


def fit(
    rows: Sequence[Sequence[str]],
    columns: Sequence[int],
    room: int,
    frame: Frame,
    whole: Sequence[int] = (),
    first_give: Sequence[int] = (),
    longest: int | None = None,
) -> dict[int, int] | None:
    """Widths for ``columns`` of ``rows`` (the header row first) within ``room`` cells:
    their natural widths if they fit, else the widest column that can give way narrowed
    one cell at a time, the ``first_give`` columns before the others. None: even at their
    narrowest they do not fit."""
    bounds = {i: _bounds(rows, i, i in whole, longest) for i in columns}
    widths = {i: natural for i, (natural, _least) in bounds.items()}
    spare = room - frame.width(list(widths.values()))
    if spare >= 0:
        return widths
    for group in ([i for i in columns if i in first_give], list(columns)):
        while spare < 0:
            giving = [i for i in group if widths[i] > bounds[i][1]]
            if not giving:
                break
            widest = max(giving, key=lambda i: widths[i])
            widths[widest] -= 1
            spare += 1
        if spare >= 0:
            return widths
    return None


def summary_shape(
    rows: Sequence[Sequence[str]],
    room: int,
    frame: Frame,
    whole: Sequence[int],
    give: Sequence[int],
    longest: int | None = None,
) -> Shape | None:
    """The summary (its first column the goal titles, its last the gap): in one table when
    every title fits in ``TITLE_LINES`` lines of its column; else each title on its own line
    above its figures; and where even the figures and the gap do not fit, the gap on a line
    of its own below them."""
    every = list(range(len(rows[0])))
    widths = fit(rows, every, room, frame, whole, give, longest)
    if widths is not None and all(len(wrap(row[0], widths[0])) <= TITLE_LINES for row in rows[1:]):
        return Shape([every], widths)
    widths = fit(rows, every[1:], room, frame, whole, give, longest)
    if widths is not None:
        return Shape([every[1:]], widths, stacked=True)
    widths = fit(rows, every[1:-1], room, frame, whole, give, longest)
    if widths is not None:
        return Shape([every[1:-1]], widths, stacked=True, below=every[-1])
    return None


def sliced_shape(
    rows: Sequence[Sequence[str]], room: int, frame: Frame, longest: int | None = None
) -> Shape | None:
    """A goal's table (its first column the row labels): whole when its figures fit
    unbroken, else in slices of its figure columns, each after the row labels and as many
    as fit unbroken; a column that fits with the labels only when broken gets a slice of its
    own. None: the labels and one column do not fit even so."""
    every = list(range(len(rows[0])))
    slices: list[list[int]] = []
    widths: dict[int, int] = {}
    for index in every[1:]:
        grown = [*slices[-1], index] if slices else []
        found = _unbroken(rows, grown, room, frame, longest) if grown else None
        if found is not None:
            slices[-1] = grown
        else:
            found = _unbroken(rows, [0, index], room, frame, longest) or fit(
                rows, [0, index], room, frame, first_give=(0,), longest=longest
            )
            if found is None:
                return None
            slices.append([0, index])
        widths.update({i: w for i, w in found.items() if i})
        widths[0] = min(widths.get(0, found[0]), found[0])
    return Shape(slices, widths)


def _unbroken(
    rows: Sequence[Sequence[str]], columns: list[int], room: int, frame: Frame, longest: int | None
) -> dict[int, int] | None:
    """Widths for ``columns`` with every figure on one line (the row labels may wrap)."""
    return fit(rows, columns, room, frame, whole=columns[1:], first_give=(0,), longest=longest)
