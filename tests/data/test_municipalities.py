"""The official list of Sweden's 290 municipalities, and reading names and codes."""

from __future__ import annotations

from collections import Counter

from esfkit.data.municipalities import closest, name_for_code, official, official_name

# Municipalities per county (län), by the county's two-digit code: SCB's published counts.
PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5,
    "12": 33, "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7,
    "23": 8, "24": 15, "25": 14,
}  # fmt: skip


def test_the_list_has_290_municipalities_with_unique_four_digit_codes_and_names() -> None:
    table = official()
    assert len(table) == 290
    assert len(set(table.values())) == 290
    assert all(len(code) == 4 and code.isdigit() for code in table)
    assert Counter(code[:2] for code in table) == PER_COUNTY


def test_well_known_codes() -> None:
    table = official()
    known = {
        "0180": "Stockholm", "1480": "Göteborg", "1280": "Malmö", "0330": "Knivsta",
        "2023": "Malung-Sälen", "0980": "Gotland", "2380": "Östersund", "2581": "Piteå",
        "2505": "Arvidsjaur", "2580": "Luleå", "2480": "Umeå", "2584": "Kiruna",
        "0114": "Upplands Väsby", "0139": "Upplands-Bro", "1462": "Lilla Edet",
    }  # fmt: skip
    for code, name in known.items():
        assert table[code] == name


def test_a_name_or_a_code_reads_as_the_official_name() -> None:
    assert name_for_code("2380") == "Östersund"
    assert name_for_code("9999") is None
    assert official_name(" östersund ") == "Östersund"
    assert official_name("Östersunds kommun") == "Östersund"
    assert official_name("Vännäs kommun") == "Vännäs"
    assert official_name("Region Gotland") == "Gotland"
    assert official_name("Ostersund") is None  # close is not the same


def test_close_spellings_get_a_suggestion_and_nothing_else_does() -> None:
    names = list(official().values())
    assert closest("Ostersund", names) == "Östersund"
    assert closest("Pitea", names) == "Piteå"
    assert closest("Lulea", ["Piteå", "Luleå"]) == "Luleå"
    assert closest("Gotham City", names) is None
