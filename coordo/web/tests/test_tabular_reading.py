"""The one tabular reader: files as people's spreadsheets save them, or a message that helps."""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from coordo.web.tabular import Column, Row, read_table, whole_number, yes_no

COLUMNS = (Column("building", "Maison"), Column("unit", "Studio 1"), Column("note", "", False))
REFUSED_ENCODING = (
    "The characters of this file cannot be read: it is not a CSV file in UTF-8 or "
    "Windows-1252. In your spreadsheet, choose “Save as” and the type “CSV UTF-8”, or save "
    "it as .xlsx, then send that file."
)


def read(data: bytes, filename: str = "units.csv", **limits: int) -> list[Row]:
    return read_table(io.BytesIO(data), COLUMNS, filename=filename, **limits)


def refusal(data: bytes, filename: str = "units.csv", **limits: int) -> list[str]:
    with pytest.raises(ValidationError) as error:
        read(data, filename, **limits)
    return error.value.message_dict["file"]


def xlsx(*lines: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_belgian_excel_csv_in_windows_1252_with_semicolons_keeps_its_accents():
    data = "building;unit\r\nRésidence Hélène;Chambre Zoé\r\n".encode("cp1252")
    assert b"\xe9" in data  # é as one Windows-1252 byte, which UTF-8 cannot decode
    assert read(data) == [
        Row(2, {"building": "Résidence Hélène", "unit": "Chambre Zoé", "note": ""})
    ]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "building,unit\nRésidence Hélène,Chambre Zoé\n".encode(),
        "building,unit\nRésidence Hélène,Chambre Zoé\n".encode(),
        "building\tunit\nRésidence Hélène\tChambre Zoé\n".encode("utf-16"),  # "Unicode text"
    ],
    ids=["utf-8 with BOM", "utf-8", "utf-16 with BOM, tabs"],
)
def test_utf_8_with_or_without_bom_and_utf_16(data):
    expected = {"building": "Résidence Hélène", "unit": "Chambre Zoé", "note": ""}
    assert read(data)[0].values == expected


def test_the_bom_is_not_part_of_the_first_column_name():
    assert read(codecs.BOM_UTF8 + b"building;unit\nA;B\n")[0].values["building"] == "A"


def test_bytes_that_neither_utf_8_nor_windows_1252_decode_are_refused_saying_what_to_do():
    # 0x81 and 0x8d are unassigned in Windows-1252 and invalid alone in UTF-8.
    assert refusal(b"building;unit\nR\x81sidence;\x8d\n") == [REFUSED_ENCODING]


def test_a_binary_file_named_csv_is_refused_not_read_as_text():
    assert refusal(b"building;unit\n\x00\x01\x02garbage\n") == [REFUSED_ENCODING]


@pytest.mark.parametrize(
    ("header", "line"),
    [
        ("building;unit;note", "Maison, rue A;Studio 1;x"),
        ("building,unit,note", '"Maison; rue A",Studio 1,x'),
        ("building\tunit\tnote", "Maison; rue A\tStudio 1\tx"),
    ],
    ids=["semicolon", "comma", "tab"],
)
def test_the_separator_is_the_one_that_splits_the_header_into_known_columns(header, line):
    # The data row holds the other separators: only the header decides.
    rows = read(f"{header}\n{line}\n".encode())
    assert [row.values["unit"] for row in rows] == ["Studio 1"]


def test_excels_sep_line_names_the_separator_and_the_header_stays_line_1():
    rows = read(b"sep=,\nbuilding,unit\nMaison,Studio 1\n")
    assert rows == [Row(2, {"building": "Maison", "unit": "Studio 1", "note": ""})]


def test_blank_lines_are_skipped_but_rows_keep_the_spreadsheets_numbers():
    rows = read(b"Building;Unit\n;\nMaison;Studio 1\n\nMaison;Studio 2\n")
    assert [row.line for row in rows] == [3, 5]


def test_header_names_are_normalised_and_unknown_columns_left_out():
    rows = read(b" BUILDING ;Unit;Colour\nMaison;Studio 1;blue\n")
    assert rows[0].values == {"building": "Maison", "unit": "Studio 1", "note": ""}


