"""The one exporter and the one download response."""

from __future__ import annotations

import codecs
import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from coordo.web.downloads import attachment, safe_filename
from coordo.web.tabular import Column, csv_bytes, export_response, read_table, xlsx_bytes

LINES = [("Figure", "Label", "Value"), ("Nights", "Résidence Hélène", 10)]


def test_csv_for_excel_users_has_a_bom_and_semicolons():
    assert csv_bytes(LINES) == (
        codecs.BOM_UTF8 + "Figure;Label;Value\r\nNights;Résidence Hélène;10\r\n".encode()
    )


def test_the_separator_is_a_setting(settings):
    settings.COORDO_CSV_DELIMITER = "comma"
    assert csv_bytes(LINES).splitlines()[0] == codecs.BOM_UTF8 + b"Figure,Label,Value"


@pytest.mark.parametrize(
    ("query", "first_line"),
    [
        ("", "Figure;Label;Value"),
        ("?delimiter=comma", "Figure,Label,Value"),
        ("?delimiter=tab", "Figure\tLabel\tValue"),
    ],
)
def test_a_request_chooses_the_separator(query, first_line):
    response = export_response(RequestFactory().get("/export/" + query), LINES, name="figures")
    assert response.content.decode("utf-8-sig").splitlines()[0] == first_line
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        'attachment; filename="figures.csv"',
    )


def test_an_unknown_separator_is_refused_naming_the_field():
    response = export_response(RequestFactory().get("/export/?delimiter=pipe"), LINES, name="f")
    assert (response.status_code, response.content.decode()) == (
        400,
        "delimiter: Choose semicolon, comma or tab.",
    )


def test_xlsx_as_before():
    response = export_response(RequestFactory().get("/e/?format=xlsx"), LINES, name="figures")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        list(line) for line in LINES
    ]
    assert response["Content-Disposition"] == 'attachment; filename="figures.xlsx"'


def test_text_that_a_spreadsheet_would_run_as_a_formula_stays_text():
    lines = [('=HYPERLINK("http://example.invalid")', "+1", "-", "@SUM(A1)", -3)]
    assert csv_bytes(lines).decode("utf-8-sig").splitlines() == [
        '"\'=HYPERLINK(""http://example.invalid"")";\'+1;\'-;\'@SUM(A1);-3'
    ]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(lines))).active
    assert sheet is not None
    first = sheet["A1"]
    assert (first.value, first.data_type) == ('=HYPERLINK("http://example.invalid")', "s")


def test_what_the_exporter_writes_the_importer_reads_back():
    columns = (Column("figure", ""), Column("label", ""), Column("value", ""))
    for content, name in ((csv_bytes(LINES), "f.csv"), (xlsx_bytes(LINES), "f.xlsx")):
        rows = read_table(io.BytesIO(content), columns, filename=name)
        assert [row.values for row in rows] == [
            {"figure": "Nights", "label": "Résidence Hélène", "value": "10"}
        ]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("figures-2026.csv", "figures-2026.csv"),
        ("../../etc/passwd", "passwd"),
        ('a"b\r\nSet-Cookie: x.csv', "a-b-Set-Cookie-x.csv"),
        ("..", "download"),
        ("Résidence Hélène.pdf", "Résidence-Hélène.pdf"),
    ],
)
def test_a_download_name_has_no_path_quote_or_line_break(name, safe):
    assert safe_filename(name) == safe


def test_a_download_is_never_cached_nor_sniffed_and_says_its_name_in_utf_8():
    response = attachment(b"{}", filename="Hélène.json", content_type="application/json")
    assert (
        response["Content-Disposition"],
        response["Cache-Control"],
        response["X-Content-Type-Options"],
    ) == ("attachment; filename*=utf-8''H%C3%A9l%C3%A8ne.json", "no-store", "nosniff")
    shown = attachment(b"%PDF", filename="plan.pdf", content_type="application/pdf", inline=True)
    assert shown["Content-Disposition"] == 'inline; filename="plan.pdf"'
