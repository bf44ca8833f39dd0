"""Who is on call from when to when: periods of one rota never overlap."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordo.access.models import AuditEvent, Site, User
from coordo.planning.models import RotaPeriod, Worker
from coordo.planning.tests.rota_factories import add_period, at, make_rota


def test_a_period_is_added(site: Site, coordinator: User, team: list[Worker]) -> None:
    rota = make_rota(site, coordinator, team[:2])
    period = add_period(rota, coordinator, at(1, 8), at(4, 8), team[1])
    assert (period.rota, period.start, period.end, period.holder) == (
        rota,
        at(1, 8),
        at(4, 8),
        team[1],
    )
    event = AuditEvent.objects.get(object_type="planning.rotaperiod")
    assert (event.action, event.object_id, event.site_id) == ("create", str(period.pk), site.pk)


def test_an_overlap_is_refused_with_the_period_it_meets(
    site: Site, coordinator: User, team: list[Worker]
) -> None:
    rota = make_rota(site, coordinator, team[:2])
    add_period(rota, coordinator, at(1, 8), at(4, 8), team[1])
    add_period(rota, coordinator, at(4, 8), at(7, 8), team[0])  # back to back is fine
    with pytest.raises(ValidationError) as error:
        add_period(rota, coordinator, at(3, 20), at(5, 8), team[0])
    assert error.value.message_dict == {
        "start": [
            "This period overlaps the one from Tue 1 December 2026 08:00 to "
            "Fri 4 December 2026 08:00."
        ]
    }
    assert RotaPeriod.objects.count() == 2


def test_the_end_comes_after_the_start_and_the_holder_is_a_member(
    site: Site, coordinator: User, team: list[Worker]
) -> None:
    rota = make_rota(site, coordinator, team[:2])
    with pytest.raises(ValidationError) as error:
        add_period(rota, coordinator, at(4, 8), at(4, 8), team[0])
    assert error.value.message_dict == {"end": ["The period must end after it starts."]}
    with pytest.raises(ValidationError) as error:
        add_period(rota, coordinator, at(4, 8), at(5, 8), team[3])
    assert error.value.message_dict == {
        "holder": ["The person on call must be a member of the rota."]
    }
    assert RotaPeriod.objects.count() == 0


def test_a_host_may_not(site: Site, coordinator: User, host: User, team: list[Worker]) -> None:
    rota = make_rota(site, coordinator, team[:2])
    with pytest.raises(PermissionDenied):
        add_period(rota, host, at(1, 8), at(2, 8), None)
