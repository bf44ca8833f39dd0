from __future__ import annotations

from datetime import date, time

import pytest
import time_machine
from django.test import Client

from coordo.community.actions import outreach
from coordo.community.models import Attendance, OutreachContact
from coordo.community.tests.factories import make_public, principal, propose, published

pytestmark = pytest.mark.django_db


def test_the_public_programme_needs_no_token_and_holds_no_name(site, coordinator):
    make_public(site)
    published(site, coordinator, starts_on=date(2026, 10, 20))
    propose(site, coordinator, title="Brouillon")
    with time_machine.travel("2026-10-19 09:00 +02:00", tick=False):
        occurrences = Client().get(f"/api/programme/{site.pk}/occurrences")
    assert occurrences.status_code == 200
    first, second = occurrences.json()[:2]
    assert (first["starts"], second["starts"]) == (
        "2026-10-20T14:00:00+02:00", "2026-10-27T14:00:00+01:00",
    )  # fmt: skip
    activities = Client().get(f"/api/programme/{site.pk}/activities").json()
    assert [a["title"] for a in activities] == ["Atelier couture"]
    assert "Nour" not in str(activities)


def test_a_site_not_public_answers_404(site, coordinator):
    published(site, coordinator)
    assert Client().get(f"/api/programme/{site.pk}/activities").status_code == 404


def test_the_public_programme_is_cacheable_as_its_page_and_a_404_is_not(site, coordinator):
    make_public(site)
    published(site, coordinator)
    draft = propose(site, coordinator, title="Brouillon")
    page = Client().get(f"/programme/{site.pk}/")
    for path in ("activities", "occurrences"):
        answer = Client().get(f"/api/programme/{site.pk}/{path}")
        assert answer.status_code == 200
        assert answer["Cache-Control"] == page["Cache-Control"] == "public, max-age=300"
        assert answer["Vary"] == page["Vary"]
        assert "Brouillon" not in answer.content.decode()
    listed = Client().get(f"/api/programme/{site.pk}/activities").json()
    assert [a["title"] for a in listed] == ["Atelier couture"]  # the draft is not there
    make_public(site, public=False)
    for path in ("activities", "occurrences"):
        hidden = Client().get(f"/api/programme/{site.pk}/{path}")
        assert (hidden.status_code, hidden["Cache-Control"]) == (404, "no-store")
    # The answers that need a token stay out of every cache.
    refused = Client().post(f"/api/community/activities/{draft.pk}/attendance", {})
    assert refused["Cache-Control"] == "no-store"


def test_attendance_and_a_contact_through_the_api(site, coordinator, host, client_for):
    activity = published(site, coordinator)
    client = client_for(host)
    answer = client.post(
        f"/api/community/activities/{activity.pk}/attendance",
        {"occurrence_date": "2026-03-10", "total": 9, "children": 2},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert Attendance.objects.get().children == 2
    refused = client.post(
        f"/api/community/activities/{activity.pk}/attendance",
        {"occurrence_date": "2026-03-10", "total": 30},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "over_capacity_confirmed"]
    negative = client.post(
        f"/api/community/activities/{activity.pk}/attendance",
        {"occurrence_date": "2026-03-10", "total": -1}, content_type="application/json",
    )  # fmt: skip
    assert negative.status_code == 422
    found = outreach.create_round(
        site, held_on=date(2026, 6, 10), start_time=time(20), area="Gare du Nord",
        by=principal(host),
    )  # fmt: skip
    contact = client.post(
        f"/api/community/outreach/{found.pk}/contacts",
        {"age_band": "18_25", "needs": ["shelter"], "given": ["food", "information"]},
        content_type="application/json",
    )
    assert contact.status_code == 201
    assert OutreachContact.objects.get().given == ["food", "information"]
