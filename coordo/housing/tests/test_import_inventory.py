from __future__ import annotations

import codecs
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from conftest import verified_client
from coordo.housing.models import Building, Unit

pytestmark = pytest.mark.django_db

HEADER = "building;address;confidential;unit;kind;capacity;women_only;family;accessible\n"
GOOD = "Maison Lierre;Rue des Glycines 14, 5000 Namur;no;Studio 1;studio;2;yes;no;yes\n"
BAD = "Maison Lierre;;no;Studio 2;castle;two;yes;no;no\n"


def _post(client, content: bytes, name: str, only_valid: bool = False):
    data: dict[str, object] = {"file": SimpleUploadedFile(name, content)}
    if only_valid:
        data["only_valid_rows"] = "on"
    return client.post("/housing/import/", data)


def test_nothing_is_written_while_a_row_fails_and_each_error_names_line_and_column(
    site, coordinator
):
    response = _post(verified_client(coordinator), (HEADER + GOOD + BAD).encode(), "units.csv")
    body = response.content.decode()
    assert (Building.objects.count(), Unit.objects.count()) == (0, 0)
    assert "Nothing was written" in body
    assert (
        "<td>3</td><td>kind</td><td>Unknown kind: use studio, apartment, room or dormitory.</td>"
        in body
    )


def test_only_the_valid_rows_when_the_coordinator_asks(site, coordinator):
    _post(
        verified_client(coordinator), (HEADER + GOOD + BAD).encode(), "units.csv", only_valid=True
    )
    unit = Unit.objects.get()
    assert (unit.name, unit.capacity, unit.women_only, unit.accessible, unit.building.site) == (
        "Studio 1",
        2,
        True,
        True,
        site,
    )


def test_an_xlsx_file_creates_and_then_updates(site, coordinator):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(";"))
    sheet.append(
        ["Refuge", "Avenue des Saules 120", "no", "Dortoir", "Dormitory", 8, "oui", "non", "non"]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    client = verified_client(coordinator)
    first = _post(client, buffer.getvalue(), "units.xlsx").content.decode()
    assert "1 lines read: 1 buildings and 1 units created, 0 units updated." in first
    assert Unit.objects.get().capacity == 8
    sheet["F2"] = 6
    buffer = BytesIO()
    workbook.save(buffer)
    body = _post(client, buffer.getvalue(), "units.xlsx").content.decode()
    assert "0 buildings and 0 units created, 1 units updated." in body
    assert Unit.objects.get().capacity == 6


def test_a_belgian_excel_csv_in_windows_1252_imports_its_accents(site, coordinator):
    # Excel's "CSV" in a Belgian locale: `;` and one byte per accent. It used to import
    # as "R�sidence H�l�ne" and say it had succeeded.
    line = "Résidence Hélène;Rue de l'Église 3, 1000 Bruxelles;non;Chambre Zoé;room;1;oui;non;non\n"
    content = (HEADER + line).encode("cp1252")
    body = _post(verified_client(coordinator), content, "units.csv").content.decode()
    assert "1 lines read: 1 buildings and 1 units created, 0 units updated." in body
    assert list(Unit.objects.values_list("building__name", "building__address", "name")) == [
        ("Résidence Hélène", "Rue de l'Église 3, 1000 Bruxelles", "Chambre Zoé")
    ]


def test_bytes_that_cannot_be_decoded_are_refused_saying_to_save_as_csv_utf_8(site, coordinator):
    content = HEADER.encode() + b"R\x81sidence;Rue\x8d 1;no;Studio 1;studio;2;yes;no;yes\n"
    response = _post(verified_client(coordinator), content, "units.csv")
    assert "choose “Save as” and the type “CSV UTF-8”" in response.content.decode()
    assert (
        response.context["form"]
        .errors["file"][0]
        .startswith("The characters of this file cannot be read")
    )
    assert Building.objects.count() == 0


def test_a_damaged_xlsx_answers_with_a_message(site, coordinator):
    response = _post(verified_client(coordinator), b"PK\x03\x04 damaged", "units.xlsx")
    assert response.context["form"].errors["file"] == ["This is not a readable XLSX file."]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_imports_back_with_no_error(site, coordinator, file_format):
    client = verified_client(coordinator)
    page = client.get("/housing/import/").content.decode()
    assert '<a href="/housing/import/template/" download>Download the template (CSV)</a>' in page
    template = client.get("/housing/import/template/", {"format": file_format})
    assert template["Content-Disposition"] == (
        f'attachment; filename="housing-inventory-template.{file_format}"'
    )
    if file_format == "csv":
        assert template.content.startswith(codecs.BOM_UTF8 + b"building;address;confidential;")
    response = _post(client, template.content, f"template.{file_format}")
    report = response.context["report"]
    assert (report.errors, report.written, report.created_units) == ([], True, 1)
    assert Unit.objects.get().building.name == "Maison des Tilleuls"
