"""Things worth saying about the data that do not stop a report.

A finding names its kind (a stable code the renderers translate), the rows it concerns as
the user numbers them, and the column. The report header shows them, so the minutes do too.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    kind: str
    rows: tuple[int, ...] = ()
    column: str | None = None
    count: int | None = None
    params: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return self.count if self.count is not None else len(self.rows)
