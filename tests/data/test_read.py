"""read_table: spreadsheets and CSV as users export them, and every way a file can be wrong."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.data.read import read_table
from esfkit.data.table import column_letter
from esfkit.errors import DataError


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], start_row: int = 1) -> Path:
    """A workbook whose sheets hold ``rows`` from ``start_row`` (1-based) down."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=start_row):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c, value=value)
    workbook.save(path)
    return path


def data_error(path: Path, **kwargs: object) -> DataError:
    with pytest.raises(DataError) as caught:
        read_table(path, **kwargs)
    assert caught.value.where is not None
    assert caught.value.where.file == path.name
    assert caught.value.hint
    return caught.value


# --- spreadsheets ------------------------------------------------------------------------


def test_xlsx_cells_become_text_as_excel_shows_them(tmp_path: Path) -> None:
    more = [0.5, True, dt.time(8, 15), "Anna"]
    path = write_xlsx(
        tmp_path / "exits.xlsx",
        {
            "Data": [
                ["Personnummer", "Start", "Tid", "Andel", "Klar", "Klockan", "Namn"],
                [198501011234, dt.datetime(2021, 3, 1), dt.datetime(2021, 3, 1, 8, 30), *more],
                [12.0, dt.date(2021, 3, 2), None, 1 / 3, False, None, "007"],
                [0.1 + 0.2, None, None, -4, None, None, " Bo "],
            ]
        },
    )
    table = read_table(path)
    assert table.sheet == "Data"
    assert table.headers == ("Personnummer", "Start", "Tid", "Andel", "Klar", "Klockan", "Namn")
    assert table.frame.to_dict("list") == {
        "Personnummer": ["198501011234", "12", "0.3"],
        "Start": ["2021-03-01", "2021-03-02", ""],
        "Tid": ["2021-03-01 08:30:00", "", ""],
        "Andel": ["0.5", "0.333333333333333", "-4"],
        "Klar": ["TRUE", "FALSE", ""],
        "Klockan": ["08:15:00", "", ""],
        "Namn": ["Anna", "007", " Bo "],
    }
    assert all(dtype is np.dtype(object) for dtype in table.frame.dtypes)
    assert all(type(v) is str for v in table.frame.to_numpy().ravel())
    assert table.row_numbers.tolist() == [2, 3, 4]


def test_xlsx_blank_leading_rows_and_columns_keep_excel_row_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"].font = openpyxl.styles.Font(bold=True)  # styled but empty: still blank
    sheet["C3"], sheet["D3"] = "Kön", "Kommun"
    sheet["C4"], sheet["D4"] = "K", "Umeå"
    sheet["C6"], sheet["D6"] = "M", "Luleå"
    sheet["C9"] = "  "  # whitespace only: blank
    workbook.save(tmp_path / "gaps.xlsx")
    table = read_table(tmp_path / "gaps.xlsx")
    assert table.headers == ("Kön", "Kommun")
    assert table.row_numbers.tolist() == [4, 6]
    assert table.frame["Kommun"].tolist() == ["Umeå", "Luleå"]


def test_xlsx_long_ids_and_large_numbers_never_use_scientific_notation(tmp_path: Path) -> None:
    rows = [["Id"], [198501011234.0], [1e20], [0.00001], [12345678901234567890]]
    table = read_table(write_xlsx(tmp_path / "ids.xlsx", {"S": rows}))
    assert table.frame["Id"].tolist() == [
        "198501011234",
        "100000000000000000000",
        "0.00001",
        "12345678901234600000",  # Excel keeps 15 significant digits
    ]


def test_xlsx_sheet_by_name_position_and_default(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {"Först": [["a"], ["1"]], "Andra": [["b"], ["2"]]})
    assert read_table(path).sheet == "Först"
    assert read_table(path, sheet=1).headers == ("b",)
    assert read_table(path, sheet="Andra").frame["b"].tolist() == ["2"]
    assert read_table(path, sheet=" andra ").sheet == "Andra"


