from __future__ import annotations

import pytest

from conftest import verified_client
from coordo.access.models import AuditEvent
from coordo.casework.models import Referral, Request

pytestmark = pytest.mark.django_db

BODY = {"reason": "Pregnancy follow-up", "consent_given": True, "due_date": "2026-12-01"}


def test_a_referral_is_created_through_the_api(site, person, partner, social_worker):
    service = partner.services.get()
    response = verified_client(social_worker).post(
        f"/api/people/{person.pk}/referrals",
        {**BODY, "site_id": site.pk, "partner_id": partner.pk, "service_id": service.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "sent"
    assert Referral.objects.get().service == service


def test_an_unknown_partner_is_named_in_the_error_and_nothing_is_written(
    site, person, social_worker
):
    response = verified_client(social_worker).post(
        f"/api/people/{person.pk}/referrals",
        {**BODY, "site_id": site.pk, "partner_id": 999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "partner_id" in response.content.decode()
    assert Referral.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="casework.referral").count() == 0


def test_a_desk_request_is_registered_and_listed(site, person, social_worker):
    client = verified_client(social_worker)
    created = client.post(
        f"/api/people/{person.pk}/desk-requests",
        {"site_id": site.pk, "kind": "legal"},
        content_type="application/json",
    )
    assert created.status_code == 201
    listed = client.get("/api/desk-requests").json()
    assert [item["id"] for item in listed["items"]] == [Request.objects.get().pk]


def test_case_file_metadata_carries_no_note(case_file, social_worker):
    body = verified_client(social_worker).get(f"/api/case-files/{case_file.pk}").json()
    assert sorted(body) == [
        "closed_at",
        "household_id",
        "id",
        "opened_at",
        "person_id",
        "referent_id",
        "site_id",
        "status",
    ]
