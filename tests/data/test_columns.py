"""Header recognition: the headers hand-kept Swedish participant lists really have."""

from __future__ import annotations

import pytest

from esfkit.data.columns import map_columns
from esfkit.errors import DataError


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Pers.nr", "id"),
        ("Personnummer", "id"),
        ("Löpnr", "id"),
        ("Löpnummer", "id"),
        ("Kön (K/M)", "gender"),
        ("Kön", "gender"),
        ("Bostadsort/kommun", "municipality"),
        ("Hemkommun", "municipality"),
        ("Kommun", "municipality"),
        ("Startdatum", "start"),
        ("Inskrivningsdatum", "start"),
        ("Avslutsdatum", "end"),
        ("Utskriven", "end"),
        ("Resultat vid avslut", "exit"),
        ("Avslutsorsak", "exit"),
        ("Orsak till avslut", "exit"),
        ("Född", "birth_date"),
    ],
)
def test_a_common_swedish_header_is_recognised(header: str, field: str) -> None:
    assert map_columns((header, "Kommentar"), {}, "deltagare.xlsx") == {field: header}


def test_a_whole_hand_kept_header_row_maps_every_field() -> None:
    headers = (
        "Löpnr",
        "Pers.nr",
        "Kön (K/M)",
        "Bostadsort/kommun",
        "Startdatum",
        "Avslutsdatum",
        "Resultat vid avslut",
        "Ålder",
    )
    assert map_columns(headers, {}, "deltagare.xlsx") == {
        "id": "Pers.nr",  # the personnummer, not the running number, is who a person is
        "gender": "Kön (K/M)",
        "municipality": "Bostadsort/kommun",
        "start": "Startdatum",
        "end": "Avslutsdatum",
        "exit": "Resultat vid avslut",
    }


def test_a_running_number_is_the_id_only_without_a_better_one() -> None:
    assert map_columns(("Löpnr", "Kön"), {}, "f.csv")["id"] == "Löpnr"
    assert map_columns(("Löpnr", "Deltagar-ID", "Kön"), {}, "f.csv")["id"] == "Deltagar-ID"


def test_two_equally_good_id_headers_are_still_a_question_for_the_user() -> None:
    with pytest.raises(DataError) as caught:
        map_columns(("Personnummer", "Deltagar-ID"), {}, "f.csv")
    assert "could be the participant id" in caught.value.message
    assert "data: {columns: {id: Personnummer}}" in caught.value.hint