def test_xlsx_default_sheet_skips_hidden_sheets(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Listor"
    workbook.active["A1"] = "lookup"
    workbook.active.sheet_state = "hidden"
    data = workbook.create_sheet("Deltagare")
    data["A1"], data["A2"] = "Kön", "K"
    workbook.active = 1
    workbook.save(tmp_path / "hidden.xlsx")
    assert read_table(tmp_path / "hidden.xlsx").sheet == "Deltagare"


def test_missing_sheet_lists_the_sheets_present(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {"Först": [["a"]], "Andra": [["b"]]})
    error = data_error(path, sheet="Deltagare")
    assert "'Först'" in error.message and "'Andra'" in error.message
    error = data_error(path, sheet=5)
    assert "'Först', 'Andra'" in error.message


def test_empty_sheet_is_an_error(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "e.xlsx", {"Data": [["a"]], "Tom": []})
    assert "empty" in data_error(path, sheet="Tom").message


def test_header_only_sheet_gives_an_empty_table(tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path / "h.xlsx", {"S": [["Kön", "Kommun"]]}))
    assert table.headers == ("Kön", "Kommun")
    assert len(table.frame) == 0
    assert list(table.frame.columns) == ["Kön", "Kommun"]
    assert table.row_numbers.tolist() == []


def test_headers_are_stripped_and_blank_rows_dropped(tmp_path: Path) -> None:
    rows = [[" Kön ", "Kommun\t"], ["K", "Umeå"], [None, None], ["M", "Piteå"], [None, None]]
    table = read_table(write_xlsx(tmp_path / "s.xlsx", {"S": rows}))
    assert table.headers == ("Kön", "Kommun")
    assert table.row_numbers.tolist() == [2, 4]


def test_empty_unnamed_column_is_dropped(tmp_path: Path) -> None:
    rows = [["a", None, "c"], ["1", None, "3"]]
    table = read_table(write_xlsx(tmp_path / "s.xlsx", {"S": rows}))
    assert table.headers == ("a", "c")


def test_column_with_values_but_no_header_is_an_error(tmp_path: Path) -> None:
    rows = [["a", None, "c"], ["1", None, "3"], ["1", "x", "3"]]
    error = data_error(write_xlsx(tmp_path / "s.xlsx", {"S": rows}, start_row=2))
    assert error.where.column == "B"
    assert error.where.rows == (2,)
    assert "row 4" in error.message


def test_duplicate_headers_name_both_columns(tmp_path: Path) -> None:
    rows = [["Kön", "Kommun", "kön "], ["K", "Umeå", "K"]]
    error = data_error(write_xlsx(tmp_path / "s.xlsx", {"S": rows}))
    assert "A" in error.message and "C" in error.message
    assert "same header" in error.message


