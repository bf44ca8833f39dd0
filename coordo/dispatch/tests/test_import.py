"""The daily import of free places: every row checked, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from conftest import make_user
from coordo.access.roles import Role
from coordo.dispatch.importer import import_units, read_rows
from coordo.dispatch.models import ReceptionUnit
from coordo.dispatch.tests.conftest import principal

pytestmark = pytest.mark.django_db

HEADER = "centre;unit;kind;beds;free;women_only;medical;accessible;minors\n"


def rows_of(text: str) -> list[dict[str, str]]:
    return read_rows(io.BytesIO(text.encode()), "places.csv")


def test_csv_updates_and_creates_units(dispatcher, network):
    rows = rows_of(HEADER + "BXL;BXL-F1;private;4;0;no;no;yes;no\nGNT;GNT-S2;shared;8;5;oui;;;\n")
    result = import_units(rows, by=dispatcher, principal=principal(dispatcher))
    assert (result.created, result.updated) == (1, 1)
    assert list(ReceptionUnit.objects.filter(code__in=["BXL-F1", "GNT-S2"]).values_list(
        "code", "free", "accessible", "women_only")) == [("BXL-F1", 0, True, False), ("GNT-S2", 5, False, True)]  # fmt: skip


def test_xlsx_is_read_like_csv(dispatcher, network):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    sheet.append(["GNT", "GNT-F1", "private", 5, 0, "no", "no", "no", "no"])
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    result = import_units(
        read_rows(upload, "places.xlsx"), by=dispatcher, principal=principal(dispatcher)
    )
    assert (result.created, result.updated) == (0, 1)
    assert ReceptionUnit.objects.get(code="GNT-F1").free == 0


def test_one_bad_row_and_nothing_is_written(dispatcher, network):
    rows = rows_of(
        HEADER + "BXL;BXL-F1;private;4;0;no;no;no;no\nXXX;X-1;suite;2;3;maybe;no;no;no\n"
    )
    with pytest.raises(ValidationError) as error:
        import_units(rows, by=dispatcher, principal=principal(dispatcher))
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
        import_units([], by=coordinator, principal=principal(coordinator))
