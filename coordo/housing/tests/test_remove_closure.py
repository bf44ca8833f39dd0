from __future__ import annotations

from datetime import date

import pytest

from conftest import make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.housing.actions import close_unit
from coordo.housing.models import UnitClosure
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db


def test_a_period_entered_by_mistake_is_removed_and_the_removal_audited(
    site, other_site, coordinator
):
    unit = make_unit(make_building(site))
    closure = close_unit(
        unit,
        start=date(2026, 12, 1),
        end=None,
        reason="Erreur",
        by=principal(coordinator),
    )
    url = f"/housing/units/{unit.pk}/closures/{closure.pk}/remove/"
    stranger = verified_client(make_user(other_site, Role.COORDINATOR))
    assert stranger.post(url).status_code == 404
    assert verified_client(make_user(site, Role.SOCIAL_WORKER)).post(url).status_code == 403
    assert verified_client(coordinator).post(url).status_code == 302
    assert UnitClosure.objects.count() == 0
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.DELETE, object_type="housing.unitclosure", object_id=str(closure.pk)
        ).count()
        == 1
    )
