"""The zip package of the Office formats (xlsx, docx): the same report as the same bytes.

openpyxl and python-docx stamp each zip entry with the wall clock, and the document's core
properties with the time of saving; a golden test, or a diff of two monthly reports, needs
neither.
"""

from __future__ import annotations

import io
import re
import zipfile

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"
_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def fixed_package(data: bytes, stamp: str | None) -> bytes:
    """``data`` (a zip package) with every entry at one fixed time, in the order written,
    and the core properties' created and modified dates set to ``stamp`` (an ISO date and
    time), or left out when ``stamp`` is None."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            content = source.read(item.filename)
            if item.filename == CORE:
                content = _STAMPS.sub(lambda m: _stamped(m, stamp), content)
            target.writestr(info, content)
    return out.getvalue()


def _stamped(match: re.Match, stamp: str | None) -> bytes:
    if stamp is None:
        return b""
    element = match.group()
    start = element.index(b">") + 1
    end = element.rindex(b"<")
    return element[:start] + stamp.encode() + element[end:]
