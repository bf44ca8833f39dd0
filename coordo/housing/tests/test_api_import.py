"""The inventory import through the API: the page's importer and its all-or-nothing rule."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from conftest import verified_client
from coordo.housing.models import Building, Unit
from coordo.housing.tests.test_import_inventory import BAD, GOOD, HEADER

pytestmark = pytest.mark.django_db
URL = "/api/housing/import"
KIND_ERROR = {
    "line": 3,
    "field": "kind",
    "message": "Unknown kind: use studio, apartment, room or dormitory.",
}


def _post(client, site, content: bytes, name: str = "units.csv", **fields: object):  # type: ignore[no-untyped-def]
    return client.post(
        URL, {"file": SimpleUploadedFile(name, content), "site_id": site.pk, **fields}
    )


def test_nothing_is_written_while_a_row_fails_and_the_report_names_line_and_field(
    site, coordinator
):
    response = _post(verified_client(coordinator), site, (HEADER + GOOD + BAD).encode())
    assert response.status_code == 400
    body = response.json()
    assert (body["written"], body["rows"], body["created_units"]) == (False, 2, 0)
    assert body["errors"] == [KIND_ERROR]  # a row reports its first error
    assert (Building.objects.count(), Unit.objects.count()) == (0, 0)


def test_only_the_valid_rows_when_asked(site, coordinator):
    response = _post(
        verified_client(coordinator), site, (HEADER + GOOD + BAD).encode(), only_valid="true"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["written"], body["created_buildings"], body["created_units"]) == (True, 1, 1)
    assert list(Unit.objects.values_list("name", "capacity", "women_only")) == [
        ("Studio 1", 2, True)
    ]


def test_an_xlsx_file_is_read_like_a_csv(site, coordinator):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in (HEADER + GOOD).splitlines():
        sheet.append(line.split(";"))
    buffer = BytesIO()
    workbook.save(buffer)
    response = _post(verified_client(coordinator), site, buffer.getvalue(), "units.xlsx")
    assert (response.status_code, response.json()["created_units"]) == (200, 1)


def test_an_unreadable_file_a_foreign_site_and_a_social_worker_are_refused(
    site, other_site, coordinator, social_worker
):
    client = verified_client(coordinator)
    wrong_kind = _post(client, site, b"hello", "units.pdf")
    assert (wrong_kind.status_code, wrong_kind.json()["detail"]) == (
        422,
        [{"loc": ["body", "file"], "msg": "Send a .csv or .xlsx file.", "type": "value_error"}],
    )
    assert _post(client, other_site, (HEADER + GOOD).encode()).status_code == 404
    assert _post(verified_client(social_worker), site, (HEADER + GOOD).encode()).status_code == 403
    assert Unit.objects.count() == 0


def test_a_missing_site_or_file_is_named(site, coordinator):
    client = verified_client(coordinator)
    no_site = client.post(URL, {"file": SimpleUploadedFile("units.csv", HEADER.encode())})
    assert (no_site.status_code, no_site.json()["detail"]) == (
        422,
        [
            {
                "loc": ["body", "site_id"],
                "msg": "Say which site the inventory belongs to.",
                "type": "value_error",
            }
        ],
    )
    no_file = client.post(URL, {"site_id": site.pk})
    assert (no_file.status_code, no_file.json()["detail"]) == (
        422,
        [{"loc": ["body", "file"], "msg": "Send a .csv or .xlsx file.", "type": "value_error"}],
    )


def test_a_damaged_xlsx_and_a_windows_1252_csv_through_the_api(site, coordinator):
    client = verified_client(coordinator)
    damaged = _post(client, site, b"PK\x03\x04 damaged", "units.xlsx")
    assert (damaged.status_code, damaged.json()["detail"][0]["msg"]) == (
        422,
        "This is not a readable XLSX file.",
    )
    belgian = _post(client, site, (HEADER + GOOD.replace("Lierre", "Hélène")).encode("cp1252"))
    assert (belgian.status_code, Building.objects.get().name) == (200, "Maison Hélène")
