"""What the data layer is told about a participant file: plain settings, no goal model.

The goal file's ``data:`` section is read into a :class:`DataSettings` (esfkit.goalfile
uses this very class), and what the rest of the goal file says the cells should hold comes
as a :class:`Declared`. Whoever reads a file with a goal file (esfkit.api) hands both down;
the data layer itself never imports the goal model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from esfkit.errors import GoalFileLocation

# esfkit's own fields: a goal file names them instead of the user's headers.
COLUMN_FIELDS = ("id", "gender", "municipality", "start", "end", "exit", "birth_date")
UNITS = ("person", "enrolment")


@dataclass(frozen=True)
class ColumnRef:
    """A header named in the goal file's ``data.columns``, with where it was written."""

    header: str
    loc: GoalFileLocation


@dataclass(frozen=True)
class FilePattern:
    """A path or glob pattern of ``data.files``, relative to the goal file, where written."""

    pattern: str
    loc: GoalFileLocation


@dataclass(frozen=True)
class DataSettings:
    """The goal file's ``data:`` section: which sheet, which header is which field, the
    project's own gender codes, what counts as one participant, where the header is, whether
    sum rows are skipped, which files to read when the command line names none."""

    sheet: str | int | None = None
    columns: dict[str, ColumnRef] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    unit: str = "person"
    header_row: int | None = None  # Excel row / CSV line of the header; None: found
    skip_total_rows: bool = False  # sum rows skipped and listed, not an error each
    # data.files: the participant files, read as one register, when none is given
    files: tuple[FilePattern, ...] = ()


@dataclass(frozen=True)
class Declared:
    """The values the goal file names for the cells, for the checks to compare them with.

    ``municipalities`` is project.municipalities (None: any of Sweden's); ``outcomes`` every
    value of the outcome groups; ``values`` a (field or header, values) pair for each
    ``field: value`` condition of the goals, in the order they are written.
    """

    municipalities: tuple[str, ...] | None = None
    outcomes: tuple[str, ...] = ()
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