def test_sha256_is_the_digest_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = write_xlsx(tmp_path / "s.xlsx", {"S": [["a"], ["1"]]})
    assert read_table(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "expect"),
    [
        ("bad.xlsx", b"\x00\x01garbage" * 50, "open the file in Excel"),
        ("text.xlsx", b"a;b\n1;2\n", "rename it to end in .csv"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
        ("page.xls", b"<html><table><tr><td>1</td></tr></table></html>", "HTML"),
    ],
)
def test_unreadable_spreadsheet_says_what_the_content_is(
    tmp_path: Path, name: str, content: bytes, expect: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert expect in data_error(path).hint


def test_xlsx_content_named_xls_is_an_error_saying_to_rename(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "real.xlsx", {"S": [["a"]]})
    wrong = tmp_path / "real.xls"
    wrong.write_bytes(path.read_bytes())
    assert "rename it to end in .xlsx" in data_error(wrong).hint


def test_zip_that_is_not_a_workbook_is_an_error(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "z.xlsx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    data_error(tmp_path / "z.xlsx")


# --- files that are not there or not data -------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in data_error(tmp_path / "nope.csv").message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "d.csv"
    folder.mkdir()
    assert "folder" in data_error(folder).message


@pytest.mark.parametrize("name", ["e.csv", "e.xlsx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    assert "empty" in data_error(tmp_path / name).message


def test_unsupported_extension_names_the_supported_ones(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_text("{}")
    error = data_error(tmp_path / "data.json")
    assert ".csv" in error.hint and ".xlsx" in error.hint and ".ods" in error.hint


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    (tmp_path / "DATA.CSV").write_bytes(b"a;b\n1;2\n")
    assert read_table(tmp_path / "DATA.CSV").headers == ("a", "b")


# --- CSV ----------------------------------------------------------------------------------


def write_file(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_csv_from_swedish_excel_cp1252_semicolons(tmp_path: Path) -> None:
    content = "Kön;Kommun;Belopp\r\nK;Östersund;12,5\r\nM;Åre;3\r\n".encode("cp1252")
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.sheet is None
    assert table.headers == ("Kön", "Kommun", "Belopp")
    assert table.frame["Kommun"].tolist() == ["Östersund", "Åre"]
    assert table.frame["Belopp"].tolist() == ["12,5", "3"]
    assert table.row_numbers.tolist() == [2, 3]


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    content = "\ufeffKön;Kommun\nK;Östersund\n".encode()
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.headers == ("Kön", "Kommun")
    assert table.frame["Kommun"].tolist() == ["Östersund"]


def test_csv_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    content = "Kön\tKommun\r\nK\tÖstersund\r\n".encode("utf-16")
    table = read_table(write_file(tmp_path / "x.txt", content))
    assert table.frame.to_dict("list") == {"Kön": ["K"], "Kommun": ["Östersund"]}


def test_csv_cp1252_bytes_undefined_in_cp1252_do_not_fail(tmp_path: Path) -> None:
    table = read_table(write_file(tmp_path / "x.csv", b"a;b\n\x81\xe5;\x80\n"))
    assert table.frame.to_dict("list") == {"a": ["\x81å"], "b": ["€"]}


@pytest.mark.parametrize("separator", [";", ",", "\t", "|"])
def test_csv_separator_is_detected(tmp_path: Path, separator: str) -> None:
    lines = ["Id", "Kommun", "Belopp"], ["001", "Umeå", "1"], ["002", "Piteå", "2"]
    content = "\n".join(separator.join(line) for line in lines).encode()
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.headers == ("Id", "Kommun", "Belopp")
    assert table.frame["Id"].tolist() == ["001", "002"]


def test_csv_separator_inside_quotes_does_not_count(tmp_path: Path) -> None:
    content = b'"Efternamn, f\xc3\xb6rnamn";Belopp\n"Berg, Anna";"12,5"\n"Ek, Bo";3\n'
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.frame.to_dict("list") == {
        "Efternamn, förnamn": ["Berg, Anna", "Ek, Bo"],
        "Belopp": ["12,5", "3"],
    }


def test_csv_single_column_with_commas_in_values(tmp_path: Path) -> None:
    table = read_table(write_file(tmp_path / "x.csv", b"Namn\nBerg, Anna\nEk, Bo\n"))
    assert table.frame["Namn"].tolist() == ["Berg, Anna", "Ek, Bo"]


def test_csv_keeps_leading_zeros_and_never_makes_nan(tmp_path: Path) -> None:
    content = b"Id;Svar;Tal\n007;NA;0012\n010;;NaN\n"
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.frame.to_dict("list") == {
        "Id": ["007", "010"],
        "Svar": ["NA", ""],
        "Tal": ["0012", "NaN"],
    }


def test_csv_quoted_line_breaks_give_the_first_line_of_each_record(tmp_path: Path) -> None:
    content = b'Id;Not\n1;"rad ett\nrad tv\xc3\xa5"\n2;kort\n3;"a\n\nb\nc"\n4;x\n'
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.frame["Not"].tolist() == ["rad ett\nrad två", "kort", "a\n\nb\nc", "x"]
    assert table.row_numbers.tolist() == [2, 4, 5, 9]


def test_csv_blank_lines_and_leading_separator_lines_keep_line_numbers(tmp_path: Path) -> None:
    content = b"\n;;\nKon;Kommun;Id\nK;Ume;1\n\n;;\nM;Lule;2\n\n"
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.headers == ("Kon", "Kommun", "Id")
    assert table.row_numbers.tolist() == [4, 7]


def test_csv_crlf_and_short_rows(tmp_path: Path) -> None:
    table = read_table(write_file(tmp_path / "x.csv", b"a;b;c\r\n1;2\r\n4;5;6\r\n"))
    assert table.frame.to_dict("list") == {"a": ["1", "4"], "b": ["2", "5"], "c": ["", "6"]}


def test_csv_header_only_is_an_empty_table(tmp_path: Path) -> None:
    table = read_table(write_file(tmp_path / "x.csv", b"K\xc3\xb6n;Kommun\n"))
    assert table.headers == ("Kön", "Kommun")
    assert len(table.frame) == 0


def test_csv_with_only_blank_lines_is_an_error(tmp_path: Path) -> None:
    assert "header" in data_error(write_file(tmp_path / "x.csv", b"\n \n;;\n")).message


def test_csv_row_with_too_many_fields_names_its_line(tmp_path: Path) -> None:
    error = data_error(write_file(tmp_path / "x.csv", b"a;b\n1;2\n\n1;2;3\n"))
    assert error.where.rows == (4,)
    assert "3 fields" in error.message


def test_csv_too_many_fields_after_a_quoted_line_break(tmp_path: Path) -> None:
    error = data_error(write_file(tmp_path / "x.csv", b'a;b\n1;"x\ny"\n1;2;3\n'))
    assert error.where.rows == (4,)


def test_csv_unclosed_quote_is_an_error(tmp_path: Path) -> None:
    error = data_error(write_file(tmp_path / "x.csv", b'a;b\n1;2\n3;"4\n5;6\n'))
    assert error.where.rows == (3,)


def test_csv_duplicate_and_unnamed_columns(tmp_path: Path) -> None:
    assert "A" in data_error(write_file(tmp_path / "d.csv", b"Id;Kommun;ID\n1;2;3\n")).message
    error = data_error(write_file(tmp_path / "u.csv", b"Id;;Kommun\n1;x;3\n"))
    assert error.where.column == "B"


def test_xlsx_saved_as_csv_is_an_error(tmp_path: Path) -> None:
    real = write_xlsx(tmp_path / "r.xlsx", {"S": [["a"]]})
    error = data_error(write_file(tmp_path / "r.csv", real.read_bytes()))
    assert ".xlsx" in error.hint


def test_binary_file_named_csv_is_an_error(tmp_path: Path) -> None:
    data_error(write_file(tmp_path / "r.csv", b"a\x00b\x00c\n"))


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


# --- properties ---------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(content=st.binary(min_size=0, max_size=400))
def test_random_bytes_as_csv_raise_only_data_error(tmp_path_factory, content: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "random.csv"
    path.write_bytes(content)
    try:
        table = read_table(path)
    except DataError:
        return
    assert len(table.frame) == len(table.row_numbers)
    assert np.all(np.diff(table.row_numbers) > 0)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list('ab;,\t|"\n\r Ö1')), min_size=1, max_size=120))
def test_csv_like_text_raises_only_data_error(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "text.csv"
    path.write_bytes(text.encode())
    try:
        table = read_table(path)
    except DataError:
        return
    assert all(type(v) is str for v in table.frame.to_numpy().ravel())
    assert len(table.frame) == len(table.row_numbers)


@FUZZ
@given(content=st.binary(min_size=0, max_size=400))
def test_random_bytes_as_xlsx_raise_only_data_error(tmp_path_factory, content: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "random.xlsx"
    path.write_bytes(content)
    with pytest.raises(DataError):
        read_table(path)


def _small_workbook() -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Kön", "Start"])
    workbook.active.append(["K", dt.date(2021, 3, 1)])
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK = _small_workbook()


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_damaged_xlsx_raises_only_data_error(tmp_path_factory, edits: list) -> None:
    content = bytearray(WORKBOOK)
    for position, value in edits:
        content[position] = value
    path = tmp_path_factory.mktemp("fuzz") / "damaged.xlsx"
    path.write_bytes(bytes(content))
    with contextlib.suppress(DataError):
        read_table(path)


def _with_member(workbook: bytes, member: str, mutate) -> bytes:
    """The workbook rezipped with one member's XML changed, so the zip itself stays valid."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, mutate(data) if info.filename == member else data)
    return buffer.getvalue()


@FUZZ
@given(
    member=st.sampled_from(
        ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"]
    ),
    position=st.floats(0, 1),
    cut=st.integers(0, 40),
    insert=st.binary(max_size=20) | st.sampled_from([b"<", b'"', b"</c>", b"<v>x</v>", b't="d"']),
)
def test_xlsx_with_damaged_xml_raises_only_data_error(
    tmp_path_factory, member: str, position: float, cut: int, insert: bytes
) -> None:
    def mutate(data: bytes) -> bytes:
        at = int(position * len(data))
        return data[:at] + insert + data[at + cut :]

    path = tmp_path_factory.mktemp("fuzz") / "xml.xlsx"
    path.write_bytes(_with_member(WORKBOOK, member, mutate))
    try:
        table = read_table(path)
    except DataError:
        return
    assert all(type(v) is str for v in table.frame.to_numpy().ravel())


def write_ods(path: Path, rows_xml: str) -> Path:
    """A minimal OpenDocument spreadsheet (no ODS writer is installed, so written by hand)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Blad1">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_ods_with_repeated_blank_rows_keeps_row_numbers(tmp_path: Path) -> None:
    def text(value: str) -> str:
        cell = '<table:table-cell office:value-type="string">'
        return f"{cell}<text:p>{value}</text:p></table:table-cell>"

    def number(value: str) -> str:
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'

    def date(value: str) -> str:
        return f'<table:table-cell office:value-type="date" office:date-value="{value}"/>'

    blank = '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
    rows = [
        text("Id") + text("Start"),
        number("198501011234") + date("2021-03-01"),
        number("0.5") + date("2021-03-01T08:30:00"),
    ]
    path = write_ods(
        tmp_path / "x.ods", blank + "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
    )
    table = read_table(path)
    assert table.sheet == "Blad1"
    assert table.frame.to_dict("list") == {
        "Id": ["198501011234", "0.5"],
        "Start": ["2021-03-01", "2021-03-01 08:30:00"],
    }
    assert table.row_numbers.tolist() == [4, 5]


def test_csv_stray_quote_and_quoted_line_break_keep_true_line_numbers(tmp_path: Path) -> None:
    # The stray quote in '5" skärm' defeats quote counting, so the csv module decides.
    content = 'Id;Not\n1;5" skärm\n2;"a\nb"\n3;x\n'.encode()
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.frame["Not"].tolist() == ['5" skärm', "a\nb", "x"]
    assert table.row_numbers.tolist() == [2, 3, 5]


def test_csv_quoted_line_breaks_with_crlf_and_no_final_newline(tmp_path: Path) -> None:
    content = b'Id;Not\r\n1;"a\r\nb"\r\n2;"c"\r\n3;"d\r\n\r\ne"'
    table = read_table(write_file(tmp_path / "x.csv", content))
    assert table.frame["Not"].tolist() == ["a\nb", "c", "d\n\ne"]
    assert table.row_numbers.tolist() == [2, 4, 5]


def test_xlsx_column_mixing_booleans_and_numbers(tmp_path: Path) -> None:
    rows = [["Svar"], [True], [1], [0.0], [False], ["ja"], [1]]
    table = read_table(write_xlsx(tmp_path / "b.xlsx", {"S": rows}))
    assert table.frame["Svar"].tolist() == ["TRUE", "1", "0", "FALSE", "ja", "1"]


def test_password_protected_workbook_says_so(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE container holding an "EncryptionInfo" stream.
    content = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le")
    )
    path = write_file(tmp_path / "secret.xlsx", content + b"\x00" * 400)
    assert "password" in data_error(path).hint


def test_csv_record_wider_than_excel_is_refused_naming_its_first_line(tmp_path: Path) -> None:
    wide = '"x\ny";' + ";" * 20_000
    path = write_file(tmp_path / "w.csv", f"a;b\n1;2\n3;4\n5;6\n{wide}\n".encode())
    error = data_error(path)
    assert "line 5" in error.message and "16 384" in error.message


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.lists(
            st.sampled_from(["", " ", "\t", "a", "A", " a", "Ja", "Nej", "1"]),
            min_size=3,
            max_size=3,
        ),
        min_size=1,
        max_size=40,
    ),
    title=st.booleans(),
)
def test_the_codes_of_a_column_are_its_cells(
    tmp_path: Path, cells: list[list[str]], title: bool
) -> None:
    """Whatever rows are dropped (a title, blank rows, rows cut off far below), each column's
    codes give its cells, each distinct cell once, blank as one '', in order of first
    appearance among the table's rows."""
    lines = [";;Rapport 2024;;"] if title else []
    lines += ["Id;Namn;Svar", *(";".join(row) for row in cells)]
    path = tmp_path / "codes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = read_table(path)
    for header in raw.headers:
        coded = raw.codes(header)
        cells_read = raw.frame[header].to_numpy(dtype=object)
        assert list(coded.values[coded.codes]) == list(cells_read)
        assert list(coded.values) == list(dict.fromkeys(cells_read))


def test_rows_of_blank_cells_do_not_choose_the_separator(tmp_path: Path) -> None:
    """Below a title, rows of tabs and semicolons are blank rows of a ';' file, not a
    tab-separated file with ';' in its cells (hypothesis found it; refused before)."""
    path = tmp_path / "codes.csv"
    path.write_text(";;Rapport 2024;;\nId;Namn;Svar\n" + "\t;\t;\t\n" * 3, encoding="utf-8")
    raw = read_table(path)
    assert raw.headers == ("Id", "Namn", "Svar")
    assert len(raw.frame) == 0


def test_a_member_without_a_name_is_no_crash(tmp_path) -> None:
    """A damaged central directory may hold an entry with an empty name (zipfile's is_dir()
    then raises IndexError): read or refused as a DataError, never a crash."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(WORKBOOK)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(zipfile.ZipInfo(""), b"")
    path = tmp_path / "nameless.xlsx"
    path.write_bytes(buffer.getvalue())
    with contextlib.suppress(DataError):
        read_table(path)
