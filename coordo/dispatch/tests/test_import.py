"""The daily import of free places: every row checked, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from conftest import make_user, verified_client
from coordo.access.roles import Role
from coordo.dispatch.actions.network import import_units, read_rows
from coordo.dispatch.models import ReceptionUnit
from coordo.dispatch.tests.conftest import principal
from coordo.web.tabular import Row

pytestmark = pytest.mark.django_db

HEADER = "centre;unit;kind;beds;free;women_only;medical;accessible;minors\n"


def rows_of(text: str) -> list[Row]:
    return read_rows(io.BytesIO(text.encode()), "places.csv")


def test_csv_updates_and_creates_units(dispatcher, network):
    rows = rows_of(HEADER + "BXL;BXL-F1;private;4;0;no;no;yes;no\nGNT;GNT-S2;shared;8;5;oui;;;\n")
    result = import_units(rows, by=principal(dispatcher))
    assert (result.created, result.updated) == (1, 1)
    assert list(
        ReceptionUnit.objects.filter(code__in=["BXL-F1", "GNT-S2"]).values_list(
            "code", "free", "accessible", "women_only"
        )
    ) == [("BXL-F1", 0, True, False), ("GNT-S2", 5, False, True)]


def test_xlsx_is_read_like_csv(dispatcher, network):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    sheet.append(["GNT", "GNT-F1", "private", 5, 0, "no", "no", "no", "no"])
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    result = import_units(read_rows(upload, "places.xlsx"), by=principal(dispatcher))
    assert (result.created, result.updated) == (0, 1)
    assert ReceptionUnit.objects.get(code="GNT-F1").free == 0


def test_one_bad_row_and_nothing_is_written(dispatcher, network):
    rows = rows_of(
        HEADER + "BXL;BXL-F1;private;4;0;no;no;no;no\nXXX;X-1;suite;2;3;maybe;no;no;no\n"
    )
    with pytest.raises(ValidationError) as error:
        import_units(rows, by=principal(dispatcher))
    assert error.value.messages == [
        "row 3, column centre: no such centre",
        "row 3, column kind: private or shared",
        "row 3, column free: at least one bed, and no more free beds than beds",
        "row 3, column women_only: answer yes or no",
    ]
    assert ReceptionUnit.objects.get(code="BXL-F1").free == 4


def test_missing_columns_are_named(dispatcher, network):
    with pytest.raises(ValidationError) as error:
        rows_of("centre,unit,free\nBXL,BXL-F1,2\n")
    assert error.value.messages == [
        "Missing columns: kind, beds, women_only, medical, accessible, minors"
    ]


def test_only_the_arrival_centre_imports_the_whole_network(network):
    coordinator = make_user(network["BXL"].site, Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        import_units([], by=principal(coordinator))


def _post(client, content: bytes, name: str):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("dispatch_network_import"), {"file": upload}, follow=True)


def _messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(message) for message in response.context["messages"]]


def test_a_damaged_xlsx_answers_with_a_message_and_writes_nothing(dispatcher, network):
    # The old reader handed the bytes to openpyxl unguarded: BadZipFile, a 500.
    response = _post(verified_client(dispatcher), b"PK\x03\x04 not a workbook", "places.xlsx")
    assert (response.status_code, _messages(response)) == (
        200,
        ["Nothing was imported.", "This is not a readable XLSX file."],
    )
    assert ReceptionUnit.objects.get(code="BXL-F1").free == 4


def test_a_belgian_excel_csv_in_windows_1252_keeps_its_accents(dispatcher, network):
    # The old reader refused it ("not UTF-8"): Excel's own "CSV" in a Belgian locale.
    text = HEADER + "BXL;Hélène-Zoé;private;4;1;oui;non;ja;nee\n"
    response = _post(verified_client(dispatcher), text.encode("cp1252"), "places.csv")
    assert _messages(response) == ["1 units created, 0 updated."]
    assert ReceptionUnit.objects.get(code="Hélène-Zoé").women_only is True


UNREADABLE_BEDS = [
    "row 2, column beds: not a whole number",
    "row 2, column free: at least one bed, and no more free beds than beds",
]


@pytest.mark.parametrize(
    ("beds", "messages"),
    [
        ("inf", UNREADABLE_BEDS),  # int(float("inf")) raised OverflowError: a 500
        ("4.5", UNREADABLE_BEDS),  # silently 4 before
        ("40000", ["row 2, column beds: at most 1000"]),  # past PostgreSQL's smallint: a 500
    ],
)
def test_beds_must_be_a_plausible_whole_number(dispatcher, network, beds, messages):
    rows = rows_of(HEADER + f"BXL;BXL-F1;private;{beds};0;no;no;no;no\n")
    with pytest.raises(ValidationError) as error:
        import_units(rows, by=principal(dispatcher))
    assert error.value.messages == messages


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_imports_back_with_no_error(dispatcher, network, file_format):
    client = verified_client(dispatcher)
    page = client.get(reverse("dispatch_network")).content.decode()
    url = reverse("dispatch_network_template")
    assert f'<a href="{url}?format=xlsx" download>Download the template (XLSX)</a>' in page
    template = client.get(url, {"format": file_format})
    assert template["Content-Disposition"] == (
        f'attachment; filename="dispatch-free-places-template.{file_format}"'
    )
    rows = read_rows(io.BytesIO(template.content), f"template.{file_format}")
    assert [list(row.values.values()) for row in rows] == [
        ["BXL", "EXEMPLE-1", "private", "4", "2", "yes", "no", "yes", "no"]
    ]
    result = import_units(rows, by=principal(dispatcher))
    assert (result.created, result.updated) == (1, 0)
