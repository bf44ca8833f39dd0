"""Free places kept by each centre for its own units, by the arrival centre for all of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_user, verified_client
from coordo.access.roles import Role
from coordo.dispatch import actions
from coordo.dispatch.models import ReceptionUnit
from coordo.dispatch.tests.conftest import principal

pytestmark = pytest.mark.django_db


def test_a_centre_coordinator_updates_its_own_units_only(network):
    coordinator = make_user(network["BXL"].site, Role.COORDINATOR)
    own, other = ReceptionUnit.objects.get(code="BXL-F1"), ReceptionUnit.objects.get(code="GNT-F1")
    actions.update_free_places(own, free=0, by=principal(coordinator))
    assert ReceptionUnit.objects.get(code="BXL-F1").free == 0
    with pytest.raises(PermissionDenied):
        actions.update_free_places(other, free=0, by=principal(coordinator))
    client = verified_client(coordinator)
    assert (
        client.post(reverse("dispatch_unit_free", args=[other.pk]), {"free": 1}).status_code == 404
    )


def test_the_dispatcher_keeps_the_whole_network(dispatcher, network):
    unit = ReceptionUnit.objects.get(code="GNT-S1")
    response = verified_client(dispatcher).post(
        reverse("dispatch_unit_free", args=[unit.pk]), {"free": 6}
    )
    assert response.status_code == 302
    assert ReceptionUnit.objects.get(code="GNT-S1").free == 6
    with pytest.raises(ValidationError) as error:
        actions.update_free_places(unit, free=7, by=principal(dispatcher))
    assert error.value.message_dict == {"free": ["Free beds must be between 0 and 6."]}


def test_the_network_page_offers_the_import_to_the_arrival_centre(dispatcher, network):
    page = verified_client(dispatcher).get(reverse("dispatch_network")).content.decode()
    assert "Daily import of free places" in page
    assert page.count('name="free"') == 5
