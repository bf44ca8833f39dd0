from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from conftest import verified_client
from coordo.access.scoping import principal_for_user
from coordo.incidents import actions
from coordo.incidents.tests.factories import on_test_day, report

pytestmark = pytest.mark.django_db


@on_test_day
def test_an_action_shows_in_its_owners_list_and_she_closes_it(site, host, coordinator):
    incident = report(site, host)
    action = actions.add_follow_up_action(
        incident, title="Rappeler la résidente", owner=host, due=date(2026, 12, 10),
        by=principal_for_user(coordinator),
    )  # fmt: skip
    incident.refresh_from_db()
    assert incident.status == "follow_up"
    client = verified_client(host)
    assert "Rappeler la résidente" in client.get("/incidents/follow-up/").content.decode()
    assert "Rappeler la résidente" in client.get("/").content.decode()  # the dashboard card
    assert client.post(f"/incidents/follow-up/{action.pk}/done/").status_code == 302
    action.refresh_from_db()
    assert action.done_at is not None


@on_test_day
def test_a_host_cannot_add_an_action(site, host):
    incident = report(site, host)
    with pytest.raises(PermissionDenied):
        actions.add_follow_up_action(
            incident, title="x", owner=host, due=date(2026, 12, 10), by=principal_for_user(host)
        )


@on_test_day
def test_the_coordinator_adds_an_action_from_the_page(site, host, coordinator):
    incident = report(site, host)
    answer = verified_client(coordinator).post(
        f"/incidents/{incident.pk}/actions/",
        {"title": "Debriefing équipe", "owner": host.pk, "due": "2026-12-10"},
    )
    assert answer.status_code == 302
    assert list(incident.actions.values_list("title", flat=True)) == ["Debriefing équipe"]


def test_the_coordinator_closes_the_incident(site, host, coordinator):
    incident = report(site, host)
    verified_client(coordinator).post(f"/incidents/{incident.pk}/status/", {"status": "closed"})
    incident.refresh_from_db()
    assert incident.status == "closed"
