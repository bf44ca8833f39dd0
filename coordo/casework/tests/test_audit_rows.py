"""Every case-work action writes exactly one audit row naming its record, and no value."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coordo.access.models import AuditAction, AuditEvent
from coordo.casework import actions
from coordo.casework.models import Goal, Level, Referral
from coordo.casework.tests.conftest import principal
from coordo.partners import actions as partner_actions

pytestmark = pytest.mark.django_db


def rows() -> list[tuple[str, str]]:
    return list(AuditEvent.objects.order_by("id").values_list("action", "object_type"))


def test_each_case_file_action_writes_one_row(settings, tmp_path, case_file, social_worker):
    settings.MEDIA_ROOT = tmp_path
    who = principal(social_worker)
    goal = actions.add_goal(
        case_file, domain="health", description="See a GP", target_date=date(2026, 12, 31), by=who
    )
    actions.update_goal_progress(goal, progress=40, by=who)
    actions.add_appointment(
        case_file, starts_at=datetime(2026, 12, 1, 10, tzinfo=timezone.UTC), purpose="CPAS", by=who
    )
    actions.add_note(case_file, level=Level.TEAM, body="Seen", by=who)
    actions.attach_document(
        case_file, upload=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nxx"), title="Card", by=who
    )
    actions.close_case_file(case_file, reason="Moved out", by=who)
    assert rows() == [
        (AuditAction.CREATE, "casework.goal"),
        (AuditAction.UPDATE, "casework.goal"),
        (AuditAction.CREATE, "casework.appointment"),
        (AuditAction.CREATE, "casework.note"),
        (AuditAction.CREATE, "casework.attachment"),
        (AuditAction.UPDATE, "casework.casefile"),
    ]
    assert Goal.objects.get().progress == 40


def test_a_walk_in_writes_the_person_and_the_request(site, social_worker):
    actions.register_walk_in(
        site=site,
        person_fields={"first_name": "Saba", "last_name": "Kidane"},
        kind="information",
        urgency="normal",
        by=principal(social_worker),
    )
    assert rows() == [
        (AuditAction.CREATE, "people.person"),
        (AuditAction.CREATE, "casework.request"),
    ]


def test_postponing_a_follow_up_writes_one_row(site, person, partner, social_worker):
    referral = Referral.objects.create(
        organisation=site.organisation,
        site=site,
        person=person,
        partner=partner,
        reason="x",
        consent_given=True,
        due_date=date(2026, 11, 20),
        referred_by=social_worker,
    )
    actions.postpone_follow_up(
        referral, due_date=timezone.localdate() + timedelta(days=3), by=principal(social_worker)
    )
    assert rows() == [(AuditAction.UPDATE, "casework.referral")]


def test_partner_directory_actions_write_one_row_each(organisation, coordinator):
    who = principal(coordinator)
    partner = partner_actions.create_partner(
        organisation=organisation, name="CPAS Test", kind="cpas", by=who
    )
    partner_actions.add_contact(partner, name="Karim", role="Reception", by=who)
    partner_actions.add_service(partner, name="Urgent medical aid", by=who)
    assert rows() == [
        (AuditAction.CREATE, "partners.partner"),
        (AuditAction.CREATE, "partners.contact"),
        (AuditAction.CREATE, "partners.service"),
    ]
