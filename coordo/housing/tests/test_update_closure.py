from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.housing.actions import admit_household, close_unit, update_closure
from coordo.housing.models import UnitClosure
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db
START = date(2026, 12, 1)


def _closure(site, coordinator):  # type: ignore[no-untyped-def]
    unit = make_unit(make_building(site), capacity=2)
    return close_unit(
        unit,
        start=START,
        end=None,
        reason="Dégât des eaux",
        by=principal(coordinator),
    )


def test_the_coordinator_ends_a_period_and_changes_its_reason(site, coordinator):
    closure = _closure(site, coordinator)
    update_closure(
        closure,
        start=START,
        end=date(2026, 12, 20),
        reason="Plafond refait",
        by=principal(coordinator),
    )
    closure.refresh_from_db()
    assert (closure.end, closure.reason) == (date(2026, 12, 20), "Plafond refait")
    events = AuditEvent.objects.filter(object_type="housing.unitclosure").order_by("pk")
    assert list(events.values_list("action", "site_id")) == [
        (AuditAction.CREATE, site.pk),
        (AuditAction.UPDATE, site.pk),
    ]


def test_a_period_cannot_end_before_it_starts_nor_cover_a_lived_in_night(site, coordinator):
    who = principal(coordinator)
    closure = _closure(site, coordinator)
    update_closure(
        closure,
        start=START,
        end=date(2026, 12, 10),
        reason="Travaux",
        by=who,
    )
    admit_household(
        closure.unit,
        head=make_person(site),
        start=date(2026, 12, 10),
        by=who,
    )
    for end, errors in (
        (
            START,
            {"end": ["The unit must come back in service after the first night out of service."]},
        ),
        (
            date(2026, 12, 11),
            {
                "start": [
                    "Someone lives in this unit on these dates: move them or end the stay first."
                ]
            },
        ),
    ):
        with pytest.raises(ValidationError) as error:
            update_closure(closure, start=START, end=end, reason="Travaux", by=who)
        assert error.value.message_dict == errors
    closure.refresh_from_db()
    assert closure.end == date(2026, 12, 10)


def test_only_the_coordinators_of_the_site_change_a_period(site, other_site, coordinator):
    closure = _closure(site, coordinator)
    for user in (make_user(site, Role.SOCIAL_WORKER), make_user(other_site, Role.COORDINATOR)):
        with pytest.raises(PermissionDenied):
            update_closure(closure, start=START, end=None, reason="X", by=principal(user))


def test_the_edit_page_saves_and_a_coordinator_of_another_site_gets_404(
    site, other_site, coordinator
):
    closure = _closure(site, coordinator)
    url = f"/housing/units/{closure.unit_id}/closures/{closure.pk}/edit/"
    client = verified_client(coordinator)
    refused = client.post(url, {"start": "2026-12-01", "end": "2026-11-30", "reason": "Travaux"})
    assert "The unit must come back in service after the first night out of service." in (
        refused.content.decode()
    )
    saved = client.post(url, {"start": "2026-12-01", "end": "2026-12-05", "reason": "Travaux"})
    assert (saved.status_code, saved["Location"]) == (
        302,
        f"/housing/units/{closure.unit_id}/edit/",
    )
    assert UnitClosure.objects.get().end == date(2026, 12, 5)
    stranger = verified_client(make_user(other_site, Role.COORDINATOR))
    assert stranger.get(url).status_code == 404


@time_machine.travel("2026-12-08 10:00 +01:00")
def test_back_in_service_today_from_the_unit_page(site, coordinator):
    closure = _closure(site, coordinator)
    client = verified_client(coordinator)
    page = client.get(f"/housing/units/{closure.unit_id}/edit/").content.decode()
    assert page.count("Back in service today") == 1
    assert '<input type="hidden" name="end" value="2026-12-08">' in page
    client.post(
        f"/housing/units/{closure.unit_id}/closures/{closure.pk}/edit/",
        {"start": "2026-12-01", "end": "2026-12-08", "reason": "Dégât des eaux"},
    )
    closure.refresh_from_db()
    assert closure.end == date(2026, 12, 8)
    page = client.get(f"/housing/units/{closure.unit_id}/edit/").content.decode()
    assert "Back in service today" not in page
