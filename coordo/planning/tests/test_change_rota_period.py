"""A period moves or changes hands; it still may not overlap another one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import rotas as rota_actions
from coordo.planning.models import RotaPeriod, Worker
from coordo.planning.tests.rota_factories import add_period, at, make_rota


def _change(
    period: RotaPeriod, coordinator: User, start_day: int, end_day: int, holder: Worker
) -> RotaPeriod:
    return rota_actions.change_rota_period(
        period,
        start=at(start_day, 8),
        end=at(end_day, 8),
        holder=holder,
        weekend=True,
        by=principal_for_user(coordinator),
    )


def test_a_period_changes_hands_and_length(
    site: Site, coordinator: User, team: list[Worker]
) -> None:
    rota = make_rota(site, coordinator, team[:2])
    period = add_period(rota, coordinator, at(1, 8), at(4, 8), team[1])
    _change(period, coordinator, 1, 3, team[0])  # its own old span is no overlap
    period.refresh_from_db()
    assert (period.start, period.end, period.holder, period.weekend) == (
        at(1, 8),
        at(3, 8),
        team[0],
        True,
    )


def test_it_cannot_move_over_another(site: Site, coordinator: User, team: list[Worker]) -> None:
    rota = make_rota(site, coordinator, team[:2])
    first = add_period(rota, coordinator, at(1, 8), at(4, 8), team[1])
    add_period(rota, coordinator, at(4, 8), at(7, 8), team[0])
    with pytest.raises(ValidationError) as error:
        _change(first, coordinator, 1, 5, team[1])
    assert list(error.value.message_dict) == ["start"]
    first.refresh_from_db()
    assert first.end == at(4, 8)
