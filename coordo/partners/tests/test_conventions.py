from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.scoping import principal_for_user
from coordo.partners import actions
from coordo.partners.models import Convention, Partner
from coordo.partners.queries import coming_up_for_renewal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def partner(organisation):
    return Partner.objects.create(organisation=organisation, name="CPAS de Test", kind="cpas")


def sign(site, partner, coordinator, **extra):
    fields = {
        "subject": "Outreach",
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "renewal_notice_days": 60,
        **extra,
    }
    return actions.sign_convention(
        site=site, partner=partner, by=principal_for_user(coordinator), **fields
    )


def test_a_convention_is_due_for_renewal_its_notice_before_the_end(site, partner, coordinator):
    soon = sign(site, partner, coordinator)
    sign(site, partner, coordinator, end_date=date(2028, 6, 30))
    assert soon.renewal_due == date(2026, 11, 1)
    assert list(coming_up_for_renewal(principal_for_user(coordinator), date(2026, 11, 23))) == [
        soon
    ]
    assert AuditEvent.objects.filter(action=AuditAction.CREATE).count() == 2


def test_a_document_that_is_not_allowed_is_refused_and_nothing_is_written(
    site, partner, coordinator
):
    response = verified_client(coordinator).post(
        "/conventions/new/",
        {
            "partner": partner.pk,
            "subject": "Outreach",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "renewal_notice_days": "90",
            "document": SimpleUploadedFile("convention.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert (
        "Only PDF, JPEG, PNG, DOCX and ODT documents can be attached." in response.content.decode()
    )
    assert Convention.objects.count() == 0


def test_an_end_before_the_start_is_refused_naming_the_field(site, partner, coordinator):
    response = verified_client(coordinator).post(
        "/conventions/new/",
        {
            "partner": partner.pk,
            "subject": "Outreach",
            "start_date": "2026-01-01",
            "end_date": "2025-12-31",
            "renewal_notice_days": "90",
        },
    )
    assert response.context["form"].errors == {
        "end_date": ["The end date is before the start date."]
    }


def test_the_document_is_served_only_to_the_sites_coordination(
    site, partner, coordinator, social_worker
):
    convention = sign(
        site, partner, coordinator, document=SimpleUploadedFile("c.pdf", b"%PDF-1.4 signed")
    )
    response = verified_client(coordinator).get(f"/conventions/{convention.pk}/document/")
    assert (response.content, response["X-Content-Type-Options"]) == (b"%PDF-1.4 signed", "nosniff")
    assert (
        verified_client(social_worker).get(f"/conventions/{convention.pk}/document/").status_code
        == 403
    )


def test_a_partner_is_created_with_its_services(organisation, coordinator):
    response = verified_client(coordinator).post(
        "/partners/new/",
        {
            "name": "Maison médicale du Parc",
            "kind": "medical_house",
            "line": "first",
            "services": "General practice\nPsychologist",
        },
    )
    partner = Partner.objects.get(name="Maison médicale du Parc")
    assert response.url == f"/partners/{partner.pk}/"
    assert sorted(partner.services.values_list("name", flat=True)) == [
        "General practice",
        "Psychologist",
    ]


def test_a_partner_is_edited_and_gets_a_new_service(partner, coordinator):
    response = verified_client(coordinator).post(
        f"/partners/{partner.pk}/edit/",
        {
            "name": "CPAS de Test",
            "kind": "cpas",
            "line": "second",
            "is_active": "on",
            "opening_hours": "Mon–Fri 9–12",
            "services": "Urgent medical aid",
        },
    )
    assert response.url == f"/partners/{partner.pk}/"
    partner.refresh_from_db()
    assert (partner.opening_hours, list(partner.services.values_list("name", flat=True))) == (
        "Mon–Fri 9–12",
        ["Urgent medical aid"],
    )
    assert (
        AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="partners.partner").count()
        == 1
    )
