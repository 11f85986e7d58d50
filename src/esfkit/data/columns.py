"""Which header in the user's file holds which esfkit field.

An explicit ``data.columns`` entry wins; otherwise common Swedish and English headers are
recognised. Headers are compared without case, spaces or punctuation, so "Deltagar-ID",
"deltagar id" and "DeltagarID" are one header.
"""

from __future__ import annotations

import re

from esfkit.data.settings import ColumnRef
from esfkit.errors import DataError, DataLocation, GoalFileError, did_you_mean, say

RECOGNISED: dict[str, tuple[str, ...]] = {
    "id": (
        "personnummer",
        "pnr",
        "personnr",
        "persnr",
        "deltagarid",
        "deltagarnummer",
        "id",
        "participantid",
        "personid",
        "samordningsnummer",
    ),
    "gender": ("kön", "kon", "gender", "sex", "juridisktkön", "könkm", "könmk", "könkmx"),
    "municipality": (
        "kommun",
        "hemkommun",
        "bostadskommun",
        "kommunnamn",
        "municipality",
        "bostadsortkommun",
        "folkbokföringskommun",
        "bostadsort",
    ),
    "start": (
        "inskrivningsdatum",
        "inskrivning",
        "inskriven",
        "startdatum",
        "start",
        "inskrivningsdag",
        "datumförinskrivning",
        "startdate",
        "enrolmentdate",
        "enrollmentdate",
    ),
    "end": (
        "avslutsdatum",
        "slutdatum",
        "utskrivningsdatum",
        "avslutad",
        "avslutdatum",
        "utskrivning",
        "utskriven",
        "datumförutskrivning",
        "datumföravslut",
        "enddate",
        "exitdate",
    ),
    "exit": (
        "avslutsorsak",
        "avslut",
        "orsaktillavslut",
        "avslutsanledning",
        "anledningtillavslut",
        "resultatvidavslut",
        "utfallvidavslut",
        "exit",
        "exitoutcome",
        "outcome",
    ),
    "birth_date": ("födelsedatum", "fodelsedatum", "född", "birthdate", "dateofbirth"),
}
# Headers taken only when none of the field's names above is there: a running number
# ("Löpnr") numbers the rows, so beside a personnummer it is not who the participant is.
FALLBACK: dict[str, tuple[str, ...]] = {
    "id": ("löpnummer", "löpnr", "lopnr", "lopnummer"),
}


def header_key(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


def map_columns(
    headers: tuple[str, ...], explicit: dict[str, ColumnRef], file: str
) -> dict[str, str]:
    """field -> header, for every field the file has."""
    by_key = {header_key(h): h for h in headers}
    mapping: dict[str, str] = {}
    for field, ref in explicit.items():
        header = by_key.get(header_key(ref.header))
        if header is None:
            suggestion = did_you_mean(ref.header, headers)
            there = ", ".join(headers)
            raise GoalFileError(
                say("data.no_column", field=field, header=ref.header, file=file),
                where=ref.loc,
                hint=say("hint.columns_suggest", suggestion=suggestion, columns=there)
                if suggestion
                else say("hint.columns", columns=there),
            )
        mapping[field] = header
    taken = set(mapping.values())
    for field in RECOGNISED:
        if field in mapping:
            continue
        candidates = candidates_for(field, by_key, taken)
        if len(candidates) > 1:
            raise DataError(
                say(
                    "columns.two_candidates",
                    first=candidates[0],
                    second=candidates[1],
                    field=say(f"field.{field}"),
                ),
                where=DataLocation(file),
                hint=say("hint.two_candidates", key=field, first=candidates[0]),
            )
        if candidates:
            mapping[field] = candidates[0]
            taken.add(candidates[0])
    return mapping


def candidates_for(field: str, by_key: dict[str, str], taken: set[str]) -> list[str]:
    """The headers (``by_key``: header_key -> header) that could hold ``field``, in order of
    preference; the fallback names only when none of the field's own names is there."""
    for names in (RECOGNISED[field], FALLBACK.get(field, ())):
        found = [by_key[n] for n in names if n in by_key and by_key[n] not in taken]
        if found:
            return found
    return []
