"""The inventory forms: create and edit buildings and units through their pages."""

from __future__ import annotations

import pytest

from conftest import verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.housing.models import Building, Unit

pytestmark = pytest.mark.django_db
UNIT = {"name": "Studio 1", "kind": "studio", "capacity": "2"}


def test_a_coordinator_creates_and_edits_a_building_and_its_unit(site, coordinator):
    client = verified_client(coordinator)
    created = client.post(
        "/housing/buildings/new/", {"name": "Maison Lierre", "address": "Rue des Glycines 14"}
    )
    assert (created.status_code, created["Location"]) == (302, "/housing/buildings/")
    building = Building.objects.get()
    client.post(
        f"/housing/buildings/{building.pk}/edit/",
        {"name": "Maison Lierre", "address": "Rue des Glycines 16", "confidential": "on"},
    )
    building.refresh_from_db()
    assert (building.address, building.confidential, building.site) == (
        "Rue des Glycines 16",
        True,
        site,
    )
    assert client.post(f"/housing/buildings/{building.pk}/units/new/", UNIT).status_code == 302
    unit = Unit.objects.get()
    refused = client.post(f"/housing/units/{unit.pk}/edit/", UNIT | {"capacity": "0"})
    assert refused.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in refused.content.decode()
    client.post(f"/housing/units/{unit.pk}/edit/", UNIT | {"capacity": "3", "family": "on"})
    unit.refresh_from_db()
    assert (unit.capacity, unit.family) == (3, True)
    actions = AuditEvent.objects.filter(object_type__in=["housing.building", "housing.unit"])
    assert sorted(actions.values_list("object_type", "action")) == [
        ("housing.building", AuditAction.CREATE),
        ("housing.building", AuditAction.UPDATE),
        ("housing.unit", AuditAction.CREATE),
        ("housing.unit", AuditAction.UPDATE),
    ]
