"""A rota is renamed and its members change; a member on call in a coming period stays."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import rotas as rota_actions
from coordo.planning.models import Rota, Worker
from coordo.planning.tests.rota_factories import add_period, at, make_rota


def _update(rota: Rota, coordinator: User, members: list[Worker]) -> Rota:
    return rota_actions.update_rota(
        rota,
        name="Garde du week-end",
        members=members,
        by=principal_for_user(coordinator),
    )


def test_the_name_and_members_change(site: Site, coordinator: User, team: list[Worker]) -> None:
    rota = _update(make_rota(site, coordinator, team[:2]), coordinator, [team[1], team[2]])
    rota.refresh_from_db()
    assert rota.name == "Garde du week-end"
    assert set(rota.members.all()) == {team[1], team[2]}


def test_a_member_on_call_later_cannot_leave(
    site: Site, coordinator: User, team: list[Worker]
) -> None:
    rota = make_rota(site, coordinator, team[:2])
    add_period(rota, coordinator, at(1, 8), at(2, 8), team[0])
    with pytest.raises(ValidationError) as error:
        _update(rota, coordinator, [team[1]])
    assert error.value.message_dict == {
        "members": ["Yara Test still on call in a coming period: change it first."]
    }
    rota.refresh_from_db()
    assert (rota.name, set(rota.members.all())) == ("Garde de nuit", set(team[:2]))
