"""A coordinator sets up an on-call rota of their site with some of its workers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_site
from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import rotas as rota_actions
from coordo.planning.models import Rota, Worker
from coordo.planning.tests.factories import make_worker
from coordo.planning.tests.rota_factories import make_rota


def test_a_coordinator_creates_a_rota(site: Site, coordinator: User, team: list[Worker]) -> None:
    rota = make_rota(site, coordinator, team[:2])
    assert (rota.site, rota.organisation, rota.name) == (site, site.organisation, "Garde de nuit")
    assert set(rota.members.all()) == set(team[:2])
    assert list(AuditEvent.objects.filter(object_type="planning.rota").values_list("action")) == [
        ("create",)
    ]


def test_members_work_at_the_site(site: Site, coordinator: User, team: list[Worker]) -> None:
    elsewhere = make_worker(make_site(site.organisation, "Autre maison"), "Eva Ailleurs")
    with pytest.raises(ValidationError) as error:
        make_rota(site, coordinator, [team[0], elsewhere])
    assert error.value.message_dict == {"members": ["Every member must work at this site."]}
    assert Rota.objects.count() == 0


def test_a_rota_has_a_name(site: Site, coordinator: User) -> None:
    with pytest.raises(ValidationError) as error:
        rota_actions.create_rota(
            site=site,
            name="  ",
            members=[],
            by=principal_for_user(coordinator),
        )
    assert error.value.message_dict == {"name": ["This field cannot be blank."]}


def test_only_a_coordinator_of_the_site(site: Site, host: User) -> None:
    with pytest.raises(PermissionDenied):
        rota_actions.create_rota(site=site, name="Garde", members=[], by=principal_for_user(host))
