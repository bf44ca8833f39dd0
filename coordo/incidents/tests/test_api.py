from __future__ import annotations

import pytest

from conftest import verified_client
from coordo.access.scoping import principal_for_user
from coordo.incidents import actions
from coordo.incidents.models import Incident
from coordo.incidents.tests.factories import on_test_day, report

pytestmark = pytest.mark.django_db

BODY = {
    "key": "4b7e9a52-1c1f-4c0f-8a43-9b6a2d7f0e11", "occurred_at": "2026-11-03T21:40:00+01:00",
    "place": "courtyard", "type": "physical_aggression", "severity": 2,
    "narrative": "Un visiteur a bousculé l'accueillant.", "author": "Un homme inconnu",
}  # fmt: skip


@on_test_day
def test_a_host_reports_through_the_api_once_and_reads_no_narrative_back(site, host):
    client = verified_client(host)
    first = client.post(
        "/api/incidents", {**BODY, "site_id": site.pk}, content_type="application/json"
    )
    again = client.post(
        "/api/incidents", {**BODY, "site_id": site.pk}, content_type="application/json"
    )
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Incident.objects.count() == 1
    assert "bousculé" not in first.content.decode()


def test_a_report_at_another_organisations_site_is_not_found(foreign_site, host):
    answer = verified_client(host).post(
        "/api/incidents", {**BODY, "site_id": foreign_site.pk}, content_type="application/json"
    )
    assert answer.status_code == 404


@on_test_day
def test_acknowledge_and_my_open_actions(site, host, coordinator):
    incident = report(site, host, severity=3)  # nobody on call: the coordinator is alerted
    client = verified_client(coordinator)
    answer = client.post(f"/api/incidents/{incident.pk}/acknowledge")
    assert answer.status_code == 200
    assert answer.json()["acknowledged_at"] is not None
    from datetime import date

    actions.add_follow_up_action(
        incident, title="Appeler la police", owner=host, due=date(2026, 12, 1),
        by=principal_for_user(coordinator),
    )  # fmt: skip
    mine = verified_client(host).get("/api/incidents/actions/mine").json()
    assert [row["title"] for row in mine] == ["Appeler la police"]
