"""A period is removed, with its audit row."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import rotas as rota_actions
from coordo.planning.models import RotaPeriod, Worker
from coordo.planning.tests.factories import audit_rows
from coordo.planning.tests.rota_factories import add_period, at, make_rota


def test_a_period_is_removed(site: Site, coordinator: User, host: User, team: list[Worker]) -> None:
    period = add_period(
        make_rota(site, coordinator, team[:2]), coordinator, at(1, 8), at(2, 8), None
    )
    with pytest.raises(PermissionDenied):
        rota_actions.remove_rota_period(period, by=principal_for_user(host))
    pk = period.pk
    rota_actions.remove_rota_period(period, by=principal_for_user(coordinator))
    assert RotaPeriod.objects.count() == 0
    assert audit_rows("delete", "planning.rotaperiod", pk) == 1