def test_missing_and_repeated_columns_are_named():
    assert refusal(b"building;note\nA;B\n") == ["Missing columns: unit"]
    assert refusal(b"building;unit;unit\nA;B;C\n") == ["Columns named twice: unit"]
    assert refusal(b"") == ["The file is empty."]


def test_an_unclosed_quote_that_swallows_the_file_names_its_line():
    data = b'building;unit\nMaison;"Studio 1\n' + b"Maison;Studio\n" * 12_000
    assert refusal(data, max_bytes=10**6) == [
        "Line 2 cannot be read as CSV (field larger than field limit (131072)): check its quotes."
    ]


def test_the_row_limit_counts_rows_with_content_and_says_how_to_split():
    data = b"building;unit\n" + b"Maison;Studio\n" * 3
    assert len(read(data + b"\n;\n", max_rows=3)) == 3
    assert refusal(data + b"Maison;Studio 4\n", max_rows=3) == [
        "At most 3 rows per file: split this file into several."
    ]


def test_the_row_limit_is_a_setting(settings):
    settings.COORDO_IMPORT_MAX_ROWS = 1
    assert refusal(b"building;unit\nA;1\nB;2\n") == [
        "At most 1 rows per file: split this file into several."
    ]


def test_the_byte_limit_is_a_setting(settings):
    settings.COORDO_IMPORT_MAX_BYTES = 1024
    assert refusal(b"building;unit\n" + b"A;1\n" * 300) == [
        "This file is larger than 1.0\xa0KB: split it into several files."
    ]


def test_only_spreadsheet_files_are_taken():
    assert refusal(b"building;unit\n", "units.pdf") == ["Send a .csv or .xlsx file."]
    assert refusal(b"building;unit\n", "units") == ["Send a .csv or .xlsx file."]


def test_an_xlsx_is_read_like_a_csv_with_numbers_dates_and_ticks_as_text():
    data = xlsx(
        ["Building", "unit", "note"],
        [None, None, None],
        ["Maison", 2, date(2026, 1, 5)],
        ["Maison", 2.0, True],
    )
    rows = read(data, "units.xlsx")
    assert rows == [
        Row(3, {"building": "Maison", "unit": "2", "note": "2026-01-05"}),
        Row(4, {"building": "Maison", "unit": "2", "note": "yes"}),
    ]


def test_the_content_decides_an_xlsx_named_csv_is_still_read():
    assert read(xlsx(["building", "unit"], ["Maison", "Studio"]), "units.csv")[0].line == 2


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"PK\x03\x04 truncated", "units.xlsx", "This is not a readable XLSX file."),
        (b"building;unit\nA;B\n", "units.xlsx", "This is not a readable XLSX file."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
            "units.xlsx",
            "This is an old Excel file (.xls): save it as .xlsx or as CSV UTF-8.",
        ),
        (b"", "units.xls", "This is an old Excel file (.xls): save it as .xlsx or as CSV UTF-8."),
    ],
    ids=["truncated zip", "text named xlsx", "xls named xlsx", "xls"],
)
def test_a_damaged_or_old_excel_file_answers_with_a_message(data, filename, message):
    assert refusal(data, filename) == [message]


def test_a_zip_without_a_workbook_is_not_a_readable_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert refusal(buffer.getvalue(), "units.xlsx") == ["This is not a readable XLSX file."]


def test_an_xlsx_that_unpacks_to_far_more_than_the_limit_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 3_000_000)
    assert refusal(buffer.getvalue(), "units.xlsx", max_bytes=100_000) == [
        "This XLSX file is too large to import: split it into several files."
    ]


@pytest.mark.parametrize(
    ("text", "answer"),
    [(word, True) for word in ("yes", "Oui", "JA", "x", "1", "vrai", "waar")]
    + [(word, False) for word in ("no", "non", "Nee", "", "0", "faux", "onwaar")]
    + [(word, None) for word in ("maybe", "peut-être", "misschien")],
)
def test_one_yes_no_vocabulary_in_french_dutch_and_english(text, answer):
    assert yes_no(text) is answer


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), (" 12 ", 12), ("12.0", 12), ("12,0", 12), ("-3", -3), ("0", 0)]
    + [(text, None) for text in ("12.5", "12,5", "²", "inf", "nan", "1e3", "", "1234567890")],
)
def test_whole_numbers_as_spreadsheets_write_them(text, number):
    assert whole_number(text) == number
